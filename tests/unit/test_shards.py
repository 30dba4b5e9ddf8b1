"""Paging across shards as DynamoDB answers: a Query that fills its limit reports a next key
even when its shard ends right there (moto reports one only when more items exist)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.store.shards import resume_across_shards


def dynamodb_query(shard: list[str], start: int, limit: int) -> tuple[list[str], bool]:
    """The shard (newest first) from ``start``: at most ``limit`` items, and whether DynamoDB
    would return a LastEvaluatedKey."""
    items = shard[start : start + limit]
    return items, len(items) == limit


def page_through(shards: list[list[str]], limit: int) -> list[list[str]]:
    """Every page until no shard is left; a shard's place is the last item shown from it."""

    def read_shard(shard: int, after: str | None) -> tuple[list[str], bool]:
        start = 0 if after is None else shards[shard].index(after) + 1
        return dynamodb_query(shards[shard], start, limit)

    positions: list | None = [None] * len(shards)
    pages = []
    while positions is not None:
        shown, positions = resume_across_shards(
            positions, read_shard, key=str, position_of=str, limit=limit
        )
        pages.append([item for _, item in shown])
        assert len(pages) < 1000, "the pages never end"
    return pages


shard_lists = st.lists(
    st.lists(st.integers(0, 10_000), max_size=45, unique=True), min_size=3, max_size=3
).map(lambda shards: [sorted((f"{n:05d}" for n in s), reverse=True) for s in shards])


@settings(max_examples=300)
@given(shard_lists, st.integers(1, 25))
def test_pages_show_every_item_once_newest_first(shards, limit):
    pages = page_through(shards, limit)
    shown = [item for page in pages for item in page]
    assert shown == sorted((item for shard in shards for item in shard), reverse=True)
    assert all(len(page) <= limit for page in pages)


@settings(max_examples=300)
@given(shard_lists, st.integers(2, 25))
def test_a_next_page_is_offered_only_when_something_is_left(shards, limit):
    pages = page_through(shards, limit)
    assert all(pages[1:]), "a page came empty after the previous one promised more"


def test_a_shard_ending_exactly_at_a_full_page_holds_its_last_item_back():
    shards = [[f"{n:02d}" for n in range(20, 0, -1)], [], []]
    pages = page_through(shards, limit=20)
    assert [len(page) for page in pages] == [19, 1]


def test_one_shard_filling_the_page_with_more_behind_it_keeps_the_full_page_minus_one():
    shards = [[f"{n:02d}" for n in range(40, 0, -1)], [], []]
    assert [len(page) for page in page_through(shards, limit=20)] == [19, 19, 2]
