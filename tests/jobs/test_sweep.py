"""The overdue sweep. Reports are routed on Saturday 28 November 2026 (10:00 WIB); the agency's
follow-up falls due on Friday 4 December 23:59 WIB, level 2 two working days later (Tuesday
8 December), level 3 five (Friday 11 December)."""

import html
import re
from datetime import UTC, datetime

import pytest

from chalicelib.api.views import report_view
from chalicelib.auth.link_keys import link_keys
from chalicelib.auth.links import verify_link
from chalicelib.domain.actions import Action, Actor
from chalicelib.domain.report import ActorRole, Status
from chalicelib.domain.workflow import Command
from chalicelib.jobs import sweep
from chalicelib.jobs.sweep import DAILY_DIGESTS, gather_digests, run_sweep
from chalicelib.services import delivery
from chalicelib.services.workflow import act
from chalicelib.store.models import EventModel, OutboxModel
from chalicelib.store.reports import escalated, get_report, list_events
from tests.conftest import DEFAULT_NOW
from tests.jobs.mailbox import clear, sent_to
from tests.jobs.seeding import agency_acts, file_report, routed_report
from tests.racing import all_at_once

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
    assert gather_digests(MONDAY_14, DAILY_DIGESTS).made == 1
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
    all_at_once(lambda: run_sweep(MONDAY_7), lambda: run_sweep(MONDAY_7))
    run_sweep(MONDAY_7)  # and a late third, for good measure
    _mail_at(MONDAY_7)
    [sleman] = sent_to(SLEMAN_DESK)
    assert sum(r.tracking_id in sleman.html for r in routed[:3]) == 3
    assert len(sent_to(MAKASSAR_DESK)) == 1
    for report in routed:
        escalations = [e for e in EventModel.query(report.tracking_id) if e.action == "escalate"]
        assert len(escalations) == 1


def test_a_report_that_fails_is_logged_and_the_others_and_the_digests_go_on(routed, monkeypatch):
    real_act = sweep.act

    def fails_on_one(report, *args, **kwargs):
        if report.tracking_id == routed[0].tracking_id:  # one of Sleman's three
            raise RuntimeError("DynamoDB timed out")
        return real_act(report, *args, **kwargs)

    monkeypatch.setattr(sweep, "act", fails_on_one)
    result = run_sweep(MONDAY_7)
    assert (result.failed, result.escalations, result.digests) == (1, {1: 3}, 2)
    monkeypatch.setattr(sweep, "act", real_act)
    assert run_sweep(MONDAY_7).escalations == {1: 1}  # the next run finishes the one left
    _mail_at(MONDAY_7)
    sleman = sent_to(SLEMAN_DESK)
    assert sum(r.tracking_id in m.html for m in sleman for r in routed[:3]) == 3
    assert list(OutboxModel.digest_lines.query("digest.reminder")) == []


def test_a_digest_that_fails_does_not_stop_the_others(routed, monkeypatch):
    from chalicelib.store import outbox

    real_gather = outbox.gather

    def makassar_fails(lines, digest):
        if digest.to == MAKASSAR_DESK:
            raise RuntimeError("throttled")
        return real_gather(lines, digest)

    monkeypatch.setattr(outbox, "gather", makassar_fails)
    result = run_sweep(MONDAY_7)
    assert (result.digests, result.failed) == (1, 1)
    monkeypatch.undo()
    assert run_sweep(MONDAY_7).digests == 1  # Makassar's, on the next run
    _mail_at(MONDAY_7)
    assert len(sent_to(MAKASSAR_DESK)) == 1


