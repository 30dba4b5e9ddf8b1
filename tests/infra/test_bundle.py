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


def test_no_holiday_package_token_library_or_dns_resolver_is_shipped(unzipped):
    for absent in ("holidays", "cryptography", "jwt", "stdnum", "dns"):
        assert not (unzipped / absent).exists(), absent


def test_no_parquet_writer_query_engine_or_analysts_code_is_shipped(unzipped):
    for absent in ("pyarrow", "duckdb", "analytics"):
        assert not (unzipped / absent).exists(), absent


def test_every_app_module_imports_from_the_bundle(unzipped):
    script = """
import importlib, pkgutil
import app, chalicelib
for module in pkgutil.walk_packages(chalicelib.__path__, "chalicelib."):
    importlib.import_module(module.name)
"""
    _run_in_bundle(unzipped, script)


def test_the_bundles_holiday_table_is_the_holidays_packages_for_every_day_it_covers(unzipped):
    # The bundle has no `holidays` package: the one imported here is the test run's.
    script = """
import sys
from datetime import date, timedelta
from chalicelib.domain import calendar
assert calendar.HOLIDAY_TABLE.is_relative_to(sys.argv[1]) and calendar.HOLIDAY_TABLE.exists()
table = calendar._indonesian_holidays()
package = calendar._package_holidays(range(table.first_year, table.last_year + 1))
day = date(table.first_year, 1, 1)
while day.year <= table.last_year:
    assert (day in table) == (day in package), day
    day += timedelta(days=1)
assert date(2026, 12, 25) in table and date(2026, 8, 17) in table
assert table.first_year <= date.today().year - 5 and table.last_year >= date.today().year + 15
"""
    _run_in_bundle(unzipped, script)


def _run_in_bundle(unzipped: Path, script: str) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(unzipped),
        "PYTHONDONTWRITEBYTECODE": "1",
        "AWS_DEFAULT_REGION": "ap-southeast-3",
    }
    result = subprocess.run(
        [sys.executable, "-c", script, str(unzipped.resolve())],
        cwd=unzipped,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
