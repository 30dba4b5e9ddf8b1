"""Key formats shared by the tables."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_key(instant: datetime) -> str:
    """Fixed-width UTC text: it sorts in time order whatever zone an instant came in."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
