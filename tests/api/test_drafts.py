"""A desk's answer by mail is a draft, read and published on the desk's page with the desk's
own link; to anyone else it does not exist, and it is published once."""

from __future__ import annotations

from chalicelib.domain.actions import Action
from chalicelib.domain.workflow import Command
from chalicelib.services.links import coordinator_link, desk_link, link_url
from chalicelib.store.reports import get_report
from tests.api.helpers import agency_header
from tests.conftest import DEFAULT_NOW
from tests.jobs.inbound import deliver, raw_mail
from tests.jobs.seeding import agency_acts, routed_report
from tests.jobs.test_inbound_mail import ANSWER, DESK, _desk_address


def _drafted():
    report = routed_report(DEFAULT_NOW)
    address = _desk_address(report)
    outcome = deliver(raw_mail(sender=DESK, to=address, text=ANSWER), to=address)
    desk = agency_header(link_url(coordinator_link(report.tracking_id, report.agency, DEFAULT_NOW)))
    return report.tracking_id, outcome["detail"], desk


def _path(tracking_id: str, draft_id: str) -> str:
    return f"/api/reports/{tracking_id}/drafts/{draft_id}"


def test_the_desk_reads_its_draft_before_publishing(client):
    tracking_id, draft_id, desk = _drafted()
    response = client.http.get(_path(tracking_id, draft_id), headers=desk)
    assert response.status_code == 200
    draft = response.json_body["draft"]
    assert draft["text"].startswith("Jalan sudah kami tambal") and not draft["published"]
    assert response.headers["Cache-Control"] == "private, no-store"


def test_publishing_the_draft_follows_the_report_up(client):
    tracking_id, draft_id, desk = _drafted()
    response = client.http.post(_path(tracking_id, draft_id) + "/publish", headers=desk)
    assert response.status_code == 200
    assert response.json_body["report"]["status"] == "followed_up"
    assert get_report(tracking_id).status.value == "followed_up"
    again = client.http.get(_path(tracking_id, draft_id), headers=desk)
    assert again.json_body["draft"]["published"] is True


def test_a_draft_is_published_once(client):
    tracking_id, draft_id, desk = _drafted()
    client.http.post(_path(tracking_id, draft_id) + "/publish", headers=desk)
    second = client.http.post(_path(tracking_id, draft_id) + "/publish", headers=desk)
    assert second.status_code == 409 and second.json_body["error"]["code"] == "draft_published"


def test_a_draft_the_report_has_moved_past_is_a_409_saying_what_is_allowed(client):
    tracking_id, draft_id, desk = _drafted()
    report = get_report(tracking_id)
    agency_acts(report, Command(Action.FOLLOW_UP, note="Sudah ditangani di halaman."), DEFAULT_NOW)
    response = client.http.post(_path(tracking_id, draft_id) + "/publish", headers=desk)
    assert response.status_code == 409
    assert response.json_body["error"]["code"] == "action_not_allowed"


def test_another_desk_cannot_see_or_publish_the_draft(client):
    tracking_id, draft_id, _ = _drafted()
    other = agency_header(link_url(desk_link("pemkot-makassar", DEFAULT_NOW)))
    assert client.http.get(_path(tracking_id, draft_id), headers=other).status_code in {403, 404}
    publish = client.http.post(_path(tracking_id, draft_id) + "/publish", headers=other)
    assert publish.status_code in {403, 404}
    assert get_report(tracking_id).status.value == "dispositioned"


def test_a_draft_of_another_report_does_not_exist_here(client):
    _, draft_id, _ = _drafted()
    other = routed_report(DEFAULT_NOW)
    desk = agency_header(link_url(coordinator_link(other.tracking_id, other.agency, DEFAULT_NOW)))
    response = client.http.get(_path(other.tracking_id, draft_id), headers=desk)
    assert response.status_code == 404
    assert response.json_body["error"]["code"] == "draft_not_found"


def test_the_desks_read_only_link_cannot_publish(client):
    tracking_id, draft_id, _ = _drafted()
    inbox = agency_header(link_url(desk_link("pemkab-sleman", DEFAULT_NOW)))
    response = client.http.post(_path(tracking_id, draft_id) + "/publish", headers=inbox)
    assert response.status_code == 403
    assert get_report(tracking_id).status.value == "dispositioned"


def test_a_draft_id_that_cannot_be_one_is_a_404_not_a_database_error(client):
    tracking_id, _, desk = _drafted()
    response = client.http.get(_path(tracking_id, "x" * 3000), headers=desk)
    assert response.status_code == 404
