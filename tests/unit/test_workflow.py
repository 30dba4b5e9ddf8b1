"""The lifecycle, one rule per test. Deadlines are worked out by hand from a plain week:
Monday 2 February 2026 has no holiday until Lunar New Year on 16–17 February."""

from datetime import timedelta

import pytest

from chalicelib.domain.actions import Action
from chalicelib.domain.report import Status
from chalicelib.domain.workflow import (
    MAX_REOPENS,
    ActionNotAllowed,
    Command,
    InvalidCommand,
    allowed_actions,
    apply,
)
from tests.unit.workflow_support import (
    ADMIN,
    CITIZEN,
    MAKASSAR,
    MONDAY,
    SLEMAN,
    SLEMAN_UNIT,
    SYSTEM,
    context,
    new_report,
)


def routed(agency: str = "pemkab-sleman"):
    report, _ = apply(new_report(), ADMIN, Command(Action.VERIFY, agency=agency), context())
    return report


def followed_up():
    report, _ = apply(
        routed(), SLEMAN, Command(Action.FOLLOW_UP, note="Sudah diperbaiki."), context()
    )
    return report


# --- every transition, by the role allowed to make it --------------------------------------


def test_admin_verifies_and_routes_a_submitted_report_to_the_agency():
    report, event = apply(
        new_report(), ADMIN, Command(Action.VERIFY, agency="pemkab-sleman"), context()
    )
    assert (report.status, report.agency, report.stage) == (
        Status.DISPOSITIONED,
        "pemkab-sleman",
        "follow_up",
    )
    assert report.stage_due_at.isoformat() == "2026-02-09T23:59:59+07:00"  # 5 working days
    assert (event.from_status, event.to_status, event.seq) == (
        Status.SUBMITTED,
        Status.DISPOSITIONED,
        2,
    )
    assert event.due_at == report.stage_due_at


def test_the_agency_deadline_is_counted_in_the_agencys_time_zone():
    report = routed("pemkot-makassar")
    assert report.stage_due_at.isoformat() == "2026-02-09T23:59:59+08:00"


def test_admin_archives_a_submitted_report_with_a_reason():
    report, _ = apply(new_report(), ADMIN, Command(Action.ARCHIVE, reason="spam"), context())
    assert (report.status, report.archive_reason, report.stage_due_at) == (
        Status.ARCHIVED,
        "spam",
        None,
    )


def test_a_report_at_an_agency_can_be_merged_into_its_original_as_a_duplicate():
    merge = Command(Action.ARCHIVE, reason="duplicate", duplicate_of="ZZZZZ-ZZZZZ")
    report, _ = apply(routed(), ADMIN, merge, context())
    assert (report.status, report.duplicate_of, report.stage_due_at) == (
        Status.ARCHIVED,
        "ZZZZZ-ZZZZZ",
        None,
    )


def test_a_report_at_an_agency_is_archived_for_no_other_reason():
    with pytest.raises(InvalidCommand) as refused:
        apply(routed(), ADMIN, Command(Action.ARCHIVE, reason="spam"), context())
    assert refused.value.fields == {"reason": ("duplicate_only_routed", {})}


def test_admin_switches_a_report_to_anonymous_and_confidential():
    report, event = apply(
        new_report(),
        ADMIN,
        Command(Action.SET_PRIVACY, anonymous=True, confidential=True, note="Menyebut nama."),
        context(),
    )
    assert report.anonymous and report.confidential
    assert event.from_status == event.to_status == Status.SUBMITTED
    assert event.public_note == "Menyebut nama."


def test_a_forward_to_a_unit_the_agency_does_not_have_names_the_unit():
    with pytest.raises(InvalidCommand) as refused:
        apply(routed(), SLEMAN, Command(Action.FORWARD, unit="bidang-karangan"), context())
    assert refused.value.fields == {"unit": ("unknown_unit", {})}


def test_the_coordinator_forwards_to_a_unit_which_answers_back():
    agency_due = routed().stage_due_at
    report, _ = apply(routed(), SLEMAN, Command(Action.FORWARD, unit="dinas-pu"), context())
    assert report.unit == "dinas-pu"
    assert report.unit_due_at.isoformat() == "2026-02-09T23:59:59+07:00"  # its own 5 days
    report, event = apply(
        report, SLEMAN_UNIT, Command(Action.UNIT_REPLY, internal_note="Ditambal Selasa."), context()
    )
    assert (report.unit, report.unit_due_at) == (None, None)
    assert report.stage_due_at == agency_due  # the agency's deadline never moved
    assert event.internal_note == "Ditambal Selasa." and event.public_note is None


