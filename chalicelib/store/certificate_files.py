"""Certificates' PDFs in their bucket, one object per code: the mail attaches it from here."""

from __future__ import annotations

from chalicelib.settings import get_settings
from chalicelib.store.s3 import s3

PREFIX = "certificates/"


def key_of(code: str) -> str:
    return f"{PREFIX}{code}.pdf"


def save_pdf(code: str, pdf: bytes) -> str:
    key = key_of(code)
    s3().put_object(
        Bucket=get_settings().certificates_bucket, Key=key, Body=pdf,
        ContentType="application/pdf",
    )  # fmt: skip
    return key


def read(key: str) -> bytes | None:
    """The stored PDF, or None when it was never made."""
    try:
        got = s3().get_object(Bucket=get_settings().certificates_bucket, Key=key)
    except s3().exceptions.NoSuchKey:
        return None
    return got["Body"].read()
