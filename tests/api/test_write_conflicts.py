"""DynamoDB cancels a transaction that meets another one on one of its items (TransactionConflict).
Nothing was written then, so the write is tried again; if it keeps failing the caller gets a
409 to retry, never a 500, and never half a report."""

import pytest
from moto.dynamodb.exceptions import TransactionCanceledException
from moto.dynamodb.models import DynamoDBBackend

from chalicelib.store.models import ReportModel
from chalicelib.store.reports import CONFLICT_ATTEMPTS
from tests.api.helpers import post_report, valid_report


@pytest.fixture
def conflicts(monkeypatch):
    """Make DynamoDB cancel the next ``n`` transactions for a conflict (all, with None)."""
    calls = {"n": 0}
    original = DynamoDBBackend.transact_write_items

    def arrange(n):
        def conflicting(self, transact_items):
            calls["n"] += 1
            if n is None or calls["n"] <= n:
                reasons = [(None, None, None)] * (len(transact_items) - 1)
                raise TransactionCanceledException(
                    [*reasons, ("TransactionConflict", "Transaction is ongoing", None)]
                )
            return original(self, transact_items)

        monkeypatch.setattr(DynamoDBBackend, "transact_write_items", conflicting)
        return calls

    return arrange


def test_a_submit_that_meets_a_conflict_is_retried_and_filed(client, conflicts):
    conflicts(2)
    response = post_report(client, valid_report())
    assert response.status_code == 201
    assert ReportModel.get(response.json_body["tracking_id"]).title


def test_a_conflict_that_persists_is_a_409_and_nothing_is_written(client, conflicts, monkeypatch):
    calls = conflicts(None)
    response = post_report(client, valid_report())
    assert response.status_code == 409
    assert response.json_body["error"]["code"] == "conflict"
    assert calls["n"] == CONFLICT_ATTEMPTS
