"""The report lifecycle as a pure state machine (DESIGN.md §2).

``allowed_actions`` says what an actor may do to a report now; ``apply`` does it, returning
the new state and the one timeline event that records it. Nothing here touches AWS or reads
the clock: the caller passes a Context.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from chalicelib.domain.calendar import WorkingCalendar
from chalicelib.domain.policy import ServiceLevels
from chalicelib.domain.report import ActorRole, Event, Report, Status

MAX_REOPENS = 2
TOP_ESCALATION_LEVEL = 3


class Action(StrEnum):
    VERIFY = "verify"  # national admin: route to the agency with authority
    ARCHIVE = "archive"  # national admin: out of scope, duplicate, incomplete, spam
    SET_PRIVACY = "set_privacy"  # national admin: switch anonim / rahasia on
    FORWARD = "forward"  # agency coordinator → a unit's liaison
    UNIT_REPLY = "unit_reply"  # unit liaison → back to the coordinator
    FOLLOW_UP = "follow_up"  # agency coordinator: the public answer
    HOLD = "hold"  # agency: ask the citizen for more information (clock pauses)
    PROVIDE_INFO = "provide_info"  # citizen: answer the agency's question (clock restarts)
    NOT_OUR_AUTHORITY = "not_our_authority"  # agency: back to the national admin
    REQUEST_EXTENSION = "request_extension"  # agency: a longer tier, with a reason
    RESPOND = "respond"  # citizen: satisfied, or not (reopens, at most twice)
    AUTO_CLOSE = "auto_close"  # system: the response window passed in silence
    ESCALATE = "escalate"  # system: a deadline passed; one level further
    RATE = "rate"  # citizen: 1–5 after completion


class ArchiveReason(StrEnum):
    OUT_OF_SCOPE = "out_of_scope"
    DUPLICATE = "duplicate"
    INCOMPLETE = "incomplete"
    SPAM = "spam"


ROLE_ACTIONS: dict[ActorRole, frozenset[Action]] = {
    ActorRole.ADMIN: frozenset({Action.VERIFY, Action.ARCHIVE, Action.SET_PRIVACY}),
    ActorRole.AGENCY: frozenset(
        {
            Action.FORWARD,
            Action.UNIT_REPLY,
            Action.FOLLOW_UP,
            Action.HOLD,
            Action.NOT_OUR_AUTHORITY,
            Action.REQUEST_EXTENSION,
        }
    ),
    ActorRole.CITIZEN: frozenset({Action.PROVIDE_INFO, Action.RESPOND, Action.RATE}),
    ActorRole.SYSTEM: frozenset({Action.AUTO_CLOSE, Action.ESCALATE}),
}
AGENCY_ACTIONS = ROLE_ACTIONS[ActorRole.AGENCY]


@dataclass(frozen=True)
class Actor:
    role: ActorRole
    id: str | None = None
    agency: str | None = None  # for agency actors: whose desk
    unit: str | None = None  # for a unit's liaison: which unit


@dataclass(frozen=True)
class Command:
    action: Action
    note: str | None = None  # public: the citizen and the public view see it
    internal_note: str | None = None  # admins and the agency only
    agency: str | None = None
    unit: str | None = None
    reason: str | None = None
    tier: str | None = None
    satisfied: bool | None = None
    rating: int | None = None
    anonymous: bool | None = None
    confidential: bool | None = None
    attachments: tuple[str, ...] = ()  # uploads sent with a follow-up


@dataclass(frozen=True)
class Context:
    """What the rules need to know about the world at the moment of the action."""

    now: datetime
    calendar: WorkingCalendar
    levels: ServiceLevels
    national_timezone: str
    agency_timezones: Mapping[str, str]
    copies_by_category: Mapping[str, tuple[str, ...]]


class ActionNotAllowed(Exception):
    def __init__(self, status: Status, allowed: list[Action]) -> None:
        super().__init__(status.value)
        self.status = status
        self.allowed = allowed


class InvalidCommand(Exception):
    """A parameter the action needs is missing or wrong: field name → (message key, params)."""

    def __init__(self, fields: dict[str, tuple[str, dict[str, Any]]]) -> None:
        super().__init__(", ".join(fields))
        self.fields = fields


def _active(r: Report) -> bool:
    return r.status is Status.DISPOSITIONED and not r.on_hold


def _coordinator(r: Report, a: Actor) -> bool:
    return _active(r) and r.unit is None and a.unit is None


_GUARDS: dict[Action, Callable[[Report, Actor, datetime], bool]] = {
    Action.VERIFY: lambda r, a, now: r.status is Status.SUBMITTED,
    Action.ARCHIVE: lambda r, a, now: r.status is Status.SUBMITTED,
    Action.SET_PRIVACY: lambda r, a, now: True,
    Action.FORWARD: lambda r, a, now: _coordinator(r, a),
    Action.UNIT_REPLY: lambda r, a, now: _active(r) and r.unit is not None and a.unit == r.unit,
    Action.FOLLOW_UP: lambda r, a, now: _coordinator(r, a),
    Action.HOLD: lambda r, a, now: _coordinator(r, a),
    Action.PROVIDE_INFO: lambda r, a, now: r.status is Status.DISPOSITIONED and r.on_hold,
    Action.NOT_OUR_AUTHORITY: lambda r, a, now: _coordinator(r, a),
    Action.REQUEST_EXTENSION: lambda r, a, now: (
        _coordinator(r, a) and r.extension_tier != "field_inspection"
    ),
    Action.RESPOND: lambda r, a, now: (
        r.status is Status.FOLLOWED_UP and r.stage_due_at is not None and now <= r.stage_due_at
    ),
    Action.AUTO_CLOSE: lambda r, a, now: (
        r.status is Status.FOLLOWED_UP and r.stage_due_at is not None and now > r.stage_due_at
    ),
    Action.ESCALATE: lambda r, a, now: (
        r.status in {Status.SUBMITTED, Status.DISPOSITIONED}
        and r.next_work_at is not None
        and now > r.next_work_at
    ),
    Action.RATE: lambda r, a, now: (
        r.status is Status.COMPLETED and r.rating is None and r.outcome != "archived"
    ),
}


def allowed_actions(report: Report, actor: Actor, now: datetime) -> list[Action]:
    if actor.role is ActorRole.AGENCY and actor.agency != report.agency:
        return []
    return [
        action
        for action in Action
        if action in ROLE_ACTIONS[actor.role] and _GUARDS[action](report, actor, now)
    ]


def apply(report: Report, actor: Actor, command: Command, ctx: Context) -> tuple[Report, Event]:
    """The report after the action and the event that records it; the input is not changed."""
    allowed = allowed_actions(report, actor, ctx.now)
    if command.action not in allowed:
        raise ActionNotAllowed(report.status, allowed)
    if command.attachments and command.action is not Action.FOLLOW_UP:
        raise InvalidCommand({"attachments": ("invalid", {})})
    new = replace(
        report,
        copies_to=list(report.copies_to),
        attachments=list(report.attachments),
        reply_attachments=list(report.reply_attachments),
    )
    _EFFECTS[command.action](new, actor, command, ctx)
    if new.stage_due_at != report.stage_due_at:
        new.escalation_level = 0  # a new deadline starts its escalations afresh
    schedule_work(new, ctx)
    new.updated_at = ctx.now
    new.event_count = report.event_count + 1
    event = Event(
        tracking_id=report.tracking_id,
        seq=new.event_count,
        at=ctx.now,
        action=command.action.value,
        actor_role=actor.role,
        actor_id=actor.id,
        from_status=report.status,
        to_status=new.status,
        public_note=command.note,
        internal_note=command.internal_note,
        due_at=new.stage_due_at if new.stage_due_at != report.stage_due_at else None,
    )
    return new, event


def schedule_work(report: Report, ctx: Context) -> None:
    """When the sweep must next look at the report: the next escalation of a late stage, or
    the end of the citizen's window; never while paused or closed."""
    report.next_work_at = None
    due = report.stage_due_at
    if due is None or report.on_hold:
        return
    if report.status is Status.FOLLOWED_UP:
        report.next_work_at = due
    elif (
        report.status in {Status.SUBMITTED, Status.DISPOSITIONED}
        and report.escalation_level < TOP_ESCALATION_LEVEL
    ):
        after = ctx.levels.escalation_after_working_days[report.escalation_level]
        zone = ctx.agency_timezones.get(report.agency or "", ctx.national_timezone)
        report.next_work_at = (
            ctx.calendar.due_after_working_days(due, after, zone) if after else due
        )


