"""Report endpoints: file, view (per audience), act, and the public feed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalice import Blueprint, Response

from chalicelib import clock
from chalicelib.api.auth import (
    Caller,
    actions_for,
    authorize_action,
    caller_of,
    can_read,
    hide_unless_readable,
    require_caller,
    uploader_of,
)
from chalicelib.api.errors import ApiError, ValidationFailed
from chalicelib.api.requests import json_body, language_of
from chalicelib.api.routing import api_route
from chalicelib.api.views import Audience, report_summary, report_view
from chalicelib.auth.errors import AuthError
from chalicelib.domain.actions import Action
from chalicelib.domain.report import ActorRole, Report, Status
from chalicelib.domain.search_terms import query_terms
from chalicelib.domain.tracking import InvalidTrackingId, normalize_tracking_id
from chalicelib.store.feed import InvalidCursor, public_feed
from chalicelib.store.reports import get_report, list_events
from chalicelib.store.search import InvalidSearchCursor, search_page

blueprint = Blueprint(__name__)

_FEED_LIMIT_DEFAULT, _FEED_LIMIT_MAX = 20, 50
_SEARCH_MAX_CHARS = 200
_AUDIENCES = {
    ActorRole.ADMIN: Audience.ADMIN,
    ActorRole.AGENCY: Audience.AGENCY,
    ActorRole.CITIZEN: Audience.REPORTER,
}
_PRIVATE = {"Cache-Control": "private, no-store", "Vary": "Authorization, X-Access-Token, "
            "X-Agency-Token, Accept-Language"}  # fmt: skip


@api_route(blueprint, "/reports", methods=["POST"])
def file_report() -> Response:
    # Loaded on first use: the submit path needs the validators and intake (~50 ms of imports),
    # the far more frequent tracking and feed requests do not, so their cold starts skip it.
    from chalicelib.services import intake  # noqa: PLC0415

    request = blueprint.current_request
    now = clock.now()
    raw, body = json_body(request)
    result = intake.file_report(
        raw,
        body,
        now=now,
        idempotency_key=request.headers.get("idempotency-key"),
        uploader=uploader_of(caller_of(request, now)),
        lambda_context=blueprint.lambda_context,
    )
    return Response(
        body=result,
        status_code=201,
        headers={"Location": f"/api/reports/{result['tracking_id']}", "Cache-Control": "no-store"},
    )


def load_report(tracking_id: str) -> Report:
    try:
        canonical = normalize_tracking_id(tracking_id)
    except InvalidTrackingId:
        raise ApiError(400, "invalid_tracking_id") from None
    report = get_report(canonical)
    if report is None:
        raise ApiError(404, "not_found")
    return report


@api_route(blueprint, "/reports/{tracking_id}", methods=["GET"])
def view_report(tracking_id: str) -> Response:
    request = blueprint.current_request
    now = clock.now()
    caller = caller_of(request, now)
    report = load_report(tracking_id)
    return Response(body=_view_for(caller, report, language_of(request), now), headers=_PRIVATE)


def _view_for(
    caller: Caller | None, report: Report, language: str, now: datetime
) -> dict[str, Any]:
    if caller is not None and can_read(caller, report):
        allowed = actions_for(caller, report, now)
        audience = _AUDIENCES[caller.actor.role]
        return report_view(
            report, list_events(report.tracking_id), language, audience, allowed, now=now
        )
    hide_unless_readable(caller, report)
    if caller is not None and caller.link is not None:
        raise AuthError(403, "link_wrong_report")
    return report_view(report, list_events(report.tracking_id), language, now=now)


@api_route(blueprint, "/reports/{tracking_id}/actions", methods=["POST"])
def act_on_report(tracking_id: str) -> Response:
    from chalicelib.domain.workflow import ActionNotAllowed  # noqa: PLC0415
    from chalicelib.services.schemas import parse_command  # noqa: PLC0415 - see file_report
    from chalicelib.services.workflow import act  # noqa: PLC0415

    request = blueprint.current_request
    now = clock.now()
    caller = require_caller(request, now)
    raw, _ = json_body(request)
    command = parse_command(raw)
    report = load_report(tracking_id)
    hide_unless_readable(caller, report)
    authorize_action(caller, report, command.action, now)
    uploader = uploader_of(caller)
    if command.attachments:
        from chalicelib import attachments  # noqa: PLC0415 - S3 only when files come

        attachments.confirm(list(command.attachments), owner=uploader, now=now)
    try:
        new, _ = act(report, caller.actor, command, now, uploader=uploader)
    except ActionNotAllowed as refused:
        raise _not_now(caller, report, refused.status, now) from None
    return _acted(caller, new, command.action.value, now)


def _not_now(caller: Caller, report: Report, status: Status, now: datetime) -> ApiError:
    """409: the report's state does not allow the action now; what it does allow."""
    return ApiError(
        409,
        "action_not_allowed",
        details={
            "status": status.value,
            "allowed_actions": [a.value for a in actions_for(caller, report, now)],
        },
    )


