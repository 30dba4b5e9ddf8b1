"""Free text from citizens is kept as plain text: markup is removed, never interpreted."""

from __future__ import annotations

import re

# A tag is "<" followed directly by a letter, "/" or "!"; so "a < b" is left alone.
_TAG = re.compile(r"<!--.*?-->|<[/!]?[A-Za-z][^<>]*>", re.DOTALL)
# C0/C1 control characters except tab and newline, plus zero-width and bidi overrides.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def to_plain_text(value: str) -> str:
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    text = _TAG.sub("", text)
    text = _CONTROL.sub("", text)
    return text.strip()
