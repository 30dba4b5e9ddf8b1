"""The overdue sweep at scale: N reports in moto, 1% of them overdue over many desks, one sweep
as AWS runs it: one invocation per shard, each stopping at its budget (modelled as a number of
reports) and continued by a fresh invocation.

    python -m bench.sweep --reports 5000
    python -m bench.sweep --reports 50000 --due-at-once     # a whole day due at 23:59:59

Prints `total=… overdue=… items_read=… emails=… invocations=… max_items_per_invocation=…` on
its last line: items read must follow the overdue count, not the table, nothing is read twice,
and each desk with overdue work gets one email (gathered by the next cycle).
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.environment import use_bench_environment
from bench.moto_speed import without_moto_table_snapshots


def play_invocations(now: datetime, pages: int) -> tuple[Any, list[int]]:
    """The fan-out and its continuations, with Lambda's asynchronous invoke played one after
    another; each invocation may read ``pages`` pages. Returns the totals and the reports each
    invocation read."""
    from chalicelib.jobs import sweep_fanout
    from chalicelib.jobs.sweep import SweepReport

    total, per_invocation = SweepReport(), []

    def invoke(function_name: str, event: dict) -> None:
        budget = iter(range(pages))
        result = sweep_fanout.sweep_one_shard(
            event["detail"], function_name, lambda: next(budget, None) is not None, invoke
        )
        per_invocation.append(result.items_read)
        total.items_read += result.items_read
        total.lost_races += result.lost_races
        total.failed += result.failed

    sweep_fanout.fan_out("lapor-bench-sweeper", now, invoke)
    # The next cycle's fan-out gathers the digests of what the shards did.
    sweep_fanout.gather_sweep_digests(now, total)
    return total, per_invocation


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=5000)
    parser.add_argument("--overdue-share", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--due-at-once",
        action="store_true",
        help="every overdue report fell due at the same second",
    )
    parser.add_argument("--pages-per-invocation", type=int, default=4,
                        help="the budget of one invocation, in pages of 25 reports")  # fmt: skip
    args = parser.parse_args()
    use_bench_environment()
    from moto import mock_aws
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    from bench.dynamo_counter import count_dynamodb_calls
    from chalicelib.domain.report import Report, Reporter, ReportType, Status
    from chalicelib.domain.tracking import new_tracking_id
    from chalicelib.services.delivery import deliver_due
    from chalicelib.store.reference import agencies
    from chalicelib.store.reports import import_reports
    from local.provision import provision_data

    rng = random.Random(args.seed)
    now = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
    with mock_aws():
        provision_data()
        desks = sorted(agencies())
        overdue = max(1, round(args.reports * args.overdue_share))

        def report(i: int) -> Report:
            late = i < overdue
            if late:
                yesterday = datetime(2026, 12, 6, 16, 59, 59, tzinfo=UTC)  # 23:59:59 WIB
                due = yesterday if args.due_at_once else now - timedelta(hours=rng.randint(1, 20))
            else:
                due = now + timedelta(days=rng.randint(1, 30))
            return Report(
                tracking_id=new_tracking_id(),
                type=ReportType.COMPLAINT,
                status=Status.DISPOSITIONED,
                title=f"Laporan {i}",
                description="Deskripsi laporan untuk pengukuran sweep.",
                category="infrastruktur",
                created_at=now - timedelta(days=10),
                updated_at=now - timedelta(days=5),
                access_token_hash="x",  # noqa: S106 - not a secret: no one signs in
                reporter=Reporter(name="Warga", email=f"warga{i}@example.id"),
                agency=desks[i % len(desks)],
                stage="follow_up",
                stage_due_at=due,
                next_work_at=due,
                event_count=2,
                token_kid="k1",  # noqa: S106 - a key id, not a key
            )

        started = time.perf_counter()
        import_reports(report(i) for i in range(args.reports))
        print(f"seeded {args.reports} reports in {time.perf_counter() - started:.1f}s")
        late_desks = len({desks[i % len(desks)] for i in range(overdue)})

        with without_moto_table_snapshots(), count_dynamodb_calls() as calls:
            started = time.perf_counter()
            total, per_invocation = play_invocations(now, args.pages_per_invocation)
            seconds = time.perf_counter() - started
        assert total.lost_races == 0 and total.failed == 0
        deliver_due(now, limit=1000)
        emails = len(ses_backends[DEFAULT_ACCOUNT_ID]["ap-southeast-3"].sent_messages)
        print(f"dynamodb calls during the sweep: {dict(calls)}")
        print(f"desks with overdue reports: {late_desks}")
        print(f"seconds={seconds:.2f} (invocations played one after another)")
        print(
            f"total={args.reports} overdue={overdue} items_read={total.items_read} "
            f"emails={emails} invocations={len(per_invocation)} "
            f"max_items_per_invocation={max(per_invocation)}"
        )


if __name__ == "__main__":
    main()
