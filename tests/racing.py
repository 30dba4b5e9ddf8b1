"""Races run racing: each call in a thread of its own, all released together by a barrier,
and waited for. (Through services, not Chalice's test client, which swaps the environment
per request and is not for threads.)"""

from __future__ import annotations

import threading
from collections.abc import Callable


def all_at_once(*calls: Callable[[], object], timeout: float = 30) -> None:
    start = threading.Barrier(len(calls), timeout=timeout)

    def released(call: Callable[[], object]) -> None:
        start.wait()
        call()

    threads = [threading.Thread(target=released, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
