"""Partition heat: write units per partition key, for N citizens' submits and then each
report's life (verified and routed, followed up, answered by the citizen, every mail sent)
for the first ``--lives`` of them.

    python -m bench.partitions --reports 10000

A DynamoDB partition takes about 1,000 write units a second, so a key that every submit
writes caps the system at 1,000 ÷ (its write units per submit) submits a second. Write units
are billed as bench/write_units.py describes, from the items moto actually writes. Prints,
on its last line, `reports=… wcu_per_submit=… busiest_key=… busiest_key_wcu_per_submit=…
ceiling_submits_per_s=…`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.environment import use_bench_environment
from bench.moto_speed import without_moto_table_snapshots
from bench.write_units import metered

PARTITION_WCU_PER_S = 1000
NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


def _heat(by_key: Counter[str], reports: int) -> tuple[float, str, float, float]:
    key, units = by_key.most_common(1)[0]
    per_report = units / reports
    return sum(by_key.values()) / reports, key, per_report, PARTITION_WCU_PER_S / per_report


def _top(by_key: Counter[str], reports: int, count: int = 6) -> str:
    return ", ".join(f"{k}={v / reports:.3f}" for k, v in by_key.most_common(count))


def _send_all_mail(at: datetime) -> None:
    from chalicelib.services.delivery import deliver_due

    with contextlib.redirect_stdout(io.StringIO()):  # the EmailsSent metric lines
        while deliver_due(at, limit=1000).sent:
            pass


def _submit_all(client: Any, count: int, rng: random.Random) -> list[str]:
    """Citizens file ``count`` reports through the API, over every category."""
    from chalicelib.store.reference import categories

    kinds = sorted(categories())
    filed = []
    for i in range(count):
        body = {
            "type": "pengaduan",
            "title": f"Laporan warga {i}",
            "category": rng.choice(kinds),
            "reporter": {"name": "Siti", "email": f"warga{i}@example.id"},
            "description": "Lubang besar di Jalan Kaliurang km 5 membahayakan pengendara.",
        }
        response = client.http.post(
            "/api/reports",
            body=json.dumps(body),
            headers={"Content-Type": "application/json", "Idempotency-Key": f"bench-{i:08d}"},
        )
        assert response.status_code == 201, response.body
        filed.append(response.json_body["tracking_id"])
    _send_all_mail(NOW)
    return filed


def _live(tracking_id: str, rng: random.Random) -> None:
    """Verified and routed (unless fast-tracked), followed up, answered by the citizen."""
    from chalicelib.domain.actions import Action, Actor
    from chalicelib.domain.report import ActorRole
    from chalicelib.domain.workflow import Command
    from chalicelib.services.workflow import act
    from chalicelib.store.reference import agencies, categories
    from chalicelib.store.reports import get_report

    report = get_report(tracking_id)
    if report.agency is None:
        agency = categories()[report.category].default_agency or rng.choice(sorted(agencies()))
        admin = Actor(ActorRole.ADMIN, id="admin")
        report, _ = act(report, admin, Command(Action.VERIFY, agency=agency), NOW)
    desk = Actor(ActorRole.AGENCY, id=report.agency, agency=report.agency)
    later = NOW + timedelta(days=2)
    report, _ = act(report, desk, Command(Action.FOLLOW_UP, note="Sudah ditangani."), later)
    answer = Command(Action.RESPOND, satisfied=True, rating=5)
    act(report, Actor(ActorRole.CITIZEN), answer, later)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=10000)
    parser.add_argument("--lives", type=int, default=1000,
                        help="how many of the reports then live their whole life")  # fmt: skip
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    use_bench_environment()
    from chalice.test import Client
    from moto import mock_aws

    from app import app
    from local.provision import provision_data

    rng = random.Random(args.seed)
    with mock_aws(), Client(app) as client, without_moto_table_snapshots():
        provision_data()
        started = time.perf_counter()
        with metered() as submits:
            filed = _submit_all(client, args.reports, rng)
        print(f"{args.reports} submits in {time.perf_counter() - started:.1f}s")
        started = time.perf_counter()
        with metered() as lives:
            for tracking_id in filed[: args.lives]:
                _live(tracking_id, rng)
            _send_all_mail(NOW + timedelta(days=2))
        print(f"{args.lives} lives in {time.perf_counter() - started:.1f}s")

    n, lived = args.reports, min(args.lives, args.reports)
    print(f"life of a report, busiest keys (wcu per report): {_top(lives.by_key, lived)}")
    wcu, key, hottest, ceiling = _heat(lives.by_key, lived)
    print(
        f"life: wcu_per_report={wcu:.2f} busiest_key={key} "
        f"busiest_key_wcu_per_report={hottest:.3f} ceiling_reports_per_s={ceiling:.0f}"
    )
    print(f"submit, busiest keys (wcu per submit): {_top(submits.by_key, n)}")
    wcu, key, hottest, ceiling = _heat(submits.by_key, n)
    print(
        f"reports={n} wcu_per_submit={wcu:.2f} busiest_key={key} "
        f"busiest_key_wcu_per_submit={hottest:.3f} ceiling_submits_per_s={ceiling:.0f}"
    )


if __name__ == "__main__":
    main()
