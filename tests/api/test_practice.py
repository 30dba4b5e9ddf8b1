"""The practice desk (LATIHAN) through the API: synthetic reports worked through the real
workflow as admin and agency desk, on a clock the learner moves; scored on routing and on
acting before each deadline; marked on every screen and mail; never seen by the real feed,
search, queues, figures, Open311 or the open-data export."""

from __future__ import annotations

import json
import threading

import pytest

from chalicelib.domain.actions import Action
from chalicelib.domain.workflow import Command
from chalicelib.services import delivery
from chalicelib.services import practice as practice_service
from chalicelib.services.links import desk_link
from chalicelib.services.open_data import export_rows
from chalicelib.store import learners
from chalicelib.store import practice as store_practice
from chalicelib.store.reports import ConcurrentUpdate, get_report
from tests.api.helpers import (
    agency_header,
    bearer,
    post_report,
    signed_in_learner,
    valid_report,
    verified,
)
from tests.conftest import DEFAULT_NOW
from tests.jobs.mailbox import sent, sent_to
from tests.racing import all_at_once

EMAIL = "rina.operator@slemankab.example"
# The scenarios of chalicelib/data/learning/practice.yaml, in order: where each belongs.
RIGHT = {"LATIHAN-1": ("verify", "pemkab-sleman"), "LATIHAN-2": ("verify", "pln"),
         "LATIHAN-3": ("verify", "bkn"), "LATIHAN-4": ("verify", "kemensos"),
         "LATIHAN-5": ("archive", "spam")}  # fmt: skip


@pytest.fixture
def learner(client) -> dict[str, str]:
    return signed_in_learner(client, EMAIL, "Rina")


@pytest.fixture
def desk(client, learner) -> dict:
    response = client.http.post("/api/learning/practice", headers=learner)
    assert response.status_code == 201
    return response.json_body


def _act(client, learner, tracking_id, **command):
    path = f"/api/learning/practice/reports/{tracking_id}/actions"
    return client.http.post(path, headers=learner, body=json.dumps(command))


def _move(client, learner, hours):
    body = json.dumps({"hours": hours})
    return client.http.post("/api/learning/practice/clock", headers=learner, body=body)


def _route_all_right(client, learner):
    for tracking_id, (action, target) in RIGHT.items():
        params = {"agency": target} if action == "verify" else {"reason": target}
        assert _act(client, learner, tracking_id, action=action, **params).status_code == 200


def _answer_all(client, learner):
    for tracking_id, (action, _) in RIGHT.items():
        if action == "verify":
            note = "Sudah kami tindak lanjuti: petugas datang dan masalah diselesaikan."
            response = _act(client, learner, tracking_id, action="follow_up", note=note)
            assert response.status_code == 200


def test_a_new_desk_holds_latihan_reports_awaiting_verification(desk):
    assert desk["mark"] == "LATIHAN" and desk["clock"] == DEFAULT_NOW.isoformat()
    assert [r["tracking_id"] for r in desk["reports"]] == list(RIGHT)
    for report in desk["reports"]:
        assert report["status"] == "submitted" and report["stage"] == "verification"
        assert report["stage_due_at"] > desk["clock"] and report["answer"] is None
        assert "verify" in report["actions"]["admin"] and report["actions"]["agency"] == []


def test_routing_right_and_answering_in_time_scores_full_marks(client, learner, desk):
    _route_all_right(client, learner)
    _answer_all(client, learner)
    final = client.http.get("/api/learning/practice", headers=learner).json_body
    assert final["finished"] is True and final["score"] == 1.0
    assert final["reports"][0]["answer"]["agency"]["key"] == "pemkab-sleman"
    assert learners.get_learner(learners.learner_id(EMAIL)) is not None
    delivery.deliver_due(DEFAULT_NOW)
    [result] = [m for m in sent_to(EMAIL) if "meja latihan" in m.subject]
    assert result.subject == "[LATIHAN] Hasil meja latihan e-Learning LAPOR!: 100 %"


