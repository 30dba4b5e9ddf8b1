"""The one place that reads environment variables.

Read once, lazily, on first use: importing a module never touches the environment,
so tests and the dev runner can set it up before anything asks.
"""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache
from typing import NamedTuple


class Settings(NamedTuple):
    """The deployment's configuration, read from the environment once per container.

    A named tuple rather than a frozen dataclass: as immutable, and built on every cold start
    in a quarter of the time (25 fields make a dataclass generate large methods)."""

    stage: str
    region: str
    table_prefix: str
    public_base_url: str
    max_body_bytes: int
    idempotency_ttl_seconds: int
    national_timezone: str
    holidays_added: tuple[date, ...]
    holidays_removed: tuple[date, ...]
    cognito_pool_id: str
    cognito_client_id: str
    cognito_jwks_url: str
    admin_group: str
    link_secret_id: str
    link_ttl_days: int
    admin_emails: tuple[str, ...]
    mail_from: str
    ses_configuration_set: str | None
    max_send_attempts: int
    attachments_bucket: str
    open_data_bucket: str  # the pages' bucket: CloudFront serves open-data/ from it
    analytics_bucket: str  # the timeline's events for Athena and DuckDB
    inbound_bucket: str  # mail received by SES, raw, for the inbound function
    certificates_bucket: str  # e-Learning certificates' PDFs

    @property
    def cognito_issuer(self) -> str:
        return f"https://cognito-idp.{self.region}.amazonaws.com/{self.cognito_pool_id}"

    @property
    def mail_domain(self) -> str:
        """The domain Lapor sends from and receives at (the From address's)."""
        return self.mail_from.rstrip(">").rpartition("@")[2].strip().lower()

    @property
    def intake_address(self) -> str:
        """Where citizens mail a report."""
        return f"lapor@{self.mail_domain}"

    def table_name(self, name: str) -> str:
        return f"{self.table_prefix}-{name}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    stage = os.environ.get("LAPOR_STAGE", "dev")
    region = os.environ.get("AWS_DEFAULT_REGION", "ap-southeast-3")
    pool_id = os.environ.get("LAPOR_COGNITO_POOL_ID", "")
    return Settings(
        stage=stage,
        region=region,
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
        cognito_pool_id=pool_id,
        cognito_client_id=os.environ.get("LAPOR_COGNITO_CLIENT_ID", ""),
        cognito_jwks_url=os.environ.get(
            "LAPOR_COGNITO_JWKS_URL",
            f"https://cognito-idp.{region}.amazonaws.com/{pool_id}/.well-known/jwks.json",
        ),
        admin_group=os.environ.get("LAPOR_ADMIN_GROUP", "admins"),
        link_secret_id=os.environ.get("LAPOR_LINK_SECRET_ID", f"lapor/{stage}/link-signing"),
        link_ttl_days=int(os.environ.get("LAPOR_LINK_TTL_DAYS", "30")),
        admin_emails=tuple(
            a.strip()
            for a in os.environ.get("LAPOR_ADMIN_EMAILS", "admin@lapor.example").split(",")
            if a.strip()
        ),
        mail_from=os.environ.get("LAPOR_MAIL_FROM", "Lapor <no-reply@lapor.example>"),
        ses_configuration_set=os.environ.get("LAPOR_SES_CONFIGURATION_SET") or None,
        max_send_attempts=int(os.environ.get("LAPOR_MAX_SEND_ATTEMPTS", "5")),
        attachments_bucket=os.environ.get("LAPOR_ATTACHMENTS_BUCKET", f"lapor-{stage}-attachments"),
        open_data_bucket=os.environ.get("LAPOR_OPEN_DATA_BUCKET", f"lapor-{stage}-site"),
        analytics_bucket=os.environ.get("LAPOR_ANALYTICS_BUCKET", f"lapor-{stage}-analytics"),
        inbound_bucket=os.environ.get("LAPOR_INBOUND_BUCKET", f"lapor-{stage}-inbound"),
        certificates_bucket=os.environ.get(
            "LAPOR_CERTIFICATES_BUCKET", f"lapor-{stage}-certificates"
        ),
    )


def _dates(text: str) -> tuple[date, ...]:
    return tuple(date.fromisoformat(part.strip()) for part in text.split(",") if part.strip())
