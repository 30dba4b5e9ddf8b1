"""Write units as DynamoDB bills them, per partition key, from the items moto actually writes.

For each write the item before and after is read from moto's tables, and billed:
- the table: the larger of the item's sizes before and after, per 1 KB rounded up;
- each global secondary index: the projected entry, per 1 KB rounded up, when its key or
  projected attributes change: a put under the new key, a delete under the old one when the
  key moved (or the entry left the index);
- everything written inside a TransactWriteItems twice (DynamoDB prepares and commits each
  item; index entries are doubled too, the stricter reading).
Item size follows DynamoDB's rules: attribute names plus values (strings as UTF-8, numbers
about one byte per two digits plus one, 3 bytes per list or map plus 1 per element).
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_state = threading.local()


def item_size(attributes: dict[str, Any]) -> int:
    return sum(len(name.encode()) + _value_size(value) for name, value in attributes.items())


def _value_size(value: dict[str, Any]) -> int:
    [(kind, data)] = value.items()
    if kind in ("L", "M"):
        entries = data.items() if kind == "M" else (("", v) for v in data)
        return 3 + sum(1 + len(k.encode()) + _value_size(v) for k, v in entries)
    if kind in ("SS", "NS", "BS"):
        return sum(_value_size({kind[0]: v}) for v in data)
    return _SCALAR_SIZE[kind](data)


_SCALAR_SIZE = {
    "S": lambda data: len(data.encode()),
    "N": lambda data: math.ceil(len(data.lstrip("-").replace(".", "")) / 2) + 1,
    "B": lambda data: len(data) if isinstance(data, bytes) else math.ceil(len(data) * 3 / 4),
    "BOOL": lambda data: 1,
    "NULL": lambda data: 1,
}


def _units(size: int) -> int:
    return max(1, math.ceil(size / 1024))


def _attributes(item: Any) -> dict[str, Any] | None:
    return None if item is None else item.to_json()["Attributes"]


def _index_entry(index: Any, item: Any) -> tuple[str, dict[str, Any]] | None:
    """(partition key value, projected attributes) of the item's entry, or None if sparse."""
    if item is None:
        return None
    attributes = _attributes(item)
    names = [k["AttributeName"] for k in index.schema]
    if any(name not in attributes for name in names):
        return None
    hash_name = next(k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH")
    [(_, hash_value)] = attributes[hash_name].items()
    return str(hash_value), _attributes(index.project(item))


class WriteUnits:
    """Write units by partition key ("table/index:value")."""

    def __init__(self) -> None:
        self.by_key: Counter[str] = Counter()

    def bill(self, table: Any, before: Any, after: Any, times: int) -> Counter[str]:
        bill: Counter[str] = Counter()
        sizes = [item_size(_attributes(i)) for i in (before, after) if i is not None]
        hash_value = next(iter((after or before).hash_key.to_json().values()))
        bill[f"{table.name}:{hash_value}"] += _units(max(sizes)) * times
        for index in table.global_indexes:
            old, new = _index_entry(index, before), _index_entry(index, after)
            if old == new:
                continue
            if old is not None and (new is None or old[0] != new[0]):
                bill[f"{table.name}/{index.name}:{old[0]}"] += _units(item_size(old[1])) * times
            if new is not None:
                bill[f"{table.name}/{index.name}:{new[0]}"] += _units(item_size(new[1])) * times
        return bill

    @property
    def total(self) -> int:
        return sum(self.by_key.values())


@contextmanager
def metered() -> Iterator[WriteUnits]:
    """Bill every write moto performs while inside."""
    from moto.dynamodb.models import DynamoDBBackend

    units = WriteUnits()
    originals = {
        name: getattr(DynamoDBBackend, name)
        for name in ("put_item", "update_item", "delete_item", "transact_write_items")
    }

    def single(name: str) -> Any:
        def write(self: Any, table_name: str, key_or_item: dict[str, Any], *args: Any,
                  **kwargs: Any) -> Any:  # fmt: skip
            table = self.get_table(table_name)
            names = (table.hash_key_attr, table.range_key_attr)
            key = {k: key_or_item[k] for k in names if k is not None}
            before = self.get_item(table_name, key)
            before = (
                None
                if before is None
                else type(before)(before.hash_key, before.range_key, _attributes(before))
            )
            result = originals[name](self, table_name, key_or_item, *args, **kwargs)
            after = self.get_item(table_name, key)
            pending = getattr(_state, "pending", None)
            bill = units.bill(table, before, after, 2 if pending is not None else 1)
            (pending if pending is not None else units.by_key).update(bill)
            return result

        return write

    def transact(self: Any, transact_items: list[dict[str, Any]]) -> Any:
        _state.pending = Counter()
        try:
            result = originals["transact_write_items"](self, transact_items)
            units.by_key.update(_state.pending)  # billed only if the transaction committed
            return result
        finally:
            _state.pending = None

    for name in ("put_item", "update_item", "delete_item"):
        setattr(DynamoDBBackend, name, single(name))
    DynamoDBBackend.transact_write_items = transact  # type: ignore[method-assign]
    try:
        yield units
    finally:
        for name, original in originals.items():
            setattr(DynamoDBBackend, name, original)
