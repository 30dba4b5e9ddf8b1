"""Errors the caller can correct, named by field; the API turns them into a 400."""

from __future__ import annotations

from typing import Any

# field name → (message key "field.<key>" in the catalogs, its parameters)
FieldProblems = dict[str, tuple[str, dict[str, Any]]]


class InvalidFields(Exception):
    def __init__(self, fields: FieldProblems) -> None:
        super().__init__(", ".join(fields))
        self.fields = fields
