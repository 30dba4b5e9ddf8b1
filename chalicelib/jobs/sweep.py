"""The overdue sweep: escalate what is late, close what the citizen left unanswered, then
gather the escalation lines into one digest per recipient.

It reads only what is due (a Query per shard of the sparse due-work index), and every change
it makes is a conditional write, so a re-run, a second sweep at the same time, or a sweep
that died half-way never escalates a report twice nor mails a line twice."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from chalicelib.domain.report import ActorRole, Report, Status
from chalicelib.domain.workflow import Action, ActionNotAllowed, Actor, Command
from chalicelib.services.workflow import act
from chalicelib.store import outbox
from chalicelib.store.models import OutboxModel
from chalicelib.store.reports import WORK_SHARDS, ConcurrentUpdate, due_work

SWEEPER = Actor(ActorRole.SYSTEM, id="sweeper")
SWEEP_DIGESTS = ("digest.reminder", "digest.escalation")
DAILY_DIGESTS = ("digest.ombudsman",)
LINES_PER_DIGEST = 25


@dataclass
class SweepReport:
    items_read: int = 0
    escalations: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    closed: int = 0
    lost_races: int = 0
    digests: int = 0


def run_sweep(now: datetime) -> SweepReport:
    report = SweepReport()
    for shard in range(WORK_SHARDS):
        for due in due_work(str(shard), now):
            report.items_read += 1
            _catch_up(due, now, report)
    report.digests = gather_digests(now, SWEEP_DIGESTS)
    return report


def _catch_up(current: Report, now: datetime, report: SweepReport) -> None:
    """Every step now due, one event each: after a long outage a report may owe several."""
    while current.next_work_at is not None and now > current.next_work_at:
        closing = current.status is Status.FOLLOWED_UP
        action = Action.AUTO_CLOSE if closing else Action.ESCALATE
        try:
            current, _ = act(current, SWEEPER, Command(action), now)
        except (ConcurrentUpdate, ActionNotAllowed):
            report.lost_races += 1  # someone moved it first: nothing is owed twice
            return
        if closing:
            report.closed += 1
        else:
            report.escalations[current.escalation_level] += 1


def gather_digests(now: datetime, kinds: tuple[str, ...]) -> int:
    """One mail per recipient for all their undigested lines of a kind (in chunks)."""
    made = 0
    for kind in kinds:
        groups: dict[tuple[str, str], list[OutboxModel]] = defaultdict(list)
        for line in outbox.undigested(kind):
            groups[line.to, line.language].append(line)
        for (to, language), lines in groups.items():
            lines.sort(key=lambda line: line.id)
            for start in range(0, len(lines), LINES_PER_DIGEST):
                chunk = lines[start : start + LINES_PER_DIGEST]
                digest = outbox.new_intent(
                    intent=outbox.intent_id("digest", kind, to, *(line.id for line in chunk)),
                    kind=kind,
                    to=to,
                    language=language,
                    now=now,
                    data={"reports": [line.data for line in chunk]},
                )
                made += outbox.gather(chunk, digest)
    return made
