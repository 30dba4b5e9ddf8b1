"""The feed's text search: a list per word of the public reports that contain it, newest
first, split over shards like the feed. A search reads the list of its longest word (at most
``SEARCH_SHARDS`` Queries of a page each), then the reports themselves in one BatchGetItem,
and keeps those that are still public, match the feed's filters and hold every other word.
So a page costs a bounded number of reads whatever the table holds; a page of a many-word
search may hold fewer than asked, and its cursor goes on."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any

from pynamodb.transactions import TransactWrite

from chalicelib.domain.report import Report, ReportSummary
from chalicelib.domain.search_terms import IndexChange, leading_term, report_terms
from chalicelib.store.keys import utc_key
from chalicelib.store.models import ReportModel, SearchEntryModel
from chalicelib.store.shards import resume_across_shards, shard_of
from chalicelib.store.summaries import summary_from_model

SEARCH_SHARDS = 3  # as many as the feed: a search page costs what a feed page costs


class InvalidSearchCursor(ValueError):
    pass


def _entry(term: str, tracking_id: str, created_at: datetime) -> SearchEntryModel:
    return SearchEntryModel(
        term_shard=f"{term}#{shard_of(tracking_id, SEARCH_SHARDS)}",
        newest=f"{utc_key(created_at)}#{tracking_id}",
        tracking_id=tracking_id,
    )


def index_entries(report: Report) -> list[SearchEntryModel]:
    """A public report's entries, for an import (a step writes its change in its transaction)."""
    if not report.public:
        return []
    terms = report_terms(report.title, report.description)
    return [_entry(term, report.tracking_id, report.created_at) for term in terms]


def write_index_change(
    tx: TransactWrite,
    tracking_id: str,
    created_at: datetime,
    change: IndexChange,
) -> None:
    """Inside the transaction that shows a report or takes it out of view."""
    added, removed = change
    for term in added:
        tx.save(_entry(term, tracking_id, created_at))
    for term in removed:
        tx.delete(_entry(term, tracking_id, created_at))


def search_page(
    terms: tuple[str, ...],
    *,
    limit: int,
    cursor: str | None = None,
    filters: dict[str, str] | None = None,
) -> tuple[list[ReportSummary], str | None]:
    """Public reports holding every word of ``terms`` (not empty), newest first."""
    term = leading_term(terms)
    positions = _decode(cursor, term) if cursor else [None] * SEARCH_SHARDS

    def read_shard(shard: int, position: str | None) -> tuple[list[SearchEntryModel], bool]:
        key = f"{term}#{shard}"
        start = {"term_shard": {"S": key}, "newest": {"S": position}} if position else None
        results = SearchEntryModel.query(
            key, scan_index_forward=False, limit=limit, last_evaluated_key=start
        )
        return list(results), results.last_evaluated_key is not None

    shown, after = resume_across_shards(
        positions, read_shard, key=_newest, position_of=_newest, limit=limit
    )
    found = _matching([entry.tracking_id for _, entry in shown], terms, filters or {})
    return found, None if after is None else _encode(term, after)


def _newest(entry: SearchEntryModel) -> str:
    return entry.newest


def _matching(
    tracking_ids: list[str], terms: tuple[str, ...], filters: dict[str, str]
) -> list[ReportSummary]:
    models = {m.tracking_id: m for m in ReportModel.batch_get(tracking_ids)} if tracking_ids else {}
    found = []
    for tracking_id in tracking_ids:  # the list's order, newest first
        model = models.get(tracking_id)
        if model is None or model.feed_any is None:  # left public view since it was listed
            continue
        values = {"category": model.category, "agency": model.agency, "status": model.status}
        if any(values[name] != wanted for name, wanted in filters.items()):
            continue
        if set(terms) <= set(report_terms(model.title, model.description)):
            found.append(summary_from_model(model))
    return found


def _encode(term: str, positions: list[Any]) -> str:
    raw = json.dumps({"t": term, "p": positions}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, term: str) -> list[Any]:
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        positions = raw["p"]
        valid = raw["t"] == term and isinstance(positions, list)
    except (ValueError, KeyError, TypeError, RecursionError, binascii.Error) as error:
        raise InvalidSearchCursor(cursor) from error
    if (
        not valid
        or len(positions) != SEARCH_SHARDS
        or not all(p is None or (isinstance(p, str) and len(p) <= 64) for p in positions)
    ):
        raise InvalidSearchCursor(cursor)
    return positions
