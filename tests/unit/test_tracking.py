import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.tracking import (
    ALPHABET,
    RANDOM_CHARS,
    InvalidTrackingId,
    access_token_matches,
    check_character,
    hash_access_token,
    new_tracking_id,
    normalize_tracking_id,
)


def test_ten_thousand_generated_ids_are_unique():
    ids = {new_tracking_id() for _ in range(10_000)}
    assert len(ids) == 10_000


def test_a_generated_id_is_two_groups_of_five_and_passes_its_own_check():
    tracking_id = new_tracking_id()
    assert len(tracking_id) == 11 and tracking_id[5] == "-"
    assert normalize_tracking_id(tracking_id) == tracking_id


def test_every_single_character_typo_is_caught_by_the_check_character():
    tracking_id = new_tracking_id()
    compact = tracking_id.replace("-", "")
    for position, original in enumerate(compact):
        for replacement in ALPHABET:
            if replacement == original:
                continue
            typo = compact[:position] + replacement + compact[position + 1 :]
            with pytest.raises(InvalidTrackingId):
                normalize_tracking_id(typo)


def test_lookups_ignore_case_spacing_and_hyphens():
    tracking_id = new_tracking_id()
    assert normalize_tracking_id(tracking_id.lower()) == tracking_id
    assert normalize_tracking_id(" " + tracking_id.replace("-", " ") + " ") == tracking_id


def test_easily_misread_letters_are_read_as_digits():
    # Find an id containing 0 or 1 and type it with O / I / L instead.
    while True:
        tracking_id = new_tracking_id()
        if "0" in tracking_id or "1" in tracking_id:
            break
    typed = tracking_id.replace("0", "o").replace("1", "l")
    assert normalize_tracking_id(typed) == tracking_id


@pytest.mark.parametrize("text", ["", "ABCDE", "ABCDE-FGHJKM", "ABCDE-FGH!K", "ÄBCDE-FGHJK"])
def test_text_of_the_wrong_shape_is_not_a_tracking_id(text):
    with pytest.raises(InvalidTrackingId):
        normalize_tracking_id(text)


def test_only_the_hash_of_an_access_token_is_needed_to_check_it():
    token = "h3Jq9sKxY2mPzQ7vLw4tNc8bRf1dGe6A"
    stored = hash_access_token(token)
    assert token not in stored
    assert access_token_matches(token, [stored])
    assert not access_token_matches(token + "x", [stored])
    assert not access_token_matches(None, [stored])


@settings(max_examples=300)
@given(st.text(alphabet=ALPHABET, min_size=RANDOM_CHARS, max_size=RANDOM_CHARS))
def test_the_check_character_is_python_stdnum_luhn_mod_32_so_issued_ids_stay_valid(body):
    # Ids issued while python-stdnum computed the check must keep passing it.
    from stdnum import luhn

    assert check_character(body) == luhn.calc_check_digit(body, alphabet=ALPHABET)
    assert luhn.is_valid(body + check_character(body), alphabet=ALPHABET)
