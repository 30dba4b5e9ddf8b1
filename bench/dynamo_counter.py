"""Counts the DynamoDB API calls that reach moto, by operation name, and the items they read."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from moto.dynamodb.responses import DynamoHandler

ITEMS_READ = "items_read"  # the counter's entry for items read by Query, Scan and BatchGetItem


@contextmanager
def count_dynamodb_calls() -> Iterator[Counter[str]]:
    """Calls by operation name, plus ``items_read``: what Queries and Scans read (their
    ScannedCount, what DynamoDB bills), not only what they returned, and what a BatchGetItem
    returned."""
    calls: Counter[str] = Counter()
    original = DynamoHandler.call_action

    def counting(self: DynamoHandler) -> Any:
        action = self._get_action()
        calls[action] += 1
        response = original(self)
        body = response[2] if isinstance(response, tuple) else response
        if action in ("Query", "Scan"):
            calls[ITEMS_READ] += json.loads(body).get("ScannedCount", 0)
        elif action == "BatchGetItem":
            calls[ITEMS_READ] += sum(map(len, json.loads(body).get("Responses", {}).values()))
        return response

    DynamoHandler.call_action = counting  # type: ignore[method-assign]
    try:
        yield calls
    finally:
        DynamoHandler.call_action = original  # type: ignore[method-assign]
