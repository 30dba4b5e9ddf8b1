"""Acting on a report: load it, apply the state machine, save state and event together."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.report import Event, Report
from chalicelib.domain.workflow import Actor, Command, Context, apply
from chalicelib.services.deadlines import service_levels, working_calendar
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


def act(report: Report, actor: Actor, command: Command, now: datetime) -> tuple[Report, Event]:
    """Raises ActionNotAllowed, InvalidCommand, or ConcurrentUpdate when another actor got
    there first (the report changed since it was read)."""
    new, event = apply(report, actor, command, workflow_context(now))
    save_transition(new, event)
    return new, event
