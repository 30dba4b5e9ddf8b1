"""Received mail as SES stores it: the raw message in the inbound bucket, under its SES
message id. Kept there (for the bucket's lifetime) whatever becomes of it."""

from __future__ import annotations

from chalicelib.settings import get_settings
from chalicelib.store.s3 import s3

PREFIX = "raw/"


def read_raw(message_id: str) -> bytes:
    got = s3().get_object(Bucket=get_settings().inbound_bucket, Key=PREFIX + message_id)
    return got["Body"].read()


def write_raw(message_id: str, raw: bytes) -> None:
    """What SES's S3 action does; the dev runner's /dev/inbound calls it."""
    s3().put_object(Bucket=get_settings().inbound_bucket, Key=PREFIX + message_id, Body=raw)
