"""What a service refuses for reasons other than a bad field; the API maps each to HTTP."""

from __future__ import annotations


class IdempotencyKeyReused(Exception):
    """The same Idempotency-Key came with a different body."""


class IdempotencyInProgress(Exception):
    """A request with this Idempotency-Key is still being processed."""


class DraftNotFound(Exception):
    """No such draft for this report and this desk (another desk's draft does not exist)."""


class DraftPublished(Exception):
    """The draft was published already."""
