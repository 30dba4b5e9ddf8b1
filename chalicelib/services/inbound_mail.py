"""Mail received by SES: a new report to the intake address, or a reply to a mail about a
report (through its signed Reply-To). Nothing received is lost: it is filed (flagged when a
check failed), added to its report, kept as a draft, or answered with a mail that says why
and what to do instead. Automatic mail (auto-replies, bounces, lists) is never answered,
or two robots would write to each other forever."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib import attachments
from chalicelib.auth.link_keys import link_keys
from chalicelib.auth.reply_addresses import (
    ReplyToken,
    agency_desk,
    read_reply_address,
    reporter_desk,
    signed_for,
)
from chalicelib.domain.actions import Action, Actor
from chalicelib.domain.mail_checks import FAIL, MailChecks
from chalicelib.domain.mail_message import InboundMail, MalformedMail, parse_mail
from chalicelib.domain.notices import OFFICIAL_LANGUAGE
from chalicelib.domain.reply_text import only_acknowledges, reply_text
from chalicelib.domain.report import ActorRole, Language, Report, Reporter, ReportType
from chalicelib.domain.text import clean_text
from chalicelib.domain.workflow import Command, allowed_actions
from chalicelib.services import links
from chalicelib.services.intake import Arrival, check_references, submit_report
from chalicelib.services.metrics import count
from chalicelib.services.notifications import report_facts
from chalicelib.services.schemas import ReportIn
from chalicelib.services.workflow import act
from chalicelib.settings import get_settings
from chalicelib.store import reference
from chalicelib.store.drafts import Draft, save_draft
from chalicelib.store.models import OutboxModel
from chalicelib.store.outbox import intent_id, new_intent, save_intent
from chalicelib.store.reports import Attaching, get_report

# A mailed report goes to the admins' verification like any other, in the catch-all category
# (the admin sets the right one), and stays out of the public feed until its reporter, who
# could not choose in a mail, lifts rahasia on their private page.
MAILED_CATEGORY = "topik-lainnya"
MIN_DESCRIPTION = 20
MAX_TITLE = 150
MAX_TEXT = 5000
MAX_FILES = 5


@dataclass(frozen=True)
class _Received:
    message_id: str  # SES's: the same when SES delivers a mail twice
    mail: InboundMail
    checks: MailChecks
    now: datetime


@dataclass(frozen=True)
class Outcome:
    kind: str  # filed, info_provided, note_added, draft, acknowledged, answered, ignored
    tracking_id: str | None = None
    detail: str | None = None  # for "answered": the mail sent back (its kind)


def receive(
    message_id: str,
    raw: bytes,
    checks: MailChecks,
    now: datetime,
    envelope: tuple[str, ...] = (),
) -> Outcome:
    """``envelope``: the recipients SES received it for (a Bcc is in no header)."""
    try:
        mail = parse_mail(raw)
    except MalformedMail:
        # No address to answer: the raw message stays in the inbound bucket for operators.
        count("InboundUnanswerable")
        return Outcome("ignored", detail="unreadable")
    if mail.automatic or mail.sender.endswith("@" + get_settings().mail_domain):
        count("InboundAutomatic")
        return Outcome("ignored", detail="automatic")
    received = _Received(message_id, mail, checks, now)
    domain = get_settings().mail_domain
    recipients = dict.fromkeys(envelope + mail.recipients)
    tokens = [t for t in (read_reply_address(r, domain) for r in recipients) if t]
    if tokens:
        return _reply(received, tokens[0])
    if get_settings().intake_address in recipients:
        return _new_report(received)
    return _answer(received, "inbound.reply_unknown")


# --- a new report ---------------------------------------------------------------------------


def _new_report(received: _Received) -> Outcome:
    mail, now = received.mail, received.now
    text = clean_text(mail.text)[:MAX_TEXT]
    if not text:
        return _answer(received, "inbound.unreadable")
    if len(text) < MIN_DESCRIPTION:
        return _answer(received, "inbound.too_short")
    flags = received.checks.flags()
    owner = f"mail:{_short_hash(received.message_id)}"
    kept, refused = _stored_files(received)
    attachments.hold_for(kept, owner, now)
    if refused:
        flags.append("files_refused")
    title = clean_text(mail.subject) or text.split("\n", 1)[0]
    data = ReportIn(
        type=ReportType.COMPLAINT,
        title=title[:MAX_TITLE].strip(),
        description=text,
        category=MAILED_CATEGORY,
        reporter=Reporter(
            name=clean_text(mail.sender_name)[:100] or mail.sender.split("@")[0],
            email=mail.sender,
        ),
        confidential=True,
        language=Language(mail.language or "id"),
        attachments=tuple(kept),
    )
    check_references(data)
    arrival = Arrival("email", tuple(received.checks.as_list()), tuple(flags))
    filed = submit_report(data, now, Attaching(tuple(kept), owner) if kept else None, arrival)
    count("ReportsByEmail")
    return Outcome("filed", filed["tracking_id"])


def _stored_files(received: _Received) -> tuple[list[str], list[str]]:
    """The files stored beside the uploads (their keys), and the names of those refused:
    wrong type, too big, one too many, or any at all when the virus check failed."""
    kept, refused = [], []
    for file in received.mail.files:
        problem = attachments.file_problem(file.content_type, file.data)
        if problem or received.checks.virus == FAIL or len(kept) == MAX_FILES:
            refused.append(file.filename)
            continue
        kept.append(attachments.store_file(file.filename, file.content_type, file.data))
    return kept, refused


# --- a reply --------------------------------------------------------------------------------


def _reply(received: _Received, token: ReplyToken) -> Outcome:
    mail, checks = received.mail, received.checks
    report = get_report(token.tracking_id)
    if report is None or token.expired(received.now):
        return _answer(received, "inbound.reply_unknown")
    desk = _senders_desk(mail.sender, report, token)
    if desk is None:
        return _answer(received, "inbound.reply_wrong_sender", report)
    reporter = desk == reporter_desk()
    if not (checks.sender_plausible if reporter else checks.sender_proven):
        count("InboundRefused")
        return _answer(received, "inbound.reply_unverified", report)
    text = reply_text(mail.text)[:MAX_TEXT]
    if not text or only_acknowledges(text):
        return Outcome("acknowledged", report.tracking_id)  # a courtesy: nothing changes
    if reporter:
        return _reporter_reply(received, report, text)
    return _desk_reply(received, report, desk, text)


def _senders_desk(sender: str, report: Report, token: ReplyToken) -> str | None:
    """The desk the reply address was issued to, if the sender is that desk."""
    keys = link_keys()
    desks = []
    if report.reporter.email and sender == report.reporter.email.lower():
        desks.append(reporter_desk())
    agency = reference.agencies().get(report.agency or "")
    if agency and sender in {a.lower() for a in agency.emails}:
        desks += [agency_desk(agency.key), agency_desk(agency.key, report.unit)]
    return next((desk for desk in desks if signed_for(token, desk, keys)), None)


def _reporter_reply(received: _Received, report: Report, text: str) -> Outcome:
    """On hold, the reply answers the agency's question; while open, it is a note the desks
    read; once closed, the reporter is told where to go instead."""
    now = received.now
    citizen = Actor(ActorRole.CITIZEN, id="mail")
    allowed = allowed_actions(report, citizen, now)
    if Action.PROVIDE_INFO in allowed:
        act(report, citizen, Command(Action.PROVIDE_INFO, note=text), now)
        return Outcome("info_provided", report.tracking_id)
    if Action.ADD_NOTE in allowed:
        act(report, citizen, Command(Action.ADD_NOTE, internal_note=text), now)
        return Outcome("note_added", report.tracking_id)
    return _answer(received, "inbound.reply_not_now", report)


def _desk_reply(received: _Received, report: Report, desk: str, text: str) -> Outcome:
    """A draft of the desk's answer, and one mail with the link that publishes it."""
    mail, now = received.mail, received.now
    agency = report.agency or ""
    unit = report.unit if desk == agency_desk(agency, report.unit) and report.unit else None
    action = Action.UNIT_REPLY if unit else Action.FOLLOW_UP
    actor = Actor(ActorRole.AGENCY, agency=agency, unit=unit)
    if action not in allowed_actions(report, actor, now):
        return _answer(received, "inbound.reply_not_now", report)
    draft_id = _short_hash(f"draft:{received.message_id}")
    # A follow-up carries the desk's files; a unit's reply to its coordinator has none. They
    # become the desk's uploads when it publishes (an upload is attached within a day).
    kept = _stored_files(received)[0] if not unit else []
    if unit:
        token = links.unit_link(report.tracking_id, agency, unit, now)
    else:
        token = links.coordinator_link(report.tracking_id, agency, now)
    link = f"{links.link_url(token)}&draft={draft_id}"
    confirmation = new_intent(
        intent=intent_id("draft", draft_id, mail.sender),
        kind="agency.draft_ready",
        to=mail.sender,
        language=OFFICIAL_LANGUAGE,
        now=now,
        data=report_facts(report, link, seq=report.event_count, note=text),
        link_url=link,
        tracking_id=report.tracking_id,
    )
    draft = Draft(
        id=draft_id,
        tracking_id=report.tracking_id,
        agency=agency,
        unit=unit,
        action=action.value,
        text=text,
        attachments=tuple(kept),
        sender=mail.sender,
        created_at=now,
        published=False,
    )
    save_draft(draft, confirmation)
    count("DraftsByEmail")
    return Outcome("draft", report.tracking_id, draft_id)


# --- answers --------------------------------------------------------------------------------


def _answer(received: _Received, kind: str, report: Report | None = None) -> Outcome:
    """One mail back to the sender, through the outbox (retried, counted), once per message."""
    mail, now = received.mail, received.now
    settings = get_settings()
    language = _language_for(mail, report)
    data: dict[str, Any] = {"intake_address": settings.intake_address, "subject": mail.subject}
    if report is not None:
        data |= report_facts(report, None, seq=report.event_count, note=None)
    item: OutboxModel = new_intent(
        intent=intent_id("inbound", received.message_id, kind, mail.sender),
        kind=kind,
        to=mail.sender,
        language=language,
        now=now,
        data=data,
        link_url=settings.public_base_url,
        tracking_id=report.tracking_id if report else None,
    )
    save_intent(item)
    count("InboundAnswered")
    return Outcome("answered", report.tracking_id if report else None, kind)


def _language_for(mail: InboundMail, report: Report | None) -> str:
    if report is not None and report.reporter.email == mail.sender:
        return report.language.value
    return mail.language or OFFICIAL_LANGUAGE


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:24]
