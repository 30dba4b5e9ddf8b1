"""Integrators' API keys (Open311): issued by an admin, kept as a hash, revocable, each held to
its own number of requests a minute.

A key reads ``o311.<id>.<secret>``: the id finds the record, the secret is checked against
its hash, so keys are never stored and a lookup never scans."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import UpdateError
from pynamodb.models import Model

from chalicelib.domain.tracking import access_token_matches, hash_access_token
from chalicelib.store.conditions import condition_failed
from chalicelib.store.items import item_or_none
from chalicelib.store.models import TableName

PREFIX = "o311"


class ApiKeyModel(Model):
    """An integrator's key for the Open311 API: only its hash is kept. Each key's requests in
    the current minute are counted here, for its own limit."""

    class Meta:
        table_name = TableName("api-keys")

    id = UnicodeAttribute(hash_key=True)
    secret_hash = UnicodeAttribute()
    name = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    revoked_at = UTCDateTimeAttribute(null=True)
    minute = UnicodeAttribute(null=True)  # "2026-11-29T02:15"
    used = NumberAttribute(default=0)  # requests in that minute


@dataclass(frozen=True)
class ApiKey:
    id: str
    name: str
    created_at: datetime
    revoked: bool


class KeyRefused(Exception):
    """Unknown, malformed or revoked."""


class TooManyRequests(Exception):
    """The key used its requests for this minute."""


def create_key(name: str, now: datetime) -> tuple[ApiKey, str]:
    """The new key's record, and the key itself: shown once, to the admin who made it."""
    key_id, secret = secrets.token_hex(6), secrets.token_urlsafe(24)
    ApiKeyModel(id=key_id, secret_hash=hash_access_token(secret), name=name, created_at=now).save(
        condition=ApiKeyModel.id.does_not_exist()
    )
    return ApiKey(key_id, name, now, revoked=False), f"{PREFIX}.{key_id}.{secret}"


def revoke_key(key_id: str, now: datetime) -> None:
    ApiKeyModel(id=key_id).update(
        actions=[ApiKeyModel.revoked_at.set(now)], condition=ApiKeyModel.id.exists()
    )


def list_keys() -> list[ApiKey]:
    # An admin's command over a handful of integrators: a Scan is the right tool here.
    return [
        ApiKey(m.id, m.name, m.created_at, revoked=m.revoked_at is not None)
        for m in ApiKeyModel.scan()
    ]


def use_key(key: str, now: datetime, per_minute: int) -> ApiKey:
    """The key's record if the key is valid and within its limit; counts this request."""
    prefix, _, rest = key.strip().partition(".")
    key_id, _, secret = rest.partition(".")
    if prefix != PREFIX or not key_id.isalnum() or len(key_id) > 32 or not secret:
        raise KeyRefused
    model = item_or_none(ApiKeyModel, key_id)
    if (
        model is None
        or model.revoked_at is not None
        or not access_token_matches(secret, [model.secret_hash])
    ):
        raise KeyRefused
    _count(model, now.strftime("%Y-%m-%dT%H:%M"), per_minute)
    return ApiKey(model.id, model.name, model.created_at, revoked=False)


def _count(model: ApiKeyModel, minute: str, per_minute: int) -> None:
    """One more request this minute, if the minute has room: conditional updates, so requests
    racing from many functions never exceed it."""
    for _ in range(2):  # the second round: another request started the minute meanwhile
        if _updated(model, [ApiKeyModel.used.add(1)],
                    (ApiKeyModel.minute == minute) & (ApiKeyModel.used < per_minute)):  # fmt: skip
            return
        new_minute = ApiKeyModel.minute.does_not_exist() | (ApiKeyModel.minute != minute)
        if _updated(model, [ApiKeyModel.minute.set(minute), ApiKeyModel.used.set(1)], new_minute):
            return
    raise TooManyRequests


def _updated(model: ApiKeyModel, actions: list, condition: Any) -> bool:
    try:
        model.update(actions=actions, condition=condition)
    except UpdateError as error:
        if not condition_failed(error):
            raise
        return False
    return True
