import json

from chalicelib.services import intake
from chalicelib.store.models import ReportModel
from tests.api.helpers import post_report, valid_report


def _explode(*_args, **_kwargs):
    raise RuntimeError("secret internals: table lapor-test-reports is on fire")


def test_an_unexpected_failure_is_a_json_500_without_internals(client, monkeypatch):
    monkeypatch.setattr(intake, "create_report", _explode)
    response = post_report(client, valid_report())
    assert response.status_code == 500
    error = response.json_body["error"]
    assert error["code"] == "internal"
    assert error["request_id"] == response.headers["X-Request-Id"]
    assert error["request_id"] in error["message"]
    assert "fire" not in json.dumps(response.json_body)


def test_a_failed_submit_leaves_no_half_written_report(client, monkeypatch):
    from pynamodb.transactions import TransactWrite

    def fail_on_commit(self):
        raise RuntimeError("network dropped before commit")

    monkeypatch.setattr(TransactWrite, "_commit", fail_on_commit)
    assert post_report(client, valid_report()).status_code == 500
    assert ReportModel.count() == 0


def test_every_response_carries_a_request_id(client):
    assert client.http.get("/api/health").headers["X-Request-Id"]
