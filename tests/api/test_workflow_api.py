"""The whole lifecycle through the API, each step by the one allowed to take it."""

import json

import pytest

from chalicelib.store.models import EventModel
from chalicelib.store.reports import get_report
from tests.api.helpers import act, agency_header, bearer, post_report, valid_report, verified


@pytest.fixture
def filed(client):
    return post_report(client, valid_report(agency=None)).json_body


def _citizen(filed):
    return {"X-Access-Token": filed["access_token"]}


def test_a_report_walks_from_submission_to_a_rating(client, admin_token, filed):
    tid = filed["tracking_id"]
    routed = act(
        client,
        tid,
        bearer(admin_token),
        action="verify",
        agency="pemkab-sleman",
        note="Diteruskan ke Pemkab Sleman.",
    )
    assert routed.status_code == 200
    assert routed.json_body["report"]["status"] == "dispositioned"
    coordinator = agency_header(routed.json_body["agency_link"])

    forwarded = act(client, tid, coordinator, action="forward", unit="dinas-pu")
    unit = agency_header(forwarded.json_body["unit_link"])
    assert (
        act(client, tid, unit, action="unit_reply", internal_note="Ditambal Selasa.").status_code
        == 200
    )

    answer = act(client, tid, coordinator, action="follow_up", note="Lubang sudah ditambal.")
    assert answer.json_body["report"]["status"] == "followed_up"
    reopened = act(
        client,
        tid,
        _citizen(filed),
        action="respond",
        satisfied=False,
        note="Tambalan sudah retak lagi.",
    )
    assert reopened.json_body["report"]["status"] == "dispositioned"
    act(client, tid, coordinator, action="follow_up", note="Sudah diaspal ulang.")
    done = act(client, tid, _citizen(filed), action="respond", satisfied=True, note="Terima kasih.")
    assert done.json_body["report"]["status"] == "completed"
    rated = act(client, tid, _citizen(filed), action="rate", rating=5, note="Cepat tanggap.")
    assert rated.json_body["report"]["rating"] == 5

    timeline = client.http.get(f"/api/reports/{tid}", headers=_citizen(filed)).json_body["timeline"]
    assert [e["action"] for e in timeline] == [
        "submit",
        "verify",
        "forward",
        "unit_reply",
        "follow_up",
        "respond",
        "follow_up",
        "respond",
        "rate",
    ]
    assert [e["seq"] for e in timeline] == list(range(1, 10))


def test_citizens_see_public_notes_only(client, admin_token, filed):
    tid = filed["tracking_id"]
    routed = act(
        client,
        tid,
        bearer(admin_token),
        action="verify",
        agency="pemkab-sleman",
        internal_note="Pelapor pernah melapor hal serupa.",
    )
    act(
        client,
        tid,
        agency_header(routed.json_body["agency_link"]),
        action="follow_up",
        note="Sudah ditangani.",
        internal_note="Biaya dari pos darurat.",
    )
    for headers in ({}, _citizen(filed)):
        text = json.dumps(client.http.get(f"/api/reports/{tid}", headers=headers).json_body)
        assert "pernah melapor" not in text and "pos darurat" not in text
        assert "Sudah ditangani." in text


def test_the_reporter_reads_their_own_note_and_the_public_does_not(client, filed):
    tid = verified(filed["tracking_id"])  # public: the note must still not show
    noted = act(client, tid, _citizen(filed), action="add_note", internal_note="Makin lebar.")
    assert noted.status_code == 200
    [own] = [e for e in noted.json_body["report"]["timeline"] if e["action"] == "add_note"]
    assert own["internal_note"] == "Makin lebar."
    assert "from_status" not in own  # the desks' fields stay theirs
    public = client.http.get(f"/api/reports/{tid}")
    assert public.status_code == 200 and "Makin lebar." not in json.dumps(public.json_body)


