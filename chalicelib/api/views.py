"""Response shapes, one per audience. The public never sees the reporter's identity or
internal notes; an agency never sees an anonymous reporter's identity; admins see all."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from chalicelib.domain.actions import Action
from chalicelib.domain.report import Event, Report, ReportSummary, overdue
from chalicelib.i18n import translate
from chalicelib.store import reference


class Audience(Enum):
    PUBLIC = "public"
    REPORTER = "reporter"
    AGENCY = "agency"
    ADMIN = "admin"


def _labelled(kind: str, key: str | None, language: str) -> dict[str, str] | None:
    if key is None:
        return None
    items = reference.categories() if kind == "category" else reference.agencies()
    item = items.get(key)
    return {"key": key, "label": item.labels.get(language, key) if item else key}


def _desk_zone(report: Report | ReportSummary) -> ZoneInfo:
    """Deadlines are shown in the time zone of the desk that must meet them."""
    return ZoneInfo(reference.desk_timezone(report.agency))


def _local(instant: datetime | None, zone: ZoneInfo) -> str | None:
    return instant.astimezone(zone).isoformat() if instant else None


def report_summary(report: Report | ReportSummary, language: str) -> dict[str, Any]:
    zone = _desk_zone(report)
    return {
        "tracking_id": report.tracking_id,
        "type": report.type.value,
        "type_label": translate(f"type.{report.type.value}", language),
        "status": report.status.value,
        "status_label": translate(f"status.{report.status.value}", language),
        "title": report.title,
        "category": _labelled("category", report.category, language),
        "agency": _labelled("agency", report.agency, language),
        "created_at": report.created_at.isoformat(),
        "stage_due_at": _local(report.stage_due_at, zone),
    }


def report_view(
    report: Report,
    events: list[Event],
    language: str,
    audience: Audience = Audience.PUBLIC,
    allowed: list[Action] | None = None,
    *,
    now: datetime,
) -> dict[str, Any]:
    zone = _desk_zone(report)
    internal = audience in {Audience.AGENCY, Audience.ADMIN}
    view: dict[str, Any] = {
        **report_summary(report, language),
        "view": audience.value,
        "description": report.description,
        "location": report.location,
        "latitude": report.latitude,
        "longitude": report.longitude,
        "incident_date": report.incident_date.isoformat() if report.incident_date else None,
        "anonymous": report.anonymous,
        "confidential": report.confidential,
        "on_hold": report.on_hold,
        "overdue": overdue(report.stage_due_at, report.on_hold, now),
        "escalation_level": report.escalation_level,
        "updated_at": report.updated_at.isoformat(),
        "outcome": report.outcome,
        "rating": report.rating,
        "timeline": [
            _event(e, language, zone, internal=internal, reporter=audience is Audience.REPORTER)
            for e in events
        ],
    }
    view["attachment_count"] = len(report.attachments) + len(report.reply_attachments)
    if audience is not Audience.PUBLIC:
        view["allowed_actions"] = [a.value for a in allowed or []]
        view["attachments"] = _attachments(report.attachments)
        view["reply_attachments"] = _attachments(report.reply_attachments)
    if internal:
        view |= {
            "stage": report.stage,
            "unit": report.unit,
            "extension_tier": report.extension_tier,
            "reopen_count": report.reopen_count,
            "copies_to": [_labelled("agency", key, language) for key in report.copies_to],
        }
    view["reporter"] = _reporter(report, audience)
    if audience is Audience.ADMIN:
        view |= {
            "returned_by": _labelled("agency", report.returned_by, language),
            "archive_reason": report.archive_reason,
        }
    if audience in {Audience.ADMIN, Audience.REPORTER}:
        # The reporter's own choice of agency: theirs to see, and the admin's to start from.
        view["proposed_agency"] = _labelled("agency", report.proposed_agency, language)
        view["duplicate_of"] = report.duplicate_of
    if audience is Audience.ADMIN:
        # Messages the reporter could not be sent (no email address): the admins follow up.
        view["undelivered"] = [_undelivered(entry) for entry in report.undelivered]
        # A mailed report: how it came in and what to check before verifying it.
        view |= {
            "channel": report.channel,
            "mail_verdicts": report.mail_verdicts,
            "intake_flags": report.intake_flags,
        }
    if audience is Audience.REPORTER:
        view["language"] = report.language.value
    if view["reporter"] is None:
        del view["reporter"]
    return view


def _undelivered(entry: str) -> dict[str, Any]:
    """Which message (``kind``) after which timeline event (``seq``) could not be sent."""
    seq, _, kind = entry.partition(":")
    return {"seq": int(seq), "kind": kind}


def _attachments(keys: list[str]) -> list[dict[str, str]]:
    """Short-lived download links; attachments are not public, as they may show people."""
    if not keys:
        return []
    from chalicelib.attachments import download_url  # noqa: PLC0415 - S3 only when needed

    return [{"name": key.rsplit("/", 1)[-1], "url": download_url(key)} for key in keys]


def _reporter(report: Report, audience: Audience) -> dict[str, Any] | None:
    person = report.reporter
    if audience in {Audience.ADMIN, Audience.REPORTER}:
        return {"name": person.name, "email": person.email, "phone": person.phone}
    if audience is Audience.AGENCY and not report.anonymous:
        # The agency learns who reported, not how to reach them: contact goes through Lapor.
        return {"name": person.name}
    return None


def _action_key(event: Event) -> str:
    """Each escalation says what its level means (a reminder, the agency's head, the
    Ombudsman); one recorded before levels were kept says only that it escalated."""
    if event.escalation_level is not None:
        return f"action.{event.action}.{event.escalation_level}"
    return f"action.{event.action}"


def _event(
    event: Event, language: str, zone: ZoneInfo, *, internal: bool, reporter: bool = False
) -> dict[str, Any]:
    shown: dict[str, Any] = {
        "seq": event.seq,
        "at": event.at.isoformat(),
        "action": event.action,
        "action_label": translate(_action_key(event), language),
        "actor_role": event.actor_role.value,
        "status": event.to_status.value,
        "status_label": translate(f"status.{event.to_status.value}", language),
        "note": event.public_note,
        "due_at": _local(event.due_at, zone),
    }
    if internal:
        shown["from_status"] = event.from_status.value if event.from_status else None
        shown["actor_id"] = event.actor_id
        shown["internal_note"] = event.internal_note
    elif reporter and event.action == "add_note":
        shown["internal_note"] = event.internal_note  # the reporter's own words, to them
    return shown
