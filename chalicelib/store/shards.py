"""Write sharding: a key that every report writes is split over a fixed number of shards, so
no partition takes more than its share of a burst; readers query every shard and merge."""

from __future__ import annotations

import hashlib
import heapq
import itertools
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


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


def merge_sorted(
    runs: Iterable[list[T]], key: Callable[[T], str], *, descending: bool = False
) -> list[T]:
    """One ordered list from per-shard runs that are each already in that order."""
    return list(heapq.merge(*runs, key=key, reverse=descending))
