"""Test harness: fake credentials and region, moto in-process, tables created from the
models, reference data seeded from the data file, and a clock the test controls."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from chalice.test import Client
from hypothesis import settings

# No per-example deadline: speed is measured in bench/, and a deadline flakes on a busy machine.
settings.register_profile("lapor", deadline=None)
settings.load_profile("lapor")

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
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.responses import DynamoHandler
from moto.server import ThreadedMotoServer

from chalicelib import clock
from chalicelib.auth import admins, link_keys
from chalicelib.clock import FixedClock
from chalicelib.store import reference
from local.provision import (
    DEMO_ADMIN_PASSWORD,
    DEMO_ADMIN_USERNAME,
    AdminPool,
    provision_admins,
    provision_data,
    sign_in,
)

# Saturday 28 November 2026, 10:00 WIB.
DEFAULT_NOW = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)


def _clear_caches() -> None:
    reference.clear_cache()
    link_keys.clear_cache()
    admins._keys.cache_clear()


@pytest.fixture
def aws() -> Iterator[None]:
    """A fresh AWS account in moto, provisioned as the dev runner does: tables, reference
    data and the link-signing secret."""
    with mock_aws():
        _clear_caches()
        provision_data()
        yield
    _clear_caches()


@pytest.fixture(scope="session")
def cognito_keys_url() -> Iterator[str]:
    """A moto server, only to publish the keys moto signs Cognito tokens with, over HTTP at
    the pool's jwks.json address, as Cognito does: the app fetches them like in production."""
    from local.run import free_port

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def admin_pool(aws: None, cognito_keys_url: str) -> AdminPool:
    """The admins' Cognito user pool with its demo admin (slow to create: only when needed)."""
    return provision_admins("test", jwks_base_url=cognito_keys_url)


@pytest.fixture
def frozen_clock() -> Iterator[FixedClock]:
    fixed = FixedClock(DEFAULT_NOW)
    clock.use_clock(fixed)
    yield fixed
    clock.use_clock(clock.system_clock)


@pytest.fixture
def client(aws: None, frozen_clock: FixedClock) -> Iterator[Client]:
    from app import app

    with Client(app) as test_client:
        yield test_client


@pytest.fixture
def admin_token(admin_pool: AdminPool) -> str:
    """A real ID token of the demo admin, from moto's Cognito."""
    return sign_in(admin_pool, DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD)["id_token"]


@pytest.fixture(autouse=True)
def no_scans(monkeypatch: pytest.MonkeyPatch) -> None:
    """Request paths and jobs are GetItems and Queries only: a Scan fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a DynamoDB Scan was issued")

    monkeypatch.setattr(DynamoDBBackend, "scan", refuse)


@pytest.fixture
def atomic_requests(monkeypatch):
    """DynamoDB applies each request atomically; moto, called from many threads at once,
    does not. One lock around each moto request restores the service's guarantee, while the
    race itself (read, decide, conditional write) stays between the threads."""
    lock = threading.Lock()
    call_action = DynamoHandler.call_action

    def atomic(self):
        with lock:
            return call_action(self)

    monkeypatch.setattr(DynamoHandler, "call_action", atomic)


@pytest.fixture
def stream(client):
    """The timeline's stream, read as Lambda's event source mapping reads it (from moto)."""
    from chalicelib.settings import get_settings
    from local.streams import StreamReader

    return StreamReader(get_settings().table_name("events"))


@pytest.fixture
def stream_added(stream):
    """Call it to do what the Performance function would have done by now."""
    from chalicelib.jobs.performance import add_stream_figures

    return lambda: add_stream_figures(stream.read(), clock.now())
