"""Acting on a report: load it, apply the state machine, save state and event together."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.report import Event, Report
from chalicelib.domain.stats import counts_for
from chalicelib.domain.workflow import Action, Actor, Command, Context, apply
from chalicelib.services.deadlines import service_levels, working_calendar
from chalicelib.services.metrics import count
from chalicelib.services.notifications import intents_for
from chalicelib.settings import get_settings
from chalicelib.store import reference
from chalicelib.store.reports import save_transition


def workflow_context(now: datetime) -> Context:
    return Context(
        now=now,
        calendar=working_calendar(),
        levels=service_levels(),
        national_timezone=get_settings().national_timezone,
        agency_timezones={key: a.timezone for key, a in reference.agencies().items()},
        copies_by_category={key: c.copies_to for key, c in reference.categories().items()},
    )


# What operators count on the dashboard, by action.
_METRICS = {
    "verify": "ReportsRouted",
    "follow_up": "ReportsFollowedUp",
    "auto_close": "ReportsAutoClosed",
    "archive": "ReportsArchived",
}


def act(report: Report, actor: Actor, command: Command, now: datetime) -> tuple[Report, Event]:
    """Apply the action and write the new state, its event and the mail it calls for in one
    transaction. Raises ActionNotAllowed, InvalidCommand, or ConcurrentUpdate when another
    actor got there first (the report changed since it was read)."""
    new, event = apply(report, actor, command, workflow_context(now))
    save_transition(
        new, event, intents_for(report, new, event, now), counts_for(report, new, event)
    )
    if command.action is Action.ESCALATE:
        count(f"OverdueLevel{new.escalation_level}")
    elif event.action in _METRICS:
        count(_METRICS[event.action])
    return new, event