def test_routing_to_the_wrong_agency_loses_the_routing_point(client, learner, desk):
    _act(client, learner, "LATIHAN-2", action="verify", agency="kemenkes")
    report = client.http.get("/api/learning/practice", headers=learner).json_body["reports"][1]
    assert report["agency"]["key"] == "kemenkes" and report["score"]["routing"] is False


def test_moving_the_clock_past_a_deadline_escalates_and_loses_the_on_time_point(
    client, learner, desk
):
    due = desk["reports"][0]["stage_due_at"]
    moved = _move(client, learner, 24 * 20).json_body
    report = moved["reports"][0]
    assert moved["clock"] > due and report["escalation_level"] >= 1
    assert report["overdue"] is True and report["score"]["escalated"] is True
    _route_all_right(client, learner)
    _answer_all(client, learner)
    final = client.http.get("/api/learning/practice", headers=learner).json_body
    assert final["finished"] is True and final["score"] == 0.5  # routing right, all late


def test_the_desks_mail_is_shown_marked_and_never_sent(client, learner, desk):
    _route_all_right(client, learner)
    mails = client.http.get("/api/learning/practice", headers=learner).json_body["mails"]
    assert mails and all(m["subject"].startswith("[LATIHAN] ") for m in mails)
    assert all(m["to"].endswith("@latihan.invalid") for m in mails)
    delivery.deliver_due(DEFAULT_NOW)
    assert [m.to for m in sent()] == [EMAIL]  # the sign-in link alone


@pytest.mark.parametrize(("command", "field"), [
    ({"action": "respond", "satisfied": True}, "action"),
    ({"action": "escalate"}, "action"),
    ({"action": "forward", "unit": "dinas-pu"}, "action"),
    ({"action": "verify"}, "agency"),
    ({"action": "archive", "reason": "spam", "attachments": ["u1"]}, "attachments"),
])  # fmt: skip
def test_what_the_learner_may_not_do_there_is_400_naming_the_field(
    client, learner, desk, command, field
):
    response = _act(client, learner, "LATIHAN-1", **command)
    assert response.status_code == 400
    assert field in response.json_body["error"]["fields"]


@pytest.mark.parametrize("hours", [0, -24, 721, "24", 1.5])
def test_the_clock_moves_forward_only_an_hour_to_thirty_days_at_a_time(
    client, learner, desk, hours
):
    response = _move(client, learner, hours)
    assert response.status_code == 400 and "hours" in response.json_body["error"]["fields"]


def test_an_action_the_state_does_not_allow_is_409(client, learner, desk):
    response = _act(client, learner, "LATIHAN-1", action="follow_up", note="Sudah selesai kami.")
    assert response.status_code == 409
    assert response.json_body["error"]["code"] == "action_not_allowed"


def test_an_unknown_practice_report_or_desk_is_404(client, learner):
    assert client.http.get("/api/learning/practice", headers=learner).status_code == 404
    client.http.post("/api/learning/practice", headers=learner)
    response = _act(client, learner, "LATIHAN-99", action="verify", agency="pln")
    assert response.status_code == 404


def test_the_supervisor_sees_the_learners_practice_score_and_certificate(client, learner, desk):
    _route_all_right(client, learner)
    supervisor = signed_in_learner(client, "koordinator@slemankab.example", "Koordinator",
                                   level="supervisor")  # fmt: skip
    view = client.http.get("/api/learning/agency", headers=supervisor).json_body
    rina = next(e for e in view["learners"] if e["name"] == "Rina")
    assert rina["practice_score"] is None  # not finished yet
    _answer_all(client, learner)
    view = client.http.get("/api/learning/agency", headers=supervisor).json_body
    rina = next(e for e in view["learners"] if e["name"] == "Rina")
    assert rina["practice_score"] == 1.0 and rina["certificates"] == []


