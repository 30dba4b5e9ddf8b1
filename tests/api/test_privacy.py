"""Anonim and rahasia: a desk may only switch them on; only the reporter may lift them; every
change is on the timeline and mailed to the reporter (DESIGN.md §2)."""

import json

import pytest

from chalicelib.services import delivery
from chalicelib.services.links import coordinator_link
from tests.api.helpers import act, agency_header, bearer, post_report, valid_report, verified
from tests.conftest import DEFAULT_NOW
from tests.jobs.mailbox import clear, sent_to

PUNGLI = {
    "title": "Pungutan liar di loket KTP",
    "description": "Petugas loket meminta uang Rp50.000 untuk mempercepat KTP elektronik.",
    "category": "kependudukan",
    "agency": "dukcapil",
}


@pytest.fixture
def pungli(client):
    filed = post_report(client, valid_report(**PUNGLI, confidential=True)).json_body
    verified(filed["tracking_id"], agency="dukcapil")
    return filed


@pytest.mark.parametrize("switch", ["confidential", "anonymous"])
def test_an_admin_cannot_switch_a_protection_off(client, admin_token, switch):
    filed = post_report(client, valid_report(**{switch: True})).json_body
    response = act(
        client, filed["tracking_id"], bearer(admin_token),
        action="set_privacy", note="Tidak perlu.", **{switch: False},
    )  # fmt: skip
    assert response.status_code == 400
    assert "hanya dapat mengaktifkan" in response.json_body["error"]["fields"][switch]


def test_saving_the_admin_form_unchanged_keeps_a_confidential_report_off_the_feed(
    client, admin_token, pungli
):
    # What the old form sent for "–" on both switches: both off.
    act(
        client, pungli["tracking_id"], bearer(admin_token),
        action="set_privacy", anonymous=False, confidential=False, note="Simpan.",
    )  # fmt: skip
    feed = client.http.get("/api/reports").json_body["reports"]
    assert pungli["tracking_id"] not in [r["tracking_id"] for r in feed]
    assert client.http.get(f"/api/reports/{pungli['tracking_id']}").status_code == 404


def test_anonymity_set_by_an_admin_hides_the_name_from_the_agency(client, admin_token, pungli):
    tid = pungli["tracking_id"]
    before = client.http.get(
        f"/api/reports/{tid}", headers=agency_header(coordinator_link(tid, "dukcapil", DEFAULT_NOW))
    ).json_body
    assert before["reporter"] == {"name": "Siti Aminah"}
    switched = act(
        client, tid, bearer(admin_token),
        action="set_privacy", anonymous=True, note="Pelapor berisiko.",
    )  # fmt: skip
    assert switched.status_code == 200
    after = client.http.get(
        f"/api/reports/{tid}", headers=agency_header(coordinator_link(tid, "dukcapil", DEFAULT_NOW))
    ).json_body
    assert "reporter" not in after and "Siti" not in json.dumps(after)


def test_every_privacy_change_is_on_the_timeline_and_mailed_to_the_reporter(
    client, admin_token, pungli
):
    delivery.deliver_due(DEFAULT_NOW)
    clear()
    act(
        client, pungli["tracking_id"], bearer(admin_token),
        action="set_privacy", anonymous=True, note="Pelapor berisiko.",
    )  # fmt: skip
    mine = client.http.get(
        f"/api/reports/{pungli['tracking_id']}", headers={"X-Access-Token": pungli["access_token"]}
    ).json_body
    [change] = [e for e in mine["timeline"] if e["action"] == "set_privacy"]
    assert change["note"] == "Pelapor berisiko."
    delivery.deliver_due(DEFAULT_NOW)
    [mail] = sent_to("siti@example.id")
    assert "anonim aktif, rahasia aktif" in mail.html


def test_the_reporter_may_lift_their_own_confidentiality(client, pungli):
    mine = {"X-Access-Token": pungli["access_token"]}
    response = act(client, pungli["tracking_id"], mine, action="set_privacy", confidential=False)
    assert response.status_code == 200
    assert response.json_body["report"]["confidential"] is False
    feed = client.http.get("/api/reports").json_body["reports"]
    assert pungli["tracking_id"] in [r["tracking_id"] for r in feed]


def test_nobody_else_may_lift_it(client, pungli):
    tid = pungli["tracking_id"]
    desk = agency_header(coordinator_link(tid, "dukcapil", DEFAULT_NOW))
    other = post_report(client, valid_report()).json_body
    stranger = {"X-Access-Token": other["access_token"]}
    for headers in (desk, stranger):
        response = act(client, tid, headers, action="set_privacy", confidential=False)
        assert response.status_code in {403, 404}
    mine = client.http.get(
        f"/api/reports/{tid}", headers={"X-Access-Token": pungli["access_token"]}
    )
    assert mine.json_body["confidential"] is True


def test_lifting_anonymity_needs_a_name_on_file(client):
    filed = post_report(
        client, valid_report(anonymous=True, reporter={"email": "anon@example.id"})
    ).json_body
    response = act(
        client, filed["tracking_id"], {"X-Access-Token": filed["access_token"]},
        action="set_privacy", anonymous=False,
    )  # fmt: skip
    assert response.status_code == 400
    assert "anonymous" in response.json_body["error"]["fields"]
