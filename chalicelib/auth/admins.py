"""National admins: a Cognito user pool JWT, verified by the app itself (signature against
the pool's published keys, expiry against the injected clock, issuer, client, and membership
of the admins group), so the same check runs locally, in tests and behind API Gateway."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from chalicelib.auth.errors import AuthError
from chalicelib.auth.rs256 import InvalidToken, KeySet, decode
from chalicelib.settings import get_settings

LEEWAY_SECONDS = 30
_REQUIRED = ("exp", "iss", "sub", "token_use")


@dataclass(frozen=True)
class Admin:
    """A national admin, from a verified Cognito token."""

    subject: str
    username: str


@lru_cache(maxsize=1)
def _keys() -> KeySet:
    # Keys are fetched once per container and kept; an unknown kid triggers one refetch.
    return KeySet(get_settings().cognito_jwks_url)


def verify_admin_token(token: str, now: datetime) -> Admin:
    settings = get_settings()
    try:
        claims = decode(token, _keys())
    except InvalidToken as error:
        raise AuthError(401, "token_invalid") from error
    if any(name not in claims for name in _REQUIRED) or claims["iss"] != settings.cognito_issuer:
        raise AuthError(401, "token_invalid")
    token_use = claims["token_use"]
    client = claims.get("aud") if token_use == "id" else claims.get("client_id")  # noqa: S105
    if token_use not in {"id", "access"} or client != settings.cognito_client_id:
        raise AuthError(401, "token_invalid")
    if not isinstance(claims["exp"], int | float):
        raise AuthError(401, "token_invalid")
    if now.timestamp() > float(claims["exp"]) + LEEWAY_SECONDS:
        raise AuthError(401, "token_expired")
    groups = claims.get("cognito:groups")
    # Membership is a name in the list, never a substring of some text ("xadminsx").
    if not isinstance(groups, list) or settings.admin_group not in groups:
        raise AuthError(403, "not_admin")
    username = claims.get("cognito:username") or claims.get("username") or claims["sub"]
    return Admin(subject=claims["sub"], username=username)
