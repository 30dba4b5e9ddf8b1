"""The open-data files in the pages' bucket, under ``open-data/<month>/``, and the index of
months the performance page links to (``open-data/index.json``)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from chalicelib.settings import get_settings

PREFIX = "open-data"
INDEX = f"{PREFIX}/index.json"
_TYPES = {".csv": "text/csv; charset=utf-8", ".json": "application/json",
          ".parquet": "application/vnd.apache.parquet"}  # fmt: skip


@lru_cache(maxsize=1)
def _s3() -> Any:
    import boto3  # noqa: PLC0415 - only the export pays for boto3's import

    return boto3.client("s3")


def publish(month: str, files: dict[str, bytes]) -> list[str]:
    """Write the month's files, then list the month in the index; the keys written."""
    bucket = get_settings().open_data_bucket
    keys = []
    for name, body in files.items():
        key = f"{PREFIX}/{month}/{name}"
        content_type = _TYPES[name[name.rindex(".") :]]
        _s3().put_object(Bucket=bucket, Key=key, Body=body, ContentType=content_type)
        keys.append(key)
    months = sorted(set(published_months()) | {month}, reverse=True)
    index = json.dumps({"months": [{"month": m, "files": sorted(files)} for m in months]})
    _s3().put_object(Bucket=bucket, Key=INDEX, Body=index.encode(), ContentType="application/json")
    return keys


def published_months() -> list[str]:
    try:
        body = _s3().get_object(Bucket=get_settings().open_data_bucket, Key=INDEX)["Body"].read()
    except _s3().exceptions.NoSuchKey:
        return []
    return [entry["month"] for entry in json.loads(body)["months"]]


def read(key: str) -> tuple[bytes, str] | None:
    """A published file and its type (for the dev runner, which serves them as CloudFront does)."""
    try:
        found = _s3().get_object(Bucket=get_settings().open_data_bucket, Key=key)
    except _s3().exceptions.NoSuchKey:
        return None
    return found["Body"].read(), found.get("ContentType", "application/octet-stream")
