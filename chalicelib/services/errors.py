"""What a service refuses for reasons other than a bad field; the API maps each to HTTP."""

from __future__ import annotations


class IdempotencyKeyReused(Exception):
    """The same Idempotency-Key came with a different body."""


class IdempotencyInProgress(Exception):
    """A request with this Idempotency-Key is still being processed."""
