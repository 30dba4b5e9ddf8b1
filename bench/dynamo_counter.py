"""Counts the DynamoDB API calls that reach moto, by operation name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from moto.dynamodb.responses import DynamoHandler


@contextmanager
def count_dynamodb_calls() -> Iterator[Counter[str]]:
    calls: Counter[str] = Counter()
    original = DynamoHandler.call_action

    def counting(self: DynamoHandler) -> Any:
        calls[self._get_action()] += 1
        return original(self)

    DynamoHandler.call_action = counting  # type: ignore[method-assign]
    try:
        yield calls
    finally:
        DynamoHandler.call_action = original  # type: ignore[method-assign]
