"""Attachments go straight from the browser to S3 under a presigned POST; a report attaches
only uploads that exist and obey the limits."""

import json

import boto3
import pytest
import requests

from chalicelib.settings import get_settings
from tests.api.helpers import act, agency_header, bearer, post_report, valid_report, verified
from tests.racing import all_at_once

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _form(client, headers=None, **overrides):
    body = {"filename": "lubang jalan.png", "content_type": "image/png", "size": len(PNG)}
    body.update(overrides)
    return client.http.post(
        "/api/uploads",
        headers={"Content-Type": "application/json", **(headers or {})},
        body=json.dumps(body),
    )


def _uploaded(client, headers=None, **overrides):
    form = _form(client, headers, **overrides).json_body
    assert _upload(form).status_code in {200, 201, 204}
    return form["key"]


def _upload(form, content=PNG, content_type="image/png"):
    return requests.post(
        form["url"],
        data=form["fields"],
        files={"file": ("lubang.png", content, content_type)},
        timeout=10,
    )


def test_an_upload_form_limits_type_and_size(client):
    response = _form(client)
    assert response.status_code == 201
    form = response.json_body
    assert form["key"].startswith("incoming/") and form["key"].endswith("/lubang-jalan.png")
    assert form["fields"]["Content-Type"] == "image/png"
    policy = json.loads(__import__("base64").b64decode(form["fields"]["policy"]))
    assert ["content-length-range", 1, 5 * 1024 * 1024] in policy["conditions"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"content_type": "application/x-msdownload", "filename": "virus.exe"}, "content_type"),
        ({"size": 6 * 1024 * 1024}, "size"),
        ({"size": 0}, "size"),
        ({"size": "besar"}, "size"),
        ({"filename": ""}, "filename"),
    ],
)
def test_an_upload_outside_the_limits_is_refused_naming_the_field(client, overrides, field):
    response = _form(client, **overrides)
    assert response.status_code == 400
    assert field in response.json_body["error"]["fields"]


def test_a_report_attaches_what_was_uploaded_and_shows_it_to_the_reporter(client):
    form = _form(client).json_body
    assert _upload(form).status_code in {200, 201, 204}
    filed = post_report(client, valid_report(attachments=[form["key"]])).json_body
    private = client.http.get(
        f"/api/reports/{filed['tracking_id']}", headers={"X-Access-Token": filed["access_token"]}
    ).json_body
    assert [a["name"] for a in private["attachments"]] == ["lubang-jalan.png"]
    verified(filed["tracking_id"])
    public = client.http.get(f"/api/reports/{filed['tracking_id']}").json_body
    assert public["attachment_count"] == 1 and "attachments" not in public


def test_a_key_that_was_never_uploaded_is_refused(client):
    form = _form(client).json_body
    response = post_report(client, valid_report(attachments=[form["key"]]))
    assert response.status_code == 400
    assert "attachments.0" in response.json_body["error"]["fields"]


def test_an_object_of_the_wrong_type_is_not_attached(client):
    key = "incoming/" + "0" * 32 + "/script.html"
    boto3.client("s3").put_object(
        Bucket=get_settings().attachments_bucket, Key=key, Body=b"<script>", ContentType="text/html"
    )
    response = post_report(client, valid_report(attachments=[key]))
    assert response.status_code == 400
    assert "attachments.0" in response.json_body["error"]["fields"]


def test_more_than_five_attachments_are_refused(client):
    keys = [f"incoming/{'0' * 32}/f{i}.png" for i in range(6)]
    response = post_report(client, valid_report(attachments=keys))
    assert response.status_code == 400
    assert "attachments" in response.json_body["error"]["fields"]


