"""Response shapes. The public view never carries the reporter's identity or internal notes."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chalicelib.domain.report import Event, Report
from chalicelib.i18n import translate
from chalicelib.settings import get_settings
from chalicelib.store import reference


def _labelled(kind: str, key: str | None, language: str) -> dict[str, str] | None:
    if key is None:
        return None
    items = reference.categories() if kind == "category" else reference.agencies()
    item = items.get(key)
    return {"key": key, "label": item.labels.get(language, key) if item else key}


def _desk_zone(report: Report) -> ZoneInfo:
    """Deadlines are shown in the time zone of the desk that must meet them."""
    agency = reference.agencies().get(report.agency) if report.agency else None
    return ZoneInfo(agency.timezone if agency else get_settings().national_timezone)


def _local(instant: datetime | None, zone: ZoneInfo) -> str | None:
    return instant.astimezone(zone).isoformat() if instant else None


def report_summary(report: Report, language: str) -> dict[str, Any]:
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
    }


def public_view(report: Report, events: list[Event], language: str) -> dict[str, Any]:
    zone = _desk_zone(report)
    return {
        **report_summary(report, language),
        "description": report.description,
        "location": report.location,
        "latitude": report.latitude,
        "longitude": report.longitude,
        "incident_date": report.incident_date.isoformat() if report.incident_date else None,
        "anonymous": report.anonymous,
        "confidential": report.confidential,
        "stage_due_at": _local(report.stage_due_at, zone),
        "updated_at": report.updated_at.isoformat(),
        "timeline": [_public_event(e, language, zone) for e in events],
    }


def private_view(report: Report, events: list[Event], language: str) -> dict[str, Any]:
    """What the reporter sees with their access token: their own details too."""
    return {
        **public_view(report, events, language),
        "view": "reporter",
        "language": report.language.value,
        "proposed_agency": _labelled("agency", report.proposed_agency, language),
        "reporter": {
            "name": report.reporter.name,
            "email": report.reporter.email,
            "phone": report.reporter.phone,
        },
    }


def _public_event(event: Event, language: str, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "seq": event.seq,
        "at": event.at.isoformat(),
        "action": event.action,
        "action_label": translate(f"action.{event.action}", language),
        "actor_role": event.actor_role.value,
        "status": event.to_status.value,
        "status_label": translate(f"status.{event.to_status.value}", language),
        "note": event.public_note,
        "due_at": _local(event.due_at, zone),
    }
