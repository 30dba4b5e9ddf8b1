"""Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2): Lapor's categories as services, its
public reports as service requests, and requests filed by integrators with an API key.

The same rules as everywhere: only public reports are listed or shown (verified, never
confidential, never archived), never a reporter's identity, never an attachment (they may
show people). A request is filed through the same intake as the web form; its problems are
named by the Open311 parameter that caused them."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain.errors import InvalidFields
from chalicelib.domain.report import Report, ReportType, Status
from chalicelib.domain.tracking import InvalidTrackingId, normalize_tracking_id
from chalicelib.i18n import translate
from chalicelib.services.errors import Open311Error
from chalicelib.settings import get_settings
from chalicelib.store import api_keys, reference
from chalicelib.store.reports import get_report, newest_public_reports

MAX_REQUESTS = 1000
MAX_SPAN = timedelta(days=90)
REQUESTS_PER_KEY_MINUTE = 60
OPEN = ("dispositioned", "followed_up")  # the public reports still being handled
CLOSED = ("completed",)
_STATUS = {Status.SUBMITTED: "open", Status.DISPOSITIONED: "open", Status.FOLLOWED_UP: "open",
           Status.COMPLETED: "closed", Status.ARCHIVED: "closed"}  # fmt: skip
# Lapor's fields, as the Open311 parameters that carry them (for naming a problem).
_PARAMETERS = {
    "type": "attribute[report_type]", "title": "description", "description": "description",
    "category": "service_code", "agency": "attribute[agency]", "location": "address_string",
    "latitude": "lat", "longitude": "long", "incident_date": "attribute[incident_date]",
    "anonymous": "attribute[anonim]", "confidential": "attribute[rahasia]",
    "reporter.email": "email", "reporter.phone": "phone", "reporter.name": "first_name",
    "reporter": "email", "body": "body",
}  # fmt: skip


def services(language: str) -> list[dict[str, Any]]:
    return [_service(key, category, language) for key, category in reference.categories().items()]


def _service(key: str, category: Any, language: str) -> dict[str, Any]:
    return {
        "service_code": key,
        "service_name": category.labels[language],
        "description": translate(
            "open311.service.description", language, name=category.labels[language]
        ),
        "metadata": True,
        "type": "realtime",
        "keywords": ",".join(dict.fromkeys([key, *category.labels.values()])),
        "group": translate(
            f"open311.group.{'fast_track' if category.fast_track else 'standard'}", language
        ),
    }


def service_definition(service_code: str, language: str) -> dict[str, Any]:
    if service_code not in reference.categories():
        raise Open311Error(404, "open311.error.unknown_service", code=service_code)
    agencies = reference.agencies()

    def attribute(code: str, datatype: str, order: int, values: list | None = None) -> dict:
        found = {
            "variable": True,
            "code": code,
            "datatype": datatype,
            "required": False,
            "datatype_description": translate(f"open311.attribute.{code}.format", language),
            "order": order,
            "description": translate(f"open311.attribute.{code}", language),
        }
        if values is not None:
            found["values"] = [{"key": key, "name": name} for key, name in values]
        return found

    yes_no = [("true", translate("privacy.on", language)),
              ("false", translate("privacy.off", language))]  # fmt: skip
    return {
        "service_code": service_code,
        "attributes": [
            attribute("report_type", "singlevaluelist", 1,
                      [(t.value, translate(f"type.{t.value}", language)) for t in ReportType]),
            attribute("anonim", "singlevaluelist", 2, yes_no),
            attribute("rahasia", "singlevaluelist", 3, yes_no),
            attribute("incident_date", "datetime", 4),
            attribute("agency", "singlevaluelist", 5,
                      [(key, a.labels[language]) for key, a in agencies.items()]),
        ],
    }  # fmt: skip


# --- filing ---------------------------------------------------------------------------------


def file_request(form: dict[str, str], now: datetime, language: str) -> dict[str, Any]:
    """File a report from an integrator's form; what Open311 answers for it."""
    # Loaded on first use, as for the web form's submit: reads (most of Open311's traffic)
    # start without the validators' import.
    from chalicelib.services import intake  # noqa: PLC0415

    key = form.get("api_key", "")
    try:
        api_key = api_keys.use_key(key, now, REQUESTS_PER_KEY_MINUTE)
    except api_keys.KeyRefused:
        raise Open311Error(403, "open311.error.api_key") from None
    except api_keys.TooManyRequests:
        raise Open311Error(429, "open311.error.too_many", limit=REQUESTS_PER_KEY_MINUTE) from None
    body = _report_body(form)
    raw = json.dumps(body).encode()
    try:
        filed = intake.file_report(raw, body, now=now, idempotency_key=None,
                                   uploader=f"open311:{api_key.id}",
                                   arrival=intake.Arrival("open311"))  # fmt: skip
    except InvalidFields as problems:
        name, (reason, params) = next(iter(problems.fields.items()))
        reason_text = translate(f"field.{reason}", language, **params)
        parameter = _PARAMETERS.get(name, name)
        raise Open311Error(
            400, "open311.error.field", parameter=parameter, reason=reason_text
        ) from None
    due = filed["verification_due_at"] or filed["due_at"]
    return {
        "service_request_id": filed["tracking_id"],
        "service_notice": translate("open311.notice", language, due=due or "-"),
        "account_id": None,
    }


