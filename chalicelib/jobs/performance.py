"""The timeline's stream: each new event's figures added to the monthly performance rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.store.performance import add_figures, event_figures_from_image


def add_stream_figures(records: list[dict[str, Any]], now: datetime) -> int:
    """New timeline events (INSERT) carry their figures; anything else carries none."""
    events = [
        figures
        for record in records
        if record.get("eventName") == "INSERT"
        and (figures := event_figures_from_image(record["dynamodb"].get("NewImage", {})))
    ]
    return add_figures(events, now)
