"""The practice desk (LATIHAN): a learner works synthetic reports through the real state
machine (the same ``apply``, deadlines, calendar and sweep rules) as the national admin and
as the agency's desk, on a clock of their own that only they move, and is scored on routing
and on acting before each deadline.

A desk lives in one item of the practice table, never in the reports table: no queue, feed,
figure, search, Open311 answer or export reads that table. The mail its steps would send is
rendered with the real templates, marked [LATIHAN], and shown on the desk, never sent; the one
real mail is the learner's result, marked too."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from chalicelib.domain.actions import ROLE_ACTIONS, Action, Actor
from chalicelib.domain.errors import InvalidFields
from chalicelib.domain.notices import Contacts, plan_notices
from chalicelib.domain.practice import (
    Scenario,
    Step,
    finished,
    report_score,
    total_score,
)
from chalicelib.domain.report import (
    ActorRole,
    Event,
    Language,
    Report,
    Reporter,
    ReportType,
    Status,
)
from chalicelib.domain.workflow import (
    ActionNotAllowed,
    Command,
    allowed_actions,
    apply,
    due_action,
    schedule_work,
    start_verification,
)
from chalicelib.i18n import translate
from chalicelib.notify.render import render
from chalicelib.services.errors import LearningRefused
from chalicelib.services.notifications import report_facts
from chalicelib.services.workflow import workflow_context
from chalicelib.settings import get_settings
from chalicelib.store import learners, practice, reference
from chalicelib.store.learning_content import scenarios
from chalicelib.store.outbox import intent_id, new_intent, save_intent
from chalicelib.store.practice import Sandbox

MARK = "LATIHAN"
TRACKING_PREFIX = f"{MARK}-"
# Addresses under .invalid (RFC 2606) can never be delivered to: the desk's mail is shown only.
REPORTER = "warga@latihan.invalid"
CONTACTS_DOMAIN = "latihan.invalid"
MAX_SWEEP_STEPS = 10  # per report per clock move: more escalation levels than there are
# A desk is one DynamoDB item (400 KB at most): its steps are bounded (five reports need a few
# dozen; endless reroutes are refused, the desk can be started again) and its mailbox keeps
# the newest.
MAX_STEPS = 300
MAILS_KEPT = 100
SYSTEM = Actor(ActorRole.SYSTEM, id="sistem-latihan")
# A forward hands the report to a work unit, another person the desk cannot play: left out.
NOT_PRACTISED = frozenset({Action.FORWARD, Action.UNIT_REPLY})


def _contacts() -> Contacts:
    keys = reference.agencies().keys()
    return Contacts(
        agency_desks={k: (f"meja.{k}@{CONTACTS_DOMAIN}",) for k in keys},
        agency_heads={k: f"pimpinan.{k}@{CONTACTS_DOMAIN}" for k in keys},
        admins=(f"admin.nasional@{CONTACTS_DOMAIN}",),
    )


def _new_report(number: int, scenario: Scenario, language: str, now: datetime) -> Report:
    report = Report(
        tracking_id=f"{TRACKING_PREFIX}{number}", type=ReportType(scenario.type),
        status=Status.SUBMITTED, title=scenario.title[language],
        description=scenario.description[language], category=scenario.category,
        created_at=now, updated_at=now, access_token_hash="",
        reporter=Reporter(name=translate("practice.reporter", language), email=REPORTER),
        language=Language(language), event_count=1,
    )  # fmt: skip
    context = workflow_context(now)
    start_verification(report, context)
    schedule_work(report, context)
    return report


def start(learner: learners.Learner, language: str, now: datetime) -> dict[str, Any]:
    """A fresh desk of every scenario, on a clock that starts at ``now``; any earlier desk
    of the learner's is replaced."""
    reports = [
        _new_report(number, scenario, learner.language, now)
        for number, scenario in enumerate(scenarios(), start=1)
    ]
    practice.start(Sandbox(learner_id=learner.id, started_at=now, clock=now, reports=reports))
    return view(learner, language)


def _sandbox(learner: learners.Learner) -> Sandbox:
    found = practice.get(learner.id)
    if found is None:
        raise LearningRefused(404, "practice_not_started")
    return found


def _scenario_of(report: Report) -> Scenario:
    number = int(report.tracking_id.removeprefix(TRACKING_PREFIX))
    return scenarios()[number - 1]


def _actor(action: Action, report: Report) -> Actor:
    """The learner acts as the national admin or as the handling agency's desk; the citizen
    and the system are the desk's to play."""
    if action in NOT_PRACTISED:
        raise InvalidFields({"action": ("practice_action", {})})
    if action in ROLE_ACTIONS[ActorRole.ADMIN]:
        return Actor(ActorRole.ADMIN, id=MARK.lower())
    if action in ROLE_ACTIONS[ActorRole.AGENCY]:
        return Actor(ActorRole.AGENCY, id=MARK.lower(), agency=report.agency)
    raise InvalidFields({"action": ("practice_action", {})})


def _mails(before: Report, after: Report, event: Event) -> list[dict[str, Any]]:
    """What the step would have mailed, rendered as it would be, marked and never sent."""
    facts = report_facts(after, None, seq=event.seq, note=event.public_note)
    shown = []
    for notice in plan_notices(before, after, event, _contacts()):
        email = render(
            kind=notice.kind, to=notice.to or "-", language=notice.language,
            data={"reports": [facts]} if notice.digest else facts, link=None,
        )  # fmt: skip
        shown.append({"at": event.at.isoformat(), "tracking_id": after.tracking_id,
                      "to": notice.to, "subject": f"[{MARK}] {email.subject}"})  # fmt: skip
    return shown