def test_the_agency_sees_internal_notes_of_its_report(client, admin_token, filed):
    tid = filed["tracking_id"]
    routed = act(
        client,
        tid,
        bearer(admin_token),
        action="verify",
        agency="pemkab-sleman",
        internal_note="Prioritaskan.",
    )
    view = client.http.get(
        f"/api/reports/{tid}", headers=agency_header(routed.json_body["agency_link"])
    )
    assert view.json_body["view"] == "agency"
    assert "Prioritaskan." in [e["internal_note"] for e in view.json_body["timeline"]]
    assert "follow_up" in view.json_body["allowed_actions"]


def test_an_action_not_allowed_now_is_a_409_with_status_and_allowed_actions(
    client, admin_token, filed
):
    tid = filed["tracking_id"]
    act(client, tid, bearer(admin_token), action="archive", reason="spam")
    response = act(client, tid, bearer(admin_token), action="verify", agency="pemkab-sleman")
    assert response.status_code == 409
    error = response.json_body["error"]
    assert (error["code"], error["status"]) == ("action_not_allowed", "archived")
    assert error["allowed_actions"] == ["set_privacy"]


def test_a_command_missing_a_parameter_is_a_400_naming_it(client, admin_token, filed):
    response = act(client, filed["tracking_id"], bearer(admin_token), action="verify")
    assert response.status_code == 400
    assert "agency" in response.json_body["error"]["fields"]


def test_an_unknown_action_is_a_400_naming_the_field(client, admin_token, filed):
    response = act(client, filed["tracking_id"], bearer(admin_token), action="approve")
    assert response.status_code == 400
    assert "action" in response.json_body["error"]["fields"]


def test_a_fast_track_report_skips_verification_and_goes_to_the_agency(client):
    body = post_report(client, valid_report(category="penanganan-covid-19", agency=None)).json_body
    assert body["status"] == "dispositioned"
    assert body["verification_due_at"] is None
    # Saturday 28 November 2026 → 1 working day at the coordinator: Monday 30 November.
    assert body["due_at"] == "2026-11-30T23:59:59+07:00"
    view = client.http.get(f"/api/reports/{body['tracking_id']}").json_body
    assert view["agency"]["key"] == "kemenkes"


def test_an_asn_neutrality_report_carries_copies_to_the_supervising_bodies(client, admin_token):
    filed = post_report(client, valid_report(category="netralitas-asn", agency=None)).json_body
    routed = act(
        client, filed["tracking_id"], bearer(admin_token), action="verify", agency="pemkab-sleman"
    )
    copies = [c["key"] for c in routed.json_body["report"]["copies_to"]]
    assert copies == ["bkn", "kasn", "bawaslu"]


def test_each_accepted_action_appends_exactly_one_event(client, admin_token, filed):
    tid = filed["tracking_id"]
    act(client, tid, bearer(admin_token), action="set_privacy", confidential=True, note="Nama.")
    act(client, tid, bearer(admin_token), action="verify", agency="nowhere")  # refused: 400
    act(client, tid, bearer(admin_token), action="follow_up", note="x")  # refused: 403
    assert [e.seq for e in EventModel.query(tid)] == [1, 2]


def test_a_forward_to_an_unknown_unit_is_a_400_naming_it_in_the_callers_language(
    client, admin_token
):
    tid = post_report(client, valid_report()).json_body["tracking_id"]
    routed = act(client, tid, bearer(admin_token), action="verify", agency="pemkab-sleman")
    coordinator = agency_header(routed.json_body["agency_link"])
    refused = act(client, tid, coordinator, action="forward", unit="bidang-karangan")
    assert refused.status_code == 400
    assert "Unit kerja ini tidak ada" in refused.json_body["error"]["fields"]["unit"]
    english = act(
        client, tid, {**coordinator, "Accept-Language": "en"}, action="forward", unit="nowhere"
    )
    assert "no such work unit" in english.json_body["error"]["fields"]["unit"]
    assert get_report(tid).unit is None
