"""The analysts' follow-up-by-agency query on DuckDB over a year of events.

    python -m bench.analytics [--reports 1000000]

Synthesizes, with DuckDB's own generator, the events of ``--reports`` reports over twelve
months as the monthly compaction writes them (one Parquet file per month, the same columns
and types): each report is received and verified; 85 % followed up (70 % of those on time),
half of those answered, a third rated. Then runs analytics/sql/follow_up_by_agency.sql over
the twelve files, three times, and prints on its last line
``rows=… files=… query_seconds=…`` (the median run).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from analytics.queries import on_duckdb_files, query_text
from chalicelib.store.analytics_files import COLUMNS

AGENCIES = 60
MONTHS = [f"2026-{m:02d}" for m in range(1, 13)]
# Each report's steps: (seq, the counts it adds, the share of reports that take it).
STEPS = """
    SELECT r, 1 AS seq, 1 AS received, 0 AS verified, 0 AS routed, 0 AS followed_up,
           0 AS followed_up_on_time, 0 AS completed, 0 AS satisfied, 0 AS not_satisfied,
           0 AS no_response, 0 AS rating_sum, 0 AS rating_count, NULL AS working_days FROM ids
    UNION ALL SELECT r, 2, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, NULL FROM ids
    UNION ALL SELECT r, 3, 0, 0, 0, 1, CASE WHEN r % 10 < 7 THEN 1 ELSE 0 END, 0, 0, 0, 0, 0, 0,
           (r % 20)::INTEGER FROM ids WHERE r % 100 < 85
    UNION ALL SELECT r, 4, 0, 0, 0, 0, 0, 1, CASE WHEN r % 4 < 3 THEN 1 ELSE 0 END,
           CASE WHEN r % 4 < 3 THEN 0 ELSE 1 END, 0, 0, 0, NULL FROM ids WHERE r % 100 < 42
    UNION ALL SELECT r, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 + r % 5, 1, NULL FROM ids
           WHERE r % 100 < 28
"""


def synthesize(reports: int, folder: Path) -> int:
    """One Parquet file per month; returns the number of event rows written."""
    import duckdb

    connection = duckdb.connect()
    per_month = reports // len(MONTHS)
    written = 0
    for index, month in enumerate(MONTHS):
        target = folder / f"month={month}" / "events.parquet"
        target.parent.mkdir(parents=True)
        first = index * per_month
        # Numbers and our own column expressions only: nothing here comes from outside.
        ids = f"SELECT range AS r FROM range({first}, {first + per_month})"  # noqa: S608
        connection.execute(f"CREATE OR REPLACE TEMP VIEW ids AS {ids}")
        select = ", ".join(_column(name) for name in COLUMNS)
        copy = f"COPY (SELECT {select} FROM ({STEPS})) TO '{target}' (FORMAT parquet)"  # noqa: S608
        connection.execute(copy)
        written += connection.read_parquet(str(target)).count("*").fetchall()[0][0]
    return written


def _column(name: str) -> str:
    generated = {
        "tracking_id": "printf('LPR-%09d', r)",
        "seq": "seq::BIGINT",
        "agency": f"'agency-' || (hash(r) % {AGENCIES})",
        "province": f"'province-' || (hash(r) % {AGENCIES} // 2)",
        "category": "'category-' || (r % 12)",
        "type": "'pengaduan'",
        "working_days": "working_days::INTEGER",
    }
    return f"{generated.get(name, f'{name}::BIGINT')} AS {name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1_000_000)
    args = parser.parse_args()
    sql = query_text("follow-up-by-agency")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        started = time.perf_counter()
        rows = synthesize(args.reports, folder)
        print(f"synthesized {rows} events of {args.reports} reports in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            result = on_duckdb_files(sql, MONTHS[0], MONTHS[-1], folder)
            timings.append(time.perf_counter() - started)
        files = len(list(folder.glob("month=*/*.parquet")))
    print(f"agencies={len(result.rows)} first={result.rows[0]}")
    print(f"rows={rows} files={files} query_seconds={statistics.median(timings):.2f}")


if __name__ == "__main__":
    main()
