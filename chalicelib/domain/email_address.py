"""Reporters' email addresses, normalized as email-validator normalizes them.

Nearly every address is plain ASCII: a dot-atom before the @, letter-digit-hyphen labels and an
alphabetic top-level domain after it. Those are checked here; everything else (international
addresses, quoted parts, punycode, oddities) goes to email-validator, which decides. Its import
compiles about 13 ms of regular expressions, so a cold start pays that only for the rare address.
The two agree on every input (tests/unit/test_email_address.py compares them).
"""

from __future__ import annotations

import re

_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PLAIN_ADDRESS = re.compile(
    rf"(?P<local>{_ATEXT}(?:\.{_ATEXT})*)@(?P<domain>(?:{_LABEL}\.)+[A-Za-z]{{2,63}})"
)
# RFC 6761 and friends: names that never receive mail (email-validator's own list).
SPECIAL_USE_DOMAINS = ("arpa", "invalid", "local", "localhost", "onion", "test")
_MAX_LOCAL_PART = 64
_MAX_ADDRESS = 254


class InvalidEmail(ValueError):
    pass


def normalize_email(value: str) -> str:
    """The address with its domain in lower case; `InvalidEmail` when it cannot receive mail."""
    plain = _PLAIN_ADDRESS.fullmatch(value)
    if plain and _is_plain(plain["local"], plain["domain"].lower(), value):
        return f"{plain['local']}@{plain['domain'].lower()}"
    return _library_normalized(value)


def _is_plain(local: str, domain: str, address: str) -> bool:
    return (
        len(local) <= _MAX_LOCAL_PART
        and len(address) <= _MAX_ADDRESS
        and "--" not in domain  # punycode ("xn--") and its look-alikes: the library checks them
        and not any(domain.endswith("." + name) for name in SPECIAL_USE_DOMAINS)
    )


def _library_normalized(value: str) -> str:
    from email_validator import EmailNotValidError, validate_email  # noqa: PLC0415 - see above

    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise InvalidEmail(str(error)) from error
