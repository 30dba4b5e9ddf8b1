"""GET /api/stats: the performance figures by month, agency, province, category and type, as
the timeline's stream added them up."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from chalicelib.domain.actions import Action
from chalicelib.domain.workflow import Command
from tests.api.helpers import post_report, valid_report, verified
from tests.jobs.seeding import agency_acts, routed_report
from tests.jobs.test_performance_stream import _scripted_month


def _stats(client, query: str = "", language: str = "id") -> dict:
    response = client.http.get(f"/api/stats{query}", headers={"Accept-Language": language})
    assert response.status_code == 200, response.body
    return response.json_body


def test_by_default_this_months_national_figures(client, frozen_clock, stream_added):
    _scripted_month(client, frozen_clock)
    stream_added()
    frozen_clock.set(datetime(2026, 11, 30, 3, 0, tzinfo=UTC))
    figures = _stats(client)
    assert (figures["from"], figures["to"], figures["by"]) == ("2026-11", "2026-11", "month")
    national = figures["national"]
    assert (national["received"], national["verified"], national["followed_up"]) == (3, 3, 2)
    assert national["follow_up_rate"] == pytest.approx(2 / 3, abs=1e-4)
    assert national["on_time_rate"] == 0.5
    assert (national["satisfied"], national["answered"], national["completed"]) == (1, 2, 2)
    assert (national["satisfaction_rate"], national["average_rating"]) == (0.5, 5.0)
    assert national["median_working_days_to_follow_up"] == 7.0  # 1 and 13 working days
    assert figures["rows"] == [{"key": "2026-11", "label": "2026-11", **national}]


def test_rows_by_agency_category_province_and_type(client, frozen_clock, stream_added):
    _scripted_month(client, frozen_clock)
    stream_added()
    by_agency = _stats(client, "?from=2026-11&to=2026-11&by=agency")["rows"]
    assert [(r["key"], r["label"], r["received"]) for r in by_agency] == [
        ("-", "Belum di instansi mana pun", 3),  # filed before verification
        ("pemkab-sleman", "Pemerintah Kabupaten Sleman", 0),
    ]
    assert by_agency[1]["followed_up"] == 2
    by_category = _stats(client, "?from=2026-11&by=category", "en")["rows"]
    assert {r["key"]: r["received"] for r in by_category} == {"infrastruktur": 2, "pendidikan": 1}
    assert _stats(client, "?from=2026-11&by=type", "en")["rows"][0]["label"] == "Complaint"
    assert _stats(client, "?from=2026-11&by=province")["rows"][1]["key"] == "D.I. Yogyakarta"


def test_a_rate_with_nothing_behind_it_is_null(client, stream_added):
    post_report(client, valid_report())
    stream_added()
    national = _stats(client)["national"]
    assert national["received"] == 1
    assert national["follow_up_rate"] is None and national["average_rating"] is None


def test_a_follow_up_counts_in_the_month_it_was_made(client, stream_added):
    report = routed_report(datetime(2026, 11, 27, 3, 0, tzinfo=UTC))
    agency_acts(
        report, Command(Action.FOLLOW_UP, note="Selesai."), datetime(2026, 12, 10, 1, 0, tzinfo=UTC)
    )
    stream_added()
    rows = _stats(client, "?from=2026-11&to=2026-12")["rows"]
    assert [(r["key"], r["followed_up"]) for r in rows] == [("2026-11", 0), ("2026-12", 1)]


def test_a_confidential_report_is_counted_and_never_described(client, stream_added):
    tracking_id = post_report(
        client, valid_report(title="Rahasia sekali", confidential=True)
    ).json_body["tracking_id"]
    verified(tracking_id)
    stream_added()
    figures = _stats(client, "?by=agency")
    assert figures["national"]["verified"] == 1
    assert "Rahasia sekali" not in json.dumps(figures) and tracking_id not in json.dumps(figures)


def test_figures_are_cached_publicly_per_language(client):
    response = client.http.get("/api/stats")
    assert response.headers["Cache-Control"].startswith("public, max-age=")
    assert response.headers["Vary"] == "Accept-Language"


@pytest.mark.parametrize(
    ("query", "field"),
    [("?from=2026-13", "from"), ("?from=nov", "from"), ("?to=2026-1", "to"),
     ("?by=desa", "by"), ("?from=2026-11&to=2026-10", "to"), ("?from=2020-01&to=2026-11", "to")],
)  # fmt: skip
def test_bad_parameters_are_a_400_naming_the_field(client, query, field):
    response = client.http.get(f"/api/stats{query}", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert field in response.json_body["error"]["fields"]


def test_an_agencys_months(client, frozen_clock, stream_added):
    _scripted_month(client, frozen_clock)
    stream_added()
    [row] = _stats(client, "?from=2026-11&by=month&agency=pemkab-sleman")["rows"]
    assert (row["key"], row["followed_up"], row["on_time_rate"]) == ("2026-11", 2, 0.5)


def test_the_agency_table_within_a_category_and_a_province(client, frozen_clock, stream_added):
    _scripted_month(client, frozen_clock)
    stream_added()
    rows = _stats(client, "?from=2026-11&by=agency&category=pendidikan")["rows"]
    assert [(r["key"], r["verified"]) for r in rows] == [("-", 0), ("pemkab-sleman", 1)]
    elsewhere = _stats(client, "?from=2026-11&by=agency&province=Papua")["rows"]
    assert elsewhere == []


def test_a_narrowing_a_table_cannot_take_is_a_400(client):
    response = client.http.get("/api/stats?by=type&agency=kemenkes")
    assert response.status_code == 400
    assert "agency" in response.json_body["error"]["fields"]
