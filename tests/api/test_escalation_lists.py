from datetime import UTC, datetime

from chalicelib.jobs.sweep import run_sweep
from tests.api.helpers import bearer
from tests.conftest import DEFAULT_NOW
from tests.jobs.seeding import routed_report


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
