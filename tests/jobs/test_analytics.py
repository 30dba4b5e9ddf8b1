"""The analysts' SQL on DuckDB over the compacted event files gives the API's figures."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from analytics.queries import on_duckdb, on_duckdb_files, query_text
from chalicelib import clock
from chalicelib.cli import main as cli
from chalicelib.jobs.performance import add_stream_figures
from chalicelib.services.open_data import compact_events
from chalicelib.store.analytics_files import COLUMNS, download_compacted
from chalicelib.store.performance import event_figures_from_image
from tests.jobs.test_performance_stream import MONTH, _scripted_month


def test_follow_up_by_agency_on_duckdb_equals_the_api(client, frozen_clock, stream_added):
    _scripted_month(client, frozen_clock)
    _scripted_month(client, frozen_clock)  # twice: the stream's files overlap nothing
    stream_added()
    compact_events(MONTH)
    result = on_duckdb(query_text("follow-up-by-agency"), MONTH, MONTH)
    by_sql = {row[0]: dict(zip(result.columns, row, strict=True)) for row in result.rows}
    api = client.http.get(f"/api/stats?from={MONTH}&to={MONTH}&by=agency").json_body["rows"]
    assert set(by_sql) == {row["key"] for row in api}
    for row in api:
        sql = by_sql[row["key"]]
        assert (sql["verified"], sql["followed_up"], sql["followed_up_on_time"]) == (
            row["verified"], row["followed_up"], row["followed_up_on_time"],
        )  # fmt: skip
        for rate in ("follow_up_rate", "on_time_rate"):
            assert sql[rate] == (
                pytest.approx(row[rate], abs=1e-4) if row[rate] is not None else None
            )


def test_a_batch_retried_split_differently_is_compacted_once(client, frozen_clock, stream):
    _scripted_month(client, frozen_clock)
    records = stream.read()
    add_stream_figures(records, clock.now())
    add_stream_figures(records[:4], clock.now())  # Lambda's bisection of a retried batch
    compact_events(MONTH)
    with tempfile.TemporaryDirectory() as scratch:
        [file] = download_compacted([MONTH], Path(scratch))
        keys = [(r["tracking_id"], r["seq"]) for r in pq.read_table(file).to_pylist()]
    counted = [r for r in records if event_figures_from_image(r["dynamodb"]["NewImage"])]
    assert len(keys) == len(set(keys)) == len(counted)


def test_the_command_line_prints_the_table(client, frozen_clock, stream_added, capsys):
    _scripted_month(client, frozen_clock)
    stream_added()
    compact_events(MONTH)
    capsys.readouterr()  # what the steps logged
    assert cli(["analytics", "follow-up-by-agency", "--from", MONTH, "--to", MONTH]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "agency", "verified", "followed_up", "followed_up_on_time", "follow_up_rate",
        "on_time_rate",
    ]  # fmt: skip
    assert any(line.startswith("pemkab-sleman") for line in lines)


def test_months_with_nothing_compacted_give_an_empty_table(client):
    result = on_duckdb(query_text("follow-up-by-agency"), "2025-01", "2025-02")
    assert result.rows == [] and result.columns[0] == "agency"


def test_the_benchmark_synthesizes_files_as_the_compaction_writes_them(tmp_path):
    from bench.analytics import MONTHS, synthesize

    assert synthesize(1200, tmp_path) > 1200
    [first, *_] = sorted(tmp_path.glob("month=*/events.parquet"))
    assert pq.read_schema(first).names == list(COLUMNS)
    result = on_duckdb_files(query_text("follow-up-by-agency"), MONTHS[0], MONTHS[-1], tmp_path)
    assert len(result.rows) == 60
