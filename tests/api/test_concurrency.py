"""Actors racing on one report: exactly one wins each version, the rest get 409, and the
timeline has no gap and no duplicate."""

import threading

import pytest

from chalicelib.domain.actions import Action, Actor
from chalicelib.domain.report import ActorRole
from chalicelib.domain.workflow import Command
from chalicelib.services.workflow import act
from chalicelib.store.models import EventModel
from chalicelib.store.reports import ConcurrentUpdate, get_report
from tests.api.helpers import post_report, valid_report, verified
from tests.conftest import DEFAULT_NOW

THREADS = 10
ADMIN = Actor(ActorRole.ADMIN, id="admin")
SLEMAN = Actor(ActorRole.AGENCY, id="pemkab-sleman", agency="pemkab-sleman")
CITIZEN = Actor(ActorRole.CITIZEN)


@pytest.fixture(autouse=True)
def _atomic(atomic_requests):
    pass


def _race(tracking_id, command_of, actor=ADMIN):
    """Every thread reads the same version, then all act at once."""
    start = threading.Barrier(THREADS)
    outcomes = []

    def one(i):
        report = get_report(tracking_id)
        start.wait()
        try:
            act(report, actor, command_of(i), DEFAULT_NOW)
            outcomes.append("won")
        except ConcurrentUpdate:
            outcomes.append("conflict")

    threads = [threading.Thread(target=one, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_ten_admins_routing_one_report_at_once_make_one_routing(client):
    tid = post_report(client, valid_report()).json_body["tracking_id"]
    agencies = ["pemkab-sleman", "pemkot-makassar"]
    outcomes = _race(tid, lambda i: Command(Action.VERIFY, agency=agencies[i % 2]))
    assert sorted(outcomes) == ["conflict"] * (THREADS - 1) + ["won"]
    assert [e.seq for e in EventModel.query(tid)] == [1, 2]
    assert get_report(tid).event_count == 2


def test_every_version_has_exactly_one_winner_and_the_timeline_has_no_gaps(client):
    """Clerks putting the report on hold and the reporter answering, round after round."""
    tid = verified(post_report(client, valid_report()).json_body["tracking_id"])
    rounds = 4
    for round_number in range(rounds):
        if round_number % 2 == 0:
            outcomes = _race(tid, lambda i: Command(Action.HOLD, note=f"Tanya {i}?"), SLEMAN)
        else:
            outcomes = _race(
                tid, lambda i: Command(Action.PROVIDE_INFO, note=f"Jawab {i}."), CITIZEN
            )
        assert outcomes.count("won") == 1, f"round {round_number}: {outcomes}"
        assert outcomes.count("conflict") == THREADS - 1
    seqs = [e.seq for e in EventModel.query(tid)]
    assert seqs == list(range(1, rounds + 3))  # submit, verify, then one event per round
    assert get_report(tid).version == rounds + 2


def test_a_lost_race_through_the_api_is_a_409_asking_to_reload(client, admin_token, monkeypatch):
    tid = post_report(client, valid_report()).json_body["tracking_id"]

    def someone_else_was_faster(report, event, *_, **__):
        raise ConcurrentUpdate(report.tracking_id)

    monkeypatch.setattr("chalicelib.services.workflow.save_transition", someone_else_was_faster)
    response = client.http.post(
        f"/api/reports/{tid}/actions",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {admin_token}"},
        body='{"action": "verify", "agency": "pemkab-sleman"}',
    )
    assert response.status_code == 409
    assert response.json_body["error"]["code"] == "conflict"
    assert "Muat ulang" in response.json_body["error"]["message"]