def test_a_sweep_that_dies_before_its_digests_leaves_them_to_the_next(routed, monkeypatch):
    monkeypatch.setattr(sweep, "gather_digests", lambda now, kinds: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        run_sweep(MONDAY_7)
    monkeypatch.undo()
    assert run_sweep(MONDAY_7).digests == 2  # Sleman's and Makassar's desks
    _mail_at(MONDAY_7)
    assert len(sent_to(SLEMAN_DESK)) == 1


def test_a_report_on_hold_is_not_escalated_while_the_citizen_may_answer(aws):
    report = routed_report(DEFAULT_NOW)
    agency_acts(report, Command(Action.HOLD, note="Mohon foto."), DEFAULT_NOW)
    # The citizen has 10 working days: until Friday 11 December.
    assert run_sweep(datetime(2026, 12, 11, 2, 0, tzinfo=UTC)).items_read == 0
    assert get_report(report.tracking_id).escalation_level == 0


def test_a_hold_left_unanswered_ends_by_itself_and_both_sides_are_told(aws):
    report = routed_report(DEFAULT_NOW)  # due Friday 4 December: 5 working days left
    agency_acts(report, Command(Action.HOLD, note="Mohon foto."), DEFAULT_NOW)
    delivery.deliver_due(DEFAULT_NOW)
    result = run_sweep(MONDAY_14)
    assert result.holds_ended == 1 and result.escalations == {}
    resumed = get_report(report.tracking_id)
    assert not resumed.on_hold
    # Day 0 is Monday 14 December; 5 working days left → Monday 21 December.
    assert resumed.stage_due_at == datetime(2026, 12, 21, 16, 59, 59, tzinfo=UTC)  # 23:59:59 WIB
    assert [e.action for e in EventModel.query(report.tracking_id)][-1] == "end_hold"
    _mail_at(MONDAY_14)
    assert _kinds(SLEMAN_DESK) == ["[Lapor] Pelapor tidak menjawab"]
    assert [m.subject for m in sent_to("siti@example.id")] == [
        f"Penundaan laporan {report.tracking_id} berakhir"
    ]


def test_a_hold_never_lowers_the_escalation_level_nor_sends_a_level_twice(routed):
    run_sweep(MONDAY_7)
    run_sweep(WEDNESDAY_9)  # level 2: the head and the admins are told
    held = agency_acts(routed[0], Command(Action.HOLD, note="Mohon foto."), WEDNESDAY_9)
    assert held.escalation_level == 2
    assert [r.tracking_id for r in escalated(2)].count(routed[0].tracking_id) == 1
    answered = get_report(routed[0].tracking_id)
    answer = Command(Action.PROVIDE_INFO, note="Foto terlampir.")
    answered, _ = act(answered, Actor(ActorRole.CITIZEN), answer, WEDNESDAY_9)
    assert answered.escalation_level == 2
    _mail_at(WEDNESDAY_9)
    clear()
    run_sweep(datetime(2026, 12, 31, 2, 0, tzinfo=UTC))  # long after the new deadline
    levels = [e for e in EventModel.query(routed[0].tracking_id) if e.action == "escalate"]
    assert len(levels) == 3  # 1, 2, then only 3: level 2 never fired again
    assert get_report(routed[0].tracking_id).escalation_level == 3


def test_a_report_flagged_for_the_ombudsman_stays_flagged_through_a_hold(routed):
    run_sweep(MONDAY_14)
    agency_acts(routed[0], Command(Action.HOLD, note="Mohon foto."), MONDAY_14)
    assert routed[0].tracking_id in [r.tracking_id for r in escalated(3)]
    agency_acts(routed[1], Command(Action.FOLLOW_UP, note="Selesai."), MONDAY_14)
    assert routed[1].tracking_id not in [r.tracking_id for r in escalated(3)]


def _links(mail) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', mail.html)]


def test_every_reminder_line_opens_its_own_report_with_its_actions(routed):
    run_sweep(MONDAY_7)
    _mail_at(MONDAY_7)
    [sleman] = sent_to(SLEMAN_DESK)
    opened = set()
    for link in _links(sleman):
        token = link.partition("#token=")[2]
        opened.add(verify_link(token, link_keys(), MONDAY_7).tracking_id)
    assert opened == {r.tracking_id for r in routed[:3]}


def test_every_escalation_line_to_the_admins_opens_that_report_on_their_desk(routed):
    run_sweep(MONDAY_7)
    run_sweep(WEDNESDAY_9)
    _mail_at(WEDNESDAY_9)
    [to_admin] = sent_to(ADMIN)
    admin_links = [link for link in _links(to_admin) if "/admin.html#id=" in link]
    assert {link.rpartition("#id=")[2] for link in admin_links} == {r.tracking_id for r in routed}


def test_each_escalation_on_the_timeline_says_what_its_level_means(routed):
    for now in (MONDAY_7, WEDNESDAY_9, MONDAY_14):
        run_sweep(now)
    report = get_report(routed[0].tracking_id)
    view = report_view(report, list_events(report.tracking_id), "id", now=MONDAY_14)
    labels = [e["action_label"] for e in view["timeline"] if e["action"] == "escalate"]
    assert len(labels) == len(set(labels)) == 3
    assert "Ombudsman" in labels[-1]
    assert (view["overdue"], view["escalation_level"]) == (True, 3)
