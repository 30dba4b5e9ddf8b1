"""What one step adds to the performance figures, by month and by who and what it concerns.

The figures are the seed's two measures and what explains them: reports received, verified,
routed to an agency, followed up (once a report, its first follow-up), followed up on time
(against the deadline its follow-up stage started with, so a hold or an extension does not
move the mark), completed, answered by the citizen (satisfied or not, once the report is
closed) and rated, and the working days from routing to follow-up, in buckets, for a median.

A step's figures are computed with the step and written on its timeline event; the stream of
the timeline adds them up (store/performance.py), so a figure never depends on what a report
became later. A confidential report is counted like any other: figures carry no text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from chalicelib.domain.calendar import WorkingCalendar
from chalicelib.domain.report import Event, Report

DIMENSIONS = ("agency", "province", "category", "type")
NONE = "-"  # a report no agency holds, or an agency of no province
COUNTERS = (
    "received", "verified", "routed", "followed_up", "followed_up_on_time", "completed",
    "satisfied", "not_satisfied", "no_response", "rating_sum", "rating_count",
)  # fmt: skip
# Working days from routing to follow-up: one bucket a day up to LAST_DAY, then "more".
LAST_DAY = 30
DAY_BUCKETS = tuple(f"days_{n:02d}" for n in range(LAST_DAY + 2))  # days_31: more than 30


@dataclass(frozen=True)
class Figures:
    month: str  # YYYY-MM in the national time zone
    dimensions: dict[str, str]
    counts: dict[str, int] = field(default_factory=dict)


def day_bucket(working_days: int) -> str:
    return DAY_BUCKETS[min(max(working_days, 0), LAST_DAY + 1)]


def figures_for(
    before: Report | None,
    after: Report,
    event: Event,
    *,
    national_timezone: str,
    agency_timezone: str,
    province: str | None,
    calendar: WorkingCalendar,
) -> Figures:
    """The counts ``event`` adds (none for most steps)."""
    counts: dict[str, int] = {}
    if before is None:
        counts["received"] = 1
        if after.verified_at is not None:  # fast-tracked: routed on arrival
            counts["verified"] = counts["routed"] = 1
    elif event.action == "verify":
        counts["routed"] = 1
        if before.verified_at is None:
            counts["verified"] = 1
    elif event.action == "reroute":
        counts["routed"] = 1
    elif event.action == "follow_up" and before.reopen_count == 0:
        counts["followed_up"] = 1
        first_due = before.stage_first_due_at or before.stage_due_at
        if first_due is not None and event.at <= first_due:
            counts["followed_up_on_time"] = 1
        started = before.stage_started_at or event.at
        counts[day_bucket(calendar.working_days_left(started, event.at, agency_timezone))] = 1
    elif event.action in {"respond", "auto_close"} and after.outcome:
        counts["completed"] = 1
        counts[after.outcome] = 1  # satisfied, not_satisfied, no_response
    elif event.action == "rate" and after.rating is not None:
        counts["rating_sum"] = after.rating  # a report is rated once (workflow)
        counts["rating_count"] = 1
    month = event.at.astimezone(ZoneInfo(national_timezone)).strftime("%Y-%m")
    dimensions = {
        "agency": after.agency or NONE,
        "province": province or NONE,
        "category": after.category,
        "type": after.type.value,
    }
    return Figures(month, dimensions, counts)
