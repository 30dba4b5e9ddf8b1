"""The timeline's stream: each new event's figures added to the monthly performance rows, and
written for the analysts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.store.analytics_files import write_raw
from chalicelib.store.performance import add_figures, event_figures_from_image


def add_stream_figures(records: list[dict[str, Any]], now: datetime) -> int:
    """New timeline events (INSERT) carry their figures; anything else carries none."""
    events = [
        figures
        for record in records
        if record.get("eventName") == "INSERT"
        and (figures := event_figures_from_image(record["dynamodb"].get("NewImage", {})))
    ]
    added = add_figures(events, now)
    write_raw(
        events
    )  # after the counts: a failure here retries the batch, which adds nothing twice
    return added
