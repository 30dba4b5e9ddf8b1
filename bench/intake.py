"""Intake figures: DynamoDB calls per submit and per view; the Lambda zip's size; and the cold
start as the Lambda runs it: `import app`, and a container's first submit (import, then the
request against a moto server), from the unzipped package with no bytecode written, each as
a ratio to `import chalice, pynamodb, boto3`, the median of alternating runs.

python -m bench.intake [--requests 50] [--runs 21]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from bench.environment import use_bench_environment

ROOT = Path(__file__).resolve().parent.parent


def _calls(counted: dict[str, int]) -> int:
    from bench.dynamo_counter import ITEMS_READ

    return sum(count for name, count in counted.items() if name != ITEMS_READ)


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
        _calls(submits) / requests,
        _calls(views) / requests,
        dict(submits),
        dict(views),
    )


BASELINE = "import chalice, pynamodb, boto3"
# A container's first request: the Lambda runtime imports the handler module, then the
# request runs, its lazy imports, botocore clients and DynamoDB calls included (against a moto
# server, whose calls are slower than DynamoDB's). `first_submit_imports` is its import part:
# `import app` and every module the first submit imports after it.
FIRST_SUBMIT = """
import json, app
body = {"type": "pengaduan", "title": "Jalan berlubang", "category": "infrastruktur",
        "reporter": {"name": "Siti", "email": "siti@example.id"},
        "description": "Lubang besar di Jalan Kaliurang km 5 membahayakan pengendara."}
event = {"resource": "/api/reports", "path": "/api/reports", "httpMethod": "POST",
         "headers": {"content-type": "application/json", "host": "lapor.example.id"},
         "multiValueHeaders": {}, "queryStringParameters": None,
         "multiValueQueryStringParameters": None, "pathParameters": None,
         "stageVariables": None, "body": json.dumps(body), "isBase64Encoded": False,
         "requestContext": {"resourcePath": "/api/reports", "httpMethod": "POST",
                            "path": "/v1/api/reports", "stage": "v1", "requestId": "bench",
                            "identity": {"sourceIp": "127.0.0.1"}}}
response = app.app(event, None)
assert response["statusCode"] == 201, response
"""
# Prints, in import order, the modules the first submit imports after `import app`.
DISCOVER_SUBMIT_IMPORTS = (
    "import sys, json, app\nloaded = set(sys.modules)\n"
    + FIRST_SUBMIT.replace("import json, app", "")
    + "\nprint(json.dumps([m for m in sys.modules if m not in loaded]))"
)


def unzipped_package(destination: Path) -> tuple[Path, int]:
    """`make package`'s bundle, unzipped as the Lambda runtime unzips it; and its size."""
    subprocess.run(["make", "package"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    bundle = ROOT / "build" / "package" / "deployment.zip"
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(destination)
    return destination, bundle.stat().st_size


def cold_start_times(package: Path, runs: int) -> dict[str, list[float]]:
    """Wall time of each statement in a fresh interpreter run from the unzipped package,
    with a read-only file system's behaviour (no bytecode written), the candidates
    alternating so that a busy machine slows each alike; the interpreter's own start is
    subtracted per round."""
    from moto.server import ThreadedMotoServer

    from local.run import free_port

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # the moto server's access log
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    env = {
        **os.environ,
        "PYTHONPATH": str(package),
        "PYTHONDONTWRITEBYTECODE": "1",
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
        "LAPOR_STAGE": "bench",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_LOG_LEVEL": "ERROR",
    }
    try:
        subprocess.run(
            [sys.executable, "-c", "from local.provision import provision_data; provision_data()"],
            cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, check=True,
        )  # fmt: skip
        found = subprocess.run(
            [sys.executable, "-c", DISCOVER_SUBMIT_IMPORTS], cwd=package, env=env, check=True,
            capture_output=True, text=True,
        )  # fmt: skip
        submit_modules = json.loads(found.stdout.strip().splitlines()[-1])
        statements = {
            "empty": "pass",
            "baseline": BASELINE,
            "app": "import app",
            "first_submit_imports": "import importlib, app\n"
            f"for name in {submit_modules!r}: importlib.import_module(name)",
            "first_submit": FIRST_SUBMIT,
        }
        samples: dict[str, list[float]] = {name: [] for name in statements if name != "empty"}
        for _ in range(runs):
            took = {}
            for name, statement in statements.items():
                started = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-c", statement], cwd=package, env=env, check=True,
                    stdout=subprocess.DEVNULL,
                )  # fmt: skip
                took[name] = time.perf_counter() - started
            for name, values in samples.items():
                values.append(took[name] - took["empty"])
    finally:
        server.stop()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    per_submit, per_view, submit_ops, view_ops = dynamodb_calls(args.requests)
    print(f"dynamodb_calls_per_submit={per_submit:.2f} (target <= 3) {submit_ops}")
    print(f"dynamodb_calls_per_view={per_view:.2f} (target <= 2) {view_ops}")
    with tempfile.TemporaryDirectory() as scratch:
        package, size = unzipped_package(Path(scratch))
        samples = cold_start_times(package, args.runs)
    base = statistics.median(samples["baseline"])
    print(f"deployment_zip={size / 1e6:.1f}MB (goal <= 10 MB)")
    for name, goal in (("app", "1.25"), ("first_submit_imports", "1.6"), ("first_submit", "-")):
        median = statistics.median(samples[name])
        print(
            f"{name}={median * 1000:.0f}ms baseline={base * 1000:.0f}ms "
            f"ratio={median / base:.2f} (median of {args.runs} alternating runs from the "
            f"unzipped package; goal <= {goal})"
        )


if __name__ == "__main__":
    main()
