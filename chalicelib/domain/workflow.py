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

from chalicelib.domain.actions import ROLE_ACTIONS, Action, Actor
from chalicelib.domain.calendar import WorkingCalendar
from chalicelib.domain.errors import InvalidFields
from chalicelib.domain.policy import ServiceLevels
from chalicelib.domain.report import ActorRole, Event, Report, Status

MAX_REOPENS = 2
TOP_ESCALATION_LEVEL = 3


class ArchiveReason(StrEnum):
    OUT_OF_SCOPE = "out_of_scope"
    DUPLICATE = "duplicate"
    INCOMPLETE = "incomplete"
    SPAM = "spam"


@dataclass(frozen=True)
class Command:
    action: Action
    note: str | None = None  # public: the citizen and the public view see it
    internal_note: str | None = None  # admins and the agency only
    agency: str | None = None
    unit: str | None = None
    reason: str | None = None
    duplicate_of: str | None = None  # archiving a duplicate: the original's tracking id
    tier: str | None = None
    category: str | None = None
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
    agency_units: Mapping[str, frozenset[str]]  # the units each agency may forward to
    copies_by_category: Mapping[str, tuple[str, ...]]


class ActionNotAllowed(Exception):
    def __init__(self, status: Status, allowed: list[Action]) -> None:
        super().__init__(status.value)
        self.status = status
        self.allowed = allowed


class InvalidCommand(InvalidFields):
    """A parameter the action needs is missing or wrong: field name → (message key, params)."""


def _active(r: Report) -> bool:
    return r.status is Status.DISPOSITIONED and not r.on_hold


def _coordinator(r: Report, a: Actor) -> bool:
    return _active(r) and r.unit is None and a.unit is None


_GUARDS: dict[Action, Callable[[Report, Actor, datetime], bool]] = {
    Action.VERIFY: lambda r, a, now: r.status is Status.SUBMITTED,
    # From the agency's desk only as a duplicate (merged into its original): see _archive.
    Action.ARCHIVE: lambda r, a, now: r.status in {Status.SUBMITTED, Status.DISPOSITIONED},
    Action.SET_PRIVACY: lambda r, a, now: True,
    Action.FORWARD: lambda r, a, now: _coordinator(r, a),
    Action.UNIT_REPLY: lambda r, a, now: _active(r) and r.unit is not None and a.unit == r.unit,
    Action.FOLLOW_UP: lambda r, a, now: _coordinator(r, a),
    Action.HOLD: lambda r, a, now: _coordinator(r, a),
    Action.PROVIDE_INFO: lambda r, a, now: r.status is Status.DISPOSITIONED and r.on_hold,
    # On hold, the reporter's words answer the question (provide_info) and restart the clock.
    Action.ADD_NOTE: lambda r, a, now: r.status in _OPEN and not r.on_hold,
    Action.END_HOLD: lambda r, a, now: (
        r.status is Status.DISPOSITIONED
        and r.on_hold
        and r.hold_until is not None
        and now > r.hold_until
    ),
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
        and not r.on_hold
        and r.next_work_at is not None
        and now > r.next_work_at
    ),
    Action.RATE: lambda r, a, now: (
        r.status is Status.COMPLETED and r.rating is None and r.outcome != "archived"
    ),
    Action.REROUTE: lambda r, a, now: r.status is Status.DISPOSITIONED,
    Action.CHANGE_CATEGORY: lambda r, a, now: r.status in _OPEN,
    Action.SEND_LINK: lambda r, a, now: r.status is Status.DISPOSITIONED,
}


_OPEN = frozenset({Status.SUBMITTED, Status.DISPOSITIONED, Status.FOLLOWED_UP})


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
        earlier_token_hashes=list(report.earlier_token_hashes),
        undelivered=list(report.undelivered),
    )
    _EFFECTS[command.action](new, actor, command, ctx)
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
        escalation_level=new.escalation_level if command.action is Action.ESCALATE else None,
    )
    return new, event


def due_action(report: Report) -> Action:
    """What the sweep does to a report whose next piece of work is due."""
    if report.on_hold:
        return Action.END_HOLD
    if report.status is Status.FOLLOWED_UP:
        return Action.AUTO_CLOSE
    return Action.ESCALATE


def schedule_work(report: Report, ctx: Context) -> None:
    """When the sweep must next look at the report: the next escalation of a late stage, the
    end of the citizen's window, or the end of a hold; never once closed."""
    report.next_work_at = None
    if report.on_hold:
        report.next_work_at = report.hold_until
        return
    due = report.stage_due_at
    if due is None:
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


