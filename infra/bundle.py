"""The Lambda bundle, made lighter and quicker to start than `chalice package` leaves it.

- Out goes what the functions never import: every country's holidays but Indonesia's (and
  their translations), the financial markets' calendars, powertools' Swagger UI assets, and
  dnspython (only email-validator's deliverability check uses it; the app turns it off).
- In goes bytecode for every module, checked by hash and never against the source: the
  zip's timestamps (1980) would make timestamp-checked bytecode stale on every cold start,
  and the Lambda file system is read-only, so every container would compile again.

    python -m infra.bundle build/package/deployment.zip
"""

from __future__ import annotations

import compileall
import fnmatch
import py_compile
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

REMOVED = (
    "holidays/countries/*.py",
    "holidays/financial/*.py",
    "holidays/locale/*/LC_MESSAGES/*",
    "aws_lambda_powertools/event_handler/openapi/swagger_ui/*.js",
    "aws_lambda_powertools/event_handler/openapi/swagger_ui/*.css",
    "dns/*",
    "dnspython-*",
)
KEPT = (
    "holidays/countries/indonesia.py",
    "holidays/locale/*/LC_MESSAGES/ID.*",
)
# The packages' own indexes import every module they list: only what stays is listed.
REWRITTEN = {
    "holidays/countries/__init__.py": "from holidays.countries.indonesia import ID, IDN, Indonesia\n",
    "holidays/financial/__init__.py": "",
}


def _removed(name: str) -> bool:
    if name in REWRITTEN or any(fnmatch.fnmatch(name, p) for p in KEPT):
        return False
    return any(fnmatch.fnmatch(name, pattern) for pattern in REMOVED)


def optimize(zip_path: Path) -> None:
    """Rewrite the bundle at ``zip_path`` in place: trimmed, with hash-checked bytecode."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "bundle"
        with zipfile.ZipFile(zip_path) as bundle:
            modes = {info.filename: info.external_attr for info in bundle.infolist()}
            bundle.extractall(root)
        for name in list(modes):
            if _removed(name):
                (root / name).unlink()
                del modes[name]
        for name, text in REWRITTEN.items():
            (root / name).write_text(text)
        shutil.rmtree(root / "dns", ignore_errors=True)
        compiled = compileall.compile_dir(
            root, quiet=1, workers=0,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )  # fmt: skip
        if not compiled:
            raise SystemExit("a module of the bundle does not compile")
        _zip(root, zip_path, modes)


def _zip(root: Path, zip_path: Path, modes: dict[str, int]) -> None:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for path in files:
            name = path.relative_to(root).as_posix()
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = modes.get(name, 0o644 << 16)
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, path.read_bytes(), compresslevel=9)


if __name__ == "__main__":
    optimize(Path(sys.argv[1]))