def _report_body(form: dict[str, str]) -> dict[str, Any]:
    """The web form's JSON from Open311's parameters (every value arrives as text)."""
    if not form.get("address_string") and not (form.get("lat") and form.get("long")):
        raise Open311Error(400, "open311.error.location")
    description = form.get("description", "").strip()
    attribute = {name[len("attribute[") : -1]: value for name, value in form.items()
                 if name.startswith("attribute[") and name.endswith("]")}  # fmt: skip
    name = " ".join(p for p in (form.get("first_name"), form.get("last_name")) if p).strip()
    body: dict[str, Any] = {
        "type": attribute.get("report_type", ReportType.COMPLAINT.value),
        "title": description.split("\n", 1)[0][:150],
        "description": description,
        "category": form.get("service_code", ""),
        "reporter": {
            key: value
            for key, value in (
                ("name", name),
                ("email", form.get("email")),
                ("phone", form.get("phone")),
            )
            if value
        },
        "anonymous": _flag(attribute, "anonim"),
        "confidential": _flag(attribute, "rahasia"),
    }
    if form.get("address_string"):
        body["location"] = form["address_string"]
    if attribute.get("agency"):
        body["agency"] = attribute["agency"]
    for field, parameter in (("latitude", "lat"), ("longitude", "long")):
        if form.get(parameter):
            body[field] = _number(form[parameter], parameter)
    if attribute.get("incident_date"):
        body["incident_date"] = attribute["incident_date"][:10]
    return body


def _flag(attribute: dict[str, str], name: str) -> bool:
    value = attribute.get(name, "false").strip().lower()
    if value not in {"true", "false"}:
        raise Open311Error(400, "open311.error.flag", parameter=f"attribute[{name}]")
    return value == "true"


def _number(text: str, parameter: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise Open311Error(400, "open311.error.number", parameter=parameter) from None


# --- reading --------------------------------------------------------------------------------


def get_request(text: str, language: str) -> dict[str, Any]:
    try:
        report = get_report(normalize_tracking_id(text))
    except InvalidTrackingId:
        report = None
    if report is None or not report.public:
        raise Open311Error(404, "open311.error.unknown_request", id=text)
    return request_view(report, language)


def find_requests(params: dict[str, str], now: datetime, language: str) -> list[dict[str, Any]]:
    """Newest first, at most 1,000: by ids, or by service, status and a span of 90 days at
    most (the last 90 days when none is given)."""
    if params.get("service_request_id"):
        ids = [i.strip() for i in params["service_request_id"].split(",") if i.strip()]
        found = []
        for text in ids[:MAX_REQUESTS]:
            try:
                found.append(get_request(text, language))
            except Open311Error:
                continue  # an id that is not public is as if it did not exist
        return found
    end = _datetime(params, "end_date") or now
    start = _datetime(params, "start_date") or end - MAX_SPAN
    if end - start > MAX_SPAN or start > end:
        raise Open311Error(400, "open311.error.span", days=MAX_SPAN.days)
    status = params.get("status", "")
    statuses = {"": (), "open": OPEN, "closed": CLOSED}.get(status)
    if statuses is None:
        raise Open311Error(400, "open311.error.status")
    category = params.get("service_code") or None
    reports = newest_public_reports(start=start, end=end, limit=MAX_REQUESTS,
                                    category=category, statuses=statuses)  # fmt: skip
    return [request_view(report, language) for report in reports]


def _datetime(params: dict[str, str], name: str) -> datetime | None:
    if not params.get(name):
        return None
    try:
        value = datetime.fromisoformat(params[name].replace("Z", "+00:00"))
    except ValueError:
        raise Open311Error(400, "open311.error.datetime", parameter=name) from None
    if value.tzinfo is None:
        raise Open311Error(400, "open311.error.datetime", parameter=name)
    return value


def request_view(report: Report, language: str) -> dict[str, Any]:
    """A public report as an Open311 service request: never its reporter, never its files."""
    category = reference.categories().get(report.category)
    agency = reference.agencies().get(report.agency or "")
    return {
        "service_request_id": report.tracking_id,
        "status": _STATUS[report.status],
        "status_notes": translate(f"status.{report.status.value}", language),
        "service_name": category.labels[language] if category else report.category,
        "service_code": report.category,
        "description": report.description,
        "agency_responsible": agency.labels[language] if agency else "",
        "service_notice": "",
        "requested_datetime": report.created_at.isoformat(),
        "updated_datetime": report.updated_at.isoformat(),
        "expected_datetime": report.stage_due_at.isoformat() if report.stage_due_at else "",
        "address": report.location or "",
        "address_id": "",
        "zipcode": "",
        "lat": report.latitude if report.latitude is not None else "",
        "long": report.longitude if report.longitude is not None else "",
        "media_url": "",
    }


def discovery(language: str) -> dict[str, Any]:
    base = get_settings().public_base_url
    return {
        "changeset": "2026-11-29T00:00:00+07:00",
        "contact": translate("open311.contact", language, address=get_settings().intake_address),
        "key_service": translate("open311.key_service", language),
        "endpoints": [{
            "specification": "http://wiki.open311.org/GeoReport_v2",
            "url": f"{base}/open311/v2",
            "changeset": "2026-11-29T00:00:00+07:00",
            "type": "production",
            "formats": ["application/json", "text/xml"],
        }],
    }  # fmt: skip
