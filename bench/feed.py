"""Reads per page of the public feed, for every filter and combination of filters.

    python -m bench.feed

Seeds 2,000 public reports, then 20,000, all in the current month, over every category,
agency and status; reads three pages of 20 of every filter combination, with a common value
and with a value nothing matches, and prints, on its last line, for the worst filter,
`queries_per_page_2k=… queries_per_page_20k=… items_read_per_page_20k=…`. Before it, the same
for text searches at 20,000 (a word every report holds, one that a single report holds, both
together, one nothing holds, and one with a filter): Queries, BatchGetItems and items read
(index entries and reports) on the worst page.
"""

from __future__ import annotations

import argparse
import itertools
import random
from datetime import UTC, datetime, timedelta

from bench.environment import use_bench_environment

NOW = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
PAGE = 20
PAGES = 3


def _seed(count: int, start: int, rng: random.Random) -> None:
    from chalicelib.domain.report import Report, Reporter, ReportType, Status
    from chalicelib.store.reference import agencies, categories
    from chalicelib.store.reports import import_reports

    kinds, desks = sorted(categories()), sorted(agencies())
    statuses = (Status.DISPOSITIONED, Status.FOLLOWED_UP, Status.COMPLETED)

    def report(i: int) -> Report:
        created = NOW - timedelta(seconds=rng.randrange(0, 26 * 24 * 3600))
        return Report(
            tracking_id=f"LPR-BENCH{i:07d}",
            type=ReportType.COMPLAINT,
            status=rng.choice(statuses),
            title=f"Laporan {i:07d}",
            description="Deskripsi laporan untuk pengukuran feed.",
            category=rng.choice(kinds),
            agency=rng.choice(desks),
            created_at=created,
            updated_at=created,
            access_token_hash="x",  # noqa: S106 - not a secret: no one signs in
            reporter=Reporter(email=f"warga{i}@example.id"),
            verified_at=created,
        )

    import_reports(report(i) for i in range(start, start + count))


def _filters() -> list[dict[str, str]]:
    common = {"category": "infrastruktur", "agency": "pemkab-sleman", "status": "completed"}
    nothing = {"category": "infrastruktur", "agency": "kemenkes", "status": "followed_up"}
    choices = []
    for size in range(4):
        for chosen in itertools.combinations(("category", "agency", "status"), size):
            choices.append({name: common[name] for name in chosen})
            if size:
                choices.append({name: nothing[name] for name in chosen})
    return choices


def _worst_page(filters: list[dict[str, str]]) -> tuple[int, int, dict[str, str]]:
    """The most Queries and the most items read by one page, over every filter."""
    from bench.dynamo_counter import ITEMS_READ, count_dynamodb_calls
    from chalicelib.store.feed import public_feed

    most_queries, most_items, worst = 0, 0, {}
    for chosen in filters:
        cursor = None
        for _ in range(PAGES):
            with count_dynamodb_calls() as calls:
                page = public_feed(limit=PAGE, cursor=cursor, **chosen)
            if (calls["Query"], calls[ITEMS_READ]) > (most_queries, most_items):
                worst = chosen
            most_queries = max(most_queries, calls["Query"])
            most_items = max(most_items, calls[ITEMS_READ])
            cursor = page.cursor
            if cursor is None:
                break
    return most_queries, most_items, worst


SEARCHES = (
    ("pengukuran", {}),  # every report
    ("0012345", {}),  # one report's title
    ("pengukuran 0012345", {}),  # read through the common word's list, one match in it
    ("tidakada", {}),
    ("pengukuran", {"status": "completed", "agency": "pemkab-sleman"}),
)


def _worst_search_page() -> tuple[int, int, int]:
    """The most Queries, BatchGetItems and items read by one page of a search."""
    from bench.dynamo_counter import ITEMS_READ, count_dynamodb_calls
    from chalicelib.domain.search_terms import query_terms
    from chalicelib.store.search import search_page

    worst = (0, 0, 0)
    for text, filters in SEARCHES:
        cursor = None
        for _ in range(PAGES):
            with count_dynamodb_calls() as calls:
                _, cursor = search_page(
                    query_terms(text), limit=PAGE, cursor=cursor, filters=filters
                )
            figures = (calls["Query"], calls["BatchGetItem"], calls[ITEMS_READ])
            worst = tuple(map(max, worst, figures))  # type: ignore[assignment]
            if cursor is None:
                break
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    use_bench_environment()
    from moto import mock_aws

    from local.provision import provision_data

    rng = random.Random(args.seed)
    with mock_aws():
        provision_data()
        _seed(2000, 0, rng)
        queries_2k, items_2k, worst_2k = _worst_page(_filters())
        print(f"2,000 reports: worst page {queries_2k} queries, {items_2k} items ({worst_2k})")
        _seed(18000, 2000, rng)
        queries_20k, items_20k, worst_20k = _worst_page(_filters())
        print(f"20,000 reports: worst page {queries_20k} queries, {items_20k} items ({worst_20k})")
        search_queries, batch_gets, search_items = _worst_search_page()
        print(
            f"search_queries_per_page_20k={search_queries} search_batch_gets_per_page_20k="
            f"{batch_gets} search_items_read_per_page_20k={search_items}"
        )
    print(
        f"queries_per_page_2k={queries_2k} queries_per_page_20k={queries_20k} "
        f"items_read_per_page_20k={items_20k}"
    )


if __name__ == "__main__":
    main()
