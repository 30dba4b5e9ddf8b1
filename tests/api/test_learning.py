"""e-Learning LAPOR! through the API: a learner registers, signs in by the mailed link, reads
a module, fails then passes its quiz, and the next module opens; answers are in no response
before an attempt; a locked module, a bad token and another level's module are refused."""

from __future__ import annotations

import json

import pytest

from chalicelib.services import delivery
from chalicelib.store.learning_content import module
from tests.api.helpers import signed_in_learner
from tests.conftest import DEFAULT_NOW
from tests.jobs.mailbox import sent_to

EMAIL = "rina.operator@slemankab.example"


def _register(client, **overrides):
    body = {"name": "Rina", "email": EMAIL, "agency": "pemkab-sleman", "level": "operator",
            **overrides}  # fmt: skip
    return client.http.post("/api/learning/learners", body=json.dumps(body),
                            headers={"Content-Type": "application/json"})  # fmt: skip


@pytest.fixture
def learner(client) -> dict[str, str]:
    assert _register(client).status_code == 202
    delivery.deliver_due(DEFAULT_NOW)
    [mail] = sent_to(EMAIL)
    assert mail.subject == "Tautan masuk e-Learning LAPOR!"
    assert "/belajar.html#token=" in mail.link()
    return {"X-Learner-Token": mail.token()}


def _attempt(client, learner, module_id, answers):
    headers = {**learner, "Content-Type": "application/json"}
    path = f"/api/learning/modules/{module_id}/attempts"
    return client.http.post(path, headers=headers, body=json.dumps({"answers": answers}))


def _right(module_id):
    return {q.id: sorted(q.answer) for q in module(module_id, "id").quiz}


def test_a_learner_sees_their_levels_modules_with_the_first_open(client, learner):
    me = client.http.get("/api/learning/me", headers=learner).json_body
    assert me["learner"]["level"] == "operator"
    assert [(m["id"], m["status"]) for m in me["modules"]] == [
        ("operator-1", "open"), ("operator-2", "locked"), ("operator-3", "locked")]  # fmt: skip


def test_a_module_comes_without_its_answers(client, learner):
    response = client.http.get("/api/learning/modules/operator-1", headers=learner)
    assert response.status_code == 200
    text = json.dumps(response.json_body)
    assert "answer" not in text and "explanation" not in text
    for question in module("operator-1", "id").quiz:
        assert question.explanation not in text
    assert 'id="verifikasi"' in response.json_body["html"]


def test_failing_then_passing_opens_the_next_module(client, learner):
    wrong = _right("operator-1") | {"q1": ["a"], "q2": ["b"]}
    failed = _attempt(client, learner, "operator-1", wrong).json_body
    assert failed["passed"] is False and failed["score"] == 0.6
    assert failed["wrong"]["q1"]["section"] == "verifikasi" and failed["next_module"] is None
    assert client.http.get("/api/learning/modules/operator-2", headers=learner).status_code == 403
    passed = _attempt(client, learner, "operator-1", _right("operator-1")).json_body
    assert passed["passed"] is True and passed["next_module"] == "operator-2"
    me = client.http.get("/api/learning/me", headers=learner).json_body
    assert [m["status"] for m in me["modules"]] == ["passed", "open", "locked"]
    assert me["modules"][0]["best_score"] == 1.0


def test_another_levels_module_does_not_exist_for_this_learner(client, learner):
    response = client.http.get("/api/learning/modules/policy-1", headers=learner)
    assert response.status_code == 404
    assert response.json_body["error"]["code"] == "module_not_found"


@pytest.mark.parametrize("token", [None, "v1.k1.e30.bad", "not a token"])
def test_without_a_valid_sign_in_token_nothing_is_shown(client, token):
    headers = {"X-Learner-Token": token} if token else {}
    assert client.http.get("/api/learning/me", headers=headers).status_code == 401


def test_an_agency_link_is_not_a_learner_token(client):
    from chalicelib.services.links import desk_link

    headers = {"X-Learner-Token": desk_link("pemkab-sleman", DEFAULT_NOW)}
    assert client.http.get("/api/learning/me", headers=headers).status_code == 401


@pytest.mark.parametrize(("field", "value"), [("email", "bukan-email"), ("level", "menteri"),
                                              ("agency", "tidak-ada"), ("name", "")])  # fmt: skip
def test_a_bad_registration_names_its_field(client, field, value):
    response = _register(client, **{field: value})
    assert response.status_code == 400
    assert field in response.json_body["error"]["fields"]


def test_the_agencys_coordinator_sees_its_learners_progress(client, learner):
    _attempt(client, learner, "operator-1", _right("operator-1"))
    supervisor = signed_in_learner(client, "koordinator@slemankab.example", "koordinator",
                                   level="supervisor")  # fmt: skip
    view = client.http.get("/api/learning/agency", headers=supervisor).json_body
    assert view["agency"]["key"] == "pemkab-sleman"
    rina = next(entry for entry in view["learners"] if entry["name"] == "Rina")
    assert rina == {"name": "Rina", "level": "operator", "passed": ["operator-1"], "modules": 3,
                    "certificates": [], "practice_score": None}  # fmt: skip
    assert "email" not in json.dumps(view)


def test_choosing_the_supervisor_level_alone_shows_nobodys_progress(client, learner):
    stranger = signed_in_learner(client, "orang.lain@example.id", "orang.lain",
                                 level="supervisor")  # fmt: skip
    response = client.http.get("/api/learning/agency", headers=stranger)
    assert response.status_code == 403
    assert response.json_body["error"]["code"] == "supervisors_only"
    assert client.http.get("/api/learning/agency", headers=learner).status_code == 403


def test_a_worse_attempt_after_a_better_one_keeps_the_best_score(client, learner):
    _attempt(client, learner, "operator-1", _right("operator-1"))
    _attempt(client, learner, "operator-1", _right("operator-1") | {"q1": [], "q2": []})
    me = client.http.get("/api/learning/me", headers=learner).json_body
    assert me["modules"][0]["best_score"] == 1.0 and me["modules"][0]["status"] == "passed"


def test_a_supervisor_reads_the_agencys_learners_a_page_at_a_time(client, learner, monkeypatch):
    from chalicelib.store import learners

    monkeypatch.setattr(learners, "AGENCY_PAGE", 2)
    for name in ("ani", "budi"):
        signed_in_learner(client, f"{name}@slemankab.example", name)
    supervisor = signed_in_learner(client, "koordinator@slemankab.example", "koordinator",
                                   level="supervisor")  # fmt: skip
    first = client.http.get("/api/learning/agency", headers=supervisor).json_body
    assert len(first["learners"]) == 2 and first["next_cursor"]
    path = f"/api/learning/agency?cursor={first['next_cursor']}"
    rest = client.http.get(path, headers=supervisor).json_body
    names = [e["name"] for e in first["learners"] + rest["learners"]]
    assert sorted(names) == ["Rina", "ani", "budi", "koordinator"] and len(set(names)) == 4
    assert rest["next_cursor"] is None  # four learners: two pages of two


def test_a_forged_cursor_is_400_naming_it(client, learner):
    supervisor = signed_in_learner(client, "koordinator@slemankab.example", "koordinator",
                                   level="supervisor")  # fmt: skip
    response = client.http.get("/api/learning/agency?cursor=zz", headers=supervisor)
    assert response.status_code == 400 and "cursor" in response.json_body["error"]["fields"]