def _acted(caller: Caller, new: Report, action: str, now: datetime) -> Response:
    language = language_of(blueprint.current_request)
    if can_read(caller, new):
        body = {"report": _view_for(caller, new, language, now)}
    else:  # e.g. "not our authority": the agency has just handed the report back
        body = {"report": report_summary(new, language)}
    body |= _links_issued(new, action, now)
    return Response(body=body, headers=_PRIVATE)


@api_route(blueprint, "/reports/{tracking_id}/drafts/{draft_id}", methods=["GET"])
def read_draft(tracking_id: str, draft_id: str) -> Response:
    """A desk's answer that came by mail, for the desk to read before publishing it."""
    from chalicelib.services.drafts import draft_for, draft_view  # noqa: PLC0415

    request = blueprint.current_request
    caller = require_caller(request, clock.now())
    report = load_report(tracking_id)
    hide_unless_readable(caller, report)
    return Response(body={"draft": draft_view(draft_for(draft_id, report, caller.actor))},
                    headers=_PRIVATE)  # fmt: skip


@api_route(blueprint, "/reports/{tracking_id}/drafts/{draft_id}/publish", methods=["POST"])
def publish_draft(tracking_id: str, draft_id: str) -> Response:
    from chalicelib.domain.workflow import ActionNotAllowed  # noqa: PLC0415
    from chalicelib.services.drafts import draft_for, publish  # noqa: PLC0415

    request = blueprint.current_request
    now = clock.now()
    caller = require_caller(request, now)
    report = load_report(tracking_id)
    hide_unless_readable(caller, report)
    draft = draft_for(draft_id, report, caller.actor)
    authorize_action(caller, report, Action(draft.action), now)
    try:
        new, _ = publish(draft, report, caller.actor, now)
    except ActionNotAllowed as refused:
        raise _not_now(caller, report, refused.status, now) from None
    return _acted(caller, new, draft.action, now)


def _links_issued(report: Report, action: str, now: datetime) -> dict[str, str]:
    """Routing and forwarding hand the report to a new desk: give the link it will act from
    (the notifier emails the same links; admins and coordinators see them here too)."""
    from chalicelib.services import links  # noqa: PLC0415

    if action == "verify" and report.agency:
        token = links.coordinator_link(report.tracking_id, report.agency, now)
        return {"agency_link": links.link_url(token)}
    if action == "forward" and report.agency and report.unit:
        token = links.unit_link(report.tracking_id, report.agency, report.unit, now)
        return {"unit_link": links.link_url(token)}
    return {}


@api_route(blueprint, "/reports", methods=["GET"])
def feed() -> Response:
    request = blueprint.current_request
    language = language_of(request)
    params = request.query_params or {}
    limit = _limit(params.get("limit"))
    status = params.get("status")
    if status is not None and status not in {s.value for s in Status}:
        raise ValidationFailed(
            {"status": ("enum", {"expected": ", ".join(s.value for s in Status)})}
        )
    filters = {
        name: value
        for name, value in (
            ("category", params.get("category")),
            ("agency", params.get("agency")),
            ("status", status),
        )
        if value is not None
    }
    text = params.get("q")
    try:
        if text is None:
            page = public_feed(limit=limit, cursor=params.get("cursor"), **filters)
            reports, cursor = page.reports, page.cursor
        else:
            reports, cursor = search_page(
                _search_terms(text), limit=limit, cursor=params.get("cursor"), filters=filters
            )
    except (InvalidCursor, InvalidSearchCursor):
        raise ApiError(400, "invalid_cursor") from None
    return Response(
        body={"reports": [report_summary(r, language) for r in reports], "next_cursor": cursor},
        headers={"Cache-Control": "public, max-age=30", "Vary": "Accept-Language"},
    )


def _search_terms(text: str) -> tuple[str, ...]:
    terms = query_terms(text) if len(text) <= _SEARCH_MAX_CHARS else ()
    if not terms:
        raise ValidationFailed({"q": ("search_words", {"max_length": _SEARCH_MAX_CHARS})})
    return terms


def _limit(text: str | None) -> int:
    if text is None:
        return _FEED_LIMIT_DEFAULT
    if not text.isdigit() or not 1 <= int(text) <= _FEED_LIMIT_MAX:
        raise ValidationFailed({"limit": ("limit", {})})
    return int(text)
