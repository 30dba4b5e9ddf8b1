"""What API Gateway answers by itself, before a request reaches the app: an address or method
the API does not have, throttling, any other refusal, a failure of the function. The stack sets
these on the REST API (infra/lapor_stack.py) and the dev runner plays them, so that every
error, the gateway's too, takes the app's shape. The gateway cannot read Accept-Language: each
message is in Bahasa Indonesia, then English."""

from __future__ import annotations

import json
from typing import NamedTuple

from chalicelib.i18n import LANGUAGES, translate

GATEWAY_REQUEST_ID = "$context.requestId"  # API Gateway fills it in


class GatewayResponse(NamedTuple):
    """One of the gateway's own answers: its type, the status it takes (None: the gateway's
    own, e.g. 413 or 403 under DEFAULT_4XX) and the catalog's error code."""

    response_type: str
    status: int | None
    code: str


# The gateway's 403 "Missing Authentication Token" means no such route (or method).
NOT_FOUND = GatewayResponse("MISSING_AUTHENTICATION_TOKEN", 404, "route_not_found")
GATEWAY_RESPONSES = (
    NOT_FOUND,
    GatewayResponse("THROTTLED", 429, "too_many_requests"),
    GatewayResponse("DEFAULT_4XX", None, "gateway_refused"),
    GatewayResponse("DEFAULT_5XX", None, "internal"),
)


def gateway_body(code: str, request_id: str = GATEWAY_REQUEST_ID) -> str:
    """The JSON body of a gateway answer: the app's error shape, the message in every language."""
    message = " / ".join(
        translate(f"error.{code}", lang, request_id=request_id) for lang in LANGUAGES
    )
    error = {"code": code, "message": message}
    if code == "internal":
        error["request_id"] = request_id
    return json.dumps({"error": error}, ensure_ascii=False)