def _days(report: Report, stage: str, ctx: Context) -> int:
    return ctx.levels.working_days(stage, category=report.category, report_type=report.type.value)


def start_stage(report: Report, stage: str, ctx: Context, *, zone: str | None = None) -> None:
    """A new desk owes the report (or the citizen does): a fresh deadline, a fresh cap, and
    escalation from level 0. Nothing else ever lowers the level."""
    report.stage = stage
    report.stage_started_at = ctx.now
    report.escalation_level = 0
    report.extension_tier = None
    report.unit = None
    report.unit_due_at = None
    report.stage_due_at = capped(
        report,
        ctx.calendar.due_after_working_days(
            ctx.now, _days(report, stage, ctx), zone or _agency_zone(report, ctx)
        ),
        ctx,
    )
    report.stage_first_due_at = report.stage_due_at


def stage_cap(report: Report, ctx: Context) -> datetime:
    """The latest any deadline of the current stage may fall (Perpres 76/2013)."""
    started = report.stage_started_at or ctx.now
    zone = ctx.national_timezone if report.status is Status.SUBMITTED else _agency_zone(report, ctx)
    return ctx.calendar.due_after_calendar_days(started, ctx.levels.stage_cap_calendar_days, zone)


def capped(report: Report, due: datetime, ctx: Context) -> datetime:
    return min(due, stage_cap(report, ctx))


def _close(report: Report, status: Status, outcome: str) -> None:
    report.status = status
    report.outcome = outcome
    report.stage = None
    report.stage_due_at = None
    report.unit = None
    report.unit_due_at = None
    report.on_hold = False
    report.hold_until = None


def _verify(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "agency")
    if c.agency not in ctx.agency_timezones:
        raise InvalidCommand({"agency": ("unknown_agency", {})})
    route(r, c.agency, ctx)


