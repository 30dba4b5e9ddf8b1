"""Hostile requests get a 4xx, and no answer tells a stranger that a hidden report exists."""

import base64
import json

import jwt
import pytest

from chalicelib.domain.tracking import new_tracking_id
from chalicelib.services.links import coordinator_link, desk_link, unit_link
from tests.api.helpers import act, agency_header, bearer, post_report, valid_report, verified
from tests.conftest import DEFAULT_NOW

NESTED = "[" * 1000 + "]" * 1000


@pytest.mark.parametrize("path", ["/api/reports", "/api/uploads", "/api/reports/{id}/actions"])
def test_deeply_nested_json_is_a_400_on_every_json_endpoint(client, path):
    filed = post_report(client, valid_report()).json_body
    response = client.http.post(
        path.format(id=filed["tracking_id"]),
        headers={"Content-Type": "application/json", "X-Access-Token": filed["access_token"]},
        body=NESTED,
    )
    assert response.status_code == 400
    assert response.json_body["error"]["code"] == "json_too_deep"


def test_moderately_nested_json_is_a_400_too(client):
    body = {"reporter": {"name": {"a": [[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]}}}
    response = post_report(client, json.dumps(body))
    assert response.status_code == 400


def test_a_forged_cursor_nested_deeply_is_a_400(client):
    cursor = base64.urlsafe_b64encode(NESTED.encode()).decode().rstrip("=")
    assert client.http.get(f"/api/reports?cursor={cursor}").status_code == 400


def _answers(client, tracking_id, headers):
    view = client.http.get(f"/api/reports/{tracking_id}", headers=headers)
    action = act(client, tracking_id, headers, action="provide_info", note="Ini saya.")
    return (view.status_code, view.json_body), (action.status_code, action.json_body)


@pytest.mark.parametrize("credentials", ["another_reporter", "another_desk", "wrong_token"])
def test_a_confidential_report_answers_a_stranger_exactly_as_a_missing_one(client, credentials):
    hidden = post_report(client, valid_report(confidential=True)).json_body
    verified(hidden["tracking_id"])
    other = post_report(client, valid_report()).json_body
    headers = {
        "another_reporter": {"X-Access-Token": other["access_token"]},
        "another_desk": agency_header(desk_link("pemkot-makassar", DEFAULT_NOW)),
        "wrong_token": {"X-Access-Token": "x" * 32},
    }[credentials]
    assert _answers(client, hidden["tracking_id"], headers) == _answers(
        client, new_tracking_id(), headers
    )


def test_an_unverified_report_answers_a_stranger_exactly_as_a_missing_one(client):
    unverified = post_report(client, valid_report()).json_body
    link = agency_header(desk_link("pemkab-sleman", DEFAULT_NOW))
    assert _answers(client, unverified["tracking_id"], link) == _answers(
        client, new_tracking_id(), link
    )


def test_a_unit_link_reads_its_report_only_until_its_reply(client, admin_token):
    filed = post_report(client, valid_report(confidential=True)).json_body
    tid = filed["tracking_id"]
    routed = act(client, tid, bearer(admin_token), action="verify", agency="pemkab-sleman")
    desk = agency_header(routed.json_body["agency_link"])
    unit = agency_header(
        act(client, tid, desk, action="forward", unit="dinas-pu").json_body["unit_link"]
    )
    assert client.http.get(f"/api/reports/{tid}", headers=unit).status_code == 200
    replied = act(client, tid, unit, action="unit_reply", internal_note="Sudah ditambal.")
    assert replied.status_code == 200
    after = client.http.get(f"/api/reports/{tid}", headers=unit)
    assert after.status_code == 404  # confidential, and no longer the unit's to read
    assert "Sudah ditambal." not in json.dumps(after.json_body)


def test_a_link_for_another_unit_reads_nothing(client, admin_token):
    filed = post_report(client, valid_report()).json_body
    tid = filed["tracking_id"]
    routed = act(client, tid, bearer(admin_token), action="verify", agency="pemkab-sleman")
    act(
        client,
        tid,
        agency_header(routed.json_body["agency_link"]),
        action="forward",
        unit="dinas-pu",
    )
    other_unit = agency_header(unit_link(tid, "pemkab-sleman", "dinas-kesehatan", DEFAULT_NOW))
    view = client.http.get(f"/api/reports/{tid}", headers=other_unit)
    assert view.json_body.get("view") != "agency"


def test_admin_group_membership_is_a_name_in_a_list_not_a_substring(
    client, admin_pool, admin_token
):
    """A token validly signed by the pool's key whose groups claim is the text "xadminsx"."""
    import gzip
    from importlib.resources import files

    claims = jwt.decode(admin_token, options={"verify_signature": False})
    claims["cognito:groups"] = "xadminsx"
    private = json.loads(
        gzip.decompress(
            files("moto.cognitoidp").joinpath("resources/jwks-private.json.gz").read_bytes()
        )
    )
    key = jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(private))
    header = jwt.get_unverified_header(admin_token)
    forged = jwt.encode(claims, key, algorithm="RS256", headers={"kid": header["kid"]})
    response = client.http.get("/api/admin/queue", headers=bearer(forged))
    assert response.status_code == 403
    assert response.json_body["error"]["code"] == "not_admin"


def test_the_agencys_own_link_still_reads_the_report_after_the_units_reply(client, admin_token):
    filed = post_report(client, valid_report()).json_body
    tid = filed["tracking_id"]
    act(client, tid, bearer(admin_token), action="verify", agency="pemkab-sleman")
    coordinator = agency_header(coordinator_link(tid, "pemkab-sleman", DEFAULT_NOW))
    assert client.http.get(f"/api/reports/{tid}", headers=coordinator).json_body["view"] == "agency"
