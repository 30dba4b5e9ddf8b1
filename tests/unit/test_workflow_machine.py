"""Random actions by random actors, checked against the workflow's invariants."""

from datetime import timedelta

from hypothesis import event as event_note
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from chalicelib.domain.actions import AGENCY_ACTIONS, Action
from chalicelib.domain.report import ActorRole, Status
from chalicelib.domain.workflow import (
    ActionNotAllowed,
    Command,
    InvalidCommand,
    allowed_actions,
    apply,
    due_action,
    stage_cap,
)
from tests.unit.workflow_support import (
    ADMIN,
    CITIZEN,
    MAKASSAR,
    MONDAY,
    SLEMAN,
    SLEMAN_UNIT,
    SYSTEM,
    WELL_FORMED,
    context,
    new_report,
)

ACTORS = [ADMIN, SLEMAN, SLEMAN_UNIT, MAKASSAR, CITIZEN, SYSTEM]
CLOSED = {Status.COMPLETED, Status.ARCHIVED}

commands = st.builds(
    Command,
    action=st.sampled_from(list(Action)),
    note=st.one_of(st.none(), st.just("Catatan publik.")),
    internal_note=st.one_of(st.none(), st.just("Catatan internal.")),
    agency=st.sampled_from([None, "pemkab-sleman", "pemkot-makassar", "unknown"]),
    unit=st.sampled_from([None, "dinas-pu"]),
    reason=st.sampled_from([None, "spam", "duplicate", "boring"]),
    duplicate_of=st.sampled_from([None, "7KQ2M-XD4PA", "0000A-00000"]),
    tier=st.sampled_from([None, "coordination", "field_inspection", "forever"]),
    satisfied=st.one_of(st.none(), st.booleans()),
    rating=st.one_of(st.none(), st.integers(0, 6)),
    anonymous=st.one_of(st.none(), st.booleans()),
    confidential=st.one_of(st.none(), st.booleans()),
)


class ReportLifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.now = MONDAY
        self.report = new_report()
        self.timeline_length = 1

    @rule(hours=st.integers(1, 24 * 12))
    def time_passes(self, hours: int) -> None:
        self.now += timedelta(hours=hours)

    @rule()
    def the_sweep_runs(self) -> None:
        """What the sweep does: every system step now due, one after the other."""
        while self.report.next_work_at is not None and self.now > self.report.next_work_at:
            before = self.report
            command = Command(due_action(before))
            self.report, _ = apply(before, SYSTEM, command, context(self.now))
            self.timeline_length += 1
            if self.report.stage_started_at == before.stage_started_at:
                assert self.report.escalation_level >= before.escalation_level

    @rule(data=st.data())
    def someone_acts(self, data) -> None:
        before = self.report
        # Mostly one of the moves someone may make now, well-formed; sometimes anything at all.
        moves = [(a, x) for a in ACTORS for x in allowed_actions(before, a, self.now)]
        if moves and data.draw(st.integers(0, 3)) > 0:
            actor, action = data.draw(st.sampled_from(moves))
            command = data.draw(st.builds(Command, action=st.just(action), **WELL_FORMED[action]))
        else:
            actor, command = data.draw(st.sampled_from(ACTORS)), data.draw(commands)
        allowed = allowed_actions(before, actor, self.now)
        try:
            after, event = apply(before, actor, command, context(self.now))
        except (ActionNotAllowed, InvalidCommand) as refused:
            if isinstance(refused, ActionNotAllowed):
                assert command.action not in allowed
            assert self.report is before
            return
        # Only allowed transitions happen.
        assert command.action in allowed
        # A closed report accepts no agency action.
        assert not (before.status in CLOSED and actor.role is ActorRole.AGENCY)
        assert command.action not in AGENCY_ACTIONS or before.status not in CLOSED
        # Exactly one event per accepted action, numbered after the last.
        assert event.seq == self.timeline_length + 1
        assert (event.from_status, event.to_status) == (before.status, after.status)
        # Each deadline lies after the event that set it, unless the stage's 60-day cap has
        # already passed: then the cap is the deadline, and the report is overdue at once.
        if event.due_at is not None:
            assert event.due_at > event.at or event.due_at == stage_cap(after, context(self.now))
        # No desk ever loosens privacy; only the reporter may.
        if actor.role is not ActorRole.CITIZEN:
            assert after.anonymous >= before.anonymous
            assert after.confidential >= before.confidential
        # Inside a stage the escalation level never goes back.
        if after.stage_started_at == before.stage_started_at:
            assert after.escalation_level >= before.escalation_level
        self.timeline_length += 1
        self.report = after
        event_note(f"accepted {command.action.value}")

    @invariant()
    def the_report_counts_its_own_events(self) -> None:
        assert self.report.event_count == self.timeline_length

    @invariant()
    def an_open_stage_has_a_deadline_unless_paused(self) -> None:
        if self.report.status in CLOSED:
            assert self.report.stage_due_at is None
        else:
            assert (self.report.stage_due_at is None) == self.report.on_hold

    @invariant()
    def no_deadline_passes_the_stages_cap(self) -> None:
        if self.report.stage_due_at is not None:
            assert self.report.stage_due_at <= stage_cap(self.report, context(self.now))

    @invariant()
    def a_hold_always_has_an_end(self) -> None:
        assert (self.report.hold_until is not None) == self.report.on_hold
        if self.report.on_hold:
            assert self.report.next_work_at == self.report.hold_until


ReportLifecycle.TestCase.settings = settings(max_examples=200, stateful_step_count=40)
TestReportLifecycle = ReportLifecycle.TestCase