def _reroute(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    """To another agency, which starts afresh; links issued to the old one stop opening it
    (a link reads only its own agency's reports)."""
    _require(c, "agency", "note")
    if c.agency not in ctx.agency_timezones:
        raise InvalidCommand({"agency": ("unknown_agency", {})})
    if c.agency == r.agency:
        raise InvalidCommand({"agency": ("same_agency", {})})
    route(r, c.agency, ctx)


def _change_category(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "category", "note")
    if c.category not in ctx.copies_by_category:
        raise InvalidCommand({"category": ("unknown_category", {})})
    r.category = c.category


def _send_link(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    """Nothing changes but the record of it: the desk is mailed a fresh link."""


def route(r: Report, agency: str, ctx: Context) -> None:
    """Hand the report to an agency's desk: on verification, or straight away (fast track).
    From here on the report may be public (unless it is confidential)."""
    r.status = Status.DISPOSITIONED
    r.agency = agency
    r.on_hold = False
    r.hold_until = None
    r.held_working_days = None
    r.routed_at = ctx.now
    r.verified_at = r.verified_at or ctx.now
    r.copies_to = list(ctx.copies_by_category.get(r.category, ()))
    start_stage(r, "follow_up", ctx)


def start_verification(r: Report, ctx: Context) -> None:
    start_stage(r, "verification", ctx, zone=ctx.national_timezone)


def _archive(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "reason")
    if c.reason not in {reason.value for reason in ArchiveReason}:
        expected = ", ".join(reason.value for reason in ArchiveReason)
        raise InvalidCommand({"reason": ("enum", {"expected": expected})})
    if c.reason == ArchiveReason.DUPLICATE:
        _require(c, "duplicate_of")
        if c.duplicate_of == r.tracking_id:
            raise InvalidCommand({"duplicate_of": ("duplicate_of_itself", {})})
        r.duplicate_of = c.duplicate_of
    elif c.duplicate_of is not None:
        raise InvalidCommand({"duplicate_of": ("duplicate_only", {})})
    elif r.status is Status.DISPOSITIONED:  # an agency owes it: only a merge takes it away
        raise InvalidCommand({"reason": ("duplicate_only_routed", {})})
    r.archive_reason = c.reason
    _close(r, Status.ARCHIVED, "archived")


def _set_privacy(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    """A desk may only hide more (the report names people, or the reporter is at risk);
    only the reporter may lift their own anonim or rahasia."""
    wanted = {"anonymous": c.anonymous, "confidential": c.confidential}
    if c.anonymous is None and c.confidential is None:
        raise InvalidCommand({"confidential": ("privacy_unchanged", {})})
    if a.role is not ActorRole.CITIZEN:
        _require(c, "note")
        loosened = [name for name, on in wanted.items() if on is False]
        if loosened:
            raise InvalidCommand({name: ("privacy_only_tighten", {}) for name in loosened})
    changes = {name: on for name, on in wanted.items() if on is not None and on != getattr(r, name)}
    if not changes:
        raise InvalidCommand({"confidential": ("privacy_unchanged", {})})
    if changes.get("anonymous") is False and not r.reporter.name:
        raise InvalidCommand({"anonymous": ("name_required", {})})
    for name, on in changes.items():
        setattr(r, name, on)


def _forward(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    """The unit gets its own date inside the agency's; the agency's deadline does not move."""
    _require(c, "unit")
    if c.unit not in ctx.agency_units.get(r.agency or "", frozenset()):
        raise InvalidCommand({"unit": ("unknown_unit", {})})
    r.unit = c.unit
    unit_due = ctx.calendar.due_after_working_days(
        ctx.now, _days(r, "unit_follow_up", ctx), _agency_zone(r, ctx)
    )
    r.unit_due_at = min(unit_due, r.stage_due_at) if r.stage_due_at else unit_due


def _unit_reply(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "internal_note")
    r.unit = None
    r.unit_due_at = None


def _follow_up(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "note")
    r.reply_attachments += list(c.attachments)
    r.status = Status.FOLLOWED_UP
    start_stage(r, "citizen_response", ctx)


def _hold(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "note")
    zone = _agency_zone(r, ctx)
    left = 1
    if r.stage_due_at is not None:
        left = ctx.calendar.working_days_left(ctx.now, r.stage_due_at, zone)
    r.on_hold = True
    r.held_working_days = max(left, 1)
    r.stage_due_at = None
    r.hold_until = ctx.calendar.due_after_working_days(ctx.now, _days(r, "citizen_hold", ctx), zone)


def _resume(r: Report, ctx: Context) -> None:
    """The agency's clock runs again with the working days it had left (at least one),
    never past the stage's cap."""
    days = r.held_working_days or 1
    r.on_hold = False
    r.hold_until = None
    r.held_working_days = None
    due = ctx.calendar.due_after_working_days(ctx.now, days, _agency_zone(r, ctx))
    r.stage_due_at = capped(r, due, ctx)


def _provide_info(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "note")
    _resume(r, ctx)


def _add_note(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    """Nothing moves: the note is on the timeline, where the desks read it."""
    _require(c, "internal_note")


def _end_hold(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _resume(r, ctx)


def _not_our_authority(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "note")
    r.returned_by = r.agency
    r.status = Status.SUBMITTED
    r.agency = None
    r.routed_at = None
    r.copies_to = []
    start_verification(r, ctx)


def _request_extension(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    """A longer tier, counted from the request; it never shortens the deadline and never
    passes the stage's cap, whatever the sequence of requests."""
    _require(c, "tier", "note")
    tiers = ctx.levels.extension_tiers
    current = tiers.get(r.extension_tier or "", 0)
    longer = [t for t, days in tiers.items() if days > current]
    if c.tier not in longer:
        raise InvalidCommand({"tier": ("enum", {"expected": ", ".join(longer)})})
    r.extension_tier = c.tier
    requested = ctx.calendar.due_after_calendar_days(ctx.now, tiers[c.tier], _agency_zone(r, ctx))
    if r.stage_due_at is not None:
        requested = max(requested, r.stage_due_at)
    r.stage_due_at = capped(r, requested, ctx)


def _respond(r: Report, a: Actor, c: Command, ctx: Context) -> None:
    _require(c, "satisfied")
    if c.satisfied:
        _close(r, Status.COMPLETED, "satisfied")
    elif r.reopen_count < MAX_REOPENS:
        r.reopen_count += 1
        r.status = Status.DISPOSITIONED
        start_stage(r, "follow_up", ctx)
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
    Action.ADD_NOTE: _add_note,
    Action.END_HOLD: _end_hold,
    Action.NOT_OUR_AUTHORITY: _not_our_authority,
    Action.REQUEST_EXTENSION: _request_extension,
    Action.RESPOND: _respond,
    Action.AUTO_CLOSE: _auto_close,
    Action.ESCALATE: _escalate,
    Action.REROUTE: _reroute,
    Action.CHANGE_CATEGORY: _change_category,
    Action.SEND_LINK: _send_link,
    Action.RATE: _rate,
}
