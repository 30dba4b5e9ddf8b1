"""Turning a step of the workflow into mail intents for the outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chalicelib.auth.reply_addresses import agency_desk, reporter_desk
from chalicelib.domain.notices import Contacts, Notice, plan_notices
from chalicelib.domain.report import Event, Report
from chalicelib.services import links
from chalicelib.services.citizen_tokens import citizen_link, refresh_token
from chalicelib.services.metrics import count
from chalicelib.settings import get_settings
from chalicelib.store import reference
from chalicelib.store.models import OutboxModel
from chalicelib.store.outbox import intent_id, new_intent


def contacts() -> Contacts:
    agencies = reference.agencies()
    return Contacts(
        agency_desks={key: a.emails for key, a in agencies.items()},
        agency_heads={
            key: a.coordinator_email for key, a in agencies.items() if a.coordinator_email
        },
        admins=get_settings().admin_emails,
    )


def intents_for(
    before: Report | None, after: Report, event: Event, now: datetime
) -> list[OutboxModel]:
    """The mail (and SMS) a step calls for. It may change ``after``, which is saved with them:
    the reporter's token follows a key rotation, and a message for a reporter who left neither
    email nor phone is recorded on the report for the admins instead of being dropped."""
    refresh_token(after)
    intents = []
    for notice in plan_notices(before, after, event, contacts()):
        if notice.to is None:
            after.undelivered.append(f"{event.seq}:{notice.kind}")
            count("ReporterUnreachable")
            continue
        intents.append(_intent(notice, notice.to, after, event, now))
    return intents


def _link(notice: Notice, report: Report, now: datetime) -> str | None:
    agency = report.agency or ""
    match notice.link:
        case "citizen":
            return citizen_link(report)
        case "coordinator":
            return links.link_url(links.coordinator_link(report.tracking_id, agency, now))
        case "unit" if report.unit:
            token = links.unit_link(report.tracking_id, agency, report.unit, now)
            return links.link_url(token)
        case "copy" if notice.agency:
            token = links.issue_link(notice.agency, now, tracking_id=report.tracking_id)
            return links.link_url(token)
        case "admin":
            return links.admin_url(report.tracking_id)
    return None


def _intent(notice: Notice, to: str, report: Report, event: Event, now: datetime) -> OutboxModel:
    link = _link(notice, report, now)
    return new_intent(
        intent=intent_id(report.tracking_id, event.seq, notice.kind, to),
        kind=notice.kind,
        to=to,
        language=notice.language,
        now=now,
        data=report_facts(report, link, seq=event.seq, note=event.public_note),
        link_url=link,
        tracking_id=report.tracking_id,
        line=notice.digest,
        channel=notice.channel,
        reply_to=_reply_to(notice, report, now),
    )


def _reply_to(notice: Notice, report: Report, now: datetime) -> str | None:
    """Mail to the reporter or to the desk handling the report can be answered by replying."""
    if notice.channel != "email" or notice.digest:
        return None
    match notice.link:
        case "citizen":
            return links.reply_address(report.tracking_id, reporter_desk(), now)
        case "coordinator" if report.agency:
            return links.reply_address(report.tracking_id, agency_desk(report.agency), now)
        case "unit" if report.agency and report.unit:
            desk = agency_desk(report.agency, report.unit)
            return links.reply_address(report.tracking_id, desk, now)
    return None


def report_facts(report: Report, link: str | None, *, seq: int, note: str | None) -> dict[str, Any]:
    """What a mail may say about the report: never the reporter's identity."""
    due = report.stage_due_at
    tz = reference.desk_timezone(report.agency)
    return {
        "tracking_id": report.tracking_id,
        "seq": seq,
        "title": report.title,
        "status": report.status.value,
        "category": report.category,
        "agency": report.agency,
        "unit": report.unit,
        "due_at": due.astimezone(ZoneInfo(tz)).isoformat() if due else None,
        "note": note,
        "level": report.escalation_level,
        "reopen_count": report.reopen_count,
        "anonymous": report.anonymous,
        "confidential": report.confidential,
        "duplicate_of": report.duplicate_of,
        "link": link,
    }
