from chalicelib.store.models import ReportModel
from tests.api.helpers import post_report, valid_report

KEY = {"Idempotency-Key": "3f1c9a52-0b7e-4d8a-9c61-2f4b8e7d1a00"}


def test_ten_replays_with_one_key_make_exactly_one_report(client):
    responses = [post_report(client, valid_report(), **KEY) for _ in range(10)]
    assert {r.status_code for r in responses} == {201}
    assert len({r.json_body["tracking_id"] for r in responses}) == 1
    assert len({r.json_body["access_token"] for r in responses}) == 1
    assert ReportModel.count() == 1


def test_the_same_key_with_a_different_body_is_refused(client):
    post_report(client, valid_report(), **KEY)
    response = post_report(client, valid_report(title="Laporan yang lain sama sekali"), **KEY)
    assert response.status_code == 422
    assert response.json_body["error"]["code"] == "idempotency_key_reused"
    assert ReportModel.count() == 1


def test_different_keys_make_different_reports(client):
    post_report(client, valid_report(), **{"Idempotency-Key": "key-number-one"})
    post_report(client, valid_report(), **{"Idempotency-Key": "key-number-two"})
    assert ReportModel.count() == 2


def test_a_refused_body_does_not_use_up_the_key(client):
    assert post_report(client, valid_report(title=""), **KEY).status_code == 400
    assert post_report(client, valid_report(), **KEY).status_code == 201


def test_a_malformed_key_is_refused_naming_the_header(client):
    response = post_report(client, valid_report(), **{"Idempotency-Key": "short"})
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json_body["error"]["fields"]
    assert ReportModel.count() == 0
