"""The public feed: newest public reports first, filtered by any combination of category,
agency and status, at a cost bounded by the page, whatever the table holds.

Each combination of filters has its own sparse index (a view), so a filter is a key, never a
FilterExpression that reads what it throws away. Each view is split over ``FEED_SHARDS``
shards so that no partition takes every verification of a burst. A page queries each shard
once for at most ``limit`` entries and merges them: at most ``FEED_SHARDS`` Queries and
``FEED_SHARDS × limit`` entries read. The cursor keeps, per shard, the last entry shown."""

from __future__ import annotations

import base64
import binascii
import itertools
import json
from dataclasses import dataclass
from typing import Any

from pynamodb.attributes import UTCDateTimeAttribute

from chalicelib.domain.report import Report, ReportSummary
from chalicelib.store.models import ReportModel
from chalicelib.store.shards import SHARD_ENDED, resume_across_shards, shard_of
from chalicelib.store.summaries import summary_from_model

FEED_SHARDS = 3
FILTERS = ("category", "agency", "status")
_UNROUTED = "-"  # a public report that no agency holds (returned as not its authority)
_CREATED_AT = UTCDateTimeAttribute()


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True)
class FeedPage:
    """One page of the public feed, and the cursor of the next (None: the last page)."""

    reports: list[ReportSummary]
    cursor: str | None


def view_attribute(filters: tuple[str, ...]) -> str:
    """The report attribute (and index) of the view for these filters, in FILTERS order."""
    return "_".join(("feed_by", *filters)) if filters else "feed_any"


def view_value(values: tuple[str, ...]) -> str:
    return "|".join(values) if values else "all"


def view_keys(report: Report) -> dict[str, str]:
    """A public report's key in every view (the caller writes them only for public reports)."""
    values = {
        "category": report.category,
        "agency": report.agency or _UNROUTED,
        "status": report.status.value,
    }
    shard = shard_of(report.tracking_id, FEED_SHARDS)
    return {
        view_attribute(chosen): f"{view_value(tuple(values[f] for f in chosen))}#{shard}"
        for size in range(len(FILTERS) + 1)
        for chosen in itertools.combinations(FILTERS, size)
    }


def public_feed(
    *,
    limit: int,
    cursor: str | None = None,
    category: str | None = None,
    agency: str | None = None,
    status: str | None = None,
) -> FeedPage:
    given = {"category": category, "agency": agency, "status": status}
    chosen = tuple(f for f in FILTERS if given[f] is not None)
    attribute = view_attribute(chosen)
    value = view_value(tuple(str(given[f]) for f in chosen))
    index = getattr(ReportModel, f"{attribute}_view")
    positions = _decode(cursor, attribute, value) if cursor else [None] * FEED_SHARDS

    def read_shard(shard: int, position: Any) -> tuple[list[ReportModel], bool]:
        results = index.query(
            f"{value}#{shard}", scan_index_forward=False, limit=limit, last_evaluated_key=position
        )
        return list(results), results.last_evaluated_key is not None

    shown, after = resume_across_shards(
        positions,
        read_shard,
        key=_sort_key,
        position_of=lambda model: _position(attribute, model),
        limit=limit,
    )
    reports = [summary_from_model(m) for _, m in shown]
    return FeedPage(reports, None if after is None else _encode(after))


def _sort_key(model: ReportModel) -> str:
    return _CREATED_AT.serialize(model.created_at)


def _position(attribute: str, model: ReportModel) -> dict[str, Any]:
    """The index key of an entry: where its shard's next page starts."""
    return {
        "tracking_id": {"S": model.tracking_id},
        attribute: {"S": getattr(model, attribute)},
        "created_at": {"S": _sort_key(model)},
    }


def _encode(positions: list[Any]) -> str:
    raw = json.dumps({"p": positions}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, attribute: str, value: str) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        positions = json.loads(raw)["p"]
    except (ValueError, KeyError, TypeError, RecursionError, binascii.Error) as error:
        raise InvalidCursor(cursor) from error
    if not isinstance(positions, list) or len(positions) != FEED_SHARDS:
        raise InvalidCursor(cursor)
    for shard, position in enumerate(positions):
        if (
            position is not None
            and position != SHARD_ENDED
            and not _is_position(position, attribute, f"{value}#{shard}")
        ):
            raise InvalidCursor(cursor)
    return positions


def _is_position(position: Any, attribute: str, key: str) -> bool:
    """A key of this view's shard (a cursor from another filter, or forged, is refused)."""
    if not isinstance(position, dict) or set(position) != {"tracking_id", attribute, "created_at"}:
        return False
    if not all(isinstance(v, dict) and set(v) == {"S"} and isinstance(v["S"], str)
               for v in position.values()):  # fmt: skip
        return False
    try:
        _CREATED_AT.deserialize(position["created_at"]["S"])
    except ValueError:
        return False
    return position[attribute]["S"] == key
