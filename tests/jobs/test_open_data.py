"""The monthly open-data export: public reports only, nothing that identifies anyone, the
same rows in CSV and Parquet, a data dictionary, published beside the pages."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import boto3
import pyarrow.parquet as pq
import pytest

from app import open_data
from chalicelib.cli import main as cli
from chalicelib.services.open_data import COLUMNS, LICENCE, export_files, publish_month
from chalicelib.settings import get_settings
from chalicelib.store.open_data_files import published_months
from tests.api.helpers import as_admin, post_report, valid_report, verified
from tests.jobs.test_sweep_fanout import SCHEDULED, LambdaContext

NAME, EMAIL, PHONE = "Siti Aminah", "siti@example.id", "+6281234567890"
SECRET_TITLE = "Pungli oleh Pak Budi di loket"


@pytest.fixture
def month_of_reports(client, frozen_clock):
    """Filed in November: a public report with coordinates, a confidential one, one never
    verified, and one archived as spam."""
    frozen_clock.set(datetime(2026, 11, 10, 3, 0, tzinfo=UTC))
    public = verified(
        post_report(
            client, valid_report(title=SECRET_TITLE, latitude=-7.716543, longitude=110.362211)
        ).json_body["tracking_id"]
    )
    confidential = verified(
        post_report(client, valid_report(confidential=True)).json_body["tracking_id"]
    )
    unverified = post_report(client, valid_report()).json_body["tracking_id"]
    spam = post_report(client, valid_report()).json_body["tracking_id"]
    as_admin(spam, "archive", reason="spam", note="Iklan.")
    as_admin(public, "set_privacy", anonymous=True, note="Pelapor minta disamarkan.")
    return {"public": public, "hidden": (confidential, unverified, spam)}


def _csv_rows(files: dict[str, bytes]) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files["laporan.csv"].decode())))


def test_only_public_reports_have_a_row(month_of_reports):
    rows = _csv_rows(export_files("2026-11"))
    assert [row["tracking_id"] for row in rows] == [month_of_reports["public"]]


def test_no_file_holds_identity_free_text_or_anything_of_a_hidden_report(month_of_reports):
    files = export_files("2026-11")
    for name, data in files.items():
        text = data.decode("utf-8", errors="ignore")
        for secret in (NAME, EMAIL, PHONE, "81234567890", SECRET_TITLE, "Pak Budi", "Iklan",
                       "disamarkan", "Kaliurang", *month_of_reports["hidden"]):  # fmt: skip
            assert secret not in text, (name, secret)


def test_coordinates_are_rounded_to_about_a_kilometre(month_of_reports):
    [row] = _csv_rows(export_files("2026-11"))
    assert (row["latitude"], row["longitude"]) == ("-7.72", "110.36")


def test_csv_and_parquet_hold_the_same_rows(month_of_reports):
    files = export_files("2026-11")
    table = pq.read_table(io.BytesIO(files["laporan.parquet"]))
    assert table.column_names == [c.name for c in COLUMNS]
    [parquet_row] = table.to_pylist()
    [csv_row] = _csv_rows(files)
    assert parquet_row["tracking_id"] == csv_row["tracking_id"]
    assert str(parquet_row["filed_date"]) == csv_row["filed_date"] == "2026-11-10"
    assert parquet_row["latitude"] == float(csv_row["latitude"])


def test_the_data_dictionary_names_every_column_and_the_licence(month_of_reports):
    dictionary = json.loads(export_files("2026-11")["kamus-data.json"])
    assert [c["name"] for c in dictionary["columns"]] == [c.name for c in COLUMNS]
    assert dictionary["licence"] == LICENCE and dictionary["rows"] == 1


def test_publishing_puts_the_month_beside_the_pages_and_in_the_index(month_of_reports):
    keys = publish_month("2026-11")
    assert "open-data/2026-11/laporan.parquet" in keys
    listed = boto3.client("s3").list_objects_v2(
        Bucket=get_settings().open_data_bucket, Prefix="open-data/2026-11/"
    )
    assert len(listed["Contents"]) == 3
    assert published_months() == ["2026-11"]


def test_the_monthly_schedule_exports_the_month_before(month_of_reports, frozen_clock):
    frozen_clock.set(datetime(2026, 12, 1, 1, 0, tzinfo=UTC))
    assert open_data(SCHEDULED, LambdaContext())["month"] == "2026-11"


def test_the_command_line_writes_the_files_locally(month_of_reports, tmp_path, capsys):
    assert cli(["export", "--month", "2026-11", "--format", "csv", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in (tmp_path / "2026-11").iterdir()) == [
        "kamus-data.json", "laporan.csv",
    ]  # fmt: skip
