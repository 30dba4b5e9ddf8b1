"""Open311 GeoReport v2: services, service definitions, requests filed with an API key and
read back, in JSON and XML, with the specification's field names and error shapes; and only
what the public may see."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode
from xml.etree import ElementTree

import pytest
from moto.dynamodb.models import DynamoDBBackend

from chalicelib.services import open311
from chalicelib.services.errors import Open311Error
from chalicelib.store import api_keys
from chalicelib.store.reports import get_report
from tests.api.helpers import post_report, valid_report, verified
from tests.conftest import DEFAULT_NOW
from tests.racing import all_at_once

BASE = "/open311/v2"
SCAN = DynamoDBBackend.scan  # moto's own, before the harness forbids it
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def api_key(client) -> str:
    return api_keys.create_key("Aplikasi Kota", DEFAULT_NOW)[1]


def _form(api_key: str, **overrides: str) -> str:
    fields = {
        "api_key": api_key,
        "service_code": "infrastruktur",
        "lat": "-7.7500",
        "long": "110.3800",
        "address_string": "Jl. Kaliurang km 5, Sleman",
        "email": "warga@example.id",
        "first_name": "Budi",
        "last_name": "Santoso",
        "description": "Lampu jalan mati\nSudah seminggu lampu jalan di depan SD Negeri 2 mati.",
        "attribute[report_type]": "pengaduan",
    }
    return urlencode({**fields, **overrides})


def _post(client, body: str, extension: str = "json"):
    return client.http.post(f"{BASE}/requests.{extension}", headers=FORM, body=body)


def _xml(response) -> ElementTree.Element:
    assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert response.body.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ElementTree.fromstring(response.body)  # noqa: S314 - our own answer, not untrusted


def test_discovery_names_the_v2_endpoint_and_both_formats(client):
    found = client.http.get(f"{BASE}/discovery.json").json_body
    [endpoint] = found["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2")
    assert endpoint["formats"] == ["application/json", "text/xml"]
    root = _xml(client.http.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery" and root.find("endpoints/endpoint/type").text == "production"


def test_each_category_is_a_realtime_service_with_metadata(client):
    found = client.http.get(f"{BASE}/services.json").json_body
    infrastructure = next(s for s in found if s["service_code"] == "infrastruktur")
    assert set(infrastructure) == {"service_code", "service_name", "description", "metadata",
                                   "type", "keywords", "group"}  # fmt: skip
    assert infrastructure["metadata"] is True and infrastructure["type"] == "realtime"
    english = client.http.get(f"{BASE}/services.json", headers={"Accept-Language": "en"})
    names = {s["service_code"]: s["service_name"] for s in english.json_body}
    assert names["infrastruktur"] == "Development and Infrastructure"
    root = _xml(client.http.get(f"{BASE}/services.xml"))
    assert root.tag == "services" and len(root.findall("service")) == len(found)
    assert root.find("service/metadata").text == "true"


def test_a_service_definition_lists_lapors_choices_as_attributes(client):
    found = client.http.get(f"{BASE}/services/infrastruktur.json").json_body
    attributes = {a["code"]: a for a in found["attributes"]}
    assert set(attributes) == {"report_type", "anonim", "rahasia", "incident_date", "agency"}
    assert attributes["incident_date"]["datatype"] == "datetime"
    assert {v["key"] for v in attributes["report_type"]["values"]} == {
        "pengaduan", "aspirasi", "permintaan_informasi"}  # fmt: skip
    root = _xml(client.http.get(f"{BASE}/services/infrastruktur.xml"))
    assert root.tag == "service_definition"
    assert root.find("attributes/attribute/values/value/key") is not None


def test_an_unknown_service_is_a_404_in_the_specs_error_shape(client):
    response = client.http.get(f"{BASE}/services/nothing.json")
    assert response.status_code == 404
    [error] = response.json_body
    assert error["code"] == 404 and "nothing" in error["description"]
    root = _xml(client.http.get(f"{BASE}/services/nothing.xml"))
    assert root.tag == "errors" and root.find("error/code").text == "404"


def test_a_form_posted_with_a_key_files_a_report_and_answers_its_id(client, api_key):
    response = _post(client, _form(api_key))
    assert response.status_code == 200
    [filed] = response.json_body
    assert set(filed) == {"service_request_id", "service_notice", "account_id"}
    report = get_report(filed["service_request_id"])
    assert report.title == "Lampu jalan mati" and report.channel == "open311"
    assert report.reporter.name == "Budi Santoso" and report.latitude == -7.75
    assert report.location == "Jl. Kaliurang km 5, Sleman"


def test_the_xml_post_answers_in_xml(client, api_key):
    root = _xml(_post(client, _form(api_key), extension="xml"))
    assert root.tag == "service_requests"
    assert root.find("request/service_request_id").text


@pytest.mark.parametrize("key", ["", "o311.nothing.secret", "not a key"])
def test_a_post_without_a_valid_key_is_refused(client, key):
    response = _post(client, _form(key))
    assert response.status_code == 403
    assert response.json_body[0]["code"] == 403


def test_a_revoked_key_is_refused(client, api_key):
    api_keys.revoke_key(api_key.split(".")[1], DEFAULT_NOW)
    assert _post(client, _form(api_key)).status_code == 403


def test_a_bad_parameter_is_named_in_the_callers_language(client, api_key):
    response = _post(client, _form(api_key, email="bukan-email"))
    assert response.status_code == 400
    assert response.json_body[0]["description"].startswith("email: ")
    english = client.http.post(f"{BASE}/requests.json", body=_form(api_key, lat="utara"),
                               headers={**FORM, "Accept-Language": "en"})  # fmt: skip
    assert english.json_body == [{"code": 400, "description": "lat must be a number."}]


def test_a_request_needs_a_location(client, api_key):
    response = _post(client, _form(api_key, lat="", long="", address_string=""))
    assert response.status_code == 400


def test_each_key_is_held_to_its_requests_a_minute_even_racing(client, api_key, monkeypatch,
                                                                atomic_requests):  # fmt: skip
    monkeypatch.setattr(open311, "REQUESTS_PER_KEY_MINUTE", 3)
    form = dict(parse_qsl(_form(api_key)))
    statuses = []

    def one() -> None:  # the service itself: Chalice's test client is not for threads
        try:
            open311.file_request(form, DEFAULT_NOW, "id")
            statuses.append(200)
        except Open311Error as refused:
            statuses.append(refused.status)

    all_at_once(*[one] * 6)
    assert sorted(statuses) == [200, 200, 200, 429, 429, 429]


# --- reading requests -----------------------------------------------------------------------


def _public_report(client, **overrides) -> str:
    return verified(post_report(client, valid_report(**overrides)).json_body["tracking_id"])


def test_a_public_report_reads_as_a_service_request_without_its_reporter(client):
    tracking_id = _public_report(client)
    [found] = client.http.get(f"{BASE}/requests/{tracking_id}.json").json_body
    assert found["service_request_id"] == tracking_id and found["status"] == "open"
    assert found["service_code"] == "infrastruktur" and found["expected_datetime"]
    assert found["agency_responsible"] == "Pemerintah Kabupaten Sleman"
    text = json.dumps(found)
    assert "Siti" not in text and "siti@example.id" not in text and found["media_url"] == ""


@pytest.mark.parametrize("overrides", [{}, {"confidential": True}])
def test_unverified_and_confidential_reports_do_not_exist_here(client, overrides):
    tracking_id = post_report(client, valid_report(**overrides)).json_body["tracking_id"]
    if overrides:
        verified(tracking_id)
    response = client.http.get(f"{BASE}/requests/{tracking_id}.json")
    assert response.status_code == 404 and response.json_body[0]["code"] == 404
    listed = client.http.get(f"{BASE}/requests.json").json_body
    assert tracking_id not in [r["service_request_id"] for r in listed]


def test_requests_are_listed_newest_first_and_filtered(client, frozen_clock):
    first = _public_report(client)
    frozen_clock.advance(timedelta(hours=1))
    second = _public_report(client, category="kesehatan")
    listed = [r["service_request_id"] for r in client.http.get(f"{BASE}/requests.json").json_body]
    assert listed.index(second) < listed.index(first)
    health = client.http.get(f"{BASE}/requests.json?service_code=kesehatan").json_body
    assert [r["service_request_id"] for r in health] == [second]
    closed = client.http.get(f"{BASE}/requests.json?status=closed").json_body
    assert closed == []
    by_id = client.http.get(f"{BASE}/requests.json?service_request_id={first},{second}")
    assert [r["service_request_id"] for r in by_id.json_body] == [first, second]
    root = _xml(client.http.get(f"{BASE}/requests.xml"))
    assert root.tag == "service_requests" and len(root.findall("request")) == len(listed)


def test_a_span_over_90_days_is_refused(client):
    response = client.http.get(
        f"{BASE}/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"
    )
    assert response.status_code == 400 and response.json_body[0]["code"] == 400


def test_an_unknown_format_or_resource_is_a_404(client):
    assert client.http.get(f"{BASE}/services.csv").status_code == 404
    assert client.http.get(f"{BASE}/tokens.json").status_code == 404


def test_an_admin_issues_lists_and_revokes_keys_from_the_command_line(client, capsys,
                                                                      monkeypatch):  # fmt: skip
    from chalicelib.cli import main

    # Listing a handful of keys is an operator's Scan, not a request's: allowed here.
    monkeypatch.setattr(DynamoDBBackend, "scan", SCAN)
    assert main(["apikey", "create", "--name", "Aplikasi Kota"]) == 0
    key = capsys.readouterr().out.splitlines()[1]
    assert _post(client, _form(key)).status_code == 200
    main(["apikey", "list"])
    # (the post's metrics went to standard output too, as EMF lines)
    [line] = [x for x in capsys.readouterr().out.splitlines() if not x.startswith("{")]
    assert line.endswith("active   Aplikasi Kota")
    main(["apikey", "revoke", "--id", line.split()[0]])
    assert _post(client, _form(key)).status_code == 403


def test_a_json_post_is_answered_in_the_specs_error_shape(client, api_key):
    response = client.http.post(f"{BASE}/requests.json", body="{}",
                                headers={"Content-Type": "application/json"})  # fmt: skip
    assert response.status_code == 415
    assert response.json_body[0]["code"] == 415
    assert "application/x-www-form-urlencoded" in response.json_body[0]["description"]
