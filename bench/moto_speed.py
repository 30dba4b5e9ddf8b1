"""Keeps moto's own costs out of the figures the benchmarks measure."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def without_moto_table_snapshots() -> Iterator[None]:
    """moto copies every table a TransactWriteItems touches, whole, to be able to roll it
    back: O(table size) per transaction, which would make a bench measure moto. The benches
    run one writer at a time, so nothing ever rolls back (each checks that no race was lost),
    and the snapshot of a table is skipped; other copies moto makes are left alone."""
    from moto.dynamodb import models

    class _Copy:
        @staticmethod
        def deepcopy(value: Any, memo: Any = None) -> Any:
            return value if isinstance(value, models.Table) else copy.deepcopy(value, memo)

    models.copy = _Copy  # type: ignore[assignment]
    try:
        yield
    finally:
        models.copy = copy
