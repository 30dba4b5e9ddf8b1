from datetime import datetime

import pytest

from chalicelib.domain.tracking import hash_access_token, normalize_tracking_id
from chalicelib.store.models import EventModel, ReportModel
from tests.api.helpers import post_report, valid_report


def test_a_valid_report_is_accepted_with_what_the_citizen_must_keep(client):
    response = post_report(client, valid_report())
    assert response.status_code == 201
    body = response.json_body
    assert normalize_tracking_id(body["tracking_id"]) == body["tracking_id"]
    assert len(body["access_token"]) >= 32
    assert body["status"] == "submitted"
    assert body["created_at"] == "2026-11-28T03:00:00+00:00"
    assert response.headers["Location"] == f"/api/reports/{body['tracking_id']}"


def test_verification_is_due_three_working_days_later_in_jakarta_time(client):
    # Saturday 28 Nov 2026 10:00 WIB → Mon 30, Tue 1, Wed 2 December.
    body = post_report(client, valid_report()).json_body
    assert body["verification_due_at"] == "2026-12-02T23:59:59+07:00"


def test_the_private_link_carries_id_and_token_in_the_fragment_not_the_query(client):
    body = post_report(client, valid_report()).json_body
    assert body["tracking_url"].endswith(
        f"/track.html#id={body['tracking_id']}&token={body['access_token']}"
    )


def test_the_report_and_its_first_timeline_event_are_stored_together(client):
    body = post_report(client, valid_report()).json_body
    stored = ReportModel.get(body["tracking_id"])
    assert stored.status == "submitted"
    assert stored.proposed_agency == "pemkab-sleman"
    assert stored.agency is None
    assert stored.access_token_hash == hash_access_token(body["access_token"])
    events = list(EventModel.query(body["tracking_id"]))
    assert [(e.seq, e.action, e.to_status) for e in events] == [(1, "submit", "submitted")]
    assert events[0].due_at == datetime.fromisoformat(body["verification_due_at"])


def test_contact_details_are_normalized_before_storing(client):
    report = valid_report(
        reporter={"name": "Budi", "email": "Budi@Example.ID", "phone": "0812-3456-7890"}
    )
    body = post_report(client, report).json_body
    stored = ReportModel.get(body["tracking_id"]).reporter
    assert (stored.email, stored.phone) == ("Budi@example.id", "+6281234567890")


@pytest.mark.parametrize(
    "written",
    [
        "Kepada <Pak Budi> di kantor kelurahan",
        "Syarat a<b dan c>d tidak masuk akal",
        "Balasan ke <budi@desa.id> tidak pernah datang",
        "Kode <scr<script>ipt> muncul di halaman",
    ],
)
def test_the_citizens_words_are_stored_and_returned_verbatim(client, written):
    body = post_report(client, valid_report(title=written, description=written)).json_body
    mine = client.http.get(
        f"/api/reports/{body['tracking_id']}", headers={"X-Access-Token": body["access_token"]}
    ).json_body
    assert (mine["title"], mine["description"]) == (written, written)


def test_an_anonymous_report_needs_no_name_but_still_a_contact(client):
    report = valid_report(anonymous=True, reporter={"phone": "+62 811 222 333"})
    assert post_report(client, report).status_code == 201


def test_a_report_without_an_agency_leaves_routing_to_the_national_admin(client):
    body = post_report(client, valid_report(agency=None)).json_body
    assert ReportModel.get(body["tracking_id"]).proposed_agency is None


def test_every_report_type_is_accepted(client):
    for report_type in ("pengaduan", "aspirasi", "permintaan_informasi"):
        assert post_report(client, valid_report(type=report_type)).status_code == 201


def test_coordinates_inside_indonesia_are_kept(client):
    body = post_report(client, valid_report(latitude=-7.7556, longitude=110.3790)).json_body
    shown = client.http.get(
        f"/api/reports/{body['tracking_id']}", headers={"X-Access-Token": body["access_token"]}
    ).json_body
    assert (shown["latitude"], shown["longitude"]) == (-7.7556, 110.379)
