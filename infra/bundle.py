"""The Lambda bundle, made lighter and quicker to start than `chalice package` leaves it.

- Out goes what the functions never import: the ``holidays`` package, whose Indonesian
  dates for the years around the build go in as a table instead (chalicelib/domain/
  calendar.py reads it; the package's import and computation cost ~45 ms of a first
  request), powertools' Swagger UI assets, and dnspython (only email-validator's
  deliverability check uses it; the app turns it off).
- In goes bytecode for every module, checked by hash and never against the source: the
  zip's timestamps (1980) would make timestamp-checked bytecode stale on every cold start,
  and the Lambda file system is read-only, so every container would compile again.

    python -m infra.bundle build/package/deployment.zip
"""

from __future__ import annotations

import compileall
import fnmatch
import py_compile
import sys
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from chalicelib.domain.calendar import HOLIDAY_TABLE, holiday_table

ROOT = Path(__file__).resolve().parent.parent

REMOVED = (
    "holidays/*",
    "holidays-*",
    "aws_lambda_powertools/event_handler/openapi/swagger_ui/*.js",
    "aws_lambda_powertools/event_handler/openapi/swagger_ui/*.css",
    "dns/*",
    "dnspython-*",
)
HOLIDAY_YEARS_BEFORE, HOLIDAY_YEARS_AFTER = 6, 20  # around the build's year


def _removed(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in REMOVED)


def optimize(zip_path: Path) -> None:
    """Rewrite the bundle at ``zip_path`` in place: trimmed, with hash-checked bytecode."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "bundle"
        with zipfile.ZipFile(zip_path) as bundle:
            kept = [info for info in bundle.infolist() if not _removed(info.filename)]
            bundle.extractall(root, members=kept)
        modes = {info.filename: info.external_attr for info in kept}
        year = datetime.now(UTC).year
        table = holiday_table(year - HOLIDAY_YEARS_BEFORE, year + HOLIDAY_YEARS_AFTER)
        table_path = root / HOLIDAY_TABLE.relative_to(ROOT)
        table_path.write_text(table.to_json())
        modes[table_path.relative_to(root).as_posix()] = 0o644 << 16
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
