"""A small per-container cache whose entries expire: for data that changes rarely (reference
data, signing keys) but must be picked up within minutes when it does."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class TimedCache(Generic[T]):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._entries: dict[Hashable, tuple[float, T]] = {}

    def get(self, key: Hashable, load: Callable[[], T]) -> T:
        with self._lock:
            hit = self._entries.get(key)
            if hit and time.monotonic() - hit[0] < self.seconds:
                return hit[1]
        value = load()  # outside the lock: a slow load must not hold up other keys
        with self._lock:
            self._entries[key] = (time.monotonic(), value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
