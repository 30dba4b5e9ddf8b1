"""A step's performance figures, with what the rules' context and the reference data know."""

from __future__ import annotations

from chalicelib.domain.performance import Figures, figures_for
from chalicelib.domain.report import Event, Report
from chalicelib.domain.workflow import Context
from chalicelib.store import reference


def step_figures(before: Report | None, after: Report, event: Event, ctx: Context) -> Figures:
    agency = reference.agencies().get(after.agency or "")
    return figures_for(
        before,
        after,
        event,
        national_timezone=ctx.national_timezone,
        agency_timezone=agency.timezone if agency else ctx.national_timezone,
        province=agency.region if agency else None,
        calendar=ctx.calendar,
    )
