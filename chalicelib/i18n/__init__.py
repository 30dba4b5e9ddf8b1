"""Message catalogs: user-facing text by stable key, Bahasa Indonesia first, English second."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
_CATALOG_DIR = Path(__file__).parent


@cache
def _catalog(language: str) -> dict[str, str]:
    return json.loads((_CATALOG_DIR / f"{language}.json").read_text(encoding="utf-8"))


def translate(key: str, language: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """The message for ``key`` in ``language``, falling back to Indonesian, then to the key."""
    text = _catalog(language).get(key) or _catalog(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**params) if params else text


def has_message(key: str) -> bool:
    """Whether the catalogs have ``key`` (Indonesian, which every key has first)."""
    return key in _catalog(DEFAULT_LANGUAGE)


def negotiate_language(accept_language: str | None) -> str:
    """The best of our languages for an Accept-Language header (RFC 9110 weights)."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and weight > 0:
            ranked.append((-weight, position, primary))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE
