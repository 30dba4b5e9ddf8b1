"""The sweep in AWS: the schedule fans out one asynchronous invocation per shard, so a day's
deadlines falling due at once are worked in parallel; a shard invocation stops inside its time
budget and hands the rest of its shard to a fresh invocation of itself, with the same ``now``.

The schedule first gathers the escalation lines the previous cycle's invocations wrote into
digests: one mail per desk per cycle (a reminder at most 15 minutes later), where digests
gathered by each invocation would send a desk one mail per shard.

Invocations carry the shape of a scheduled event, with the shard in ``detail``, because the
same function serves the schedule and its own fan-out."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from typing import Any

from chalicelib.jobs.sweep import SweepReport, gather_sweep_digests, sweep_shard
from chalicelib.store.reports import WORK_SHARDS

# Kept back from a Lambda's remaining time: one page of reports, the digests, the hand-over.
RESERVE_MILLIS = 10_000

Invoker = Callable[[str, dict[str, Any]], None]


@lru_cache(maxsize=1)
def _lambda() -> Any:
    import boto3  # noqa: PLC0415 - only the sweeper needs a Lambda client

    return boto3.client("lambda")


def invoke_async(function_name: str, event: dict[str, Any]) -> None:
    _lambda().invoke(
        FunctionName=function_name, InvocationType="Event", Payload=json.dumps(event).encode()
    )


def shard_event(shard: str, now: datetime) -> dict[str, Any]:
    return {
        "version": "0", "id": f"sweep-{shard}-{now.isoformat()}", "detail-type": "Sweep shard",
        "source": "lapor.sweeper", "account": "", "time": now.isoformat(), "region": "",
        "resources": [], "detail": {"shard": shard, "now": now.isoformat()},
    }  # fmt: skip


def fan_out(function_name: str, now: datetime, invoke: Invoker | None = None) -> SweepReport:
    """The last cycle's digests, then one invocation per shard."""
    report = SweepReport()
    gather_sweep_digests(now, report)
    for shard in range(WORK_SHARDS):
        (invoke or invoke_async)(function_name, shard_event(str(shard), now))
    return report


def sweep_one_shard(
    detail: dict[str, Any],
    function_name: str,
    may_go_on: Callable[[], bool],
    invoke: Invoker | None = None,
) -> SweepReport:
    """The work of one invocation: its shard until done or out of budget; if the shard is not
    done, a fresh invocation continues it."""
    shard, now = str(detail["shard"]), datetime.fromisoformat(detail["now"])
    report = SweepReport()
    done = sweep_shard(shard, now, report, may_go_on)
    if not done:
        (invoke or invoke_async)(function_name, shard_event(shard, now))
    return report


def lambda_budget(context: Any) -> Callable[[], bool]:
    return lambda: context.get_remaining_time_in_millis() > RESERVE_MILLIS
