"""Work queues: one Query on the desk index, soonest deadline first."""

from datetime import timedelta

from chalicelib.domain.actions import Action, Actor
from chalicelib.domain.report import ActorRole
from chalicelib.domain.workflow import Command
from chalicelib.services import workflow
from chalicelib.services.links import coordinator_link, desk_link
from chalicelib.store.reports import get_report
from tests.api.helpers import act, agency_header, bearer, post_report, valid_report
from tests.conftest import DEFAULT_NOW


def _routed(client, admin_token, frozen_clock, agency="pemkab-sleman", days_later=0):
    # Routed through the service: moto's admin tokens expire an hour after the real time, and
    # these tests move the clock by days. Admin routing over HTTP is tested elsewhere.
    frozen_clock.advance(timedelta(days=days_later))
    tid = post_report(client, valid_report()).json_body["tracking_id"]
    admin = Actor(ActorRole.ADMIN, id="admin")
    workflow.act(get_report(tid), admin, Command(Action.VERIFY, agency=agency), frozen_clock())
    return tid


def test_an_agency_desk_link_lists_its_open_reports_soonest_deadline_first(
    client, admin_token, frozen_clock
):
    first = _routed(client, admin_token, frozen_clock)
    later = _routed(client, admin_token, frozen_clock, days_later=3)
    _routed(client, admin_token, frozen_clock, agency="pemkot-makassar")
    inbox = client.http.get(
        "/api/agency/inbox", headers=agency_header(desk_link("pemkab-sleman", DEFAULT_NOW))
    )
    assert inbox.status_code == 200
    assert [r["tracking_id"] for r in inbox.json_body["reports"]] == [first, later]


def test_followed_up_reports_leave_the_agency_inbox(client, admin_token, frozen_clock):
    tid = _routed(client, admin_token, frozen_clock)
    act(
        client,
        tid,
        agency_header(coordinator_link(tid, "pemkab-sleman", DEFAULT_NOW)),
        action="follow_up",
        note="Selesai.",
    )
    inbox = client.http.get(
        "/api/agency/inbox", headers=agency_header(desk_link("pemkab-sleman", DEFAULT_NOW))
    )
    assert inbox.json_body["reports"] == []


def test_a_report_link_does_not_open_the_inbox(client, admin_token, frozen_clock):
    tid = _routed(client, admin_token, frozen_clock)
    link = agency_header(coordinator_link(tid, "pemkab-sleman", DEFAULT_NOW))
    assert client.http.get("/api/agency/inbox", headers=link).status_code == 403


def test_an_admin_reads_any_agencys_inbox(client, admin_token, frozen_clock):
    tid = _routed(client, admin_token, frozen_clock)
    inbox = client.http.get("/api/agency/inbox?agency=pemkab-sleman", headers=bearer(admin_token))
    assert [r["tracking_id"] for r in inbox.json_body["reports"]] == [tid]
    unknown = client.http.get("/api/agency/inbox?agency=nowhere", headers=bearer(admin_token))
    assert unknown.status_code == 400


def test_returned_reports_come_back_to_the_national_queue_marked(client, admin_token, frozen_clock):
    tid = _routed(client, admin_token, frozen_clock)
    act(
        client,
        tid,
        agency_header(coordinator_link(tid, "pemkab-sleman", DEFAULT_NOW)),
        action="not_our_authority",
        note="Kewenangan provinsi.",
    )
    queue = client.http.get("/api/admin/queue", headers=bearer(admin_token)).json_body["reports"]
    assert [(r["tracking_id"], r["returned_by"]) for r in queue] == [(tid, "pemkab-sleman")]


def test_reports_on_hold_come_last_in_the_inbox(client, admin_token, frozen_clock):
    held = _routed(client, admin_token, frozen_clock)
    act(
        client,
        held,
        agency_header(coordinator_link(held, "pemkab-sleman", DEFAULT_NOW)),
        action="hold",
        note="Mohon foto lokasi.",
    )
    waiting = _routed(client, admin_token, frozen_clock, days_later=5)
    inbox = client.http.get(
        "/api/agency/inbox", headers=agency_header(desk_link("pemkab-sleman", DEFAULT_NOW))
    )
    assert [(r["tracking_id"], r["on_hold"]) for r in inbox.json_body["reports"]] == [
        (waiting, False),
        (held, True),
    ]


def test_an_inbox_entry_says_whether_its_deadline_has_passed(client, admin_token, frozen_clock):
    tid = _routed(client, admin_token, frozen_clock)
    link = agency_header(desk_link("pemkab-sleman", DEFAULT_NOW))

    def overdue_now() -> bool:
        [entry] = client.http.get("/api/agency/inbox", headers=link).json_body["reports"]
        assert entry["tracking_id"] == tid
        return entry["overdue"]

    assert overdue_now() is False
    frozen_clock.advance(timedelta(days=10))  # past five working days
    assert overdue_now() is True
