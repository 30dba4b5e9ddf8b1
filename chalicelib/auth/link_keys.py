"""The link-signing keys, kept in Secrets Manager and cached for a few minutes per container.

The secret holds ``{"current": "<kid>", "<kid>": "<random key text>", ...}`` (the shape Secrets
Manager can generate); to rotate, add a key, make it current, and remove the old one once its
links have expired."""

from __future__ import annotations

import json
import secrets
import threading
import time
from functools import lru_cache
from typing import Any

from chalicelib.auth.links import LinkKeys
from chalicelib.settings import get_settings

CACHE_SECONDS = 300
_lock = threading.Lock()
_cached: tuple[float, LinkKeys] | None = None


@lru_cache(maxsize=1)
def _client() -> Any:
    import boto3  # noqa: PLC0415 - only requests that sign or check links pay for boto3

    return boto3.client("secretsmanager")


def link_keys() -> LinkKeys:
    global _cached  # noqa: PLW0603 - a per-container cache
    with _lock:
        if _cached and time.monotonic() - _cached[0] < CACHE_SECONDS:
            return _cached[1]
    value = _client().get_secret_value(SecretId=get_settings().link_secret_id)["SecretString"]
    data = json.loads(value)
    keys = LinkKeys(
        current=data["current"],
        keys={kid: key.encode() for kid, key in data.items() if kid != "current"},
    )
    with _lock:
        _cached = (time.monotonic(), keys)
    return keys


def clear_cache() -> None:
    global _cached  # noqa: PLW0603
    with _lock:
        _cached = None


def new_secret_value(kid: str = "k1") -> str:
    """A fresh secret document with one random key (for provisioning)."""
    return json.dumps({"current": kid, kid: secrets.token_urlsafe(48)})
