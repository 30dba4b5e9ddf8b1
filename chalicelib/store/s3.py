"""The one S3 client of a container, made on first use: only the functions that touch a
bucket pay for boto3's import."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def s3() -> Any:
    import boto3  # noqa: PLC0415 - see the module's docstring

    return boto3.client("s3")