def test_the_agency_follows_up_and_the_citizens_window_opens():
    report, _ = apply(
        routed(), SLEMAN, Command(Action.FOLLOW_UP, note="Sudah diperbaiki."), context()
    )
    assert (report.status, report.stage) == (Status.FOLLOWED_UP, "citizen_response")
    # 10 working days: 3–6, 9–13, then Lunar New Year (16–17 Feb) is skipped → 18 February.
    assert report.stage_due_at.isoformat() == "2026-02-18T23:59:59+07:00"


def test_hold_pauses_the_clock_and_the_citizens_answer_restarts_it_with_what_was_left():
    report = routed()  # due Monday 9 February
    wednesday = MONDAY + timedelta(days=2)
    report, _ = apply(
        report, SLEMAN, Command(Action.HOLD, note="Di sisi jalan mana?"), context(wednesday)
    )
    assert report.on_hold and report.stage_due_at is None
    assert report.held_working_days == 3  # Thu, Fri, Mon
    next_monday = MONDAY + timedelta(days=7)
    report, _ = apply(
        report, CITIZEN, Command(Action.PROVIDE_INFO, note="Sisi timur."), context(next_monday)
    )
    assert not report.on_hold
    assert report.stage_due_at.isoformat() == "2026-02-12T23:59:59+07:00"  # Tue, Wed, Thu


def test_not_our_authority_returns_the_report_to_the_national_admin():
    report, _ = apply(
        routed(), SLEMAN, Command(Action.NOT_OUR_AUTHORITY, note="Jalan nasional."), context()
    )
    assert (report.status, report.agency, report.returned_by) == (
        Status.SUBMITTED,
        None,
        "pemkab-sleman",
    )
    assert report.stage == "verification"
    report, _ = apply(report, ADMIN, Command(Action.VERIFY, agency="kemenpu"), context())
    assert report.agency == "kemenpu"


def test_an_extension_moves_the_deadline_to_the_tier_in_calendar_days():
    report, _ = apply(
        routed(),
        SLEMAN,
        Command(Action.REQUEST_EXTENSION, tier="coordination", note="Perlu koordinasi."),
        context(),
    )
    assert report.stage_due_at.isoformat() == "2026-02-16T23:59:59+07:00"  # 14 calendar days
    report, _ = apply(
        report,
        SLEMAN,
        Command(Action.REQUEST_EXTENSION, tier="field_inspection", note="Perlu survei."),
        context(),
    )
    assert report.stage_due_at.isoformat() == "2026-04-03T23:59:59+07:00"  # 60 calendar days
    assert Action.REQUEST_EXTENSION not in allowed_actions(report, SLEMAN, MONDAY)


def test_a_satisfied_citizen_completes_the_report_and_may_rate_it():
    report, _ = apply(followed_up(), CITIZEN, Command(Action.RESPOND, satisfied=True), context())
    assert (report.status, report.outcome) == (Status.COMPLETED, "satisfied")
    report, _ = apply(report, CITIZEN, Command(Action.RATE, rating=5, note="Cepat."), context())
    assert (report.rating, report.rating_comment) == (5, "Cepat.")
    assert Action.RATE not in allowed_actions(report, CITIZEN, MONDAY)


def test_not_satisfied_reopens_to_the_agency_at_most_twice():
    report = followed_up()
    for reopen in range(1, MAX_REOPENS + 1):
        report, _ = apply(
            report, CITIZEN, Command(Action.RESPOND, satisfied=False, note="Belum."), context()
        )
        assert (report.status, report.reopen_count) == (Status.DISPOSITIONED, reopen)
        report, _ = apply(report, SLEMAN, Command(Action.FOLLOW_UP, note="Sudah lagi."), context())
    report, _ = apply(
        report, CITIZEN, Command(Action.RESPOND, satisfied=False, note="Tetap belum."), context()
    )
    assert (report.status, report.outcome) == (Status.COMPLETED, "not_satisfied")


def test_silence_through_the_window_lets_the_system_close_the_report():
    report = followed_up()
    assert Action.AUTO_CLOSE not in allowed_actions(report, SYSTEM, MONDAY)
    after = report.stage_due_at + timedelta(seconds=1)
    assert Action.RESPOND not in allowed_actions(report, CITIZEN, after)  # the window closed
    report, _ = apply(report, SYSTEM, Command(Action.AUTO_CLOSE), context(after))
    assert (report.status, report.outcome) == (Status.COMPLETED, "no_response")


