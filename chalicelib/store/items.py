"""Reading one item by its key, for every table: None when there is none."""

from __future__ import annotations

from typing import TypeVar

from pynamodb.models import Model

M = TypeVar("M", bound=Model)


def item_or_none(model: type[M], key: str, *, consistent: bool = True) -> M | None:
    """The item with this hash key, or None. Consistent by default: a request reads what the
    one before it wrote."""
    try:
        return model.get(key, consistent_read=consistent)
    except model.DoesNotExist:
        return None
