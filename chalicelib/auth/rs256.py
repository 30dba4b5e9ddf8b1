"""RS256 JSON Web Tokens verified with the standard library: what the admins' Cognito tokens
need, without PyJWT and cryptography (4.9 MB of the Lambda zip and ~50 ms of the first admin
request of each container, see the README's figures).

The signature check is RSASSA-PKCS1-v1_5 verification as RFC 8017 §8.2.2 specifies it: the
signature is raised to the public exponent and the result compared, whole and in constant
time, with the one encoding the SHA-256 digest may have. Nothing in the decrypted block is
parsed, so the padding attacks that parse it (Bleichenbacher 2006) have nothing to work on.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import threading
import time
from typing import Any

# DER of DigestInfo { sha256, NULL } up to the 32-byte digest (RFC 8017 §9.2, note 1).
_SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")
_MIN_MODULUS_BITS = 2048
_FETCH_TIMEOUT_SECONDS = 5
_REFETCH_AFTER_SECONDS = 60  # an unknown kid refetches the keys, at most once a minute


class InvalidToken(ValueError):
    """Malformed, not RS256, signed by no published key, or with a bad signature."""


def _b64decode(segment: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError) as error:
        raise InvalidToken("bad base64url") from error


def _int(segment: str) -> int:
    return int.from_bytes(_b64decode(segment), "big")


def _json_object(segment: str) -> dict[str, Any]:
    try:
        value = json.loads(_b64decode(segment))
    except (ValueError, RecursionError) as error:
        raise InvalidToken("bad json") from error
    if not isinstance(value, dict):
        raise InvalidToken("not an object")
    return value


def verify_signature(signing_input: bytes, signature: bytes, n: int, e: int) -> bool:
    """True if ``signature`` is an RSASSA-PKCS1-v1_5 SHA-256 signature of ``signing_input``
    under the public key (n, e)."""
    size = (n.bit_length() + 7) // 8
    if n.bit_length() < _MIN_MODULUS_BITS or len(signature) != size:
        return False
    s = int.from_bytes(signature, "big")
    if s >= n:
        return False
    encoded = pow(s, e, n).to_bytes(size, "big")
    digest_info = _SHA256_DIGEST_INFO + hashlib.sha256(signing_input).digest()
    expected = b"\x00\x01" + b"\xff" * (size - 3 - len(digest_info)) + b"\x00" + digest_info
    return hmac.compare_digest(encoded, expected)


class KeySet:
    """A JWKS endpoint's RSA signing keys by kid, fetched once per container and kept; a
    token with an unknown kid (the pool rotated its keys) refetches them once."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._keys: dict[str, tuple[int, int]] = {}
        self._fetched_at: float | None = None
        self._lock = threading.Lock()

    def key(self, kid: str) -> tuple[int, int]:
        with self._lock:
            stale = self._fetched_at is None or (
                kid not in self._keys
                and time.monotonic() - self._fetched_at > _REFETCH_AFTER_SECONDS
            )
            if stale:
                self._keys, self._fetched_at = self._fetch(), time.monotonic()
            if kid not in self._keys:
                raise InvalidToken("unknown kid")
            return self._keys[kid]

    def _fetch(self) -> dict[str, tuple[int, int]]:
        if not self.url.startswith(("https://", "http://")):
            raise InvalidToken("bad key set address")
        # Imported here: urllib.request (with http.client and ssl) costs every cold start
        # ~15 ms, and only an admin's first request of a container fetches keys.
        import urllib.request  # noqa: PLC0415

        try:
            with urllib.request.urlopen(self.url, timeout=_FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310 - checked above
                document = json.load(response)
        except (OSError, ValueError) as error:
            raise InvalidToken("key set unavailable") from error
        keys = {}
        for jwk in document.get("keys", []) if isinstance(document, dict) else []:
            if isinstance(jwk, dict) and jwk.get("kty") == "RSA" and jwk.get("use", "sig") == "sig":
                try:
                    keys[str(jwk["kid"])] = (_int(jwk["n"]), _int(jwk["e"]))
                except (KeyError, TypeError, InvalidToken):
                    continue  # one malformed key does not hide the others
        return keys


def decode(token: str, keys: KeySet) -> dict[str, Any]:
    """The claims of an RS256 token whose signature verifies under one of ``keys``. The
    caller checks the claims (issuer, audience, expiry)."""
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 3:  # header.payload.signature
        raise InvalidToken("not a JWS compact token")
    header = _json_object(parts[0])
    if header.get("alg") != "RS256" or not isinstance(header.get("kid"), str):
        raise InvalidToken("not RS256 with a kid")
    n, e = keys.key(header["kid"])
    if not verify_signature(f"{parts[0]}.{parts[1]}".encode(), _b64decode(parts[2]), n, e):
        raise InvalidToken("bad signature")
    return _json_object(parts[1])