# --- what is refused -----------------------------------------------------------------------


def test_an_action_not_allowed_now_is_refused_with_the_status_and_what_is_allowed():
    with pytest.raises(ActionNotAllowed) as refused:
        apply(new_report(), SLEMAN, Command(Action.FOLLOW_UP, note="x"), context())
    assert refused.value.status is Status.SUBMITTED
    assert refused.value.allowed == []


def test_another_agency_can_do_nothing_to_a_report_it_does_not_hold():
    assert allowed_actions(routed(), MAKASSAR, MONDAY) == []


def test_a_unit_can_only_answer_and_only_what_was_forwarded_to_it():
    report = routed()
    assert allowed_actions(report, SLEMAN_UNIT, MONDAY) == []
    forwarded, _ = apply(report, SLEMAN, Command(Action.FORWARD, unit="dinas-pu"), context())
    assert allowed_actions(forwarded, SLEMAN_UNIT, MONDAY) == [Action.UNIT_REPLY]
    assert Action.FOLLOW_UP not in allowed_actions(forwarded, SLEMAN, MONDAY)


@pytest.mark.parametrize("status", [Status.COMPLETED, Status.ARCHIVED])
def test_a_closed_report_accepts_no_agency_action(status):
    closed = new_report(status=status, agency="pemkab-sleman", stage=None)
    assert allowed_actions(closed, SLEMAN, MONDAY) == []


@pytest.mark.parametrize(
    ("command", "field"),
    [
        (Command(Action.VERIFY), "agency"),
        (Command(Action.VERIFY, agency="nowhere"), "agency"),
        (Command(Action.ARCHIVE), "reason"),
        (Command(Action.ARCHIVE, reason="boring"), "reason"),
        (Command(Action.SET_PRIVACY), "confidential"),
    ],
)
def test_an_admin_command_missing_what_it_needs_names_the_field(command, field):
    with pytest.raises(InvalidCommand) as refused:
        apply(new_report(), ADMIN, command, context())
    assert field in refused.value.fields


@pytest.mark.parametrize(
    ("command", "field"),
    [
        (Command(Action.FOLLOW_UP), "note"),
        (Command(Action.FORWARD), "unit"),
        (Command(Action.HOLD), "note"),
        (Command(Action.NOT_OUR_AUTHORITY), "note"),
        (Command(Action.REQUEST_EXTENSION, note="x"), "tier"),
        (Command(Action.REQUEST_EXTENSION, tier="forever", note="x"), "tier"),
    ],
)
def test_an_agency_command_missing_what_it_needs_names_the_field(command, field):
    with pytest.raises(InvalidCommand) as refused:
        apply(routed(), SLEMAN, command, context())
    assert field in refused.value.fields


def test_a_rating_outside_one_to_five_is_refused():
    report, _ = apply(followed_up(), CITIZEN, Command(Action.RESPOND, satisfied=True), context())
    with pytest.raises(InvalidCommand):
        apply(report, CITIZEN, Command(Action.RATE, rating=6), context())


def test_applying_an_action_never_changes_the_report_it_was_given():
    report = routed()
    before = (report.status, report.stage_due_at, report.event_count, list(report.copies_to))
    apply(report, SLEMAN, Command(Action.FOLLOW_UP, note="x"), context())
    assert (
        report.status,
        report.stage_due_at,
        report.event_count,
        list(report.copies_to),
    ) == before


def test_routing_an_asn_neutrality_report_copies_the_supervising_bodies():
    report, _ = apply(
        new_report(category="netralitas-asn"),
        ADMIN,
        Command(Action.VERIFY, agency="pemkab-sleman"),
        context(),
    )
    assert report.copies_to == ["bkn", "kasn", "bawaslu"]


# --- stages, levels and caps ---------------------------------------------------------------


def _late(report, levels=1):
    """The sweep's escalations, as many as asked, once the deadline has passed."""
    for _ in range(levels):
        report, _ = apply(
            report, SYSTEM, Command(Action.ESCALATE), context(report.next_work_at + timedelta(1))
        )
    return report


@pytest.mark.parametrize(
    "command",
    [
        Command(Action.HOLD, note="Foto?"),
        Command(Action.REQUEST_EXTENSION, tier="coordination", note="Koordinasi."),
        Command(Action.FORWARD, unit="dinas-pu"),
    ],
    ids=["hold", "extension", "forward"],
)
def test_no_step_inside_a_stage_lowers_the_escalation_level(command):
    report = _late(routed(), levels=2)
    assert report.escalation_level == 2
    after, _ = apply(report, SLEMAN, command, context(report.updated_at))
    assert after.escalation_level == 2


