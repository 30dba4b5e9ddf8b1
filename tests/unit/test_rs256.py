"""The admins' tokens are verified without PyJWT: here PyJWT and cryptography (test-only
dependencies) sign tokens, and the standard-library verifier must agree with them."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from chalicelib.auth.rs256 import InvalidToken, KeySet, decode, verify_signature

CLAIMS = {"sub": "admin-1", "token_use": "id", "exp": 2_000_000_000}


def _key(bits: int = 2048) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def _jwk(key: rsa.RSAPrivateKey, kid: str) -> dict:
    def b64(number: int) -> str:
        raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    numbers = key.public_key().public_numbers()
    return {"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256", "n": b64(numbers.n),
            "e": b64(numbers.e)}  # fmt: skip


@pytest.fixture(scope="module")
def signing_key() -> rsa.RSAPrivateKey:
    return _key()


@pytest.fixture
def published() -> Iterator[tuple[dict, str]]:
    """A JWKS document served over HTTP, as Cognito publishes it; tests change it."""
    document: dict = {"keys": []}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps(document).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield document, f"http://127.0.0.1:{server.server_port}/jwks.json"
    server.shutdown()


def _sign(key: rsa.RSAPrivateKey, kid: str = "k1", claims: dict = CLAIMS, **kw: object) -> str:
    return jwt.encode(claims, key, algorithm=kw.pop("algorithm", "RS256"), headers={"kid": kid})


def test_a_token_signed_with_a_published_key_gives_its_claims(signing_key, published):
    document, url = published
    document["keys"] = [_jwk(signing_key, "k1")]
    assert decode(_sign(signing_key), KeySet(url)) == CLAIMS


def test_a_token_signed_with_another_key_under_the_same_kid_is_refused(signing_key, published):
    document, url = published
    document["keys"] = [_jwk(signing_key, "k1")]
    with pytest.raises(InvalidToken):
        decode(_sign(_key()), KeySet(url))


def test_a_changed_payload_is_refused(signing_key, published):
    document, url = published
    document["keys"] = [_jwk(signing_key, "k1")]
    header, _, signature = _sign(signing_key).split(".")
    forged = base64.urlsafe_b64encode(json.dumps({**CLAIMS, "sub": "root"}).encode())
    with pytest.raises(InvalidToken):
        decode(f"{header}.{forged.decode().rstrip('=')}.{signature}", KeySet(url))


def test_every_single_bit_flip_of_the_signature_is_refused(signing_key):
    token = _sign(signing_key)
    header, payload, signature = token.split(".")
    raw = base64.urlsafe_b64decode(signature + "==")
    numbers = signing_key.public_key().public_numbers()
    signing_input = f"{header}.{payload}".encode()
    assert verify_signature(signing_input, raw, numbers.n, numbers.e)
    for bit in range(0, len(raw) * 8, 7):
        flipped = bytearray(raw)
        flipped[bit // 8] ^= 1 << (bit % 8)
        assert not verify_signature(signing_input, bytes(flipped), numbers.n, numbers.e)


@pytest.mark.parametrize("algorithm", ["HS256", "none"])
def test_a_token_not_signed_with_rs256_is_refused(signing_key, published, algorithm):
    document, url = published
    document["keys"] = [_jwk(signing_key, "k1")]
    secret = None if algorithm == "none" else "a-secret-that-is-long-enough-for-hs256!!"
    token = jwt.encode(CLAIMS, secret, algorithm=algorithm, headers={"kid": "k1"})
    with pytest.raises(InvalidToken):
        decode(token, KeySet(url))


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_a_key_shorter_than_2048_bits_is_not_trusted(published):
    weak = _key(1024)
    document, url = published
    document["keys"] = [_jwk(weak, "k1")]
    with pytest.raises(InvalidToken):
        decode(_sign(weak), KeySet(url))


def test_a_rotated_key_is_fetched_once_when_its_kid_is_first_seen(signing_key, published):
    document, url = published
    document["keys"] = [_jwk(signing_key, "k1")]
    keys = KeySet(url)
    decode(_sign(signing_key), keys)
    rotated = _key()
    document["keys"] = [_jwk(signing_key, "k1"), _jwk(rotated, "k2")]
    keys._fetched_at -= 120  # the last fetch was two minutes ago
    assert decode(_sign(rotated, kid="k2"), keys) == CLAIMS


@pytest.mark.parametrize(
    "token", ["", "a.b", "a.b.c.d", "!!!.e30.e30", "e30.e30.e30", "W10.e30.e30"]
)
def test_malformed_tokens_are_refused(token):
    with pytest.raises(InvalidToken):
        decode(token, KeySet("http://127.0.0.1:9/never-fetched"))
