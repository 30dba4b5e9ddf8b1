"""The overdue sweep. Reports are routed on Saturday 28 November 2026 (10:00 WIB); the agency's
follow-up falls due on Friday 4 December 23:59 WIB, level 2 two working days later (Tuesday
8 December), level 3 five (Friday 11 December)."""

import threading
from datetime import UTC, datetime

import pytest

from chalicelib.domain.report import Status
from chalicelib.domain.workflow import Action, Command
from chalicelib.jobs import sweep
from chalicelib.jobs.sweep import DAILY_DIGESTS, gather_digests, run_sweep
from chalicelib.services import delivery
from chalicelib.store.models import EventModel, OutboxModel
from chalicelib.store.reports import get_report
from tests.conftest import DEFAULT_NOW
from tests.jobs.mailbox import clear, sent_to
from tests.jobs.seeding import agency_acts, file_report, routed_report

MONDAY_7 = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)  # 09:00 WIB, first working day after due
WEDNESDAY_9 = datetime(2026, 12, 9, 2, 0, tzinfo=UTC)
MONDAY_14 = datetime(2026, 12, 14, 2, 0, tzinfo=UTC)
SLEMAN_DESK, SLEMAN_HEAD = "pengaduan@slemankab.example", "koordinator@slemankab.example"
MAKASSAR_DESK = "pengaduan@makassarkota.example"
ADMIN = "admin@lapor.example"


def _mail_at(now):
    clear()
    delivery.deliver_due(now)


@pytest.fixture
def routed(aws):
    reports = [routed_report(DEFAULT_NOW) for _ in range(3)]
    reports.append(routed_report(DEFAULT_NOW, agency="pemkot-makassar"))
    delivery.deliver_due(DEFAULT_NOW)  # the routing mail, out of the way
    return reports


def _kinds(address):
    return [m.subject.split(":")[0] for m in sent_to(address)]


def test_nothing_is_read_before_anything_is_due(routed):
    assert run_sweep(DEFAULT_NOW).items_read == 0


def test_level_1_sends_each_desk_one_reminder_listing_its_overdue_reports(routed):
    result = run_sweep(MONDAY_7)
    assert result.items_read == 4
    assert result.escalations == {1: 4}
    _mail_at(MONDAY_7)
    [sleman] = sent_to(SLEMAN_DESK)
    assert sleman.subject == "[Lapor] Pengingat: 3 laporan melewati batas waktu"
    assert all(r.tracking_id in sleman.html for r in routed[:3])
    assert routed[3].tracking_id not in sleman.html
    assert len(sent_to(MAKASSAR_DESK)) == 1
    assert sent_to(ADMIN) == []  # level 1 is the desk's own reminder


def test_a_rerun_sends_nothing_more(routed):
    run_sweep(MONDAY_7)
    again = run_sweep(MONDAY_7)
    assert (again.items_read, again.digests) == (0, 0)
    _mail_at(MONDAY_7)
    assert len(sent_to(SLEMAN_DESK)) == 1


def test_level_2_goes_to_the_agencys_head_and_the_national_admins(routed):
    run_sweep(MONDAY_7)
    run_sweep(WEDNESDAY_9)
    _mail_at(WEDNESDAY_9)
    assert _kinds(SLEMAN_HEAD) == ["[Lapor] Eskalasi"]
    assert _kinds(ADMIN) == ["[Lapor] Eskalasi"]
    [to_admin] = sent_to(ADMIN)
    assert all(r.tracking_id in to_admin.html for r in routed)


def test_level_3_flags_for_the_ombudsman_tells_the_citizen_and_feeds_the_daily_digest(routed):
    result = run_sweep(MONDAY_14)  # three levels owed at once after a long silence
    assert result.escalations == {1: 4, 2: 4, 3: 4}
    report = get_report(routed[0].tracking_id)
    assert (report.escalation_level, report.next_work_at) == (3, None)
    assert [e.action for e in EventModel.query(report.tracking_id)][-3:] == ["escalate"] * 3
    assert gather_digests(MONDAY_14, DAILY_DIGESTS) == 1
    _mail_at(MONDAY_14)
    subjects = [m.subject for m in sent_to(ADMIN)]
    assert "[Lapor] Rekap harian: 4 laporan ditandai untuk rujukan Ombudsman" in subjects
    assert any("melewati batas waktu" in m.subject for m in sent_to("siti@example.id"))


