"""National admins: a Cognito user pool JWT, verified by the app itself (signature against
the pool's published keys, expiry against the injected clock, issuer, client, and membership
of the admins group), so the same check runs locally, in tests and behind API Gateway."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from chalicelib.auth.errors import AuthError
from chalicelib.settings import get_settings

if TYPE_CHECKING:
    import jwt

LEEWAY_SECONDS = 30


@dataclass(frozen=True)
class Admin:
    subject: str
    username: str


@lru_cache(maxsize=1)
def _keys() -> jwt.PyJWKClient:
    # Imported here: PyJWT loads cryptography (~50 ms), which only admin requests need.
    import jwt  # noqa: PLC0415

    # Keys are fetched once per container and kept; an unknown kid triggers one refetch.
    return jwt.PyJWKClient(get_settings().cognito_jwks_url, cache_keys=True, lifespan=3600)


def verify_admin_token(token: str, now: datetime) -> Admin:
    import jwt  # noqa: PLC0415 - see _keys

    settings = get_settings()
    try:
        key = _keys().get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token,
            key.key,
            algorithms=["RS256"],
            issuer=settings.cognito_issuer,
            options={
                "require": ["exp", "iss", "sub", "token_use"],
                "verify_aud": False,  # checked below: ID tokens carry aud, access tokens client_id
                "verify_exp": False,  # checked below against the injected clock
                "verify_iat": False,
            },
        )
    except (jwt.PyJWTError, jwt.PyJWKClientError) as error:
        raise AuthError(401, "token_invalid") from error
    token_use = claims["token_use"]
    client = claims.get("aud") if token_use == "id" else claims.get("client_id")  # noqa: S105
    if token_use not in {"id", "access"} or client != settings.cognito_client_id:
        raise AuthError(401, "token_invalid")
    if now.timestamp() > float(claims["exp"]) + LEEWAY_SECONDS:
        raise AuthError(401, "token_expired")
    groups = claims.get("cognito:groups")
    # Membership is a name in the list, never a substring of some text ("xadminsx").
    if not isinstance(groups, list) or settings.admin_group not in groups:
        raise AuthError(403, "not_admin")
    username = claims.get("cognito:username") or claims.get("username") or claims["sub"]
    return Admin(subject=claims["sub"], username=username)
