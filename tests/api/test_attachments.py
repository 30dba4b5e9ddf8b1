"""Attachments go straight from the browser to S3 under a presigned POST; a report attaches
only uploads that exist and obey the limits."""

import json

import boto3
import pytest
import requests

from chalicelib.settings import get_settings
from tests.api.helpers import post_report, valid_report

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _form(client, **overrides):
    body = {"filename": "lubang jalan.png", "content_type": "image/png", "size": len(PNG)}
    body.update(overrides)
    return client.http.post(
        "/api/uploads", headers={"Content-Type": "application/json"}, body=json.dumps(body)
    )


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
    from tests.api.helpers import act, agency_header, bearer

    filed = post_report(client, valid_report(agency=None)).json_body
    routed = act(
        client, filed["tracking_id"], bearer(admin_token), action="verify", agency="pemkab-sleman"
    ).json_body
    form = _form(client, filename="berita acara.pdf", content_type="application/pdf").json_body
    _upload(form, content=b"%PDF-1.4 berita acara", content_type="application/pdf")
    answer = act(
        client,
        filed["tracking_id"],
        agency_header(routed["agency_link"]),
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
    from tests.api.helpers import act, bearer

    filed = post_report(client, valid_report(agency=None)).json_body
    form = _form(client).json_body
    assert _upload(form).status_code in {200, 201, 204}
    response = act(
        client,
        filed["tracking_id"],
        bearer(admin_token),
        action="verify",
        agency="pemkab-sleman",
        attachments=[form["key"]],
    )
    assert response.status_code == 400
    assert "attachments" in response.json_body["error"]["fields"]
