"""Errors the caller can act on, and the one shape every error response takes:
``{"error": {"code", "message", "fields": {name: why}}}``, in the caller's language."""

from __future__ import annotations

import json
from typing import Any

from chalice import ChaliceUnhandledError, Response

from chalicelib.domain.errors import FieldProblems
from chalicelib.i18n import translate


class ApiError(ChaliceUnhandledError):
    """Raised by handlers and services. It derives from ChaliceUnhandledError only so that
    Chalice lets it through to the error middleware, which renders it."""

    def __init__(
        self,
        status: int,
        code: str,
        *,
        fields: FieldProblems | None = None,
        params: dict[str, Any] | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.fields = fields or {}
        self.params = params or {}
        self.details = details or {}


class ValidationFailed(ApiError):
    def __init__(self, fields: FieldProblems) -> None:
        super().__init__(400, "validation_failed", fields=fields)


def error_response(
    status: int,
    code: str,
    language: str,
    *,
    fields: FieldProblems | None = None,
    params: dict[str, Any] | None = None,
    details: dict[str, Any] | None = None,
) -> Response:
    error: dict[str, Any] = {
        "code": code,
        "message": translate(f"error.{code}", language, **(params or {})),
    }
    if fields:
        error["fields"] = {
            name: translate(f"field.{key}", language, **field_params)
            for name, (key, field_params) in fields.items()
        }
    error.update(details or {})
    return Response(
        body=json.dumps({"error": error}, ensure_ascii=False),
        status_code=status,
        headers={"Content-Type": "application/json; charset=utf-8", "Content-Language": language},
    )


def render(error: ApiError, language: str) -> Response:
    return error_response(
        error.status,
        error.code,
        language,
        fields=error.fields,
        params=error.params,
        details=error.details,
    )
