"""The functions' bundle as `cdk deploy` would upload it: trimmed, with bytecode the Lambda
runtime uses, and still everything the app imports."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

MAX_BUNDLE_BYTES = 10 * 1024 * 1024
UNCHECKED_HASH = 0b01  # PEP 552 flags: hash-based, not checked against the source


@pytest.fixture(scope="module")
def bundles(synthesized) -> list[Path]:
    found = sorted(synthesized.glob("asset.*.zip"))
    assert found, "the synthesized stacks carry no function bundle"
    return found


@pytest.fixture(scope="module")
def unzipped(bundles, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bundle")
    with zipfile.ZipFile(bundles[0]) as bundle:
        bundle.extractall(root)
    return root


def test_each_function_bundle_is_at_most_10_mb(bundles):
    for bundle in bundles:
        assert bundle.stat().st_size <= MAX_BUNDLE_BYTES


def test_every_module_ships_bytecode_that_is_never_checked_against_its_source(unzipped):
    tag = sys.implementation.cache_tag
    modules = list(unzipped.rglob("*.py"))
    assert len(modules) > 100
    for module in modules:
        cached = module.parent / "__pycache__" / f"{module.stem}.{tag}.pyc"
        header = cached.read_bytes()[:8]
        assert int.from_bytes(header[4:8], "little") == UNCHECKED_HASH, module


def test_only_indonesias_holidays_and_no_token_library_are_shipped(unzipped):
    countries = {p.stem for p in (unzipped / "holidays" / "countries").glob("*.py")}
    assert countries == {"__init__", "indonesia"}
    for absent in ("cryptography", "jwt", "stdnum", "dns"):
        assert not (unzipped / absent).exists(), absent


def test_every_app_module_imports_from_the_bundle_and_counts_indonesian_holidays(unzipped):
    script = """
import importlib, pkgutil, sys
from datetime import date
import app, chalicelib
for module in pkgutil.walk_packages(chalicelib.__path__, "chalicelib."):
    importlib.import_module(module.name)
from chalicelib.domain.calendar import WorkingCalendar
calendar = WorkingCalendar()
assert calendar.is_holiday(date(2026, 12, 25)) and calendar.is_holiday(date(2026, 8, 17))
assert calendar.is_working_day(date(2026, 12, 1))
import holidays
assert holidays.__file__.startswith(sys.argv[1])
"""
    env = {
        **os.environ,
        "PYTHONPATH": str(unzipped),
        "PYTHONDONTWRITEBYTECODE": "1",
        "AWS_DEFAULT_REGION": "ap-southeast-3",
    }
    result = subprocess.run(
        [sys.executable, "-c", script, str(unzipped)],
        cwd=unzipped,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