def test_a_units_reply_keeps_the_level_and_the_agencys_deadline():
    report = _late(routed())
    forwarded, _ = apply(report, SLEMAN, Command(Action.FORWARD, unit="dinas-pu"), context())
    replied, _ = apply(
        forwarded, SLEMAN_UNIT, Command(Action.UNIT_REPLY, internal_note="Selesai."), context()
    )
    assert (replied.escalation_level, replied.stage_due_at) == (1, report.stage_due_at)


def test_a_reopen_starts_a_new_stage_at_level_zero():
    report = _late(routed())
    answered, _ = apply(report, SLEMAN, Command(Action.FOLLOW_UP, note="Sudah."), context())
    reopened, _ = apply(
        answered, CITIZEN, Command(Action.RESPOND, satisfied=False, note="Belum."), context()
    )
    assert (reopened.status, reopened.escalation_level) == (Status.DISPOSITIONED, 0)


def test_forwarding_after_a_field_inspection_extension_keeps_the_extended_deadline():
    extended, _ = apply(
        routed(),
        SLEMAN,
        Command(Action.REQUEST_EXTENSION, tier="field_inspection", note="Survei."),
        context(),
    )
    forwarded, _ = apply(extended, SLEMAN, Command(Action.FORWARD, unit="dinas-pu"), context())
    assert forwarded.stage_due_at == extended.stage_due_at  # not cut to 5 working days


def test_coordination_then_field_inspection_never_passes_sixty_days_from_the_stage():
    report, _ = apply(
        routed(),
        SLEMAN,
        Command(Action.REQUEST_EXTENSION, tier="coordination", note="Koordinasi."),
        context(),
    )
    later = MONDAY + timedelta(days=13)
    report, _ = apply(
        report,
        SLEMAN,
        Command(Action.REQUEST_EXTENSION, tier="field_inspection", note="Survei."),
        context(later),
    )
    # Stage began Monday 2 February: the cap is 3 April, not 13 + 60 = 73 days later.
    assert report.stage_due_at.isoformat() == "2026-04-03T23:59:59+07:00"


def test_forward_and_reply_loops_never_push_the_deadline_out():
    report = routed()
    due = report.stage_due_at
    now = MONDAY
    for _ in range(6):
        now += timedelta(days=1)
        report, _ = apply(report, SLEMAN, Command(Action.FORWARD, unit="dinas-pu"), context(now))
        report, _ = apply(
            report, SLEMAN_UNIT, Command(Action.UNIT_REPLY, internal_note="Belum."), context(now)
        )
    assert report.stage_due_at == due


def test_a_hold_ends_with_its_window_and_the_clock_resumes_with_what_was_left():
    report = routed()  # due Monday 9 February
    wednesday = MONDAY + timedelta(days=2)
    held, _ = apply(report, SLEMAN, Command(Action.HOLD, note="Foto?"), context(wednesday))
    # 10 working days from Wednesday 4 February, skipping Lunar New Year (16–17 February).
    assert held.hold_until.isoformat() == "2026-02-20T23:59:59+07:00"
    assert held.next_work_at == held.hold_until
    assert Action.END_HOLD not in allowed_actions(held, SYSTEM, held.hold_until)
    after = held.hold_until + timedelta(seconds=1)
    resumed, event = apply(held, SYSTEM, Command(Action.END_HOLD), context(after))
    assert not resumed.on_hold and resumed.hold_until is None
    # Three working days were left (Thu, Fri, Mon): Monday 23, Tuesday 24, Wednesday 25.
    assert resumed.stage_due_at.isoformat() == "2026-02-25T23:59:59+07:00"
    assert event.action == "end_hold"


def test_an_admin_may_only_switch_privacy_on():
    report = new_report(confidential=True)
    with pytest.raises(InvalidCommand) as refused:
        apply(report, ADMIN, Command(Action.SET_PRIVACY, confidential=False, note="x"), context())
    assert refused.value.fields == {"confidential": ("privacy_only_tighten", {})}


def test_the_reporter_may_lift_their_own_switches():
    report = new_report(confidential=True, anonymous=True)
    lifted, _ = apply(
        report, CITIZEN, Command(Action.SET_PRIVACY, confidential=False, anonymous=False), context()
    )
    assert (lifted.confidential, lifted.anonymous) == (False, False)
