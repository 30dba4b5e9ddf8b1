from datetime import UTC, datetime

from chalicelib.domain.workflow import Action, Command
from chalicelib.jobs.sweep import run_sweep
from tests.api.helpers import bearer, post_report, valid_report
from tests.conftest import DEFAULT_NOW
from tests.jobs.seeding import agency_acts, routed_report


def test_the_months_figures_count_reports_and_on_time_follow_ups(client):
    post_report(client, valid_report())
    on_time = routed_report(DEFAULT_NOW)
    agency_acts(on_time, Command(Action.FOLLOW_UP, note="Selesai."), DEFAULT_NOW)
    figures = client.http.get("/api/stats").json_body
    assert figures["month"] == "2026-11"
    assert (figures["received"], figures["followed_up"], figures["on_time_share"]) == (2, 1, 1.0)


def test_a_follow_up_after_the_deadline_is_not_on_time(client):
    report = routed_report(DEFAULT_NOW)  # due Friday 4 December
    agency_acts(
        report,
        Command(Action.FOLLOW_UP, note="Terlambat."),
        datetime(2026, 11, 29, 1, 0, tzinfo=UTC),
    )
    late = routed_report(DEFAULT_NOW)
    agency_acts(
        late, Command(Action.FOLLOW_UP, note="Terlambat."), datetime(2026, 12, 10, 1, 0, tzinfo=UTC)
    )
    figures = client.http.get("/api/stats").json_body
    assert (figures["followed_up"], figures["followed_up_on_time"]) == (1, 1)  # November only


def test_admins_list_escalated_reports_by_level(client, admin_token):
    report = routed_report(DEFAULT_NOW)
    run_sweep(datetime(2026, 12, 9, 2, 0, tzinfo=UTC))  # level 2 owed
    level2 = client.http.get("/api/admin/escalations?level=2", headers=bearer(admin_token))
    assert [r["tracking_id"] for r in level2.json_body["reports"]] == [report.tracking_id]
    level3 = client.http.get("/api/admin/escalations?level=3", headers=bearer(admin_token))
    assert level3.json_body["reports"] == []
    assert (
        client.http.get("/api/admin/escalations?level=9", headers=bearer(admin_token)).status_code
        == 400
    )
