"""What a service refuses for reasons other than a bad field; the API maps each to HTTP."""

from __future__ import annotations

from typing import Any


class IdempotencyKeyReused(Exception):
    """The same Idempotency-Key came with a different body."""


class IdempotencyInProgress(Exception):
    """A request with this Idempotency-Key is still being processed."""


class DraftNotFound(Exception):
    """No such draft for this report and this desk (another desk's draft does not exist)."""


class DraftPublished(Exception):
    """The draft was published already."""


class Open311Error(Exception):
    """Refused: an HTTP status and what to tell the integrator (a catalog key and params)."""

    def __init__(self, status: int, key: str, **params: Any) -> None:
        super().__init__(key)
        self.status, self.key, self.params = status, key, params


class LearningRefused(Exception):
    """Not for this learner: no such module or certificate (404), a module still locked, or a
    supervisors' view to someone who is not one (403)."""

    def __init__(self, status: int, code: str) -> None:
        super().__init__(code)
        self.status, self.code = status, code
