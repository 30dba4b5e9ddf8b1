"""The sweep in AWS: the schedule fans out one invocation per shard; a shard invocation stops
inside its time budget and a fresh invocation of the same function continues it. Lambda's
asynchronous invoke is played here by calling the handler at once (moto cannot run a Lambda
without Docker); everything else is the real code on moto."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from chalicelib.jobs import sweep, sweep_fanout
from chalicelib.services import delivery
from chalicelib.store.models import EventModel
from chalicelib.store.reports import WORK_SHARDS
from tests.conftest import DEFAULT_NOW
from tests.jobs.mailbox import sent_to
from tests.jobs.seeding import routed_report
from tests.jobs.test_sweep import MONDAY_7, SLEMAN_DESK

SCHEDULED = {
    "version": "0", "id": "5e3d3c4c", "detail-type": "Scheduled Event",
    "source": "aws.events", "account": "123456789012", "time": "2026-12-07T02:00:00Z",
    "region": "ap-southeast-3", "resources": [], "detail": {},
}  # fmt: skip


class LambdaContext:
    """The part of Lambda's context object the sweeper reads."""

    function_name = "lapor-prod-sweeper"

    def __init__(self, millis_left: int = 30_000) -> None:
        self.millis_left = millis_left

    def get_remaining_time_in_millis(self) -> int:
        return self.millis_left


@pytest.fixture
def invocations(monkeypatch):
    """Lambda's asynchronous invoke, played at once; every invocation's event is recorded."""
    from app import sweeper

    started = []

    def invoke(function_name, event):
        assert function_name == LambdaContext.function_name
        started.append(event)
        sweeper(event, LambdaContext())

    monkeypatch.setattr(sweep_fanout, "invoke_async", invoke)
    return started


def _escalations(report):
    return [e for e in EventModel.query(report.tracking_id) if e.action == "escalate"]


def test_the_schedule_starts_one_invocation_per_shard_and_they_do_the_sweep(
    aws, frozen_clock, invocations
):
    from app import sweeper

    reports = [routed_report(DEFAULT_NOW) for _ in range(5)]
    frozen_clock.set(MONDAY_7)
    sweeper(SCHEDULED, LambdaContext())
    assert sorted(e["detail"]["shard"] for e in invocations) == [str(s) for s in range(8)]
    assert all(len(_escalations(r)) == 1 for r in reports)
    # The next cycle gathers what the shards wrote: one reminder for the desk, listing all.
    frozen_clock.advance(timedelta(minutes=15))
    assert sweeper(SCHEDULED, LambdaContext())["digests"] == 1
    delivery.deliver_due(MONDAY_7 + timedelta(minutes=15))
    [reminder] = [m for m in sent_to(SLEMAN_DESK) if "Pengingat" in m.subject]
    assert all(r.tracking_id in reminder.html for r in reports)


def test_a_shard_out_of_time_is_continued_and_nothing_is_done_twice(
    aws, frozen_clock, invocations, monkeypatch
):
    reports = [routed_report(DEFAULT_NOW) for _ in range(20)]  # some shard gets 3 or more
    monkeypatch.setattr(sweep, "BATCH", 2)
    one_page_each = {"pages": 0}

    def budget_of_one_page(context):
        one_page_each["pages"] = 0

        def may_go_on():
            one_page_each["pages"] += 1
            return one_page_each["pages"] == 1

        return may_go_on

    monkeypatch.setattr(sweep_fanout, "lambda_budget", budget_of_one_page)
    from app import sweeper

    frozen_clock.set(MONDAY_7)
    sweeper(SCHEDULED, LambdaContext())
    per_shard = Counter(e["detail"]["shard"] for e in invocations)
    assert sum(per_shard.values()) > WORK_SHARDS  # some shards needed a continuation
    assert all(len(_escalations(r)) == 1 for r in reports)
