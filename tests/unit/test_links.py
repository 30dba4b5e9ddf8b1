import base64
import json
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.auth.errors import AuthError
from chalicelib.auth.links import AgencyLink, LinkKeys, sign_link, verify_link

NOW = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)
KEYS = LinkKeys(current="k1", keys={"k1": b"k" * 32})
LINK = AgencyLink(
    agency="pemkab-sleman",
    tracking_id="7KQ2M-XD4PA",
    actions=frozenset({"follow_up", "forward"}),
    expires_at=int((NOW + timedelta(days=30)).timestamp()),
)


def test_a_signed_link_verifies_to_what_was_signed():
    assert verify_link(sign_link(LINK, KEYS), KEYS, NOW) == LINK


def test_a_link_with_a_changed_payload_is_refused():
    version, kid, body, signature = sign_link(LINK, KEYS).split(".")
    payload = json.loads(base64.urlsafe_b64decode(body + "=="))
    payload["a"] = "pemkot-makassar"
    forged = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    with pytest.raises(AuthError) as refused:
        verify_link(f"{version}.{kid}.{forged}.{signature}", KEYS, NOW)
    assert (refused.value.status, refused.value.code) == (401, "link_invalid")


def test_a_link_signed_with_another_key_is_refused():
    other = LinkKeys(current="k1", keys={"k1": b"x" * 32})
    with pytest.raises(AuthError, match="link_invalid"):
        verify_link(sign_link(LINK, other), KEYS, NOW)


@pytest.mark.parametrize("token", ["", "nonsense", "v1.k1.abc", "v2.k1.abc.def", "v1.k9.abc.def"])
def test_malformed_tokens_are_refused(token):
    with pytest.raises(AuthError, match="link_invalid"):
        verify_link(token, KEYS, NOW)


def test_an_expired_link_is_refused_as_expired():
    token = sign_link(LINK, KEYS)
    with pytest.raises(AuthError) as refused:
        verify_link(token, KEYS, NOW + timedelta(days=31))
    assert refused.value.code == "link_expired"


def test_after_rotation_old_links_still_verify_and_new_ones_use_the_new_key():
    old_token = sign_link(LINK, KEYS)
    rotated = LinkKeys(current="k2", keys={"k1": b"k" * 32, "k2": b"n" * 32})
    assert verify_link(old_token, rotated, NOW) == LINK
    assert sign_link(LINK, rotated).split(".")[1] == "k2"


def test_retiring_a_key_retires_its_links():
    retired = LinkKeys(current="k2", keys={"k2": b"n" * 32})
    with pytest.raises(AuthError, match="link_invalid"):
        verify_link(sign_link(LINK, KEYS), retired, NOW)


def test_a_desk_link_covers_every_report_and_a_report_link_only_its_own():
    desk = AgencyLink(agency="pemkab-sleman", actions=frozenset(), expires_at=0)
    assert desk.covers("ANY00-00000")
    assert LINK.covers("7KQ2M-XD4PA") and not LINK.covers("OTHER-00000")
