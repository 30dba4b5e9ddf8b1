"""Retry-safe operations keyed by the client's Idempotency-Key (powertools idempotency).

Same key and same body: the first response again, and no second write. Same key and a
different body: refused, since the client is reusing a key for something else."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from chalicelib.domain.errors import InvalidFields
from chalicelib.services.errors import IdempotencyInProgress, IdempotencyKeyReused
from chalicelib.settings import get_settings

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer

_KEY = re.compile(r"^[A-Za-z0-9._-]{8,128}$")


# Powertools' idempotency module (and boto3 with it) is imported on first use, so requests
# without an Idempotency-Key, and every read, start faster.
@lru_cache(maxsize=1)
def _persistence() -> DynamoDBPersistenceLayer:
    from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer  # noqa: PLC0415

    return DynamoDBPersistenceLayer(table_name=get_settings().table_name("idempotency"))


def check_key(key: str) -> str:
    if not _KEY.match(key):
        raise InvalidFields({"Idempotency-Key": ("idempotency_key", {})})
    return key


def run_once(
    operation: str,
    key: str,
    payload: dict[str, Any],
    action: Callable[[], dict[str, Any]],
    lambda_context: Any = None,
) -> dict[str, Any]:
    from aws_lambda_powertools.utilities.idempotency import (  # noqa: PLC0415
        IdempotencyConfig,
        idempotent_function,
    )
    from aws_lambda_powertools.utilities.idempotency.exceptions import (  # noqa: PLC0415
        IdempotencyAlreadyInProgressError,
        IdempotencyValidationError,
    )

    config = IdempotencyConfig(
        event_key_jmespath="key",
        payload_validation_jmespath="payload",
        expires_after_seconds=get_settings().idempotency_ttl_seconds,
        raise_on_no_idempotency_key=True,
    )
    if lambda_context is not None:
        # Lets an in-progress record expire with the invocation that wrote it.
        config.register_lambda_context(lambda_context)

    @idempotent_function(
        data_keyword_argument="request", config=config, persistence_store=_persistence()
    )
    def once(request: dict[str, Any]) -> dict[str, Any]:
        return action()

    try:
        return once(request={"key": f"{operation}:{check_key(key)}", "payload": payload})
    except IdempotencyValidationError:
        raise IdempotencyKeyReused(key) from None
    except IdempotencyAlreadyInProgressError:
        raise IdempotencyInProgress(key) from None
