"""Running a named query (``analytics/sql/<name>.sql``) for a range of months."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chalicelib.store.analytics_files import COLUMN_TYPES

SQL = Path(__file__).parent / "sql"
TABLE = "lapor_events"
_SQL_TYPES = {"string": "VARCHAR", "int32": "INTEGER", "int64": "BIGINT"}
_EMPTY_TABLE = "CREATE TABLE {} ({}, month VARCHAR)".format(
    TABLE,
    ", ".join(f"{name} {_SQL_TYPES[kind]}" for name, kind in COLUMN_TYPES.items()),
)


@dataclass(frozen=True)
class Result:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def names() -> list[str]:
    return sorted(path.stem.replace("_", "-") for path in SQL.glob("*.sql"))


def query_text(name: str) -> str:
    path = SQL / f"{name.replace('-', '_')}.sql"
    if not path.is_file():
        raise ValueError(f"no query {name!r}; there are: {', '.join(names())}")
    return path.read_text()


def on_duckdb_files(sql: str, first: str, last: str, folder: Path) -> Result:
    """``sql`` over the Parquet files below ``folder`` (``month=YYYY-MM/events.parquet``)."""
    import duckdb  # noqa: PLC0415 - analysts' tool, not the app's

    connection = duckdb.connect()
    if any(folder.glob("month=*/*.parquet")):
        pattern = str(folder / "month=*" / "*.parquet")
        connection.read_parquet(pattern, hive_partitioning=True).create_view(TABLE)
    else:  # nothing compacted yet: the same columns, no rows
        connection.execute(_EMPTY_TABLE)
    cursor = connection.execute(sql, [first, last])
    return Result([d[0] for d in cursor.description], cursor.fetchall())


def on_duckdb(sql: str, first: str, last: str) -> Result:
    """The months' files from the analytics bucket, copied to a scratch folder, then DuckDB."""
    from chalicelib.services.performance import months_between  # noqa: PLC0415
    from chalicelib.store.analytics_files import download_compacted  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as scratch:
        download_compacted(months_between(first, last), Path(scratch))
        return on_duckdb_files(sql, first, last, Path(scratch))


def on_athena(sql: str, first: str, last: str, *, workgroup: str, database: str) -> Result:
    """The same text on Athena: the stack's workgroup (it holds the result location and a
    scan limit) and Glue database; ``?`` takes the months as literals."""
    import boto3  # noqa: PLC0415

    athena = boto3.client("athena")
    started = athena.start_query_execution(
        QueryString=sql,
        WorkGroup=workgroup,
        QueryExecutionContext={"Database": database},
        ExecutionParameters=[f"'{first}'", f"'{last}'"],
    )
    query_id = started["QueryExecutionId"]
    while True:
        state = athena.get_query_execution(QueryExecutionId=query_id)["QueryExecution"]["Status"]
        if state["State"] in {"SUCCEEDED", "FAILED", "CANCELLED"}:
            break
        time.sleep(1)
    if state["State"] != "SUCCEEDED":
        raise RuntimeError(
            f"Athena query {query_id} {state['State']}: {state.get('StateChangeReason')}"
        )
    pages = athena.get_paginator("get_query_results").paginate(QueryExecutionId=query_id)
    rows = [
        [c.get("VarCharValue") for c in row["Data"]]
        for page in pages
        for row in page["ResultSet"]["Rows"]
    ]
    return Result(list(rows[0]) if rows else [], [tuple(r) for r in rows[1:]])
