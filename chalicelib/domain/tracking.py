"""Tracking ids and access tokens.

A tracking id is nine random Crockford base-32 characters (45 bits: unguessable, and random
rather than sequential so there is no hot counter) plus one Luhn mod 32 check character, which
catches every single-character typo and most swaps of neighbours before any database lookup.
It reads as two groups of five, e.g. ``7KQ2M-XD4PA``, and is case-insensitive; the letters
I, L and O, easily misread, are taken as 1, 1 and 0.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_CHARS = 9
_MISREAD = str.maketrans({"I": "1", "L": "1", "O": "0"})


class InvalidTrackingId(ValueError):
    """The text cannot be a tracking id: wrong length, wrong characters or a failed check."""


def luhn_checksum(text: str) -> int:
    """Luhn mod N over ALPHABET (N = 32): every other character from the right doubled, the
    base-N digits of the products summed. 0 for a text whose last character is its check."""
    values = [ALPHABET.index(c) for c in reversed(text)]
    base = len(ALPHABET)
    doubled = (sum(divmod(v * 2, base)) for v in values[1::2])
    return (sum(values[::2]) + sum(doubled)) % base


def check_character(body: str) -> str:
    """The character that, appended to ``body``, makes its checksum 0."""
    return ALPHABET[-luhn_checksum(body + ALPHABET[0])]


def new_tracking_id() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_CHARS))
    return _display(body + check_character(body))


def normalize_tracking_id(text: str) -> str:
    """The canonical form of what a person typed, or InvalidTrackingId."""
    compact = "".join(text.split()).replace("-", "").upper().translate(_MISREAD)
    if len(compact) != RANDOM_CHARS + 1 or any(c not in ALPHABET for c in compact):
        raise InvalidTrackingId(text)
    if luhn_checksum(compact) != 0:
        raise InvalidTrackingId(text)
    return _display(compact)


def _display(compact: str) -> str:
    return f"{compact[:5]}-{compact[5:]}"


def hash_access_token(token: str) -> str:
    # Only the hash is stored, so a leaked table does not leak the reporters' keys.
    return hashlib.sha256(token.encode()).hexdigest()


def access_token_matches(token: str | None, stored_hashes: Iterable[str]) -> bool:
    """True if the token is one the reporter was given (any of them, across key rotations)."""
    if not token:
        return False
    given = hash_access_token(token)
    return any(hmac.compare_digest(given, stored) for stored in stored_hashes)
