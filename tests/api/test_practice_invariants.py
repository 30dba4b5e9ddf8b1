"""The practice desk's rules as invariants: random sequences of a learner's steps (every
action of the admin and the desk, the citizen's and the system's too, which it refuses), clock
moves and restarts, against the real services on moto.

- the learner acts as the admin and the agency desk only: never as a work unit (no forward),
  the citizen or the system; a refused step leaves the desk as it was;
- nothing is ever forwarded to a work unit there;
- the escalation level never drops inside a stage, and no deadline passes its stage's cap (the
  real rules, on the desk's own clock);
- the score stays within 0–1, the right answers show only once every report is answered or
  archived, and then the learner's record holds that score;
- none of it is ever in the reports or events tables."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from chalicelib import clock
from chalicelib.domain.actions import Action
from chalicelib.domain.errors import InvalidFields
from chalicelib.domain.workflow import Command, stage_cap
from chalicelib.services import practice
from chalicelib.services.errors import LearningRefused
from chalicelib.services.workflow import workflow_context
from chalicelib.store import learners
from chalicelib.store import practice as practice_desks
from chalicelib.store.learning_models import LearnerModel
from chalicelib.store.models import EventModel
from chalicelib.store.reports import get_report

NOTE = "Sudah ditindaklanjuti oleh petugas kami."
NOBODY_THE_LEARNER_PLAYS = {Action.FORWARD, Action.UNIT_REPLY, Action.RESPOND,
                            Action.PROVIDE_INFO, Action.ESCALATE}  # fmt: skip
COMMANDS = [
    Command(Action.VERIFY, agency="pemkab-sleman"),
    Command(Action.VERIFY, agency="pln"),
    Command(Action.VERIFY, agency="kemensos"),
    Command(Action.ARCHIVE, reason="spam"),
    Command(Action.ARCHIVE, reason="out_of_scope"),
    Command(Action.REROUTE, agency="bkn", note="Kewenangan BKN."),
    Command(Action.CHANGE_CATEGORY, category="energi-listrik", note="Soal listrik."),
    Command(Action.SET_PRIVACY, confidential=True, note="Menyangkut pegawai."),
    Command(Action.SEND_LINK),
    Command(Action.FOLLOW_UP, note=NOTE),
    Command(Action.HOLD, note="Mohon kirimkan foto lokasi."),
    Command(Action.NOT_OUR_AUTHORITY, note="Bukan kewenangan kami."),
    Command(Action.REQUEST_EXTENSION, tier="coordination", note="Perlu koordinasi."),
    Command(Action.REQUEST_EXTENSION, tier="field_inspection", note="Perlu cek lapangan."),
    Command(Action.FORWARD, unit="dinas-pu"),  # another person's: never practised
    Command(Action.UNIT_REPLY, internal_note="Sudah."),
    Command(Action.RESPOND, satisfied=True),  # the citizen's
    Command(Action.PROVIDE_INFO, note="Foto terlampir."),
    Command(Action.ESCALATE),  # the system's
]


class PracticeDesk(RuleBasedStateMachine):
    @initialize()
    def a_learner_opens_a_desk(self):
        # A learner of this run's own: the tables outlive a run.
        self.learner = learners.register(
            email=f"latih.{uuid.uuid4().hex[:12]}@slemankab.example", name="Latih",
            agency="pemkab-sleman", level="operator", language="id", now=clock.now())  # fmt: skip
        self.levels: dict[tuple[str, int], tuple[object, int]] = {}
        self.desks = 0
        self.the_learner_starts_again()

    def _desk(self):
        return practice_desks.get(self.learner.id)

    @rule()
    def the_learner_starts_again(self):
        practice.start(self.learner, "id", clock.now())
        self.desks += 1

    @rule(data=st.data(), command=st.sampled_from(COMMANDS))
    def the_learner_acts(self, data, command):
        desk = self._desk()
        report = data.draw(st.sampled_from(desk.reports))
        refused: Exception | None = None
        try:
            practice.act(self.learner, report.tracking_id, command, "id", clock.now())
        except (LearningRefused, InvalidFields) as error:  # refused: the desk as it was
            refused = error
            assert self._desk().version == desk.version
        if command.action in NOBODY_THE_LEARNER_PLAYS:  # whatever the report's state
            assert isinstance(refused, InvalidFields) and "action" in refused.fields

    @rule(hours=st.integers(1, 24 * 15))
    def the_learner_moves_the_clock(self, hours):
        practice.advance(self.learner, hours, "id", clock.now())

    @invariant()
    def nothing_is_forwarded_and_nothing_reaches_the_real_tables(self):
        for report in self._desk().reports:
            assert report.unit is None
            assert get_report(report.tracking_id) is None
            assert not list(EventModel.query(report.tracking_id))

    @invariant()
    def escalation_never_drops_inside_a_stage_and_no_deadline_passes_its_cap(self):
        desk = self._desk()
        context = workflow_context(desk.clock)
        for report in desk.reports:
            key = (report.tracking_id, self.desks)
            stage, level = self.levels.get(key, (None, 0))
            if report.stage_started_at == stage:
                assert report.escalation_level >= level
            self.levels[key] = (report.stage_started_at, report.escalation_level)
            for due in (report.stage_due_at, report.stage_first_due_at):
                if due is not None and report.stage is not None:
                    assert due <= stage_cap(report, context)

    @invariant()
    def the_score_is_earned_and_the_answers_wait_for_the_end(self):
        shown = practice.view(self.learner, "id")
        assert 0 <= shown["score"] <= 1
        assert all((r["answer"] is not None) == shown["finished"] for r in shown["reports"])
        if shown["finished"]:
            assert LearnerModel.get(self.learner.id).practice_score == shown["score"]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_practice_desks_rules_hold_over_random_sequences_of_steps(client):
    run_state_machine_as_test(
        PracticeDesk,
        settings=settings(
            max_examples=25,
            stateful_step_count=30,
            suppress_health_check=list(HealthCheck),
        ),
    )
