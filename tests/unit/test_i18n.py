import json
from pathlib import Path

import pytest

from chalicelib.i18n import negotiate_language, translate


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "id"),
        ("", "id"),
        ("en", "en"),
        ("en-US,en;q=0.9", "en"),
        ("id-ID,id;q=0.9,en;q=0.8", "id"),
        ("fr-FR,en;q=0.5", "en"),
        ("de", "id"),
        ("en;q=0.2,id;q=0.8", "id"),
        ("en;q=0", "id"),
    ],
)
def test_the_callers_language_is_negotiated_from_accept_language(header, language):
    assert negotiate_language(header) == language


def test_both_catalogs_have_exactly_the_same_keys():
    folder = Path("chalicelib/i18n")
    indonesian = json.loads((folder / "id.json").read_text())
    english = json.loads((folder / "en.json").read_text())
    assert indonesian.keys() == english.keys()


def test_messages_take_their_parameters():
    assert translate("field.string_too_long", "en", max_length=150) == "At most 150 character(s)."
    assert translate("field.string_too_long", "id", max_length=150) == "Maksimal 150 karakter."
