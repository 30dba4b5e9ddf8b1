"""Acting on a report: load it, apply the state machine, save state and event together."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from chalicelib.attachments import AttachmentRefused
from chalicelib.domain.actions import Action, Actor
from chalicelib.domain.report import Event, Report
from chalicelib.domain.search_terms import index_change
from chalicelib.domain.tracking import InvalidTrackingId, normalize_tracking_id
from chalicelib.domain.workflow import Command, Context, InvalidCommand, apply
from chalicelib.services.deadlines import service_levels, working_calendar
from chalicelib.services.metrics import count
from chalicelib.services.notifications import intents_for
from chalicelib.services.performance import step_figures
from chalicelib.settings import get_settings
from chalicelib.store import reference
from chalicelib.store.reports import Attaching, UploadTaken, get_report, save_transition


def workflow_context(now: datetime) -> Context:
    return Context(
        now=now,
        calendar=working_calendar(),
        levels=service_levels(),
        national_timezone=get_settings().national_timezone,
        agency_timezones={key: a.timezone for key, a in reference.agencies().items()},
        agency_units={
            key: frozenset(u.key for u in a.units) for key, a in reference.agencies().items()
        },
        copies_by_category={key: c.copies_to for key, c in reference.categories().items()},
    )


def _existing_report(text: str) -> str:
    """The canonical id of a report that exists (the original of a duplicate)."""
    try:
        tracking_id = normalize_tracking_id(text)
    except InvalidTrackingId:
        raise InvalidCommand({"duplicate_of": ("invalid_tracking_id", {})}) from None
    if get_report(tracking_id) is None:
        raise InvalidCommand({"duplicate_of": ("unknown_report", {})})
    return tracking_id


# What operators count on the dashboard, by action.
_METRICS = {
    "verify": "ReportsRouted",
    "follow_up": "ReportsFollowedUp",
    "auto_close": "ReportsAutoClosed",
    "archive": "ReportsArchived",
}


def act(
    report: Report, actor: Actor, command: Command, now: datetime, *, uploader: str = ""
) -> tuple[Report, Event]:
    """Apply the action and write the new state, its event, the mail it calls for and the
    claim on any upload it attaches (as ``uploader``) in one transaction. Raises
    ActionNotAllowed, InvalidCommand, AttachmentRefused, or ConcurrentUpdate when another
    actor got there first (the report changed since it was read)."""
    if command.duplicate_of is not None:
        command = replace(command, duplicate_of=_existing_report(command.duplicate_of))
    context = workflow_context(now)
    new, event = apply(report, actor, command, context)
    attaching = Attaching(command.attachments, uploader) if command.attachments else None
    try:
        save_transition(
            new,
            event,
            intents_for(report, new, event, now),
            step_figures(report, new, event, context),
            attaching,
            search=index_change(report, new),
        )
    except UploadTaken:
        raise AttachmentRefused("attachments", "upload_used") from None
    if command.action is Action.ESCALATE:
        count(f"OverdueLevel{new.escalation_level}")
    elif event.action in _METRICS:
        count(_METRICS[event.action])
    return new, event
