"""Who may do what: caller × action × privacy, each cell on a fresh report that the national
admin has routed to Pemkab Sleman. 200 done; 401 no credentials; 403 not yours to do;
404 not visible at all (the same answer as for a missing report); 409 yours to do, but not in
the report's current status."""

import json

import pytest

from chalicelib.services.links import coordinator_link, desk_link
from tests.api.helpers import act, agency_header, bearer, post_report, valid_report
from tests.conftest import DEFAULT_NOW

IDENTITY = ("Siti Aminah", "siti@example.id", "+6281234567890")
ACTIONS = {
    "verify": {"agency": "pemkab-sleman"},
    "archive": {"reason": "spam"},
    "set_privacy": {"anonymous": True, "confidential": True, "note": "Menyebut nama pegawai."},
    "forward": {"unit": "dinas-pu"},
    "unit_reply": {"internal_note": "Selesai."},
    "follow_up": {"note": "Sudah ditangani."},
    "hold": {"note": "Mohon foto lokasi."},
    "not_our_authority": {"note": "Jalan nasional."},
    "request_extension": {"tier": "coordination", "note": "Perlu koordinasi."},
    "provide_info": {"note": "Foto terlampir."},
    "add_note": {"internal_note": "Lubangnya makin lebar."},
    "respond": {"satisfied": True},
    "rate": {"rating": 4},
    "reroute": {"agency": "pemkot-makassar", "note": "Lokasinya di Makassar."},
    "change_category": {"category": "netralitas-asn", "note": "Menyangkut pegawai."},
    "send_link": {},
}
AGENCY_ACTIONS = {"forward", "follow_up", "hold", "not_our_authority", "request_extension"}
CITIZEN_ACTIONS = {"provide_info", "add_note", "respond", "rate", "set_privacy"}
ADMIN_ACTIONS = {"verify", "archive", "set_privacy", "reroute", "change_category", "send_link"}


def expected(caller: str, action: str, confidential: bool, anonymous: bool) -> int:
    # A confidential report does not exist for those who may not read it: 404 as if missing.
    not_yours = 404 if confidential else 403
    if action == "view":
        public = 404 if confidential else 200
        return {"other_agency": not_yours, "other_citizen": public, "nobody": public}.get(
            caller, 200
        )
    if caller == "nobody":
        return 401
    # Both switches already on: there is nothing left to switch on.
    privacy = 400 if anonymous and confidential else 200
    own = {
        # At an agency: verified already (409), archived only as a duplicate (400: the reason).
        "admin": {"set_privacy": privacy, "verify": 409, "archive": 400}
        | dict.fromkeys({"reroute", "change_category", "send_link"}, 200),
        "own_agency": dict.fromkeys(AGENCY_ACTIONS, 200),  # unit_reply: not on this link
        # nothing to answer yet; privacy is the reporter's own; a note may come at any time
        "own_citizen": dict.fromkeys(CITIZEN_ACTIONS, 409)
        | {"set_privacy": privacy, "add_note": 200},
    }
    if caller in own:
        return own[caller].get(action, 403)
    return not_yours


CALLERS = ["admin", "own_agency", "other_agency", "own_citizen", "other_citizen", "nobody"]


@pytest.mark.parametrize("anonymous", [False, True], ids=["named", "anonymous"])
@pytest.mark.parametrize("confidential", [False, True], ids=["public", "confidential"])
def test_every_caller_may_do_exactly_what_their_role_and_the_report_allow(
    client, admin_token, anonymous, confidential
):
    admin = bearer(admin_token)
    other = post_report(client, valid_report()).json_body
    other_agency = agency_header(desk_link("pemkot-makassar", DEFAULT_NOW))
    got, want, leaks = {}, {}, []

    def routed_report() -> dict:
        report = valid_report(anonymous=anonymous, confidential=confidential)
        filed = post_report(client, report).json_body
        act(client, filed["tracking_id"], admin, action="verify", agency="pemkab-sleman")
        return filed

    filed = routed_report()
    for caller in CALLERS:
        for action in ["view", *ACTIONS]:
            tid = filed["tracking_id"]
            headers = {
                "admin": admin,
                "own_agency": agency_header(coordinator_link(tid, "pemkab-sleman", DEFAULT_NOW)),
                "other_agency": other_agency,
                "own_citizen": {"X-Access-Token": filed["access_token"]},
                "other_citizen": {"X-Access-Token": other["access_token"]},
                "nobody": {},
            }[caller]
            if action == "view":
                response = client.http.get(f"/api/reports/{tid}", headers=headers)
            else:
                response = act(client, tid, headers, action=action, **ACTIONS[action])
            got[caller, action] = response.status_code
            if action != "view" and response.status_code == 200:
                filed = routed_report()  # the report moved on: the next cell needs a fresh one
            want[caller, action] = expected(caller, action, confidential, anonymous)
            if caller == "own_agency" and anonymous:
                text = json.dumps(response.json_body)
                leaks += [(action, part) for part in IDENTITY if part in text]
    assert got == want
    assert leaks == [], "an agency-facing response carried an anonymous reporter's identity"


def test_a_link_for_one_report_cannot_read_another_report_of_the_same_agency(client, admin_token):
    admin = bearer(admin_token)
    first, second = (post_report(client, valid_report()).json_body for _ in range(2))
    for filed in (first, second):
        act(client, filed["tracking_id"], admin, action="verify", agency="pemkab-sleman")
    link = agency_header(coordinator_link(first["tracking_id"], "pemkab-sleman", DEFAULT_NOW))
    response = client.http.get(f"/api/reports/{second['tracking_id']}", headers=link)
    assert response.status_code == 403
    assert response.json_body["error"]["code"] == "link_wrong_report"


def test_a_tampered_agency_link_is_refused_with_a_clear_message(client):
    filed = post_report(client, valid_report()).json_body
    token = coordinator_link(filed["tracking_id"], "pemkab-sleman", DEFAULT_NOW)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = client.http.get(
        f"/api/reports/{filed['tracking_id']}", headers={"X-Agency-Token": tampered}
    )
    assert response.status_code == 401
    assert response.json_body["error"]["message"].startswith("Tautan tidak sah")


def test_an_expired_agency_link_is_refused_as_expired(client, frozen_clock):
    from datetime import timedelta

    filed = post_report(client, valid_report()).json_body
    token = coordinator_link(filed["tracking_id"], "pemkab-sleman", DEFAULT_NOW)
    frozen_clock.advance(timedelta(days=31))
    response = client.http.get(
        f"/api/reports/{filed['tracking_id']}",
        headers={"X-Agency-Token": token, "Accept-Language": "en"},
    )
    assert response.status_code == 401
    assert response.json_body["error"]["code"] == "link_expired"
    assert "expired" in response.json_body["error"]["message"]
