"""Signed agency links: an HMAC-SHA256 token bound to a report (or a whole agency desk),
the agency and optionally its unit, the actions it allows, and an expiry. The key id travels
in the token so that keys can be rotated: new links use the current key, old ones keep
working until their key is retired. Pure code: keys are passed in."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib.auth.errors import AuthError

VERSION = "v1"


@dataclass(frozen=True)
class LinkKeys:
    """The keys links are signed with: the current one signs, any of them verifies."""

    current: str
    keys: dict[str, bytes]


@dataclass(frozen=True)
class AgencyLink:
    """What a signed link lets its holder do: an agency's (or unit's) actions, until it expires."""

    agency: str
    actions: frozenset[str]
    expires_at: int  # epoch seconds
    tracking_id: str | None = None  # None: the agency's whole desk (its inbox)
    unit: str | None = None

    def covers(self, tracking_id: str) -> bool:
        return self.tracking_id is None or self.tracking_id == tracking_id


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(key: bytes, signed: str) -> str:
    return _b64(hmac.new(key, signed.encode(), hashlib.sha256).digest())


def sign_claims(claims: dict[str, Any], keys: LinkKeys) -> str:
    """A signed token of ``claims`` (``e``: its expiry, epoch seconds) under the current key."""
    body = _b64(json.dumps(claims, separators=(",", ":"), sort_keys=True).encode())
    signed = f"{VERSION}.{keys.current}.{body}"
    return f"{signed}.{_signature(keys.keys[keys.current], signed)}"


def verify_claims(token: str, keys: LinkKeys, now: datetime) -> dict[str, Any]:
    """The claims, if the signature holds and they have not expired; AuthError otherwise."""
    parts = token.strip().split(".")
    if len(parts) != 4 or parts[0] != VERSION or parts[1] not in keys.keys:
        raise AuthError(401, "link_invalid")
    signed = ".".join(parts[:3])
    if not hmac.compare_digest(_signature(keys.keys[parts[1]], signed), parts[3]):
        raise AuthError(401, "link_invalid")
    try:
        claims = json.loads(_unb64(parts[2]))
        expires_at = int(claims["e"])
    except (ValueError, KeyError, TypeError) as error:
        raise AuthError(401, "link_invalid") from error
    if now.timestamp() > expires_at:
        raise AuthError(401, "link_expired")
    return claims


def sign_link(link: AgencyLink, keys: LinkKeys) -> str:
    payload = {
        "r": link.tracking_id,
        "a": link.agency,
        "u": link.unit,
        "x": sorted(link.actions),
        "e": link.expires_at,
    }
    return sign_claims(payload, keys)


def verify_link(token: str, keys: LinkKeys, now: datetime) -> AgencyLink:
    """The link, if its signature holds and it has not expired; AuthError otherwise."""
    payload = verify_claims(token, keys, now)
    try:
        link = AgencyLink(
            tracking_id=payload["r"],
            agency=payload["a"],
            unit=payload["u"],
            actions=frozenset(payload["x"]),
            expires_at=int(payload["e"]),
        )
    except (ValueError, KeyError, TypeError) as error:
        raise AuthError(401, "link_invalid") from error
    return link


def citizen_token(tracking_id: str, keys: LinkKeys, kid: str) -> str:
    """The reporter's access token, derived rather than stored, so that every mail to them
    can carry their private link; only its hash is kept on the report."""
    digest = hmac.new(keys.keys[kid], f"citizen:{tracking_id}".encode(), hashlib.sha256)
    return _b64(digest.digest())[:32]
