"""The timeline's events for analysts, in the analytics bucket.

The Performance function writes each stream batch's events as JSON lines under
``analytics/raw/month=YYYY-MM/``, one object per batch and month, named by its content (a
batch delivered again rewrites the same object). On the 1st, the OpenData function compacts
last month into one Parquet file, ``analytics/events/month=YYYY-MM/events.parquet``, each
event once: the Glue table (Athena) and DuckDB read those. Rows are figures only: who acted,
notes and text never leave the tables."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from chalicelib.domain.performance import COUNTERS, DAY_BUCKETS, DIMENSIONS
from chalicelib.settings import get_settings
from chalicelib.store.performance import EventFigures
from chalicelib.store.s3 import s3

RAW = "analytics/raw"
EVENTS = "analytics/events"
# A compacted event's columns and their types (the Parquet writer's names: string, int32,
# int64); ``month`` is the partition, in the path, not in the file. The compaction, DuckDB's
# empty table and the Glue table all read this one list.
COLUMN_TYPES = {
    "tracking_id": "string", "seq": "int64",
    **dict.fromkeys(DIMENSIONS, "string"), **dict.fromkeys(COUNTERS, "int64"),
    "working_days": "int32",
}  # fmt: skip
COLUMNS = tuple(COLUMN_TYPES)


def event_row(event: EventFigures) -> dict[str, Any]:
    days = [day for day, bucket in enumerate(DAY_BUCKETS) if event.counts.get(bucket)]
    return {
        "tracking_id": event.tracking_id,
        "seq": event.seq,
        "month": event.month,
        **{name: event.dimensions[name] for name in DIMENSIONS},
        **{name: event.counts.get(name, 0) for name in COUNTERS},
        "working_days": days[0] if days else None,
    }


def write_raw(events: list[EventFigures]) -> list[str]:
    """One JSON-lines object per month of the batch, named by what it holds."""
    by_month: dict[str, list[str]] = {}
    for event in events:
        by_month.setdefault(event.month, []).append(json.dumps(event_row(event), sort_keys=True))
    keys = []
    for month, lines in by_month.items():
        body = ("\n".join(sorted(lines)) + "\n").encode()
        key = f"{RAW}/month={month}/{hashlib.sha256(body).hexdigest()[:32]}.jsonl"
        s3().put_object(Bucket=get_settings().analytics_bucket, Key=key, Body=body)
        keys.append(key)
    return keys


def raw_rows(month: str) -> list[dict[str, Any]]:
    """Every event written for the month, each once (batches delivered twice overlap)."""
    bucket = get_settings().analytics_bucket
    rows: dict[tuple[str, int], dict[str, Any]] = {}
    pages = (
        s3()
        .get_paginator("list_objects_v2")
        .paginate(Bucket=bucket, Prefix=f"{RAW}/month={month}/")
    )
    for page in pages:
        for item in page.get("Contents", []):
            body = s3().get_object(Bucket=bucket, Key=item["Key"])["Body"].read().decode()
            for line in body.splitlines():
                row = json.loads(line)
                rows[(row["tracking_id"], row["seq"])] = row
    return [rows[key] for key in sorted(rows)]


def write_compacted(month: str, parquet: bytes) -> str:
    key = f"{EVENTS}/month={month}/events.parquet"
    s3().put_object(Bucket=get_settings().analytics_bucket, Key=key, Body=parquet)
    return key


def download_compacted(months: list[str], folder: Path) -> list[Path]:
    """The months' Parquet files into ``folder`` (same layout), for DuckDB; missing months
    (nothing compacted yet) are passed over."""
    bucket = get_settings().analytics_bucket
    found = []
    for month in months:
        target = folder / f"month={month}" / "events.parquet"
        try:
            body = s3().get_object(Bucket=bucket, Key=f"{EVENTS}/month={month}/events.parquet")
        except s3().exceptions.NoSuchKey:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body["Body"].read())
        found.append(target)
    return found
