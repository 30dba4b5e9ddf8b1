"""Business metrics as CloudWatch embedded metric format (powertools Metrics)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aws_lambda_powertools import Metrics


@lru_cache(maxsize=1)
def metrics() -> Metrics:
    # Made on first use: requests that count nothing never load the metrics module.
    from aws_lambda_powertools import Metrics  # noqa: PLC0415

    return Metrics(namespace="Lapor", service="lapor")


def count(name: str, value: int = 1) -> None:
    from aws_lambda_powertools.metrics import MetricUnit  # noqa: PLC0415

    metrics().add_metric(name=name, unit=MetricUnit.Count, value=value)


def flush() -> None:
    """Write what was counted in this invocation (nothing when nothing was)."""
    if metrics.cache_info().currsize and metrics().metric_set:
        metrics().flush_metrics()