def _step(sandbox: Sandbox, report: Report, actor: Actor, command: Command) -> Report:
    if len(sandbox.steps) >= MAX_STEPS:
        raise LearningRefused(409, "practice_desk_full")
    context = workflow_context(sandbox.clock)
    try:
        new, event = apply(report, actor, command, context)
    except ActionNotAllowed:
        raise LearningRefused(409, "action_not_allowed") from None
    sandbox.steps.append(Step(
        tracking_id=report.tracking_id, action=command.action.value,
        agency=command.agency if command.action is Action.VERIFY else None,
        reason=command.reason if command.action is Action.ARCHIVE else None,
    ))  # fmt: skip
    sandbox.mails = [*sandbox.mails, *_mails(report, new, event)][-MAILS_KEPT:]
    sandbox.reports = [new if r.tracking_id == new.tracking_id else r for r in sandbox.reports]
    return new


def act(learner: learners.Learner, tracking_id: str, command: Command, language: str,
        now: datetime) -> dict[str, Any]:  # fmt: skip
    """``command`` on one of the desk's reports, at the desk's time (``now`` is the real time,
    for the result's mail)."""
    sandbox = _sandbox(learner)
    report = next((r for r in sandbox.reports if r.tracking_id == tracking_id.upper()), None)
    if report is None:
        raise LearningRefused(404, "practice_report_not_found")
    if command.attachments:
        raise InvalidFields({"attachments": ("practice_attachments", {})})
    _step(sandbox, report, _actor(command.action, report), command)
    _save(learner, sandbox, now)
    return view(learner, language, sandbox)


def advance(learner: learners.Learner, hours: int, language: str,
            now: datetime) -> dict[str, Any]:  # fmt: skip
    """The desk's clock moved forward, and its sweep run as the real one would run then:
    overdue reports escalate, holds end, unanswered follow-ups close."""
    sandbox = _sandbox(learner)
    sandbox.clock += timedelta(hours=hours)
    for original in list(sandbox.reports):
        report = original
        for _ in range(MAX_SWEEP_STEPS):
            if report.next_work_at is None or sandbox.clock <= report.next_work_at:
                break
            report = _step(sandbox, report, SYSTEM, Command(action=due_action(report)))
    _save(learner, sandbox, now)
    return view(learner, language, sandbox)


def _scores(sandbox: Sandbox) -> list[dict[str, Any]]:
    return [report_score(_scenario_of(r), r, sandbox.steps) for r in sandbox.reports]


def _save(learner: learners.Learner, sandbox: Sandbox, now: datetime) -> None:
    """The desk; when its last report is done, the score goes on the learner's record (for
    their supervisors) and the learner gets it by mail, once."""
    done_now = sandbox.finished_at is None and finished(sandbox.reports)
    if done_now:
        sandbox.finished_at = sandbox.clock
    practice.save(sandbox)
    if done_now:
        score = total_score(_scores(sandbox))
        learners.record_practice_score(learner.id, score)
        save_intent(new_intent(
            intent=intent_id("practice", learner.id, sandbox.started_at.isoformat()),
            kind="learning.practice_result", to=learner.email, language=learner.language,
            now=now, link_url=f"{get_settings().public_base_url}/belajar.html",
            data={"name": learner.name, "score": f"{round(score * 100)} %"},
        ))  # fmt: skip


def _label(kind: str, key: str | None, language: str) -> dict[str, str] | None:
    if not key:
        return None
    found = (reference.agencies() if kind == "agency" else reference.categories()).get(key)
    return {"key": key, "label": found.labels[language] if found else key}


def _practised(report: Report, actor: Actor, clock: datetime) -> list[str]:
    return [a.value for a in allowed_actions(report, actor, clock) if a not in NOT_PRACTISED]


def _report_view(report: Report, score: dict[str, Any], clock: datetime, language: str,
                 reveal: bool) -> dict[str, Any]:  # fmt: skip
    admin = Actor(ActorRole.ADMIN)
    desk = Actor(ActorRole.AGENCY, agency=report.agency)
    scenario = _scenario_of(report)
    return {
        "tracking_id": report.tracking_id, "title": report.title,
        "description": report.description,
        "category": _label("category", report.category, language),
        "status": report.status.value,
        "status_label": translate(f"status.{report.status.value}", language),
        "agency": _label("agency", report.agency, language),
        "stage": report.stage,
        # In the desk's own zone (WIB, WITA, WIT), as the real desks show it.
        "stage_due_at": report.stage_due_at.astimezone(
            ZoneInfo(reference.desk_timezone(report.agency))
        ).isoformat() if report.stage_due_at else None,
        "overdue": bool(report.stage_due_at and clock > report.stage_due_at
                        and report.status not in {Status.COMPLETED, Status.ARCHIVED}),
        "escalation_level": report.escalation_level, "on_hold": report.on_hold,
        "actions": {"admin": _practised(report, admin, clock),
                    "agency": _practised(report, desk, clock) if report.agency else []},
        "score": score,
        # The right answer only once the desk is done: it is what the learner is scored on.
        "answer": ({"agency": _label("agency", scenario.agency, language),
                    "archive": scenario.archive} if reveal else None),
    }  # fmt: skip


def view(learner: learners.Learner, language: str,
         sandbox: Sandbox | None = None) -> dict[str, Any]:  # fmt: skip
    sandbox = sandbox or _sandbox(learner)
    scores = _scores(sandbox)
    done = sandbox.finished_at is not None
    return {
        "mark": MARK,
        "clock": sandbox.clock.isoformat(), "started_at": sandbox.started_at.isoformat(),
        "finished": done, "score": total_score(scores),
        "reports": [_report_view(r, s, sandbox.clock, language, done)
                    for r, s in zip(sandbox.reports, scores, strict=True)],
        "mails": list(reversed(sandbox.mails)),
    }  # fmt: skip
