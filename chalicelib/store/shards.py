"""Write sharding: a key that every report writes is split over a fixed number of shards, so
no partition takes more than its share of a burst; readers query every shard and merge."""

from __future__ import annotations

import hashlib
import heapq
import itertools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")
SHARD_ENDED = "end"  # a cursor's place for a shard with nothing left to show


def shard_of(name: str, shards: int) -> int:
    """A stable shard for ``name``: the same report (or mail) always lands in the same one,
    so moving its sort key never moves it to another partition."""
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % shards


def sharded_key(value: str, name: str, shards: int) -> str:
    return f"{value}#{shard_of(name, shards)}"


def first_across_shards(
    query: Callable[[str], Iterable[T]],
    value: str,
    shards: int,
    *,
    key: Callable[[T], str],
    limit: int,
) -> list[T]:
    """The first ``limit`` items, in ``key`` order, of a list split over shards: ``query``
    reads one shard's key (its own first ``limit``, in order); the runs are merged."""
    runs = [list(query(f"{value}#{shard}")) for shard in range(shards)]
    return list(itertools.islice(heapq.merge(*runs, key=key), limit))


@dataclass(frozen=True)
class _ShardedPage(Generic[T]):
    """The items a page shows, each with its shard, and which shards have nothing left."""

    shown: list[tuple[int, T]]  # (shard, item), newest first
    exhausted: list[bool]  # per shard: nothing of it is left to show


def _newest_page(
    runs: list[list[T]], maybe_more: list[bool], *, key: Callable[[T], str], limit: int
) -> _ShardedPage[T]:
    """One page, newest first, from each shard's run (each newest first, at most ``limit``
    long); ``maybe_more`` is what DynamoDB said of each shard: a Query that fills its limit
    reports a next key even when the shard ends right there. So when one shard fills the whole
    page that way, its last item waits for the next page: an item read and not shown is the
    proof that a next page has something in it (at one item per page nothing can wait)."""
    tagged = [[(shard, item) for item in run] for shard, run in enumerate(runs)]
    merged = heapq.merge(*tagged, key=lambda entry: key(entry[1]), reverse=True)
    shown = list(itertools.islice(merged, limit))
    sources = Counter(shard for shard, _ in shown)
    if len(shown) > 1 and len(sources) == 1:
        [(only, count)] = sources.items()
        if maybe_more[only] and count == len(runs[only]):
            shown = shown[:-1]
            sources[only] -= 1
    exhausted = [not maybe_more[s] and sources[s] == len(run) for s, run in enumerate(runs)]
    return _ShardedPage(shown, exhausted)


def resume_across_shards(
    positions: list[Any],
    read_shard: Callable[[int, Any], tuple[list[T], bool]],
    *,
    key: Callable[[T], str],
    position_of: Callable[[T], Any],
    limit: int,
) -> tuple[list[tuple[int, T]], list[Any] | None]:
    """The next page of a list split over shards, from each shard's place (None: its start;
    SHARD_ENDED: nothing left): ``read_shard(shard, place)`` reads at most ``limit`` items
    and says whether DynamoDB reported more. Returns the page and the places after it, or None
    when every shard has ended. A shard that has ended costs no read."""
    runs: list[list[T]] = []
    more: list[bool] = []
    for shard, position in enumerate(positions):
        items, maybe_more = ([], False) if position == SHARD_ENDED else read_shard(shard, position)
        runs.append(items)
        more.append(maybe_more)
    page = _newest_page(runs, more, key=key, limit=limit)
    after = list(positions)
    for shard, item in page.shown:
        after[shard] = position_of(item)
    for shard, exhausted in enumerate(page.exhausted):
        if exhausted:
            after[shard] = SHARD_ENDED
    return page.shown, None if all(p == SHARD_ENDED for p in after) else after
