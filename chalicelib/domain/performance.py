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


def _share(part: int, whole: int) -> float | None:
    return round(min(part / whole, 1.0), 4) if whole else None


def median_working_days(counts: dict[str, int]) -> float | None:
    """The median of the day buckets (the last bucket stands for more than LAST_DAY)."""
    days = [day for day, bucket in enumerate(DAY_BUCKETS) for _ in range(counts.get(bucket, 0))]
    if not days:
        return None
    middle = len(days) // 2
    return float(days[middle]) if len(days) % 2 else (days[middle - 1] + days[middle]) / 2


def summary(counts: dict[str, int]) -> dict[str, int | float | None]:
    """A row as the public sees it: the counts behind every share, and the shares (None when
    nothing stands behind them). A month's follow-ups can include reports verified the month
    before, so a single month's follow-up rate is capped at 1."""
    followed_up = counts.get("followed_up", 0)
    answered = counts.get("satisfied", 0) + counts.get("not_satisfied", 0)
    rated = counts.get("rating_count", 0)
    return {
        "received": counts.get("received", 0),
        "verified": counts.get("verified", 0),
        "routed": counts.get("routed", 0),
        "followed_up": followed_up,
        "followed_up_on_time": counts.get("followed_up_on_time", 0),
        "completed": counts.get("completed", 0),
        "satisfied": counts.get("satisfied", 0),
        "answered": answered,
        "rated": rated,
        "follow_up_rate": _share(followed_up, counts.get("verified", 0)),
        "on_time_rate": _share(counts.get("followed_up_on_time", 0), followed_up),
        "satisfaction_rate": _share(counts.get("satisfied", 0), answered),
        "average_rating": round(counts.get("rating_sum", 0) / rated, 2) if rated else None,
        "median_working_days_to_follow_up": median_working_days(counts),
    }


def add_counts(into: dict[str, int], counts: dict[str, int]) -> None:
    for name, value in counts.items():
        into[name] = into.get(name, 0) + value
