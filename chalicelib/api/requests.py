"""Small helpers shared by handlers: the caller's language, body limits, JSON parsing."""

from __future__ import annotations

import json
from typing import Any

from chalice.app import Request

from chalicelib.api.errors import ApiError
from chalicelib.i18n import negotiate_language
from chalicelib.settings import get_settings


def language_of(request: Request) -> str:
    return negotiate_language(request.headers.get("accept-language"))


def json_body(request: Request) -> tuple[bytes, Any]:
    """The raw body (size-checked) and its parsed JSON, or a 413/400 ApiError."""
    raw = request.raw_body or b""
    limit = get_settings().max_body_bytes
    if len(raw) > limit:
        raise ApiError(413, "payload_too_large", params={"limit": limit})
    try:
        return raw, json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "invalid_json") from None
