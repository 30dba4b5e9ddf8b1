from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from chalice.test import Client
from moto.dynamodb.models import DynamoDBBackend

from local.provision import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, AdminPool, sign_in


@pytest.fixture(autouse=True)
def no_scans(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every request path must be a GetItem or a Query: a Scan fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a request path issued a DynamoDB Scan")

    monkeypatch.setattr(DynamoDBBackend, "scan", refuse)


@pytest.fixture
def client(aws: None, frozen_clock: Any) -> Iterator[Client]:
    from app import app

    with Client(app) as test_client:
        yield test_client


@pytest.fixture
def admin_token(admin_pool: AdminPool) -> str:
    """A real ID token of the demo admin, from moto's Cognito."""
    return sign_in(admin_pool, DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD)["id_token"]
