"""Work queues: the national verification desk and each agency's inbox, soonest deadline first."""

from __future__ import annotations

from datetime import datetime

from chalice import Blueprint, Response
from chalice.app import Request

from chalicelib import clock
from chalicelib.api.auth import require_caller
from chalicelib.api.errors import ValidationFailed
from chalicelib.api.requests import language_of
from chalicelib.api.routing import api_route
from chalicelib.api.views import report_summary
from chalicelib.auth.errors import AuthError
from chalicelib.domain.report import ActorRole, ReportSummary, overdue
from chalicelib.store import reference
from chalicelib.store.reports import NATIONAL_DESK, desk_queue, escalated

blueprint = Blueprint(__name__)
_PRIVATE = {"Cache-Control": "private, no-store"}


def _entries(reports: list[ReportSummary], language: str) -> list[dict]:
    now = clock.now()  # one instant for the whole list
    return [_entry(report, language, now) for report in reports]


def _entry(report: ReportSummary, language: str, now: datetime) -> dict:
    return {
        **report_summary(report, language),
        "overdue": overdue(report.stage_due_at, report.on_hold, now),
        "on_hold": report.on_hold,
        "unit": report.unit,
        "returned_by": report.returned_by,
        "reopen_count": report.reopen_count,
        "escalation_level": report.escalation_level,
    }


@api_route(blueprint, "/agency/inbox", methods=["GET"])
def agency_inbox() -> Response:
    """An agency's open reports: for an admin (``?agency=``) or an agency-level link."""
    request = blueprint.current_request
    caller = require_caller(request, clock.now())
    if caller.actor.role is ActorRole.ADMIN:
        agency = (request.query_params or {}).get("agency")
        if agency not in reference.agencies():
            raise ValidationFailed({"agency": ("unknown_agency", {})})
    elif caller.link is not None and caller.link.tracking_id is None and not caller.link.unit:
        agency = caller.link.agency
    else:
        raise AuthError(403, "link_wrong_report" if caller.link else "role_not_allowed")
    language = language_of(request)
    reports = _entries(desk_queue(agency), language)
    return Response(body={"agency": agency, "reports": reports}, headers=_PRIVATE)


def _require_admin(request: Request) -> None:
    if require_caller(request, clock.now()).actor.role is not ActorRole.ADMIN:
        raise AuthError(403, "role_not_allowed")


@api_route(blueprint, "/admin/queue", methods=["GET"])
def national_queue() -> Response:
    """Reports awaiting verification, including those returned as not-our-authority."""
    request = blueprint.current_request
    _require_admin(request)
    language = language_of(request)
    reports = _entries(desk_queue(NATIONAL_DESK), language)
    return Response(body={"reports": reports}, headers=_PRIVATE)


@api_route(blueprint, "/admin/escalations", methods=["GET"])
def escalations() -> Response:
    """Open reports escalated to level 2 (agency head + admins) or 3 (Ombudsman referral)."""
    request = blueprint.current_request
    _require_admin(request)
    level = (request.query_params or {}).get("level", "2")
    if level not in {"2", "3"}:
        raise ValidationFailed({"level": ("enum", {"expected": "2, 3"})})
    language = language_of(request)
    reports = _entries(escalated(int(level)), language)
    return Response(body={"level": int(level), "reports": reports}, headers=_PRIVATE)
