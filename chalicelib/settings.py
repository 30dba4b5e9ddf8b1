"""The one place that reads environment variables.

Read once, lazily, on first use: importing a module never touches the environment,
so tests and the dev runner can set it up before anything asks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from functools import lru_cache


@dataclass(frozen=True)
class Settings:
    stage: str
    region: str
    table_prefix: str
    public_base_url: str
    max_body_bytes: int
    idempotency_ttl_seconds: int
    national_timezone: str
    holidays_added: tuple[date, ...]
    holidays_removed: tuple[date, ...]

    def table_name(self, name: str) -> str:
        return f"{self.table_prefix}-{name}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    stage = os.environ.get("LAPOR_STAGE", "dev")
    return Settings(
        stage=stage,
        region=os.environ.get("AWS_DEFAULT_REGION", "ap-southeast-3"),
        table_prefix=os.environ.get("LAPOR_TABLE_PREFIX", f"lapor-{stage}"),
        public_base_url=os.environ.get("LAPOR_PUBLIC_BASE_URL", "http://127.0.0.1:8000"),
        max_body_bytes=int(os.environ.get("LAPOR_MAX_BODY_BYTES", "65536")),
        idempotency_ttl_seconds=int(os.environ.get("LAPOR_IDEMPOTENCY_TTL_SECONDS", "86400")),
        # National admins (verification desk) work in Jakarta time.
        national_timezone=os.environ.get("LAPOR_NATIONAL_TIMEZONE", "Asia/Jakarta"),
        # The joint-leave decree can change mid-year: days to add to or remove from the
        # calendar of the holidays package, as comma-separated ISO dates.
        holidays_added=_dates(os.environ.get("LAPOR_HOLIDAYS_ADDED", "")),
        holidays_removed=_dates(os.environ.get("LAPOR_HOLIDAYS_REMOVED", "")),
    )


def _dates(text: str) -> tuple[date, ...]:
    return tuple(date.fromisoformat(part.strip()) for part in text.split(",") if part.strip())
