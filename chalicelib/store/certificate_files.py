"""Certificates' PDFs in their bucket, one object per code: the mail attaches it from here."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from chalicelib.settings import get_settings

PREFIX = "certificates/"


@lru_cache(maxsize=1)
def _s3() -> Any:
    import boto3  # noqa: PLC0415 - only issuing and mailing a certificate pay for it

    return boto3.client("s3")


def key_of(code: str) -> str:
    return f"{PREFIX}{code}.pdf"


def save_pdf(code: str, pdf: bytes) -> str:
    key = key_of(code)
    _s3().put_object(
        Bucket=get_settings().certificates_bucket, Key=key, Body=pdf,
        ContentType="application/pdf",
    )  # fmt: skip
    return key


def read(key: str) -> bytes | None:
    """The stored PDF, or None when it was never made."""
    try:
        got = _s3().get_object(Bucket=get_settings().certificates_bucket, Key=key)
    except _s3().exceptions.NoSuchKey:
        return None
    return got["Body"].read()
