"""The HTTP middleware: request ids, language, and errors rendered in one JSON shape."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger
from chalice.app import Request, Response

from chalicelib.api.errors import ApiError, error_response, render
from chalicelib.api.open311 import open311_errors
from chalicelib.i18n import has_message, negotiate_language, translate
from chalicelib.services.metrics import flush

logger = Logger(service="lapor")

# Chalice answers some errors itself, before or around our handlers; give them our shape.
_CHALICE_ERRORS = {
    "UnsupportedMediaType": "unsupported_media_type",
    "BadRequestError": "invalid_json",
    "NotFoundError": "route_not_found",
    "MethodNotAllowedError": "method_not_allowed",
    "InternalServerError": "internal",
}


def handle_errors(request: Request, get_response: Callable[[Request], Response]) -> Response:
    language = negotiate_language(request.headers.get("accept-language"))
    request_id = (request.context or {}).get("requestId") or str(uuid.uuid4())
    logger.append_keys(request_id=request_id, path=request.context.get("resourcePath"))
    try:
        response = get_response(request)
    except ApiError as error:
        response = render(error, language)
    else:
        response = _reshape_chalice_error(response, language, request_id, request.path)
    response.headers["X-Request-Id"] = request_id
    flush()  # the business metrics this request counted, as EMF log lines
    return response


def _reshape_chalice_error(
    response: Response, language: str, request_id: str, path: str
) -> Response:
    body: Any = response.body
    if response.status_code < 400 or not isinstance(body, dict) or "Code" not in body:
        return response
    code = _CHALICE_ERRORS.get(body["Code"], "internal")
    if path.startswith("/open311/") and code != "internal":
        # GeoReport clients read errors in the specification's shape, in JSON by default, and
        # in GeoReport's own words where the catalog has them (they post forms, not JSON).
        key = f"open311.error.{code}"
        message = translate(key if has_message(key) else f"error.{code}", language)
        return open311_errors(response.status_code, message)
    if code == "internal":
        # Chalice has already logged the traceback; this line ties it to the request id.
        logger.error("unhandled error", extra={"status": response.status_code})
        return error_response(
            500,
            code,
            language,
            params={"request_id": request_id},
            details={"request_id": request_id},
        )
    return error_response(response.status_code, code, language)
