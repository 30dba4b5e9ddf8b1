"""Signed reply addresses: ``balas+<token>@<mail domain>``, the Reply-To of every mail about a
report, so that answering the mail reaches that report.

The token names the report and an expiry day, and signs them with the desk it was sent to
(``reporter``, ``agency:<key>`` or ``agency:<key>/<unit>``) under a link key: the desk is not
written in the address, it is proved by it. A reply is checked against the desks its sender
belongs to. Lower-case only, and short: a local part holds 64 characters, and some mail
systems lower-case addresses on the way. Pure code: keys are passed in."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from chalicelib.auth.links import LinkKeys
from chalicelib.domain.tracking import InvalidTrackingId, normalize_tracking_id

LOCAL_PART = "balas"
_DAY = 86400
_TOKEN = re.compile(r"^balas\+([0-9a-z]{10})\.(\d{5,6})\.([0-9a-z_-]{1,12})\.([a-z2-7]{16})@(.+)$")


@dataclass(frozen=True)
class ReplyToken:
    tracking_id: str  # canonical (``7KQ2M-XD4PA``)
    expires_day: int  # days since 1970-01-01 (UTC); valid through that day
    kid: str
    mac: str

    def expired(self, now: datetime) -> bool:
        return int(now.timestamp()) // _DAY > self.expires_day


def reporter_desk() -> str:
    return "reporter"


def agency_desk(agency: str, unit: str | None = None) -> str:
    return f"agency:{agency}/{unit}" if unit else f"agency:{agency}"


def _mac(key: bytes, tracking_id: str, expires_day: int, desk: str) -> str:
    signed = f"reply:{_compact(tracking_id)}:{expires_day}:{desk}".encode()
    digest = hmac.new(key, signed, hashlib.sha256).digest()[:10]
    return base64.b32encode(digest).decode().lower()


def reply_address(
    tracking_id: str, desk: str, expires_at: datetime, keys: LinkKeys, domain: str
) -> str:
    kid = keys.current
    if not re.fullmatch(r"[0-9a-z_-]{1,12}", kid):
        raise ValueError(f"a reply address needs a short lower-case key id, not {kid!r}")
    day = int(expires_at.astimezone(UTC).timestamp()) // _DAY
    mac = _mac(keys.keys[kid], tracking_id, day, desk)
    return f"{LOCAL_PART}+{_compact(tracking_id)}.{day}.{kid}.{mac}@{domain}"


def _compact(tracking_id: str) -> str:
    return tracking_id.replace("-", "").lower()


def read_reply_address(address: str, domain: str) -> ReplyToken | None:
    """The token of a reply address on our domain, unchecked; None for any other address."""
    match = _TOKEN.match(address.strip().lower())
    if not match or match.group(5) != domain.lower():
        return None
    text, day, kid, mac = match.group(1, 2, 3, 4)
    try:
        tracking_id = normalize_tracking_id(text)
    except InvalidTrackingId:
        return None
    return ReplyToken(tracking_id, int(day), kid, mac)


def signed_for(token: ReplyToken, desk: str, keys: LinkKeys) -> bool:
    """Whether the token was issued to this desk under one of our keys (rotated keys are
    found whatever their case)."""
    key = next((v for kid, v in keys.keys.items() if kid.lower() == token.kid), None)
    if key is None:
        return False
    expected = _mac(key, token.tracking_id, token.expires_day, desk)
    return hmac.compare_digest(expected, token.mac)
