"""Test harness: fake credentials and region, moto in-process, tables created from the
models, reference data seeded from the data file, and a clock the test controls."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "ap-southeast-3",
        "LAPOR_STAGE": "test",
        "POWERTOOLS_SERVICE_NAME": "lapor",
        "POWERTOOLS_METRICS_NAMESPACE": "Lapor",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
    }
)
os.environ.pop("AWS_ENDPOINT_URL", None)
os.environ.pop("AWS_PROFILE", None)

from moto import mock_aws

from chalicelib import clock
from chalicelib.clock import FixedClock
from chalicelib.store import reference

# Friday 28 November 2026, 10:00 WIB.
DEFAULT_NOW = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)


@pytest.fixture
def aws() -> Iterator[None]:
    """A fresh, empty AWS account in moto with Lapor's tables and reference data."""
    from chalicelib.store.tables import create_tables

    with mock_aws():
        create_tables()
        reference.seed_reference_data()
        yield
    reference.clear_cache()


@pytest.fixture
def frozen_clock() -> Iterator[FixedClock]:
    fixed = FixedClock(DEFAULT_NOW)
    clock.use_clock(fixed)
    yield fixed
    clock.use_clock(clock.system_clock)
