"""The link-signing keys, kept in Secrets Manager and cached for a few minutes per container.

The secret holds ``{"current": "<kid>", "<kid>": "<random key text>", ...}`` (the shape Secrets
Manager can generate); to rotate, add a key, make it current, and remove the old one once its
links have expired."""

from __future__ import annotations

import json
import secrets
from functools import lru_cache
from typing import Any

from chalicelib.auth.links import LinkKeys
from chalicelib.settings import get_settings
from chalicelib.timed_cache import TimedCache

CACHE_SECONDS = 300
_cache: TimedCache[LinkKeys] = TimedCache(CACHE_SECONDS)


@lru_cache(maxsize=1)
def _client() -> Any:
    # botocore, not boto3: boto3 would add its own import (and s3transfer's) to the first
    # submit of every container, for one call.
    from botocore.session import get_session  # noqa: PLC0415

    return get_session().create_client("secretsmanager")


def link_keys() -> LinkKeys:
    return _cache.get("keys", _load)


def _load() -> LinkKeys:
    value = _client().get_secret_value(SecretId=get_settings().link_secret_id)["SecretString"]
    data = json.loads(value)
    return LinkKeys(
        current=data["current"],
        keys={kid: key.encode() for kid, key in data.items() if kid != "current"},
    )


def clear_cache() -> None:
    _cache.clear()


def new_secret_value(kid: str = "k1") -> str:
    """A fresh secret document with one random key (for provisioning)."""
    return json.dumps({"current": kid, kid: secrets.token_urlsafe(48)})
