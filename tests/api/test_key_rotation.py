"""The README's rotation of the link-signing keys, end to end: add a key and make it current;
later remove the old one. A reporter's private link works for the report's whole life, and
nothing else changes — no 500, no silent sweep."""

import json
from datetime import timedelta

import boto3

from chalicelib import clock
from chalicelib.auth import link_keys
from chalicelib.jobs.sweep import run_sweep
from chalicelib.services import delivery
from chalicelib.settings import get_settings
from tests.api.helpers import act, agency_header, post_report, valid_report, verified
from tests.jobs.mailbox import clear, sent_to


def _secret() -> dict:
    value = boto3.client("secretsmanager").get_secret_value(SecretId=get_settings().link_secret_id)
    return json.loads(value["SecretString"])


def _rotate(change) -> None:
    secret = _secret()
    change(secret)
    boto3.client("secretsmanager").put_secret_value(
        SecretId=get_settings().link_secret_id, SecretString=json.dumps(secret)
    )
    link_keys.clear_cache()  # what the five-minute cache does by itself


def _add_current_key(secret):
    secret["k2"], secret["current"] = "a-new-random-key-of-forty-eight-characters-123456", "k2"


def _retire_old_key(secret):
    del secret["k1"]


def _mine(client, filed, token):
    return client.http.get(
        f"/api/reports/{filed['tracking_id']}", headers={"X-Access-Token": token}
    )


def test_a_reporters_links_work_across_rotations_and_retirement(client, frozen_clock):
    filed = post_report(client, valid_report()).json_body
    first_token = filed["access_token"]
    _rotate(_add_current_key)
    verified(filed["tracking_id"])  # a step under the new key: its mail carries a new link
    delivery.deliver_due(clock.now())
    [status] = [m for m in sent_to("siti@example.id") if m.subject.startswith("Status")]
    second_token = status.link().split("&token=")[1]
    assert second_token != first_token
    frozen_clock.advance(timedelta(days=31))  # every link signed with k1 has expired
    _rotate(_retire_old_key)
    for token in (first_token, second_token):
        assert _mine(client, filed, token).json_body["view"] == "reporter"


def test_retiring_a_key_breaks_no_action_on_reports_filed_under_it(client, frozen_clock):
    filed = post_report(client, valid_report()).json_body
    _rotate(_add_current_key)
    frozen_clock.advance(timedelta(days=31))
    _rotate(_retire_old_key)
    routed = verified(filed["tracking_id"])
    assert routed == filed["tracking_id"]
    mine = {"X-Access-Token": filed["access_token"]}
    answer = act(client, filed["tracking_id"], mine, action="set_privacy", confidential=True)
    assert answer.status_code == 200


def test_the_sweep_still_escalates_and_mails_after_a_retirement(client, frozen_clock):
    filed = post_report(client, valid_report()).json_body  # due Wednesday 2 December
    _rotate(_add_current_key)
    frozen_clock.advance(timedelta(days=31))
    _rotate(_retire_old_key)
    clear()
    result = run_sweep(clock.now())
    # A month late: levels 1, 2 and 3 all owed; the reminder and the escalation digests go.
    assert (result.failed, dict(result.escalations), result.digests) == (0, {1: 1, 2: 1, 3: 1}, 2)
    delivery.deliver_due(clock.now())
    assert any("Pengingat" in m.subject for m in sent_to("admin@lapor.example"))
    assert filed["tracking_id"]


def test_a_new_agency_link_works_after_the_old_key_is_retired(client, frozen_clock):
    from chalicelib.services.links import coordinator_link

    filed = post_report(client, valid_report()).json_body
    verified(filed["tracking_id"])
    _rotate(_add_current_key)
    frozen_clock.advance(timedelta(days=31))
    _rotate(_retire_old_key)
    link = agency_header(coordinator_link(filed["tracking_id"], "pemkab-sleman", clock.now()))
    view = client.http.get(f"/api/reports/{filed['tracking_id']}", headers=link)
    assert view.json_body["view"] == "agency"
