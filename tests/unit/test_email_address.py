"""The plain-address shortcut agrees with email-validator on every input, and spares its import."""

import subprocess
import sys
from pathlib import Path

import email_validator
import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chalicelib.domain.email_address import SPECIAL_USE_DOMAINS, InvalidEmail, normalize_email

ROOT = Path(__file__).resolve().parents[2]


def library_verdict(address: str) -> str | None:
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def our_verdict(address: str) -> str | None:
    try:
        return normalize_email(address)
    except InvalidEmail:
        return None


# Addresses built from the pieces where the two could disagree: dots, hyphens, "xn--", special
# names, upper case, non-ASCII letters, quotes, long labels.
_piece = st.sampled_from(
    ["a", "Z", "9", ".", "-", "--", "xn--", "_", "+", "'", '"', " ", "ü", "é", "я", "@", "a" * 64]
)
_part = st.lists(_piece, min_size=0, max_size=8).map("".join)
_top = st.sampled_from(
    ["id", "ID", "co", "c0m", "12", "test", "local", "arpa", "x", "onion", "ру", ""]
)
addresses = st.builds(lambda local, domain, top: f"{local}@{domain}.{top}", _part, _part, _top)


@settings(max_examples=600)
@given(st.one_of(addresses, st.text(max_size=40)))
@example("Siti.Aminah+lapor@Mail.Example.CO.ID")
@example("a..b@example.id")
@example("a@x.test")
@example("a@b.x.local")
@example("a@xn--zz.com")
@example("budi@bücher.de")
@example('"a b"@example.id')
@example("a@x-.id")
@example("a@example.12")
@example("a" * 65 + "@example.id")
@example("a@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 63 + "." + "e" * 60 + ".id")
def test_every_address_gets_the_libraries_verdict(address: str) -> None:
    assert our_verdict(address) == library_verdict(address)


def test_the_special_use_names_are_the_libraries_own() -> None:
    assert sorted(SPECIAL_USE_DOMAINS) == sorted(email_validator.SPECIAL_USE_DOMAIN_NAMES)


def test_a_domain_is_lower_cased_and_the_local_part_kept() -> None:
    assert normalize_email("Siti.Aminah@Mail.Example.ID") == "Siti.Aminah@mail.example.id"


def test_an_address_that_cannot_receive_mail_is_refused() -> None:
    with pytest.raises(InvalidEmail):
        normalize_email("siti@example")


@pytest.mark.parametrize(
    ("address", "loads_library"),
    [("siti@example.id", False), ("budi@bücher.de", True)],
)
def test_only_an_unusual_address_loads_the_library(address: str, loads_library: bool) -> None:
    probe = (
        "import sys\nfrom chalicelib.domain.email_address import normalize_email\n"
        f"normalize_email({address!r})\nprint('email_validator' in sys.modules)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    assert loaded == str(loads_library)
