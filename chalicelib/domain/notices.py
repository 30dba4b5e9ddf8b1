"""Who must be told what after each step (pure: the service turns these into emails).

Agency notices never carry the reporter's identity: what an agency learns of the reporter it
reads on its link's page, which hides an anonymous reporter."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from chalicelib.domain.report import Event, Report, Status


@dataclass(frozen=True)
class Contacts:
    """Where each desk's mail goes."""

    agency_desks: Mapping[str, tuple[str, ...]]  # agency key → its complaint desk addresses
    agency_heads: Mapping[str, str]  # agency key → its coordinator / head
    admins: tuple[str, ...]  # the national admins


@dataclass(frozen=True)
class Notice:
    kind: str  # the message: its texts are "mail.<kind>.*" in the catalogs
    to: str | None  # None: a reporter who left no address we can write to
    language: str
    # "citizen", "coordinator", "unit", "copy" or "admin": made later
    link: str | None = None
    agency: str | None = None  # whose link, when not the handling agency's (copies)
    channel: str = "email"  # or "sms": a reporter who gave a phone number and no email

    @property
    def digest(self) -> bool:
        """Escalations are gathered into one mail per recipient per sweep."""
        return self.kind.startswith("digest.")


def reporter_contact(report: Report) -> tuple[str | None, str]:
    """Where a reporter is told things: their email, else their phone by SMS, else nowhere."""
    if report.reporter.email:
        return report.reporter.email, "email"
    if report.reporter.phone:
        return report.reporter.phone, "sms"
    return None, "email"


# Mail to the government side is in Indonesian; the citizen gets the report's language.
OFFICIAL_LANGUAGE = "id"


# What the reporter is told after each step that always tells them, and what the desk is.
_TO_CITIZEN = {
    "verify": "citizen.status",
    "reroute": "citizen.status",
    "archive": "citizen.status",
    "not_our_authority": "citizen.status",
    "request_extension": "citizen.status",
    "set_privacy": "citizen.privacy_changed",
    "follow_up": "citizen.followed_up",
    "hold": "citizen.info_requested",
    "end_hold": "citizen.hold_ended",
}
_TO_DESK = {  # kind, and which link the desk gets with it
    "forward": ("agency.forwarded", "unit"),
    "unit_reply": ("agency.unit_replied", "coordinator"),
    "provide_info": ("agency.info_provided", "coordinator"),
    "end_hold": ("agency.hold_ended", "coordinator"),
}


def plan_notices(
    before: Report | None, after: Report, event: Event, contacts: Contacts
) -> list[Notice]:
    notices: list[Notice] = []
    citizen, channel = reporter_contact(after)
    desk = list(contacts.agency_desks.get(after.agency or "", ()))

    def to_citizen(kind: str, link: str | None = "citizen") -> None:
        # Planned even without an address: the service records what could not be delivered.
        notices.append(Notice(kind, citizen, after.language.value, link, channel=channel))

    def to_all(kind: str, addresses: list[str], link: str | None) -> None:
        notices.extend(Notice(kind, to, OFFICIAL_LANGUAGE, link) for to in addresses)

    action = event.action
    if before is None:
        fast_track = after.status is Status.DISPOSITIONED
        to_citizen("citizen.receipt_fast_track" if fast_track else "citizen.receipt")
        if "files_refused" in after.intake_flags:  # a mailed report: what it could not keep
            to_citizen("citizen.files_refused")
    if action == "archive" and after.duplicate_of:
        to_citizen("citizen.duplicate")  # names the original the reporter can follow instead
    elif action in _TO_CITIZEN:
        to_citizen(_TO_CITIZEN[action])
    if action in _TO_DESK:
        kind, link = _TO_DESK[action]
        to_all(kind, desk, link)
    if after.status is Status.DISPOSITIONED and (
        before is None or before.status is Status.SUBMITTED
    ):
        notices += _routing_notices(after, contacts, desk)
    match action:
        case "not_our_authority":
            to_all("admin.returned", list(contacts.admins), None)
        case "respond" if after.status is Status.DISPOSITIONED:
            to_all("agency.reopened", desk, "coordinator")
            to_citizen("citizen.status")
        case "respond" | "auto_close" if after.status is Status.COMPLETED:
            to_citizen("citizen.completed")
        case "escalate":
            notices += _escalation_notices(after, contacts, desk)
        case "reroute":  # the new desk gets the report as if routed to it first
            notices += _routing_notices(after, contacts, desk)
        case "send_link":
            to_all("agency.routed", desk, "coordinator")
    return notices


def _routing_notices(report: Report, contacts: Contacts, desk: list[str]) -> list[Notice]:
    """The agency's desk gets the report and its link; supervising bodies get a copy."""
    notices = [Notice("agency.routed", to, OFFICIAL_LANGUAGE, "coordinator") for to in desk]
    for body in report.copies_to:
        notices += [
            Notice("agency.copy", to, OFFICIAL_LANGUAGE, "copy", agency=body)
            for to in contacts.agency_desks.get(body, ())
        ]
    return notices


def _escalation_notices(report: Report, contacts: Contacts, desk: list[str]) -> list[Notice]:
    """Level 1 reminds the desk that owes the report; level 2 goes to the agency's head and
    the national admins; level 3 flags it for referral to the Ombudsman."""
    level = report.escalation_level
    national = report.status is Status.SUBMITTED
    owners = list(contacts.admins) if national else desk
    if level == 1:
        addresses = owners
        kind = "digest.reminder"
    elif level == 2:
        head = [] if national else [contacts.agency_heads.get(report.agency or "", "")]
        addresses = [a for a in head if a] + list(contacts.admins)
        kind = "digest.escalation"
    else:
        addresses = list(contacts.admins)
        kind = "digest.ombudsman"
    # Every line opens its own report where it can be acted on: the desk's link to the report,
    # or the admins' desk opened on it.
    notices = [
        Notice(kind, to, OFFICIAL_LANGUAGE, "coordinator" if to in desk else "admin")
        for to in dict.fromkeys(addresses)
    ]
    if level == 3:
        # UU 25/2009: the citizen may take an unanswered complaint to the Ombudsman.
        citizen, channel = reporter_contact(report)
        notices.append(
            Notice("citizen.ombudsman", citizen, report.language.value, "citizen", channel=channel)
        )
    return notices
