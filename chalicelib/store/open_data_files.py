"""The open-data files in the pages' bucket, under ``open-data/<month>/``, and the index of
months the performance page links to (``open-data/index.json``)."""

from __future__ import annotations

import json

from chalicelib.settings import get_settings
from chalicelib.store.s3 import s3

PREFIX = "open-data"
INDEX = f"{PREFIX}/index.json"
_TYPES = {".csv": "text/csv; charset=utf-8", ".json": "application/json",
          ".parquet": "application/vnd.apache.parquet"}  # fmt: skip


def publish(month: str, files: dict[str, bytes]) -> list[str]:
    """Write the month's files, then list the month in the index; the keys written."""
    bucket = get_settings().open_data_bucket
    keys = []
    for name, body in files.items():
        key = f"{PREFIX}/{month}/{name}"
        content_type = _TYPES[name[name.rindex(".") :]]
        s3().put_object(Bucket=bucket, Key=key, Body=body, ContentType=content_type)
        keys.append(key)
    months = sorted(set(published_months()) | {month}, reverse=True)
    index = json.dumps({"months": [{"month": m, "files": sorted(files)} for m in months]})
    s3().put_object(Bucket=bucket, Key=INDEX, Body=index.encode(), ContentType="application/json")
    return keys


def published_months() -> list[str]:
    try:
        body = s3().get_object(Bucket=get_settings().open_data_bucket, Key=INDEX)["Body"].read()
    except s3().exceptions.NoSuchKey:
        return []
    return [entry["month"] for entry in json.loads(body)["months"]]


def read(key: str) -> tuple[bytes, str] | None:
    """A published file and its type (for the dev runner, which serves them as CloudFront does)."""
    try:
        found = s3().get_object(Bucket=get_settings().open_data_bucket, Key=key)
    except s3().exceptions.NoSuchKey:
        return None
    return found["Body"].read(), found.get("ContentType", "application/octet-stream")
