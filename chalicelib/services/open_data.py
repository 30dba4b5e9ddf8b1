"""The monthly open-data export: one row per public report filed in the month, de-identified.

What a row never holds: the reporter's name, email or phone, the access token, any note
(public or internal), attachment names, and free text at all (title, description, location:
citizens write names into them; the public feed shows them one report at a time). Coordinates
are rounded to two decimals, about 1.1 km. A confidential, unverified or archived report has
no row: it is only counted, in the performance figures. Written as CSV and Parquet, with a
data dictionary, under ``open-data/<month>/``."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from chalicelib.domain.report import Report
from chalicelib.settings import get_settings
from chalicelib.store import reference
from chalicelib.store.analytics_files import COLUMN_TYPES as EVENT_COLUMN_TYPES
from chalicelib.store.analytics_files import raw_rows, write_compacted
from chalicelib.store.open_data_files import publish
from chalicelib.store.reports import public_reports_created_between

LICENCE = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
COORDINATE_DECIMALS = 2  # about 1.1 km at the equator


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # the Parquet / SQL type
    meaning_id: str
    meaning_en: str


COLUMNS = (
    Column("tracking_id", "string", "Nomor pelacakan laporan", "The report's tracking id"),
    Column("month", "string", "Bulan laporan dikirim (WIB), TTTT-BB", "Month filed (WIB), YYYY-MM"),
    Column("filed_date", "date", "Tanggal laporan dikirim (WIB)", "Date filed (WIB)"),
    Column("type", "string", "Jenis: pengaduan, aspirasi, permintaan_informasi",
           "Type: complaint (pengaduan), aspiration, information request"),
    Column("category", "string", "Kunci kategori", "Category key"),
    Column("agency", "string", "Kunci instansi yang menangani", "Key of the agency handling it"),
    Column("province", "string", "Provinsi instansi", "The agency's province"),
    Column("status", "string", "Status pada saat ekspor", "Status when exported"),
    Column("verified_date", "date", "Tanggal diverifikasi (WIB)", "Date verified (WIB)"),
    Column("outcome", "string", "Hasil penutupan: satisfied, not_satisfied, no_response",
           "How it closed: satisfied, not_satisfied, no_response"),
    Column("rating", "int32", "Nilai dari pelapor, 1–5", "The reporter's rating, 1–5"),
    Column("escalation_level", "int32", "Tingkat eskalasi tertinggi tahap berjalan (0–3)",
           "Escalation level of the current stage (0–3)"),
    Column("latitude", "double", "Lintang, dibulatkan 2 desimal (±1 km)",
           "Latitude, rounded to 2 decimals (±1 km)"),
    Column("longitude", "double", "Bujur, dibulatkan 2 desimal (±1 km)",
           "Longitude, rounded to 2 decimals (±1 km)"),
)  # fmt: skip


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """The month's first instant and the next month's, in the national time zone."""
    zone = ZoneInfo(get_settings().national_timezone)
    year, number = map(int, month.split("-"))
    start = datetime(year, number, 1, tzinfo=zone)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=zone)
    return start, end


def _local_date(instant: datetime | None) -> str | None:
    zone = ZoneInfo(get_settings().national_timezone)
    return instant.astimezone(zone).date().isoformat() if instant else None


def _rounded(value: float | None) -> float | None:
    return round(value, COORDINATE_DECIMALS) if value is not None else None


def export_row(report: Report) -> dict[str, object]:
    agency = reference.agencies().get(report.agency or "")
    return {
        "tracking_id": report.tracking_id,
        "month": report.created_at.astimezone(ZoneInfo(get_settings().national_timezone)).strftime(
            "%Y-%m"
        ),
        "filed_date": _local_date(report.created_at),
        "type": report.type.value,
        "category": report.category,
        "agency": report.agency,
        "province": agency.region if agency else None,
        "status": report.status.value,
        "verified_date": _local_date(report.verified_at),
        "outcome": report.outcome if report.outcome != "archived" else None,
        "rating": report.rating,
        "escalation_level": report.escalation_level,
        "latitude": _rounded(report.latitude),
        "longitude": _rounded(report.longitude),
    }


def export_rows(month: str) -> Iterator[dict[str, object]]:
    start, end = month_bounds(month)
    return (export_row(r) for r in public_reports_created_between(start, end) if r.public)


def as_csv(rows: list[dict[str, object]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c.name for c in COLUMNS], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def parquet_bytes(rows: list[dict[str, object]], columns: list[tuple[str, str]]) -> bytes:
    """Rows as one Parquet file with these (name, type) columns, through pyarrow: installed
    for the tests and the CLI, and in AWS from the export function's layer (AWS SDK for
    pandas), never in the API's zip."""
    import pyarrow as pa  # noqa: PLC0415 - only the exports write Parquet
    import pyarrow.parquet as pq  # noqa: PLC0415

    types = {"string": pa.string(), "date": pa.date32(), "int32": pa.int32(),
             "int64": pa.int64(), "double": pa.float64()}  # fmt: skip
    schema = pa.schema([(name, types[kind]) for name, kind in columns])
    out = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), out)
    return out.getvalue().to_pybytes()


def as_parquet(rows: list[dict[str, object]]) -> bytes:
    return parquet_bytes(
        [{**row, **_dates(row)} for row in rows], [(c.name, c.type) for c in COLUMNS]
    )


def _dates(row: dict[str, object]) -> dict[str, object]:
    return {
        c.name: date.fromisoformat(str(row[c.name])) if row[c.name] else None
        for c in COLUMNS
        if c.type == "date"
    }


def data_dictionary(month: str, count: int) -> bytes:
    return json.dumps(
        {
            "dataset": "Lapor — laporan publik / public reports",
            "month": month,
            "rows": count,
            "licence": LICENCE,
            "files": {"csv": "laporan.csv", "parquet": "laporan.parquet"},
            "excluded": "nama, email, telepon, token akses, catatan, nama lampiran, teks bebas; "
            "laporan rahasia, belum diverifikasi atau diarsipkan (hanya dihitung di angka kinerja)"
            " / name, email, phone, access token, notes, attachment names, free text; "
            "confidential, unverified or archived reports (only counted in the figures)",
            "columns": [c.__dict__ for c in COLUMNS],
        },
        ensure_ascii=False,
        indent=2,
    ).encode()


def export_files(month: str, formats: tuple[str, ...] = ("csv", "parquet")) -> dict[str, bytes]:
    """The month's files by name: the data in each format, and the data dictionary."""
    rows = list(export_rows(month))
    files = {"kamus-data.json": data_dictionary(month, len(rows))}
    if "csv" in formats:
        files["laporan.csv"] = as_csv(rows)
    if "parquet" in formats:
        files["laporan.parquet"] = as_parquet(rows)
    return files


def publish_month(month: str) -> list[str]:
    """Export the month and publish it beside the pages (the monthly schedule, the CLI)."""
    return publish(month, export_files(month))


def compact_events(month: str) -> str:
    """The month's timeline events, each once, as the Parquet file the analysts query."""

    rows = [{name: row[name] for name in EVENT_COLUMN_TYPES} for row in raw_rows(month)]
    return write_compacted(month, parquet_bytes(rows, list(EVENT_COLUMN_TYPES.items())))


def previous_month(now: datetime) -> str:
    local = now.astimezone(ZoneInfo(get_settings().national_timezone))
    year, number = (local.year, local.month - 1) if local.month > 1 else (local.year - 1, 12)
    return f"{year}-{number:02d}"