# --- effects -------------------------------------------------------------------------------


def _require(command: Command, *names: str) -> None:
    missing = {name: ("missing", {}) for name in names if getattr(command, name) in (None, "")}
    if missing:
        raise InvalidCommand(missing)


def _agency_zone(report: Report, ctx: Context) -> str:
    return ctx.agency_timezones.get(report.agency or "", ctx.national_timezone)


def _set_stage(report: Report, stage: str, ctx: Context, *, zone: str | None = None) -> None:
    days = ctx.levels.working_days(stage, category=report.category, report_type=report.type.value)
    report.stage = stage
    report.stage_due_at = ctx.calendar.due_after_working_days(
        ctx.now, days, zone or _agency_zone(report, ctx)
    )


def _close(report: Report, status: Status, outcome: str) -> None:
    report.status = status
    report.outcome = outcome
    report.stage = None
    report.stage_due_at = None
    report.unit = None
    report.on_hold = False


def _verify(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "agency")
    if c.agency not in ctx.agency_timezones:
        raise InvalidCommand({"agency": ("unknown_agency", {})})
    route(r, c.agency, ctx)


def route(r: Report, agency: str, ctx: Context) -> None:
    """Hand the report to an agency's desk: on verification, or straight away (fast track)."""
    r.status = Status.DISPOSITIONED
    r.agency = agency
    r.unit = None
    r.on_hold = False
    r.held_working_days = None
    r.extension_tier = None
    r.routed_at = ctx.now
    r.copies_to = list(ctx.copies_by_category.get(r.category, ()))
    _set_stage(r, "follow_up", ctx)


