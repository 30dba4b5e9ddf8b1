"""Citizen-facing report endpoints: file, view, public feed."""

from __future__ import annotations

from chalice import Blueprint, Response

from chalicelib import clock
from chalicelib.api.errors import ApiError, ValidationFailed
from chalicelib.api.requests import json_body, language_of
from chalicelib.api.views import private_view, public_view, report_summary
from chalicelib.domain.report import Status
from chalicelib.domain.tracking import (
    InvalidTrackingId,
    access_token_matches,
    normalize_tracking_id,
)
from chalicelib.store.reports import InvalidCursor, get_report, list_events, public_feed

blueprint = Blueprint(__name__)

_FEED_LIMIT_DEFAULT, _FEED_LIMIT_MAX = 20, 50


@blueprint.route("/reports", methods=["POST"])
def file_report() -> Response:
    # Loaded on first use: the submit path needs pydantic and the schemas (~150 ms of imports),
    # the far more frequent tracking and feed requests do not, so their cold starts skip it.
    from chalicelib.services import intake  # noqa: PLC0415

    request = blueprint.current_request
    raw, body = json_body(request)
    result = intake.file_report(
        raw,
        body,
        now=clock.now(),
        idempotency_key=request.headers.get("idempotency-key"),
        lambda_context=blueprint.lambda_context,
    )
    return Response(
        body=result,
        status_code=201,
        headers={"Location": f"/api/reports/{result['tracking_id']}", "Cache-Control": "no-store"},
    )


@blueprint.route("/reports/{tracking_id}", methods=["GET"])
def view_report(tracking_id: str) -> Response:
    request = blueprint.current_request
    language = language_of(request)
    try:
        canonical = normalize_tracking_id(tracking_id)
    except InvalidTrackingId:
        raise ApiError(400, "invalid_tracking_id") from None
    report = get_report(canonical)
    if report is None:
        raise ApiError(404, "not_found")
    is_reporter = access_token_matches(
        request.headers.get("x-access-token"), report.access_token_hash
    )
    if report.confidential and not is_reporter:
        # The same answer as for a missing report: a confidential one does not exist for you.
        raise ApiError(404, "not_found")
    events = list_events(canonical)
    view = private_view if is_reporter else public_view
    return Response(
        body=view(report, events, language),
        headers={"Cache-Control": "private, no-store", "Vary": "X-Access-Token, Accept-Language"},
    )


@blueprint.route("/reports", methods=["GET"])
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
    try:
        page = public_feed(
            now=clock.now(),
            limit=limit,
            cursor=params.get("cursor"),
            category=params.get("category"),
            agency=params.get("agency"),
            status=status,
        )
    except InvalidCursor:
        raise ApiError(400, "invalid_cursor") from None
    return Response(
        body={
            "reports": [report_summary(r, language) for r in page.reports],
            "next_cursor": page.cursor,
        },
        headers={"Cache-Control": "public, max-age=30"},
    )


def _limit(text: str | None) -> int:
    if text is None:
        return _FEED_LIMIT_DEFAULT
    if not text.isdigit() or not 1 <= int(text) <= _FEED_LIMIT_MAX:
        raise ValidationFailed({"limit": ("limit", {})})
    return int(text)
