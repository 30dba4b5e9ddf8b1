"""Bad input never yields a 5xx: every case answers the right 4xx naming the field."""

import json

import pytest

from chalicelib.store.models import ReportModel
from tests.api.helpers import post_report, valid_report


def _without(field):
    body = valid_report()
    del body[field]
    return body


def _reporter(**fields):
    return valid_report(reporter=fields)


CASES = [
    # (case id, body, expected status, field named)
    ("missing type", _without("type"), 400, "type"),
    ("unknown type", valid_report(type="keluhan"), 400, "type"),
    ("missing title", _without("title"), 400, "title"),
    ("blank title", valid_report(title="   "), 400, "title"),
    ("invisible title", valid_report(title="\u202e\x00\x07"), 400, "title"),
    ("title too long", valid_report(title="x" * 151), 400, "title"),
    ("title not text", valid_report(title=12345), 400, "title"),
    ("missing description", _without("description"), 400, "description"),
    ("description too short", valid_report(description="terlalu pendek"), 400, "description"),
    ("description too long", valid_report(description="x" * 5001), 400, "description"),
    ("missing category", _without("category"), 400, "category"),
    ("unknown category", valid_report(category="astrologi"), 400, "category"),
    ("unknown agency", valid_report(agency="kementerian-sihir"), 400, "agency"),
    ("latitude outside Indonesia", valid_report(latitude=48.85, longitude=110.0), 400, "latitude"),
    ("longitude outside Indonesia", valid_report(latitude=-6.2, longitude=2.35), 400, "longitude"),
    ("latitude without longitude", valid_report(latitude=-6.2), 400, "longitude"),
    ("latitude as text", valid_report(latitude="-6.2", longitude=106.8), 400, "latitude"),
    ("incident date in the future", valid_report(incident_date="2026-12-25"), 400, "incident_date"),
    ("incident date malformed", valid_report(incident_date="28/11/2026"), 400, "incident_date"),
    ("impossible incident date", valid_report(incident_date="2026-02-30"), 400, "incident_date"),
    ("anonymous as string", valid_report(anonymous="ya"), 400, "anonymous"),
    ("confidential as number", valid_report(confidential=1), 400, "confidential"),
    ("missing reporter", _without("reporter"), 400, "reporter"),
    ("reporter not an object", valid_report(reporter="Siti"), 400, "reporter"),
    ("no email and no phone", _reporter(name="Siti"), 400, "reporter.email"),
    ("bad email", _reporter(name="Siti", email="siti@"), 400, "reporter.email"),
    ("bad phone", _reporter(name="Siti", phone="12345"), 400, "reporter.phone"),
    ("foreign phone", _reporter(name="Siti", phone="+44 20 7946 0958"), 400, "reporter.phone"),
    ("name missing when not anonymous", _reporter(email="a@example.id"), 400, "reporter.name"),
    ("name too long", _reporter(name="x" * 101, email="a@example.id"), 400, "reporter.name"),
    ("unknown language", valid_report(language="jv"), 400, "language"),
    ("unknown field", valid_report(priority="urgent"), 400, "priority"),
    ("location too long", valid_report(location="x" * 301), 400, "location"),
    ("body is a list", [valid_report()], 400, "body"),
    ("body is a string", json.dumps("laporan"), 400, "body"),
]


@pytest.mark.parametrize(
    ("body", "status", "field"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_field_is_refused_naming_the_field(client, body, status, field):
    response = post_report(client, body)
    assert response.status_code == status
    error = response.json_body["error"]
    assert error["code"] == "validation_failed"
    assert field in error["fields"], error
    assert ReportModel.count() == 0


def test_malformed_json_is_a_400(client):
    response = post_report(client, '{"type": "pengaduan",')
    assert response.status_code == 400
    assert response.json_body["error"]["code"] == "invalid_json"


def test_invalid_utf8_is_a_400(client):
    response = post_report(client, b'{"title": "\xff\xfe"}')
    assert response.status_code == 400


def test_a_wrong_content_type_is_a_415(client):
    response = client.http.post(
        "/api/reports", headers={"Content-Type": "text/plain"}, body=json.dumps(valid_report())
    )
    assert response.status_code == 415
    assert response.json_body["error"]["code"] == "unsupported_media_type"


def test_a_body_over_the_limit_is_a_413(client):
    response = post_report(client, valid_report(description="x" * 70_000))
    assert response.status_code == 413
    assert response.json_body["error"]["code"] == "payload_too_large"


def test_errors_come_in_indonesian_by_default(client):
    error = post_report(client, valid_report(title="")).json_body["error"]
    assert error["fields"]["title"] == "Minimal 1 karakter."
    assert error["message"].startswith("Ada isian yang belum benar")


def test_errors_come_in_english_when_the_caller_prefers_it(client):
    response = post_report(client, valid_report(title=""), **{"Accept-Language": "en-GB,en;q=0.9"})
    error = response.json_body["error"]
    assert error["fields"]["title"] == "At least 1 character(s)."
    assert response.headers["Content-Language"] == "en"


def test_every_bad_field_is_named_at_once(client):
    body = valid_report(title="", description="pendek", type="x")
    fields = post_report(client, body).json_body["error"]["fields"]
    assert {"title", "description", "type"} <= fields.keys()
