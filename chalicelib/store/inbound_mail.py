"""Received mail as SES stores it: the raw message in the inbound bucket, under its SES
message id. Kept there (for the bucket's lifetime) whatever becomes of it."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from chalicelib.settings import get_settings

PREFIX = "raw/"


@lru_cache(maxsize=1)
def _s3() -> Any:
    import boto3  # noqa: PLC0415 - only the inbound function reads this bucket

    return boto3.client("s3")


def read_raw(message_id: str) -> bytes:
    got = _s3().get_object(Bucket=get_settings().inbound_bucket, Key=PREFIX + message_id)
    return got["Body"].read()


def write_raw(message_id: str, raw: bytes) -> None:
    """What SES's S3 action does; the dev runner's /dev/inbound calls it."""
    _s3().put_object(Bucket=get_settings().inbound_bucket, Key=PREFIX + message_id, Body=raw)
