"""Signed reply addresses: they name the report, prove the desk, expire, and survive the
lower-casing some mail systems apply."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from chalicelib.auth.links import LinkKeys
from chalicelib.auth.reply_addresses import (
    agency_desk,
    read_reply_address,
    reply_address,
    reporter_desk,
    signed_for,
)

KEYS = LinkKeys(current="k2", keys={"k1": b"old key", "k2": b"current key"})
NOW = datetime(2026, 11, 28, 3, tzinfo=UTC)
DESK = agency_desk("pemkab-sleman")


def _address(desk: str = DESK, keys: LinkKeys = KEYS) -> str:
    return reply_address("7KQ2M-XD4PX", desk, NOW + timedelta(days=30), keys, "lapor.example")


def test_a_reply_address_names_its_report_and_proves_its_desk():
    token = read_reply_address(_address(), "lapor.example")
    assert token is not None and token.tracking_id == "7KQ2M-XD4PX"
    assert signed_for(token, DESK, KEYS)
    assert not signed_for(token, reporter_desk(), KEYS)
    assert not signed_for(token, agency_desk("pemkab-sleman", "dinas-pu"), KEYS)


def test_a_reply_address_fits_in_a_local_part_and_survives_lower_casing():
    address = _address()
    assert len(address.split("@")[0]) <= 64 and address == address.lower()
    assert read_reply_address(address.upper(), "LAPOR.EXAMPLE") is not None


def test_a_reply_address_expires_after_its_day():
    token = read_reply_address(_address(), "lapor.example")
    assert not token.expired(NOW + timedelta(days=30))
    assert token.expired(NOW + timedelta(days=31, hours=1))


def test_an_address_signed_with_a_rotated_key_still_holds_while_the_key_is_kept():
    old = read_reply_address(_address(keys=LinkKeys("k1", KEYS.keys)), "lapor.example")
    assert signed_for(old, DESK, KEYS)
    assert not signed_for(old, DESK, LinkKeys("k2", {"k2": b"current key"}))


def test_other_domains_and_other_addresses_are_not_reply_addresses():
    local = _address().split("@")[0]
    assert read_reply_address(f"{local}@elsewhere.example", "lapor.example") is None
    assert read_reply_address("lapor@lapor.example", "lapor.example") is None


@given(position=st.integers(min_value=6, max_value=45), replacement=st.sampled_from("0a7z."))
def test_any_change_to_the_token_breaks_it(position, replacement):
    address = _address()
    local, domain = address.split("@")
    position %= len(local)
    if local[position] == replacement or position < len("balas+"):
        return
    changed = f"{local[:position]}{replacement}{local[position + 1 :]}@{domain}"
    token = read_reply_address(changed, "lapor.example")
    assert token is None or not signed_for(token, DESK, KEYS)
