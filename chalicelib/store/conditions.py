"""Telling "a condition we wrote did not hold" (a lost race, an existing item) from real
failures, for single writes and transactions alike."""

from __future__ import annotations


def condition_failed(error: Exception) -> bool:
    reasons = getattr(error, "cancellation_reasons", None)
    if reasons:
        return any(r is not None and r.code == "ConditionalCheckFailed" for r in reasons)
    return getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException"
