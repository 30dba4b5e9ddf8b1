"""The overdue sweep: escalate what is late, close what the citizen left unanswered, then
gather the escalation lines into one digest per recipient.

It reads only what is due (a Query per shard of the sparse due-work index), and every change
it makes is a conditional write, so a re-run, a second sweep at the same time, or a sweep
that died half-way never escalates a report twice nor mails a line twice."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from aws_lambda_powertools import Logger

from chalicelib.domain.actions import Action, Actor
from chalicelib.domain.report import ActorRole, Report
from chalicelib.domain.workflow import ActionNotAllowed, Command, due_action
from chalicelib.services.metrics import count
from chalicelib.services.workflow import act
from chalicelib.store import outbox
from chalicelib.store.models import OutboxModel
from chalicelib.store.reports import WORK_SHARDS, ConcurrentUpdate, due_work

logger = Logger(service="lapor")
SWEEPER = Actor(ActorRole.SYSTEM, id="sweeper")
SWEEP_DIGESTS = ("digest.reminder", "digest.escalation")
DAILY_DIGESTS = ("digest.ombudsman",)
LINES_PER_DIGEST = 25
BATCH = 25  # reports read per page: a stopped invocation has read nothing it did not do


@dataclass
class SweepReport:
    items_read: int = 0
    escalations: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    closed: int = 0
    holds_ended: int = 0
    lost_races: int = 0
    digests: int = 0
    failed: int = 0  # reports or digests that raised: logged with their id, counted


def run_sweep(now: datetime) -> SweepReport:
    """Every shard in turn, then the digests: the dev runner and the tests sweep this way; in
    AWS each shard is its own invocation (``sweep_shard`` through jobs.sweep_fanout)."""
    report = SweepReport()
    for shard in range(WORK_SHARDS):
        sweep_shard(str(shard), now, report)
    gather_sweep_digests(now, report)
    return report


def sweep_shard(
    shard: str, now: datetime, report: SweepReport, may_go_on: Callable[[], bool] = lambda: True
) -> bool:
    """What is due by ``now`` in one shard, a page at a time, while ``may_go_on()`` (the
    invocation's time budget). True when the shard is done. Work that was done leaves the
    due range, so a later call with the same ``now`` resumes where this one stopped and
    nothing is done twice; one report's failure never stops the others."""
    after = None
    while may_go_on():
        page = due_work(shard, now, limit=BATCH, after=after)
        for due in page.reports:
            report.items_read += 1
            try:
                _catch_up(due, now, report)
            except Exception:
                logger.exception("sweep failed on a report", extra={"tracking_id": due.tracking_id})
                count("SweepErrors")
                report.failed += 1
        if page.after is None:
            return True
        after = page.after
    return False


def gather_sweep_digests(now: datetime, report: SweepReport) -> None:
    digests = gather_digests(now, SWEEP_DIGESTS)
    report.digests += digests.made
    report.failed += digests.failed


def _catch_up(current: Report, now: datetime, report: SweepReport) -> None:
    """Every step now due, one event each: after a long outage a report may owe several."""
    while current.next_work_at is not None and now > current.next_work_at:
        action = due_action(current)
        try:
            current, _ = act(current, SWEEPER, Command(action), now)
        except (ConcurrentUpdate, ActionNotAllowed):
            report.lost_races += 1  # someone moved it first: nothing is owed twice
            return
        if action is Action.AUTO_CLOSE:
            report.closed += 1
        elif action is Action.END_HOLD:
            report.holds_ended += 1
        else:
            report.escalations[current.escalation_level] += 1


@dataclass
class DigestReport:
    made: int = 0
    failed: int = 0


def gather_digests(now: datetime, kinds: tuple[str, ...]) -> DigestReport:
    """One mail per recipient for all their undigested lines of a kind (in chunks); a chunk
    that fails is logged and left for the next run, the others go out."""
    result = DigestReport()
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
                try:
                    result.made += outbox.gather(chunk, digest)
                except Exception:
                    logger.exception("digest failed", extra={"kind": kind, "digest_id": digest.id})
                    count("SweepErrors")
                    result.failed += 1
    return result
