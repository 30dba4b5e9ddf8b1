"""The reporter's private access token: derived from the current link key, so that every
mail can carry the private link, and only its hash stored.

A rotation of the link keys must never lock a reporter out nor break a mail: on a report's
next step under a new key, a new token is derived for the mails from then on, and the hash of
the one already mailed is kept, so every token a reporter was ever given keeps working."""

from __future__ import annotations

from chalicelib.auth.link_keys import link_keys
from chalicelib.auth.links import citizen_token
from chalicelib.domain.report import Report
from chalicelib.domain.tracking import hash_access_token
from chalicelib.settings import get_settings


def issue_token(report: Report) -> str:
    """A token under the current key; the report keeps its hash (and earlier ones)."""
    keys = link_keys()
    token = citizen_token(report.tracking_id, keys, keys.current)
    if report.access_token_hash and report.token_kid != keys.current:
        report.earlier_token_hashes.append(report.access_token_hash)
    report.access_token_hash = hash_access_token(token)
    report.token_kid = keys.current
    return token


def refresh_token(report: Report) -> None:
    """Move the report onto the current key if a rotation happened since its last step."""
    if report.token_kid != link_keys().current:
        issue_token(report)


def citizen_link(report: Report) -> str:
    """The private tracking link; the report must be on the current key (refresh_token)."""
    keys = link_keys()
    token = citizen_token(report.tracking_id, keys, report.token_kid or keys.current)
    return f"{get_settings().public_base_url}/track.html#id={report.tracking_id}&token={token}"