def test_an_agency_answers_with_a_file_that_the_reporter_can_open(client, admin_token):
    filed = post_report(client, valid_report(agency=None)).json_body
    routed = act(
        client, filed["tracking_id"], bearer(admin_token), action="verify", agency="pemkab-sleman"
    ).json_body
    desk = agency_header(routed["agency_link"])
    form = _form(
        client, desk, filename="berita acara.pdf", content_type="application/pdf"
    ).json_body
    _upload(form, content=b"%PDF-1.4 berita acara", content_type="application/pdf")
    answer = act(
        client,
        filed["tracking_id"],
        desk,
        action="follow_up",
        note="Terlampir berita acara perbaikan.",
        attachments=[form["key"]],
    )
    assert answer.status_code == 200
    private = client.http.get(
        f"/api/reports/{filed['tracking_id']}", headers={"X-Access-Token": filed["access_token"]}
    ).json_body
    assert [a["name"] for a in private["reply_attachments"]] == ["berita-acara.pdf"]


def test_files_only_come_with_a_follow_up(client, admin_token):
    filed = post_report(client, valid_report(agency=None)).json_body
    key = _uploaded(client, bearer(admin_token))
    response = act(
        client,
        filed["tracking_id"],
        bearer(admin_token),
        action="verify",
        agency="pemkab-sleman",
        attachments=[key],
    )
    assert response.status_code == 400
    assert "attachments" in response.json_body["error"]["fields"]


def test_an_upload_is_attached_to_one_report_only(client):
    key = _uploaded(client)
    assert post_report(client, valid_report(attachments=[key])).status_code == 201
    second = post_report(client, valid_report(attachments=[key]))
    assert second.status_code == 400
    assert second.json_body["error"]["fields"]["attachments.0"].startswith("Lampiran ini sudah")


def test_an_agency_cannot_attach_an_upload_it_did_not_ask_for(client, admin_token):
    filed = post_report(client, valid_report()).json_body
    routed = act(
        client, filed["tracking_id"], bearer(admin_token), action="verify", agency="pemkab-sleman"
    ).json_body
    citizens_upload = _uploaded(client)  # e.g. a key seen in another report's download link
    answer = act(
        client,
        filed["tracking_id"],
        agency_header(routed["agency_link"]),
        action="follow_up",
        note="Terlampir.",
        attachments=[citizens_upload],
    )
    assert answer.status_code == 400
    assert "attachments.0" in answer.json_body["error"]["fields"]


def test_an_upload_older_than_a_day_cannot_be_attached(client, frozen_clock):
    from datetime import timedelta

    key = _uploaded(client)
    frozen_clock.advance(timedelta(hours=25))
    response = post_report(client, valid_report(attachments=[key]))
    assert response.status_code == 400
    assert "24" in response.json_body["error"]["fields"]["attachments.0"]


def test_two_reports_racing_for_one_upload_attach_it_once(client, atomic_requests, monkeypatch):
    """Both submissions pass the early check before either writes: only the conditional claim
    in the report's transaction can keep the upload to one report. (The threads call the
    service: Chalice's test client patches the environment per request, not thread-safely.)"""
    import threading

    from chalicelib import attachments, clock
    from chalicelib.services import intake

    key = _uploaded(client)
    checked = threading.Barrier(2, timeout=10)
    confirm = attachments.confirm

    def confirm_then_wait(*args, **kwargs):
        result = confirm(*args, **kwargs)
        checked.wait()
        return result

    monkeypatch.setattr(attachments, "confirm", confirm_then_wait)
    body = valid_report(attachments=[key])
    outcomes = []

    def submit():
        try:
            intake.file_report(
                json.dumps(body).encode(), body, now=clock.now(), idempotency_key=None
            )
            outcomes.append("filed")
        except attachments.AttachmentRefused as refused:
            outcomes.append(refused.reason)

    all_at_once(submit, submit)
    assert sorted(outcomes) == ["filed", "upload_used"]


def test_a_text_file_sent_as_a_png_is_not_attached(client):
    form = _form(client, filename="catatan.png").json_body
    assert _upload(form, content=b"Bukan gambar, hanya teks biasa.\n" * 3).status_code in {
        200,
        201,
        204,
    }
    response = post_report(client, valid_report(attachments=[form["key"]]))
    assert response.status_code == 400
    assert "gambar" in response.json_body["error"]["fields"]["attachments.0"]
