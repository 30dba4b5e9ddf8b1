"""Issuing the signed links that agencies act from."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from chalicelib.auth.link_keys import link_keys
from chalicelib.auth.links import AgencyLink, sign_link
from chalicelib.auth.reply_addresses import reply_address as sign_reply_address
from chalicelib.domain.actions import AGENCY_ACTIONS, Action
from chalicelib.settings import get_settings

COORDINATOR_ACTIONS = frozenset(a.value for a in AGENCY_ACTIONS - {Action.UNIT_REPLY})
UNIT_ACTIONS = frozenset({Action.UNIT_REPLY.value})


def reply_address(tracking_id: str, desk: str, now: datetime) -> str:
    """The Reply-To of a mail about the report to ``desk``, valid as long as its links."""
    settings = get_settings()
    expires = now + timedelta(days=settings.link_ttl_days)
    return sign_reply_address(tracking_id, desk, expires, link_keys(), settings.mail_domain)


def link_url(token: str) -> str:
    # In the fragment: never sent to a server, so never in an access log.
    return f"{get_settings().public_base_url}/agency.html#token={token}"


def admin_url(tracking_id: str) -> str:
    """The national admins' desk, opened on one report once signed in."""
    return f"{get_settings().public_base_url}/admin.html#id={tracking_id}"


def issue_link(
    agency: str,
    now: datetime,
    *,
    tracking_id: str | None = None,
    unit: str | None = None,
    actions: Iterable[str] = (),
) -> str:
    settings = get_settings()
    link = AgencyLink(
        agency=agency,
        tracking_id=tracking_id,
        unit=unit,
        actions=frozenset(actions),
        expires_at=int((now + timedelta(days=settings.link_ttl_days)).timestamp()),
    )
    return sign_link(link, link_keys())


def coordinator_link(tracking_id: str, agency: str, now: datetime) -> str:
    return issue_link(agency, now, tracking_id=tracking_id, actions=COORDINATOR_ACTIONS)


def unit_link(tracking_id: str, agency: str, unit: str, now: datetime) -> str:
    return issue_link(agency, now, tracking_id=tracking_id, unit=unit, actions=UNIT_ACTIONS)


def desk_link(agency: str, now: datetime) -> str:
    """The agency's whole desk: read its inbox and its reports, act on none."""
    return issue_link(agency, now)
