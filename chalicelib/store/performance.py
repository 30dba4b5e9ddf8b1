"""Adding the timeline's figures up, exactly once per event, and reading them back.

Events come in small groups: one transaction puts a marker per event (refused if the event was
already added) and adds the group's counts, summed per row, to each row they touch. So a row
is written once per group, not once per event, and a group either counts whole or not at all.
When a marker is refused (a retried batch, a replayed stream), the group is added again one
event at a time, and the events already counted are passed over."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.exceptions import TransactWriteError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.domain.performance import COUNTERS, DAY_BUCKETS, DIMENSIONS
from chalicelib.store.conditions import condition_failed
from chalicelib.store.models import TableName


class PerformanceModel(Model):
    """Monthly figures by dimension, added up from the timeline's stream (by this module):
    one item per month, dimension and value (``2026-11#agency`` / ``pemkab-sleman``; the
    national row is ``2026-11#national`` / ``all``), a number per counter. Beside them, for
    two days, a marker per event already added (``applied#<tracking id>`` / ``<seq>``), so
    that a record delivered twice, or a replayed stream, adds nothing."""

    class Meta:
        table_name = TableName("performance")

    month_dimension = UnicodeAttribute(hash_key=True)
    value = UnicodeAttribute(range_key=True)
    expires = TTLAttribute(null=True)  # markers only
    # One number per counter: DynamoDB's ADD creates a top-level number where none was.
    locals().update({name: NumberAttribute(null=True) for name in COUNTERS + DAY_BUCKETS})


GROUP = 10  # events a transaction: markers and rows stay well under DynamoDB's 100 items
MARKER_DAYS = 2  # longer than a stream keeps a record (24 hours)
NATIONAL = ("national", "all")


@dataclass(frozen=True)
class EventFigures:
    """One timeline event's figures, as the stream delivers them."""

    tracking_id: str
    seq: int
    month: str
    dimensions: dict[str, str]
    counts: dict[str, int]


CATEGORY_AGENCY = "category_agency"  # an agency's figures in one category: "kesehatan|kemenkes"


def _rows(figures: EventFigures) -> Iterator[tuple[str, str]]:
    yield f"{figures.month}#{NATIONAL[0]}", NATIONAL[1]
    for dimension in DIMENSIONS:
        yield f"{figures.month}#{dimension}", figures.dimensions[dimension]
    pair = f"{figures.dimensions['category']}|{figures.dimensions['agency']}"
    yield f"{figures.month}#{CATEGORY_AGENCY}", pair


def add_figures(events: Iterable[EventFigures], now: datetime) -> int:
    """Add each event's counts once; returns how many events were added now."""
    # A batch may bring one record twice: a transaction may not touch one marker twice.
    events = list({(e.tracking_id, e.seq): e for e in events if e.counts}.values())
    added = 0
    for start in range(0, len(events), GROUP):
        group = events[start : start + GROUP]
        try:
            _add_group(group, now)
            added += len(group)
        except TransactWriteError as error:
            if not condition_failed(error):
                raise
            for event in group:  # some were added before: one at a time, skipping those
                try:
                    _add_group([event], now)
                    added += 1
                except TransactWriteError as single:
                    if not condition_failed(single):
                        raise
    return added


def _add_group(group: list[EventFigures], now: datetime) -> None:
    sums: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for event in group:
        for row in _rows(event):
            for name, count in event.counts.items():
                sums[row][name] += count
    expires = now + timedelta(days=MARKER_DAYS)
    with TransactWrite(connection=PerformanceModel._get_connection().connection) as tx:
        for event in group:
            marker = PerformanceModel(f"applied#{event.tracking_id}", str(event.seq))
            marker.expires = expires
            tx.save(marker, condition=PerformanceModel.value.does_not_exist())
        for (key, value), counts in sums.items():
            row = PerformanceModel(key, value)
            tx.update(row, actions=[getattr(PerformanceModel, n).add(c) for n, c in counts.items()])


def monthly_rows(month: str, dimension: str, prefix: str = "") -> dict[str, dict[str, int]]:
    """Every value's counts for one month and dimension ("national" has the value "all"),
    or only the values that start with ``prefix``."""
    condition = PerformanceModel.value.startswith(prefix) if prefix else None
    rows = PerformanceModel.query(
        f"{month}#{dimension}", range_key_condition=condition, consistent_read=True
    )
    return {row.value: _counts(row) for row in rows}


def _counts(row: PerformanceModel) -> dict[str, int]:
    return {
        name: int(value)
        for name in COUNTERS + DAY_BUCKETS
        if (value := getattr(row, name)) is not None
    }


def event_figures_from_image(image: dict[str, Any]) -> EventFigures | None:
    """The figures on a timeline event's stream image (DynamoDB JSON), if it has any."""
    raw = image.get("figures", {}).get("S")
    if not raw:
        return None
    figures = json.loads(raw)
    return EventFigures(
        tracking_id=image["tracking_id"]["S"],
        seq=int(image["seq"]["N"]),
        month=figures["month"],
        dimensions=figures["dimensions"],
        counts=figures["counts"],
    )