def test_practice_reports_never_reach_the_real_views(client, learner, desk, admin_token):
    real = post_report(client, valid_report(title="Lampu jalan padam di Jalan Kaliurang"))
    verified(real.json_body["tracking_id"], agency="pemkab-sleman")
    _route_all_right(client, learner)
    _move(client, learner, 24 * 30)
    practice_titles = [r["title"] for r in desk["reports"]]

    def shown(response) -> str:
        assert response.status_code == 200
        return json.dumps(response.json_body)

    views = {
        "feed": shown(client.http.get("/api/reports")),
        "search": shown(client.http.get("/api/reports?q=jalan")),
        "admin queue": shown(client.http.get("/api/admin/queue", headers=bearer(admin_token))),
        "escalations": shown(client.http.get("/api/admin/escalations?level=2",
                                             headers=bearer(admin_token))),
        "agency inbox": shown(client.http.get(
            "/api/agency/inbox", headers=agency_header(desk_link("pemkab-sleman", DEFAULT_NOW)))),
        "stats": shown(client.http.get("/api/stats")),
        "open311": shown(client.http.get("/open311/v2/requests.json")),
        "export": json.dumps(list(export_rows(DEFAULT_NOW.strftime("%Y-%m"))), default=str),
    }  # fmt: skip
    assert "Lampu jalan padam" in views["feed"] + views["search"]  # the views do show reports
    for name, text in views.items():
        assert "LATIHAN" not in text, name
        assert not any(title in text for title in practice_titles), name
    assert get_report("LATIHAN-1") is None


def test_two_actions_racing_on_one_desk_cannot_both_be_saved(
    client, learner, desk, monkeypatch, atomic_requests
):
    learner_record = learners.get_learner(learners.learner_id(EMAIL))
    both_read, outcomes = threading.Barrier(2), []
    read = store_practice.get

    def read_then_wait(learner_id):  # both requests read the desk before either saves
        found = read(learner_id)
        both_read.wait(timeout=10)
        return found

    monkeypatch.setattr(store_practice, "get", read_then_wait)

    def route(agency: str) -> None:
        try:
            command = Command(Action.VERIFY, agency=agency)
            practice_service.act(learner_record, "LATIHAN-1", command, "id", DEFAULT_NOW)
            outcomes.append("saved")
        except ConcurrentUpdate:
            outcomes.append("lost")

    all_at_once(lambda: route("pemkab-sleman"), lambda: route("pln"))
    assert sorted(outcomes) == ["lost", "saved"]
    monkeypatch.setattr(store_practice, "get", read)
    desk_now = client.http.get("/api/learning/practice", headers=learner).json_body
    verifications = [m for m in desk_now["mails"] if m["tracking_id"] == "LATIHAN-1"]
    assert desk_now["reports"][0]["status"] == "dispositioned"
    assert len({m["at"] for m in verifications}) == 1  # one step's mail, not two


@pytest.mark.parametrize("path", ["/api/learning/practice/clock",
                                  "/api/learning/practice/reports/LATIHAN-1/actions",
                                  "/api/learning/modules/operator-1/attempts"])  # fmt: skip
@pytest.mark.parametrize("body", [json.dumps({"hours": -1, "action": "nope"}), "{not json"])
def test_without_a_token_a_bad_body_is_401_not_400(client, path, body):
    response = client.http.post(path, headers={"Content-Type": "application/json"}, body=body)
    assert response.status_code == 401


def test_a_desk_stops_taking_steps_before_its_item_could_outgrow_dynamodb(
    client, learner, desk, monkeypatch
):
    monkeypatch.setattr(practice_service, "MAX_STEPS", 3)
    _act(client, learner, "LATIHAN-1", action="verify", agency="pln")
    _act(client, learner, "LATIHAN-1", action="reroute", agency="pemkab-sleman", note="Salah.")
    _act(client, learner, "LATIHAN-1", action="reroute", agency="pln", note="Salah lagi.")
    response = _act(client, learner, "LATIHAN-1", action="reroute", agency="pemkab-sleman",
                    note="Lagi.")  # fmt: skip
    assert response.status_code == 409
    assert response.json_body["error"]["code"] == "practice_desk_full"
    assert client.http.post("/api/learning/practice", headers=learner).status_code == 201
