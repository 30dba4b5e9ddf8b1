"""The overdue sweep at scale: N reports in moto, 1% of them overdue over many desks, one sweep.

    python -m bench.sweep --reports 5000

Prints `total=… overdue=… items_read=… emails=… seconds=…` on its last line: items read must
follow the overdue count, not the table, and each desk with overdue work gets one email.
"""

from __future__ import annotations

import argparse
import copy
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.environment import use_bench_environment


@contextmanager
def without_moto_table_snapshots() -> Iterator[None]:
    """moto copies every table a TransactWriteItems touches, whole, to be able to roll it
    back: O(table size) per transaction, which would make this bench measure moto. The sweep
    here has no rival, so nothing ever rolls back (the bench checks that no race was lost),
    and the snapshot of a table is skipped; other copies moto makes are left alone."""
    from moto.dynamodb import models

    class _Copy:
        @staticmethod
        def deepcopy(value: Any, memo: Any = None) -> Any:
            return value if isinstance(value, models.Table) else copy.deepcopy(value, memo)

    models.copy = _Copy  # type: ignore[assignment]
    try:
        yield
    finally:
        models.copy = copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=5000)
    parser.add_argument("--overdue-share", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    use_bench_environment()
    from moto import mock_aws
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    from bench.dynamo_counter import count_dynamodb_calls
    from chalicelib.domain.report import Report, Reporter, ReportType, Status
    from chalicelib.domain.tracking import new_tracking_id
    from chalicelib.jobs.sweep import run_sweep
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
            due = (
                now - timedelta(hours=rng.randint(1, 20))
                if late
                else now + timedelta(days=rng.randint(1, 30))
            )
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
            result = run_sweep(now)
            seconds = time.perf_counter() - started
        assert result.lost_races == 0
        deliver_due(now, limit=1000)
        emails = len(ses_backends[DEFAULT_ACCOUNT_ID]["ap-southeast-3"].sent_messages)
        print(f"dynamodb calls during the sweep: {dict(calls)}")
        print(f"desks with overdue reports: {late_desks}")
        print(
            f"total={args.reports} overdue={overdue} items_read={result.items_read} "
            f"emails={emails} seconds={seconds:.2f}"
        )


if __name__ == "__main__":
    main()
