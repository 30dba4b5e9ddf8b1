"""Filing a new report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chalicelib import attachments
from chalicelib.domain.errors import FieldProblems, InvalidFields
from chalicelib.domain.report import ActorRole, Event, Report, Status
from chalicelib.domain.search_terms import index_change
from chalicelib.domain.tracking import new_tracking_id
from chalicelib.domain.workflow import route, schedule_work, start_verification
from chalicelib.services.citizen_tokens import citizen_link, issue_token
from chalicelib.services.idempotency import run_once
from chalicelib.services.metrics import count
from chalicelib.services.notifications import intents_for
from chalicelib.services.performance import step_figures
from chalicelib.services.schemas import ReportIn, parse_report
from chalicelib.services.workflow import workflow_context
from chalicelib.store import reference
from chalicelib.store.reports import Attaching, TrackingIdTaken, UploadTaken, create_report

_ID_ATTEMPTS = 3


@dataclass(frozen=True)
class Arrival:
    """How a report came in: the web form and the API, or a mail with SES's checks."""

    channel: str = "web"
    mail_verdicts: tuple[str, ...] = ()
    intake_flags: tuple[str, ...] = ()


WEB = Arrival()
# The easternmost zone: a date that is already "today" anywhere in Indonesia is not future.
_LATEST_ZONE = ZoneInfo("Asia/Jayapura")


def file_report(
    raw: bytes,
    body: Any,
    *,
    now: datetime,
    idempotency_key: str | None,
    uploader: str = "public",
    lambda_context: Any = None,
    arrival: Arrival = WEB,
) -> dict[str, Any]:
    """Validate and store a new report; with an Idempotency-Key, at most once per key.
    ``uploader`` is who the caller is for the uploads the report attaches."""
    data = parse_report(raw, today=now.astimezone(_LATEST_ZONE).date())
    check_references(data)
    attachments.confirm(data.attachments, owner=uploader, now=now)
    attaching = Attaching(tuple(data.attachments), uploader) if data.attachments else None
    if idempotency_key is None:
        return submit_report(data, now, attaching, arrival)
    return run_once(
        "submit_report",
        idempotency_key,
        body,
        lambda: submit_report(data, now, attaching, arrival),
        lambda_context=lambda_context,
    )


def check_references(data: ReportIn) -> None:
    problems: FieldProblems = {}
    if data.category not in reference.categories():
        problems["category"] = ("unknown_category", {})
    if data.agency is not None and data.agency not in reference.agencies():
        problems["agency"] = ("unknown_agency", {})
    if problems:
        raise InvalidFields(problems)


def submit_report(
    data: ReportIn, now: datetime, attaching: Attaching | None = None, arrival: Arrival = WEB
) -> dict[str, Any]:
    """Store the report with its first timeline event; answer what the citizen must keep.

    A report waits for national verification, except in a fast-track category, which goes
    straight to the category's agency on the shorter fast-track deadline."""
    ctx = workflow_context(now)
    category = reference.categories()[data.category]
    for _ in range(_ID_ATTEMPTS):
        tracking_id = new_tracking_id()
        report = _new_report(data, tracking_id, now, arrival)
        token = issue_token(report)
        if category.fast_track and category.default_agency:
            route(report, category.default_agency, ctx)
        else:
            start_verification(report, ctx)
        schedule_work(report, ctx)
        event = Event(
            tracking_id=report.tracking_id,
            seq=1,
            at=now,
            action="submit",
            actor_role=ActorRole.CITIZEN,
            to_status=report.status,
            due_at=report.stage_due_at,
        )
        try:
            create_report(
                report,
                event,
                intents_for(None, report, event, now),
                step_figures(None, report, event, ctx),
                attaching,
                search=index_change(None, report),
            )
            break
        except TrackingIdTaken:
            continue
        except UploadTaken:
            raise attachments.AttachmentRefused("attachments", "upload_used") from None
    else:
        raise RuntimeError("no free tracking id after several draws")
    count("ReportsReceived")
    due = report.stage_due_at.isoformat() if report.stage_due_at else None
    return {
        "tracking_id": report.tracking_id,
        "access_token": token,
        "status": report.status.value,
        "created_at": now.isoformat(),
        "verification_due_at": due if report.status is Status.SUBMITTED else None,
        "due_at": due,
        "tracking_url": citizen_link(report),
    }


def _new_report(data: ReportIn, tracking_id: str, now: datetime, arrival: Arrival) -> Report:
    return Report(
        tracking_id=tracking_id,
        type=data.type,
        status=Status.SUBMITTED,
        title=data.title,
        description=data.description,
        category=data.category,
        proposed_agency=data.agency,
        location=data.location,
        latitude=data.latitude,
        longitude=data.longitude,
        incident_date=data.incident_date,
        anonymous=data.anonymous,
        confidential=data.confidential,
        language=data.language,
        reporter=data.reporter,
        access_token_hash="",  # set by issue_token
        attachments=list(data.attachments),
        created_at=now,
        updated_at=now,
        event_count=1,
        channel=arrival.channel,
        mail_verdicts=list(arrival.mail_verdicts),
        intake_flags=list(arrival.intake_flags),
    )
