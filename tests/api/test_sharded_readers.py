"""The lists that every report writes are split over shards; their readers merge the shards
and must return exactly what one unsharded list would: same reports, same order, cursors that
neither skip nor repeat."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, timedelta

import pytest

from bench.dynamo_counter import count_dynamodb_calls
from chalicelib.domain.report import Report, Reporter, ReportType, Status
from chalicelib.store.feed import FEED_SHARDS, FILTERS, InvalidCursor, public_feed
from chalicelib.store.keys import utc_key
from chalicelib.store.reports import NATIONAL_DESK, desk_of, desk_queue, import_reports

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
CATEGORIES = ("infrastruktur", "kesehatan", "pendidikan")
AGENCIES = (None, "pemkab-sleman", "kemenkes")
STATUSES = (Status.SUBMITTED, Status.DISPOSITIONED, Status.FOLLOWED_UP, Status.COMPLETED,
            Status.ARCHIVED)  # fmt: skip


def _reports(count: int = 90, seed: int = 7) -> list[Report]:
    draw = random.Random(seed)
    reports = []
    for i in range(count):
        # Whole minutes over a few months: some reports share a creation instant.
        created = NOW - timedelta(minutes=draw.randrange(0, 60 * 24 * 100, 60 * 24 * 3))
        status = draw.choice(STATUSES)
        reports.append(
            Report(
                tracking_id=f"LPR-TEST{i:04d}",
                type=ReportType.COMPLAINT,
                status=status,
                title=f"Laporan {i}",
                description="Uraian laporan untuk uji daftar.",
                category=draw.choice(CATEGORIES),
                agency=draw.choice(AGENCIES) if status is not Status.SUBMITTED else None,
                created_at=created,
                updated_at=created,
                access_token_hash="x",
                reporter=Reporter(email="warga@example.id"),
                confidential=draw.random() < 0.2,
                verified_at=created if draw.random() < 0.8 else None,
                stage_due_at=created + timedelta(days=draw.randrange(1, 30)),
            )
        )
    import_reports(reports)
    return reports


def _unsharded_feed(reports: list[Report], filters: dict[str, str]) -> list[str]:
    def matches(r: Report) -> bool:
        values = {"category": r.category, "agency": r.agency, "status": r.status.value}
        return all(values[name] == wanted for name, wanted in filters.items())

    public = [r for r in reports if r.public and matches(r)]
    # Newest first; the order among reports filed at the same instant is the store's own.
    return [r.tracking_id for r in sorted(public, key=lambda r: r.created_at, reverse=True)]


def _page_through(filters: dict[str, str], limit: int) -> list[str]:
    seen, cursor = [], None
    for _ in range(200):
        page = public_feed(limit=limit, cursor=cursor, **filters)
        assert len(page.reports) <= limit
        seen += [r.tracking_id for r in page.reports]
        cursor = page.cursor
        if cursor is None:
            return seen
    raise AssertionError("the feed never ended")


def _filter_choices() -> list[dict[str, str]]:
    sample = {"category": "kesehatan", "agency": "kemenkes", "status": "dispositioned"}
    return [
        {name: sample[name] for name in chosen}
        for size in range(len(FILTERS) + 1)
        for chosen in itertools.combinations(FILTERS, size)
    ]


@pytest.mark.parametrize("limit", [1, 7, 20])
@pytest.mark.parametrize("filters", _filter_choices(), ids=lambda f: "+".join(f) or "all")
def test_every_feed_filter_pages_through_what_one_unsharded_list_would(aws, filters, limit):
    reports = _reports()
    expected = _unsharded_feed(reports, filters)
    seen = _page_through(filters, limit)
    assert sorted(seen) == sorted(expected)  # each exactly once
    created = {r.tracking_id: r.created_at for r in reports}
    assert [created[t] for t in seen] == [created[t] for t in expected]  # newest first


def test_a_feed_page_reads_each_shard_at_most_once_for_at_most_a_page(aws):
    _reports(count=150)
    with count_dynamodb_calls() as calls:
        page = public_feed(limit=20, status="completed")
    assert calls["Query"] <= FEED_SHARDS
    assert len(page.reports) == 20


def test_a_cursor_from_another_filter_is_refused(aws):
    _reports()
    cursor = public_feed(limit=2, category="kesehatan").cursor
    with pytest.raises(InvalidCursor):
        public_feed(limit=2, category="pendidikan", cursor=cursor)
    with pytest.raises(InvalidCursor):
        public_feed(limit=2, agency="kemenkes", cursor=cursor)


@pytest.mark.parametrize("desk", [NATIONAL_DESK, "pemkab-sleman", "kemenkes"])
def test_a_desk_queue_lists_its_open_reports_soonest_deadline_first(aws, desk):
    reports = _reports()
    mine = [r for r in reports if desk_of(r) == desk]
    expected = sorted(mine, key=lambda r: utc_key(r.stage_due_at))
    listed = desk_queue(desk, limit=len(mine) + 5)
    assert {r.tracking_id for r in listed} == {r.tracking_id for r in expected}
    assert [r.stage_due_at for r in listed] == [r.stage_due_at for r in expected]


def test_a_desk_queue_limit_keeps_the_soonest_deadlines(aws):
    reports = _reports()
    mine = sorted((r for r in reports if desk_of(r) == NATIONAL_DESK), key=lambda r: r.stage_due_at)
    listed = desk_queue(NATIONAL_DESK, limit=5)
    assert [r.stage_due_at for r in listed] == [r.stage_due_at for r in mine[:5]]
