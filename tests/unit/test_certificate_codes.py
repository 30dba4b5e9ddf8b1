"""Certificate codes: readable, unbiased, and checked however they are typed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.certificates import CODE_ALPHABET, new_code, normalize_code

random_bytes = st.binary(min_size=24, max_size=24)


@given(random_bytes)
def test_a_new_code_is_lpr_and_three_groups_of_four_unambiguous_characters(data):
    code = new_code(data)
    prefix, *groups = code.split("-")
    assert prefix == "LPR" and [len(g) for g in groups] == [4, 4, 4]
    assert all(c in CODE_ALPHABET for c in "".join(groups))
    assert not set("0O1IL") & set("".join(groups))


@given(random_bytes, st.sampled_from([str.lower, str.upper]), st.sampled_from(["-", " ", ""]))
def test_a_code_typed_in_any_case_and_spacing_reads_back_as_itself(data, case, separator):
    code = new_code(data)
    typed = case(code.replace("-", separator))
    assert normalize_code(typed) == code
    assert normalize_code(typed.removeprefix(case("LPR"))) == code


def test_bytes_past_the_alphabets_last_whole_multiple_are_skipped_not_folded():
    # 31 characters: 248–255 would favour the first eight if they were taken modulo.
    assert new_code(bytes([250] * 12 + list(range(12)))) == "LPR-2345-6789-ABCD"


def test_too_few_usable_random_bytes_is_an_error_not_a_short_code():
    with pytest.raises(ValueError):
        new_code(bytes([255] * 24))


@pytest.mark.parametrize("typed", ["", "LPR", "LPR-0000-0000-0000", "LPR-2345-6789-ABC",
                                   "LPR-2345-6789-ABCDE", "XYZ-2345-6789-ABCD"])  # fmt: skip
def test_what_cannot_be_a_code_is_none(typed):
    assert normalize_code(typed) is None
