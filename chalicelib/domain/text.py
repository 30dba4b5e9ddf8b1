"""Free text from citizens is kept as they wrote it: every page and mail escapes it on output,
so nothing here interprets or strips markup (``Kepada <Pak Budi>`` stays whole). Only what no
one can mean to write is removed: NUL and the other control characters (tab and newline
stay), and the invisible bidirectional overrides that can make text read other than it is."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_text(value: str) -> str:
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()
