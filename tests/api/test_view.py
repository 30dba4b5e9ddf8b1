import json

import pytest

from chalicelib.api import reports as reports_api
from chalicelib.store.reports import desk_queue, get_report
from tests.api.helpers import as_admin, post_report, valid_report, verified

IDENTITY = ("Siti Aminah", "siti@example.id", "+6281234567890")


def _file(client, **overrides):
    return post_report(client, valid_report(**overrides)).json_body


def _published(client, **overrides):
    filed = _file(client, **overrides)
    verified(filed["tracking_id"])
    return filed


def test_the_public_view_never_carries_the_reporters_identity(client):
    filed = _published(client)
    response = client.http.get(f"/api/reports/{filed['tracking_id']}")
    assert response.status_code == 200
    text = json.dumps(response.json_body)
    assert not any(part in text for part in IDENTITY)
    assert "reporter" not in response.json_body
    assert "access_token" not in text and filed["access_token"] not in text


def test_the_public_view_shows_status_deadline_and_timeline_in_plain_words(client):
    filed = _published(client)
    view = client.http.get(f"/api/reports/{filed['tracking_id']}").json_body
    assert view["status_label"] == "Didisposisikan"
    assert view["stage_due_at"] == "2026-12-04T23:59:59+07:00"
    assert [e["action"] for e in view["timeline"]] == ["submit", "verify"]


@pytest.mark.parametrize("reason", ["spam", "out_of_scope"])
def test_archived_reports_answer_the_public_as_a_missing_one_does(client, reason):
    filed = _file(client)
    archived = as_admin(filed["tracking_id"], "archive", reason=reason)
    assert archived.status.value == "archived"
    response = client.http.get(f"/api/reports/{filed['tracking_id']}")
    assert (response.status_code, response.json_body["error"]["code"]) == (404, "not_found")


def test_an_unverified_report_answers_the_public_as_a_missing_one_does(client):
    filed = _file(client)
    response = client.http.get(f"/api/reports/{filed['tracking_id']}")
    assert (response.status_code, response.json_body["error"]["code"]) == (404, "not_found")
    mine = client.http.get(
        f"/api/reports/{filed['tracking_id']}", headers={"X-Access-Token": filed["access_token"]}
    )
    assert mine.status_code == 200  # the reporter still sees it


def test_a_duplicate_names_its_original_to_the_reporter(client):
    original = _published(client)
    filed = _file(client)
    as_admin(
        filed["tracking_id"], "archive", reason="duplicate", duplicate_of=original["tracking_id"]
    )
    mine = client.http.get(
        f"/api/reports/{filed['tracking_id']}", headers={"X-Access-Token": filed["access_token"]}
    ).json_body
    assert mine["duplicate_of"] == original["tracking_id"]


def test_labels_follow_the_callers_language(client):
    filed = _published(client)
    view = client.http.get(
        f"/api/reports/{filed['tracking_id']}", headers={"Accept-Language": "en"}
    ).json_body
    assert view["status_label"] == "Forwarded to the agency"
    assert view["category"]["label"] == "Development and Infrastructure"


def test_a_confidential_report_is_not_found_without_its_token(client):
    filed = _file(client, confidential=True)
    response = client.http.get(f"/api/reports/{filed['tracking_id']}")
    assert response.status_code == 404
    assert response.json_body["error"]["code"] == "not_found"


def test_a_confidential_report_is_not_found_with_another_reports_token(client):
    filed = _file(client, confidential=True)
    other = _file(client)
    response = client.http.get(
        f"/api/reports/{filed['tracking_id']}", headers={"X-Access-Token": other["access_token"]}
    )
    assert response.status_code == 404


def test_the_reporters_token_opens_the_private_view_with_their_details(client):
    filed = _file(client, confidential=True)
    response = client.http.get(
        f"/api/reports/{filed['tracking_id']}", headers={"X-Access-Token": filed["access_token"]}
    )
    assert response.status_code == 200
    view = response.json_body
    assert view["view"] == "reporter"
    assert view["reporter"] == {"name": IDENTITY[0], "email": IDENTITY[1], "phone": IDENTITY[2]}
    assert [e["seq"] for e in view["timeline"]] == [1]


def test_lookups_are_case_insensitive(client):
    filed = _published(client)
    lowered = filed["tracking_id"].lower().replace("-", "")
    response = client.http.get(f"/api/reports/{lowered}")
    assert response.status_code == 200
    assert response.json_body["tracking_id"] == filed["tracking_id"]


def test_a_mistyped_id_is_refused_before_any_database_lookup(client, monkeypatch):
    filed = _file(client)
    tracking_id = filed["tracking_id"]
    typo = tracking_id[:-1] + ("A" if tracking_id[-1] != "A" else "B")

    def no_lookup(_tracking_id):
        raise AssertionError("a mistyped id reached the database")

    monkeypatch.setattr(reports_api, "get_report", no_lookup)
    response = client.http.get(f"/api/reports/{typo}")
    assert response.status_code == 400
    assert response.json_body["error"]["code"] == "invalid_tracking_id"
    assert "salah ketik" in response.json_body["error"]["message"]


def test_a_well_formed_id_that_does_not_exist_is_a_404(client):
    from chalicelib.domain.tracking import new_tracking_id

    assert client.http.get(f"/api/reports/{new_tracking_id()}").status_code == 404


@pytest.mark.parametrize("header", [{}, {"X-Access-Token": "nope"}])
def test_views_are_never_cached_by_shared_caches(client, header):
    filed = _published(client)
    response = client.http.get(f"/api/reports/{filed['tracking_id']}", headers=header)
    assert "no-store" in response.headers["Cache-Control"]


def test_a_duplicate_at_an_agency_is_merged_and_leaves_the_agencys_inbox(client):
    original = _published(client)
    duplicate = _published(client)
    merged = as_admin(
        duplicate["tracking_id"], "archive", reason="duplicate",
        duplicate_of=original["tracking_id"],
    )  # fmt: skip
    assert merged.status.value == "archived"
    inbox = [r.tracking_id for r in desk_queue(get_report(original["tracking_id"]).agency)]
    assert duplicate["tracking_id"] not in inbox and original["tracking_id"] in inbox
