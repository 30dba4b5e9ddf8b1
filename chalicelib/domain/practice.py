"""The practice desk (LATIHAN), scored (pure): synthetic reports worked through the real
state machine on a clock of the learner's own.

Each report is worth two points: **routing** (the first admin decision sends it to the agency
with authority, or archives it for the right reason when it should never be routed) and
**on time** (it reaches its answer, or its archiving, with no deadline missed: the sandbox's
sweep escalated nothing). A report not yet answered has not earned its "on time" point."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.domain.report import Report, Status

POINTS_PER_REPORT = 2
DONE = frozenset({Status.FOLLOWED_UP, Status.COMPLETED, Status.ARCHIVED})
ADMIN_DECISIONS = frozenset({"verify", "archive"})


@dataclass(frozen=True)
class Scenario:
    id: str
    type: str
    category: str
    agency: str | None  # the agency with authority; None: never to be routed
    archive: str | None  # the archive reason it deserves instead
    title: dict[str, str]  # language → text
    description: dict[str, str]


@dataclass(frozen=True)
class Step:
    """One thing that happened in the sandbox (the learner's action or its sweep's)."""

    tracking_id: str
    action: str
    agency: str | None = None  # verify: where it went
    reason: str | None = None  # archive: why


def report_score(scenario: Scenario, report: Report, steps: list[Step]) -> dict[str, Any]:
    own = [s for s in steps if s.tracking_id == report.tracking_id]
    decision = next((s for s in own if s.action in ADMIN_DECISIONS), None)
    if decision is None:
        routed_right = False
    elif scenario.archive:
        routed_right = decision.action == "archive" and decision.reason == scenario.archive
    else:
        routed_right = decision.action == "verify" and decision.agency == scenario.agency
    escalated = any(s.action == "escalate" for s in own)
    on_time = report.status in DONE and not escalated
    return {"routing": routed_right, "on_time": on_time, "escalated": escalated}


def total_score(scored: list[dict[str, Any]]) -> float:
    """0–1: the points earned over the points there are."""
    if not scored:
        return 0.0
    points = sum(int(s["routing"]) + int(s["on_time"]) for s in scored)
    return points / (POINTS_PER_REPORT * len(scored))


def finished(reports: list[Report]) -> bool:
    return bool(reports) and all(r.status in DONE for r in reports)
