"""Routes whose failures reach the caller in Lapor's error shape.

Chalice turns any exception other than its own into a bare 500 before middleware sees it, so
the exceptions that mean "the caller can act on this" are translated here, in one place."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from chalice import Blueprint

from chalicelib.api.errors import ApiError, ValidationFailed
from chalicelib.auth.errors import AuthError
from chalicelib.domain.errors import InvalidFields
from chalicelib.services.errors import (
    DraftNotFound,
    DraftPublished,
    IdempotencyInProgress,
    IdempotencyKeyReused,
    LearningRefused,
)
from chalicelib.store.reports import ConcurrentUpdate, WriteConflict


def api_route(blueprint: Blueprint, path: str, **options: Any) -> Callable:
    def register(view: Callable) -> Callable:
        @functools.wraps(view)
        def translated(*args: Any, **kwargs: Any) -> Any:
            try:
                return view(*args, **kwargs)
            except AuthError as error:
                raise ApiError(error.status, error.code) from None
            except InvalidFields as error:
                raise ValidationFailed(error.fields) from None
            except IdempotencyKeyReused:
                raise ApiError(422, "idempotency_key_reused") from None
            except IdempotencyInProgress:
                raise ApiError(409, "idempotency_in_progress") from None
            except DraftNotFound:
                raise ApiError(404, "draft_not_found") from None
            except LearningRefused as refused:
                raise ApiError(refused.status, refused.code) from None
            except DraftPublished:
                raise ApiError(409, "draft_published") from None
            except (ConcurrentUpdate, WriteConflict):
                raise ApiError(409, "conflict") from None

        blueprint.route(path, **options)(translated)
        return view

    return register