def test_a_report_followed_up_in_time_is_never_escalated(routed):
    agency_acts(routed[0], Command(Action.FOLLOW_UP, note="Selesai."), DEFAULT_NOW)
    run_sweep(MONDAY_7)
    _mail_at(MONDAY_7)
    [reminder] = sent_to(SLEMAN_DESK)
    assert routed[0].tracking_id not in reminder.html


def test_a_silent_response_window_closes_the_report_and_asks_for_a_rating(aws):
    report = routed_report(DEFAULT_NOW)
    agency_acts(report, Command(Action.FOLLOW_UP, note="Selesai."), DEFAULT_NOW)
    # The citizen's 10 working days end on Friday 11 December.
    result = run_sweep(MONDAY_14)
    assert result.closed == 1
    closed = get_report(report.tracking_id)
    assert (closed.status, closed.outcome) == (Status.COMPLETED, "no_response")
    _mail_at(MONDAY_14)
    assert any(m.subject.endswith("selesai") for m in sent_to("siti@example.id"))


def test_overdue_verification_reminds_the_national_admins(aws):
    file_report(DEFAULT_NOW)  # verification due Wednesday 2 December
    thursday_3 = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
    run_sweep(thursday_3)
    _mail_at(thursday_3)
    assert _kinds(ADMIN) == ["[Lapor] Pengingat"]


def test_two_sweeps_at_once_send_every_escalation_once(routed, atomic_requests):
    threads = [threading.Thread(target=run_sweep, args=(MONDAY_7,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run_sweep(MONDAY_7)  # and a late third, for good measure
    _mail_at(MONDAY_7)
    [sleman] = sent_to(SLEMAN_DESK)
    assert sum(r.tracking_id in sleman.html for r in routed[:3]) == 3
    assert len(sent_to(MAKASSAR_DESK)) == 1
    for report in routed:
        escalations = [e for e in EventModel.query(report.tracking_id) if e.action == "escalate"]
        assert len(escalations) == 1


def test_a_sweep_that_dies_half_way_is_finished_by_the_next_without_repeats(routed, monkeypatch):
    real_act, calls = sweep.act, {"n": 0}

    def dies_on_the_third(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("Lambda timed out")
        return real_act(*args, **kwargs)

    monkeypatch.setattr(sweep, "act", dies_on_the_third)
    with pytest.raises(RuntimeError):
        run_sweep(MONDAY_7)
    monkeypatch.setattr(sweep, "act", real_act)
    run_sweep(MONDAY_7)
    _mail_at(MONDAY_7)
    [sleman] = sent_to(SLEMAN_DESK)
    assert sum(r.tracking_id in sleman.html for r in routed[:3]) == 3
    assert (
        list(OutboxModel.digest_lines.query("digest.reminder")) == []
    )  # every line went into exactly one digest


def test_a_sweep_that_dies_before_its_digests_leaves_them_to_the_next(routed, monkeypatch):
    monkeypatch.setattr(sweep, "gather_digests", lambda now, kinds: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        run_sweep(MONDAY_7)
    monkeypatch.undo()
    assert run_sweep(MONDAY_7).digests == 2  # Sleman's and Makassar's desks
    _mail_at(MONDAY_7)
    assert len(sent_to(SLEMAN_DESK)) == 1


def test_a_report_on_hold_is_not_escalated(aws):
    report = routed_report(DEFAULT_NOW)
    agency_acts(report, Command(Action.HOLD, note="Mohon foto."), DEFAULT_NOW)
    assert run_sweep(MONDAY_14).items_read == 0


def test_the_schedule_handler_runs_the_sweep(routed, frozen_clock):
    from app import sweeper

    frozen_clock.set(MONDAY_7)
    scheduled = {
        "version": "0", "id": "5e3d3c4c", "detail-type": "Scheduled Event",
        "source": "aws.events", "account": "123456789012", "time": "2026-12-07T02:00:00Z",
        "region": "ap-southeast-3", "resources": [], "detail": {},
    }  # fmt: skip
    assert sweeper(scheduled, None) == {"items_read": 4, "digests": 2}
