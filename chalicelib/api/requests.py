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
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "invalid_json") from None
    except RecursionError:  # nested deeper than the parser's stack
        raise ApiError(400, "json_too_deep", params={"limit": MAX_DEPTH}) from None
    if _depth(body) > MAX_DEPTH:
        raise ApiError(400, "json_too_deep", params={"limit": MAX_DEPTH})
    return raw, body


# No request of ours nests deeper than 3; the limit only refuses hostile bodies early.
MAX_DEPTH = 16


def _depth(value: Any) -> int:
    """How deeply arrays and objects nest, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = list(node.values())
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest
