"""Business metrics as CloudWatch embedded metric format (powertools Metrics)."""

from __future__ import annotations

from aws_lambda_powertools import Metrics
from aws_lambda_powertools.metrics import MetricUnit

metrics = Metrics(namespace="Lapor", service="lapor")


def count(name: str, value: int = 1) -> None:
    metrics.add_metric(name=name, unit=MetricUnit.Count, value=value)


def flush() -> None:
    """Write what was counted in this invocation (nothing when nothing was)."""
    if metrics.metric_set:
        metrics.flush_metrics()