def _archive(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "reason")
    if c.reason not in {reason.value for reason in ArchiveReason}:
        expected = ", ".join(reason.value for reason in ArchiveReason)
        raise InvalidCommand({"reason": ("enum", {"expected": expected})})
    r.archive_reason = c.reason
    _close(r, Status.ARCHIVED, "archived")


def _set_privacy(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    if c.anonymous is None and c.confidential is None:
        raise InvalidCommand({"confidential": ("missing", {})})
    if c.anonymous is not None:
        r.anonymous = c.anonymous
    if c.confidential is not None:
        r.confidential = c.confidential


def _forward(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "unit")
    r.unit = c.unit
    _set_stage(r, "unit_follow_up", ctx)


def _unit_reply(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "internal_note")
    r.unit = None
    _set_stage(r, "coordinator_review", ctx)


def _follow_up(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "note")
    r.reply_attachments += list(c.attachments)
    r.status = Status.FOLLOWED_UP
    _set_stage(r, "citizen_response", ctx)


def _hold(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "note")
    left = 1
    if r.stage_due_at is not None:
        left = ctx.calendar.working_days_left(ctx.now, r.stage_due_at, _agency_zone(r, ctx))
    r.on_hold = True
    r.held_working_days = max(left, 1)
    r.stage_due_at = None


def _provide_info(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "note")
    days = r.held_working_days or 1
    r.on_hold = False
    r.held_working_days = None
    r.stage_due_at = ctx.calendar.due_after_working_days(ctx.now, days, _agency_zone(r, ctx))


def _not_our_authority(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "note")
    r.returned_by = r.agency
    r.status = Status.SUBMITTED
    r.agency = None
    r.unit = None
    r.routed_at = None
    r.copies_to = []
    _set_stage(r, "verification", ctx, zone=ctx.national_timezone)


def _request_extension(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "tier", "note")
    tiers = ctx.levels.extension_tiers
    if c.tier not in tiers or c.tier == r.extension_tier:
        expected = ", ".join(t for t in tiers if t != r.extension_tier)
        raise InvalidCommand({"tier": ("enum", {"expected": expected})})
    r.extension_tier = c.tier
    r.stage_due_at = ctx.calendar.due_after_calendar_days(
        ctx.now, tiers[c.tier], _agency_zone(r, ctx)
    )


def _respond(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "satisfied")
    if c.satisfied:
        _close(r, Status.COMPLETED, "satisfied")
    elif r.reopen_count < MAX_REOPENS:
        r.reopen_count += 1
        r.status = Status.DISPOSITIONED
        _set_stage(r, "follow_up", ctx)
    else:
        _close(r, Status.COMPLETED, "not_satisfied")


def _auto_close(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _close(r, Status.COMPLETED, "no_response")


def _escalate(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    r.escalation_level += 1


def _rate(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "rating")
    if not isinstance(c.rating, int) or not 1 <= c.rating <= 5:
        raise InvalidCommand({"rating": ("rating", {})})
    r.rating = c.rating
    r.rating_comment = c.note


_EFFECTS: dict[Action, Callable[[Report, Actor, Command, Context], None]] = {
    Action.VERIFY: _verify,
    Action.ARCHIVE: _archive,
    Action.SET_PRIVACY: _set_privacy,
    Action.FORWARD: _forward,
    Action.UNIT_REPLY: _unit_reply,
    Action.FOLLOW_UP: _follow_up,
    Action.HOLD: _hold,
    Action.PROVIDE_INFO: _provide_info,
    Action.NOT_OUR_AUTHORITY: _not_our_authority,
    Action.REQUEST_EXTENSION: _request_extension,
    Action.RESPOND: _respond,
    Action.AUTO_CLOSE: _auto_close,
    Action.ESCALATE: _escalate,
    Action.RATE: _rate,
}
