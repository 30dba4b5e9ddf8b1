"""The rules as invariants: random sequences of every action by every role, with clock moves
and sweeps, against the real services on moto; after every step the public API is read as a
stranger would read it.

- no desk ever loosens privacy;
- the public view and feed never show identity, nor a confidential, unverified or archived
  report (such a report answers 404, as a missing one does);
- the search index lists exactly the public reports, and a search finds exactly them;
- the escalation level never drops inside a stage;
- no stage's deadline, nor the one it started with, passes its 60-day cap;
- each report counts once at most in every figure that counts reports (received exactly once,
  verified, followed up, completed, rated), never on time without being followed up, and every
  completion has one outcome;
- no hold outlives its window plus one sweep;
- a report an agency holds leaves its desk by archiving only as a duplicate of another;
- a reroute always lands at another agency; a forward only at one of the agency's own units;
- every escalation on the timeline records the level it reached;
- the reporter's note (add_note) moves nothing: not the status, the clock, a hold or the level;
- a mail moves a report only as its reporter answering a hold: a desk's reply is a draft
  until published, and a reply from anyone but the desk its address was made for, or that
  fails its checks, changes nothing;
- the practice desk (LATIHAN), worked by a learner among all of this, never reaches the real
  tables, feed, search or queues, and its deadlines keep the same caps (its own rules are
  tested apart, in test_practice_invariants.py)."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from chalicelib import clock
from chalicelib.auth.reply_addresses import agency_desk, reporter_desk
from chalicelib.domain.actions import ROLE_ACTIONS, Action, Actor
from chalicelib.domain.errors import InvalidFields
from chalicelib.domain.report import ActorRole, Status
from chalicelib.domain.workflow import ActionNotAllowed, Command, InvalidCommand, stage_cap
from chalicelib.jobs.sweep import run_sweep
from chalicelib.services import intake, links, practice
from chalicelib.services.errors import LearningRefused
from chalicelib.services.workflow import act, workflow_context
from chalicelib.store import learners
from chalicelib.store import practice as practice_desks
from chalicelib.store.models import EventModel, SearchEntryModel
from chalicelib.store.reports import ConcurrentUpdate, get_report, list_events
from chalicelib.store.search import SEARCH_SHARDS
from local.ses_receiving import receive
from tests.api.test_practice_invariants import COMMANDS as PRACTICE_COMMANDS
from tests.jobs.inbound import INTAKE, raw_mail
from tests.unit.workflow_support import WELL_FORMED

NAME, EMAIL, PHONE = "Rahmat Pelapor", "rahmat@rahasia.id", "+6281299990000"
MAIL_DESKS = {"reporter": EMAIL, "pemkab-sleman": "pengaduan@slemankab.example",
              "pemkot-makassar": "pengaduan@makassarkota.example"}  # fmt: skip
IDENTITY = (NAME, EMAIL, PHONE)
ACTORS = {
    "admin": Actor(ActorRole.ADMIN, id="admin"),
    "sleman": Actor(ActorRole.AGENCY, id="pemkab-sleman", agency="pemkab-sleman"),
    "makassar": Actor(ActorRole.AGENCY, id="pemkot-makassar", agency="pemkot-makassar"),
    "unit": Actor(
        ActorRole.AGENCY, id="pemkab-sleman/dinas-pu", agency="pemkab-sleman", unit="dinas-pu"
    ),
    "citizen": Actor(ActorRole.CITIZEN),
    "sweeper": Actor(ActorRole.SYSTEM, id="sweeper"),
}


class Lapor(RuleBasedStateMachine):
    def __init__(self, client, fixed_clock) -> None:
        super().__init__()
        self.client = client
        self.clock = fixed_clock
        self.filed: list[str] = []
        self.levels: dict[tuple[str, int], tuple[object, int]] = {}
        self.learner: learners.Learner | None = None
        self.desks_started = 0  # a restarted desk starts its reports again

    reports = Bundle("reports")

    @rule(
        target=reports,
        anonymous=st.booleans(),
        confidential=st.booleans(),
        phone_only=st.booleans(),
        category=st.sampled_from(["infrastruktur", "penanganan-covid-19", "netralitas-asn"]),
    )
    def a_citizen_files(self, anonymous, confidential, phone_only, category):
        reporter = {"name": NAME, "phone": PHONE} if phone_only else {"name": NAME, "email": EMAIL}
        body = {
            "type": "pengaduan",
            "title": "Pungli di loket",
            "description": "Petugas meminta uang tambahan untuk layanan yang gratis.",
            "category": category,
            "anonymous": anonymous,
            "confidential": confidential,
            "reporter": reporter,
        }
        raw = json.dumps(body).encode()
        filed = intake.file_report(raw, body, now=clock.now(), idempotency_key=None)
        self.filed.append(filed["tracking_id"])
        return filed["tracking_id"]

    @rule(
        target=reports,
        failing=st.lists(st.sampled_from(["spf", "dkim", "dmarc", "spam", "virus"]), max_size=2),
    )
    def a_citizen_mails_a_report(self, failing):
        raw = raw_mail(sender=f"{NAME} <{EMAIL}>", subject="Pungli di loket",
                       text="Petugas meminta uang tambahan untuk layanan yang gratis.")  # fmt: skip
        outcome = receive(raw, clock.now(), recipients=[INTAKE], **dict.fromkeys(failing, "FAIL"))
        self.filed.append(outcome["tracking_id"])
        return outcome["tracking_id"]

    @rule(
        tracking_id=reports,
        desk=st.sampled_from(["reporter", "its agency", "pemkab-sleman", "pemkot-makassar"]),
        genuine=st.sampled_from([True, True, True, False]),
        dkim=st.sampled_from(["PASS", "PASS", "FAIL", "GRAY"]),
        text=st.sampled_from(["Jalan sudah kami perbaiki kemarin sore.", "Ok, terima kasih."]),
    )
    def someone_replies_by_mail(self, tracking_id, desk, genuine, dkim, text):
        """To the address a mail to ``desk`` carries, from that desk or from a stranger."""
        before = get_report(tracking_id)
        if desk == "its agency":  # the desk that may answer, when it is one we can mail as
            desk = before.agency if before.agency in MAIL_DESKS else "pemkab-sleman"
        sender = MAIL_DESKS[desk] if genuine else "orang@lain.example"
        signed = reporter_desk() if desk == "reporter" else agency_desk(desk)
        address = links.reply_address(tracking_id, signed, clock.now())
        raw = raw_mail(sender=sender, to=address, text=text)
        outcome = receive(raw, clock.now(), recipients=[address], dkim=dkim)
        after = get_report(tracking_id)
        if outcome["kind"] == "info_provided":
            assert (sender, desk, before.on_hold) == (EMAIL, "reporter", True)
            assert not after.on_hold and after.status is before.status
        elif outcome["kind"] == "note_added":
            assert (sender, desk, after.status) == (EMAIL, "reporter", before.status)
        else:
            assert after.event_count == before.event_count, f"a mail moved a report: {outcome}"
        if outcome["kind"] == "draft":
            assert genuine and dkim == "PASS" and before.agency == desk

    @rule(tracking_id=reports, who=st.sampled_from(sorted(ACTORS)), data=st.data())
    def someone_acts(self, tracking_id, who, data):
        action = data.draw(st.sampled_from(sorted(WELL_FORMED)))
        command = data.draw(st.builds(Command, action=st.just(action), **WELL_FORMED[action]))
        self._act(tracking_id, who, command)

    def _act(self, tracking_id, who, command):
        before = get_report(tracking_id)
        try:
            after, _ = act(before, ACTORS[who], command, clock.now())
        except (ActionNotAllowed, InvalidCommand, ConcurrentUpdate):
            return
        assert command.action in ROLE_ACTIONS[ACTORS[who].role], f"{who} did what no {who} may"
        if who != "citizen":
            assert after.anonymous >= before.anonymous, "a desk made a report less anonymous"
            assert after.confidential >= before.confidential, "a desk made a report public"
        if before.status is Status.DISPOSITIONED and after.status is Status.ARCHIVED:
            assert after.duplicate_of, "an agency's report was archived other than as a duplicate"
        if command.action is Action.ADD_NOTE:  # a note moves nothing: no status, clock or level
            moved = ("status", "stage_due_at", "on_hold", "escalation_level", "next_work_at")
            assert [getattr(after, n) for n in moved] == [getattr(before, n) for n in moved]
        if command.action is Action.REROUTE:
            assert after.agency != before.agency, "a reroute stayed at the same agency"
        if after.unit is not None:
            units = workflow_context(clock.now()).agency_units[after.agency]
            assert after.unit in units, "a report was forwarded to a unit its agency lacks"

    @rule(
        tracking_id=reports,
        who=st.sampled_from(["admin", "sleman", "citizen"]),
        anonymous=st.one_of(st.none(), st.booleans()),
        confidential=st.one_of(st.none(), st.booleans()),
    )
    def someone_changes_privacy(self, tracking_id, who, anonymous, confidential):
        """Often enough to meet every switch in every state (the admin form's old default)."""
        command = Command(
            Action.SET_PRIVACY, anonymous=anonymous, confidential=confidential, note="Privasi."
        )
        self._act(tracking_id, who, command)

    # The rules below reach the routed states and the desks' choices more often than the
    # uniform draw above would in a few hundred steps.
    @rule(tracking_id=reports)
    def the_reporter_adds_a_note(self, tracking_id):
        """Often enough to meet every state (among every action, the draw would be rare)."""
        self._act(tracking_id, "citizen", Command(Action.ADD_NOTE, internal_note="Makin parah."))

    @rule(tracking_id=reports, agency=st.sampled_from(["pemkab-sleman", "pemkot-makassar"]))
    def an_admin_routes(self, tracking_id, agency):
        self._act(tracking_id, "admin", Command(Action.VERIFY, agency=agency))

    @rule(
        tracking_id=reports,
        original=reports,
        reason=st.sampled_from(["duplicate", "spam", "incomplete", "out_of_scope"]),
    )
    def an_admin_archives(self, tracking_id, original, reason):
        merge_into = original if reason == "duplicate" else None
        archive = Command(Action.ARCHIVE, reason=reason, duplicate_of=merge_into)
        self._act(tracking_id, "admin", archive)

    @rule(tracking_id=reports, unit=st.sampled_from(["dinas-pu", "bidang-karangan"]))
    def the_desk_forwards(self, tracking_id, unit):
        desk = {"pemkab-sleman": "sleman", "pemkot-makassar": "makassar"}
        who = desk.get(get_report(tracking_id).agency or "")
        if who:
            self._act(tracking_id, who, Command(Action.FORWARD, unit=unit))

    @rule(tracking_id=reports, satisfied=st.booleans())
    def the_desk_follows_up_and_the_citizen_answers(self, tracking_id, satisfied):
        """A round of the follow-up cycle, often enough to reopen a report and follow it up
        again (the figures count a report's first follow-up only)."""
        desk = {"pemkab-sleman": "sleman", "pemkot-makassar": "makassar"}
        who = desk.get(get_report(tracking_id).agency or "")
        if who:
            self._act(tracking_id, who, Command(Action.FOLLOW_UP, note="Sudah ditangani."))
            self._act(tracking_id, "citizen", Command(Action.RESPOND, satisfied=satisfied))

    @rule(hours=st.integers(1, 24 * 20))
    def time_passes(self, hours):
        self.clock.advance(timedelta(hours=hours))

    @rule()
    def the_sweep_runs(self):
        result = run_sweep(clock.now())
        assert result.failed == 0
        for tracking_id in self.filed:
            report = get_report(tracking_id)
            if report.on_hold:  # a hold the sweep has seen ends when its window does
                assert clock.now() <= report.hold_until
            events = list_events(tracking_id)
            levels = [e.escalation_level for e in events if e.action == Action.ESCALATE]
            assert all(level in {1, 2, 3} for level in levels), "an escalation lost its level"

    @rule(data=st.data())
    def a_learner_works_the_practice_desk(self, data):
        # A learner of this run's own: the tables outlive a run, and a desk left by an earlier
        # run would change what this one draws.
        self.learner = self.learner or learners.register(
            email=f"latih.{uuid.uuid4().hex[:12]}@slemankab.example", name="Latih",
            agency="pemkab-sleman", level="operator", language="id", now=clock.now())  # fmt: skip
        desk = practice_desks.get(self.learner.id)
        move = data.draw(st.sampled_from(["start", "act", "act", "clock"]) if desk else
                         st.just("start"))  # fmt: skip
        if move == "start":
            practice.start(self.learner, "id", clock.now())
            self.desks_started += 1
        elif move == "clock":
            hours = data.draw(st.integers(1, 24 * 20))
            practice.advance(self.learner, hours, "id", clock.now())
        else:
            report = data.draw(st.sampled_from(desk.reports))
            command = data.draw(st.sampled_from(PRACTICE_COMMANDS))
            try:
                practice.act(self.learner, report.tracking_id, command, "id", clock.now())
            except (LearningRefused, InvalidFields):  # refused: the desk unchanged
                assert practice_desks.get(self.learner.id).version == desk.version

    def _practice_reports(self):
        desk = practice_desks.get(self.learner.id) if self.learner else None
        return desk.reports if desk else []

    @invariant()
    def the_practice_desk_never_reaches_the_real_tables_or_queues(self):
        for report in self._practice_reports():
            assert get_report(report.tracking_id) is None
            assert not list(EventModel.query(report.tracking_id))
        # (the queues, the feed, the figures and the exports are all read from those tables)

    @invariant()
    def strangers_see_only_verified_open_reports_and_never_a_reporter(self):
        for tracking_id in self.filed:
            report = get_report(tracking_id)
            response = self.client.http.get(f"/api/reports/{tracking_id}")
            if report.public:
                assert response.status_code == 200
                assert not any(part in json.dumps(response.json_body) for part in IDENTITY)
            else:
                assert (response.status_code, response.json_body["error"]["code"]) == (
                    404,
                    "not_found",
                )
        feed = self.client.http.get("/api/reports?limit=50").json_body
        assert not any(part in json.dumps(feed) for part in (*IDENTITY, "LATIHAN"))
        for entry in feed["reports"]:
            assert get_report(entry["tracking_id"]).public

    @invariant()
    def search_finds_exactly_the_public_reports(self):
        found = self.client.http.get("/api/reports?q=pungli+loket&limit=50").json_body
        assert not any(part in json.dumps(found) for part in IDENTITY)
        practice_words = self.client.http.get("/api/reports?q=jalan+kabupaten").json_body
        assert not any(e["tracking_id"].startswith("LATIHAN") for e in practice_words["reports"])
        # (the tables outlive an example: earlier examples' reports are there too)
        public = {t for t in self.filed if get_report(t).public}
        shown = [entry["tracking_id"] for entry in found["reports"]]
        assert public <= set(shown) and all(get_report(t).public for t in shown)
        # and the index holds nothing else: one entry per public report in the word's list
        listed = [e.tracking_id for s in range(SEARCH_SHARDS)
                  for e in SearchEntryModel.query(f"pungli#{s}")]  # fmt: skip
        assert len(listed) == len(set(listed)) and public <= set(listed)
        assert all(get_report(t).public for t in listed)

    def _every_report(self):
        """The real reports, and the practice desk's (the same rules hold on both)."""
        return [get_report(t) for t in self.filed] + self._practice_reports()

    @invariant()
    def escalation_never_drops_inside_a_stage(self):
        for report in self._every_report():
            key = (report.tracking_id, self.desks_started)
            stage, level = self.levels.get(key, (None, 0))
            if report.stage_started_at == stage:
                assert report.escalation_level >= level
            self.levels[key] = (report.stage_started_at, report.escalation_level)

    @invariant()
    def no_deadline_passes_its_stages_cap(self):
        context = workflow_context(clock.now())
        for report in self._every_report():
            for due in (report.stage_due_at, report.stage_first_due_at):
                if due is not None and report.stage is not None:
                    assert due <= stage_cap(report, context)

    @invariant()
    def a_report_counts_once_in_each_figure_that_counts_reports(self):
        for tracking_id in self.filed:
            counts: dict[str, int] = {}
            for event in EventModel.query(tracking_id):
                for name, value in (event.figures or {}).get("counts", {}).items():
                    counts[name] = counts.get(name, 0) + value
            assert counts.get("received") == 1
            for name in ("verified", "followed_up", "completed", "rating_count"):
                assert counts.get(name, 0) <= 1, name
            assert counts.get("followed_up_on_time", 0) <= counts.get("followed_up", 0)
            assert counts.get("satisfied", 0) + counts.get("not_satisfied", 0) + counts.get(
                "no_response", 0
            ) == counts.get("completed", 0)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_rules_hold_over_random_sequences_of_every_action(client, frozen_clock):
    run_state_machine_as_test(
        lambda: Lapor(client, frozen_clock),
        settings=settings(
            max_examples=12,
            stateful_step_count=30,
            suppress_health_check=list(HealthCheck),
        ),
    )
