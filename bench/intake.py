"""Intake figures: DynamoDB calls per submit and per view, `import app` time, Lambda zip size.

python -m bench.intake [--requests 50] [--import-runs 15] [--no-package]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.environment import use_bench_environment

ROOT = Path(__file__).resolve().parent.parent


def dynamodb_calls(requests: int) -> tuple[float, float, dict, dict]:
    use_bench_environment()
    from chalice.test import Client
    from moto import mock_aws

    from app import app
    from bench.dynamo_counter import count_dynamodb_calls
    from local.provision import provision_data

    body = {
        "type": "pengaduan",
        "title": "Jalan berlubang",
        "category": "infrastruktur",
        "agency": "pemkab-sleman",
        "reporter": {"name": "Siti", "email": "siti@example.id"},
        "description": "Lubang besar di Jalan Kaliurang km 5 membahayakan pengendara.",
    }
    with mock_aws(), Client(app) as client:
        provision_data()

        def submit(i: int) -> tuple[str, str]:
            response = client.http.post(
                "/api/reports",
                body=json.dumps(body),
                headers={"Content-Type": "application/json", "Idempotency-Key": f"bench-{i:08d}"},
            )
            assert response.status_code == 201, response.body
            return response.json_body["tracking_id"], response.json_body["access_token"]

        submit(-1)  # warm: a container loads reference data once, then keeps it for minutes
        with count_dynamodb_calls() as submits:
            filed = [submit(i) for i in range(requests)]
        # The reporter following their report (a report is public only once verified).
        with count_dynamodb_calls() as views:
            for tracking_id, token in filed:
                view = client.http.get(
                    f"/api/reports/{tracking_id}", headers={"X-Access-Token": token}
                )
                assert view.status_code == 200
    return (
        sum(submits.values()) / requests,
        sum(views.values()) / requests,
        dict(submits),
        dict(views),
    )


IMPORTS = {
    "empty": "pass",
    "app": "import app",
    "app_and_submit_path": "import app, chalicelib.services.intake",
    "chalice_pynamodb_boto3": "import chalice, pynamodb, boto3",
}


def compile_like_the_bundle() -> None:
    """`make package` ships bytecode; measure imports the way the Lambda will run them."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "--invalidation-mode", "unchecked-hash",
         "app.py", "chalicelib"],
        cwd=ROOT, check=True,
    )  # fmt: skip


def remove_bundle_bytecode() -> None:
    """Unchecked-hash bytecode is never checked against its source: left in the work tree it
    would hide every later edit from the tests. Only the zip keeps it."""
    subprocess.run(["make", "clean-bytecode"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def import_times(runs: int) -> dict[str, tuple[float, float]]:
    """(fastest, median) wall time of each import in a fresh interpreter, interleaved so that
    a busy machine slows every candidate alike; the interpreter's own start is subtracted.
    The fastest run is the one least disturbed by the machine (as timeit advises)."""
    samples: dict[str, list[float]] = {name: [] for name in IMPORTS}
    for _ in range(runs):
        for name, statement in IMPORTS.items():
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", statement], cwd=ROOT, check=True)
            samples[name].append(time.perf_counter() - started)
    fastest = {name: min(values) for name, values in samples.items()}
    medians = {name: statistics.median(values) for name, values in samples.items()}
    return {
        name: (fastest[name] - fastest["empty"], medians[name] - medians["empty"])
        for name in samples
    }


def package_size() -> int:
    subprocess.run(["make", "package"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return (ROOT / "build" / "package" / "deployment.zip").stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--import-runs", type=int, default=15)
    parser.add_argument("--no-package", action="store_true")
    args = parser.parse_args()

    per_submit, per_view, submit_ops, view_ops = dynamodb_calls(args.requests)
    print(f"dynamodb_calls_per_submit={per_submit:.2f} (target <= 3) {submit_ops}")
    print(f"dynamodb_calls_per_view={per_view:.2f} (target <= 2) {view_ops}")
    compile_like_the_bundle()
    try:
        times = import_times(args.import_runs)
    finally:
        remove_bundle_bytecode()
    base, base_median = times["chalice_pynamodb_boto3"]
    for name, label in (
        ("app", "import_app"),
        ("app_and_submit_path", "import_app_with_submit_path"),
    ):
        fastest, median = times[name]
        print(
            f"{label}={fastest * 1000:.0f}ms (median {median * 1000:.0f}ms) "
            f"import_chalice_pynamodb_boto3={base * 1000:.0f}ms "
            f"(median {base_median * 1000:.0f}ms) "
            f"ratio={fastest / base:.2f} (median ratio {median / base_median:.2f}; "
            f"fastest of {args.import_runs}; target <= 1.5 for import_app)"
        )
    if not args.no_package:
        size = package_size()
        print(f"deployment_zip={size / 1e6:.1f}MB (target <= 15 MB)")


if __name__ == "__main__":
    main()
