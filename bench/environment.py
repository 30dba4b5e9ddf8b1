"""The process environment the benchmarks run the app in: moto in-process, quiet logs."""

from __future__ import annotations

import os


def use_bench_environment() -> None:
    """Call before importing the app: settings and AWS clients read these once."""
    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
            "AWS_DEFAULT_REGION": "ap-southeast-3",
            "LAPOR_STAGE": "bench",
            "POWERTOOLS_TRACE_DISABLED": "true",
            "POWERTOOLS_LOG_LEVEL": "ERROR",
            # The sweep counts hundreds of escalations; their EMF lines would bury the figures.
            "POWERTOOLS_METRICS_DISABLED": "true",
        }
    )
    os.environ.pop("AWS_ENDPOINT_URL", None)
