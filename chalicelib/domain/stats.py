"""What each step adds to the published figures (follow-up rate, on-time rate, satisfaction),
kept as counters updated with the step itself rather than computed by scanning."""

from __future__ import annotations

from chalicelib.domain.report import Event, Report


def counts_for(before: Report | None, after: Report, event: Event) -> dict[str, int]:
    if before is None:
        return {"received": 1}
    counts: dict[str, int] = {}
    if event.action == "follow_up" and before.reopen_count == 0:
        counts["followed_up"] = 1
        due = before.stage_due_at
        if due is not None and event.at <= due:
            counts["followed_up_on_time"] = 1
    if event.action in {"respond", "auto_close"} and after.outcome:
        counts["completed"] = 1
        counts[after.outcome] = 1  # satisfied, not_satisfied, no_response
    return counts
