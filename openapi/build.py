"""Lapor's API description (OpenAPI 3.1), written to chalicelib/data/openapi.json, which the API
serves at /api/openapi.json. Request bodies are derived from the validators' own schemas
(pydantic-core's, turned into JSON Schema by pydantic, a development dependency); responses
are described here. tests/api/test_openapi.py fails when the file is stale, when a route is
missing from it, or when it names a route that does not exist.

python -m openapi.build
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from chalicelib.services import schemas

OUTPUT = Path(__file__).resolve().parent.parent / "chalicelib" / "data" / "openapi.json"
JSON = "application/json"
XML = "text/xml"
FORM = "application/x-www-form-urlencoded"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _request_schema(core: Any) -> dict[str, Any]:
    return GenerateJsonSchema(ref_template="#/components/schemas/{model}").generate(core)


# --- responses ------------------------------------------------------------------------------

_ERROR_STATUSES = {
    "400": "A field, parameter or body is not valid (named in `fields`).",
    "401": "Credentials are missing, bad or expired.",
    "403": "The caller may not do this.",
    "404": "No such resource, or one the caller may not see.",
    "409": "The state does not allow it now, or another caller changed it first.",
    "413": "The body is too large.",
    "415": "The body is not of the declared type.",
    "422": "An Idempotency-Key reused with another body.",
    "429": "Too many requests.",
}


def _errors(*statuses: str, open311: bool = False) -> dict[str, Any]:
    schema = _ref("Open311Errors") if open311 else _ref("Error")
    content: dict[str, Any] = {JSON: {"schema": schema}}
    if open311:
        content[XML] = {"schema": {"type": "string"}}
    return {
        status: {"description": _ERROR_STATUSES[status], "content": content} for status in statuses
    }


def _ok(schema: dict[str, Any], status: str = "200", *, xml: bool = False) -> dict[str, Any]:
    content: dict[str, Any] = {JSON: {"schema": schema}}
    if xml:
        content[XML] = {"schema": {"type": "string"}}
    return {status: {"description": "Done.", "content": content}}


def _object(required: list[str], **properties: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": properties}


STRING, INTEGER, NUMBER, BOOLEAN = ({"type": t} for t in ("string", "integer", "number", "boolean"))
NULLABLE_STRING = {"type": ["string", "null"]}
LABELLED = {"type": ["object", "null"], "properties": {"key": STRING, "label": STRING}}
OPEN311_VALUE = {"type": ["string", "number"]}

COMPONENTS: dict[str, Any] = {
    "Error": _object(["error"], error=_object(
        ["code", "message"], code=STRING, message=STRING,
        fields={"type": "object", "additionalProperties": STRING})),
    "ReportSummary": _object(
        ["tracking_id", "type", "status", "status_label", "title", "created_at"],
        tracking_id=STRING, type=STRING, type_label=STRING, status=STRING, status_label=STRING,
        title=STRING, category=LABELLED, agency=LABELLED, created_at=STRING,
        stage_due_at=NULLABLE_STRING),
    "ReportView": {"allOf": [_ref("ReportSummary"), _object(
        ["view", "description", "timeline"], view=STRING, description=STRING,
        timeline={"type": "array", "items": {"type": "object"}})]},
    "ReportCreated": _object(
        ["tracking_id", "access_token", "status", "created_at", "tracking_url"],
        tracking_id=STRING, access_token=STRING, status=STRING, created_at=STRING,
        verification_due_at=NULLABLE_STRING, due_at=NULLABLE_STRING, tracking_url=STRING),
    "Feed": _object(["reports", "next_cursor"],
                    reports={"type": "array", "items": _ref("ReportSummary")},
                    next_cursor=NULLABLE_STRING),
    "ActionResult": _object(["report"], report={"type": "object"}, agency_link=STRING,
                            unit_link=STRING),
    "Draft": _object(["draft"], draft=_object(
        ["id", "action", "text", "attachments", "sender", "created_at", "published"],
        id=STRING, action=STRING, text=STRING, sender=STRING, created_at=STRING,
        published=BOOLEAN, attachments={"type": "array", "items": STRING})),
    "Queue": _object(["reports"], reports={"type": "array", "items": {"type": "object"}},
                     agency=STRING, level=INTEGER),
    "Categories": _object(["categories"],
                          categories={"type": "array", "items": {"type": "object"}}),
    "Agencies": _object(["agencies"], agencies={"type": "array", "items": {"type": "object"}}),
    "Stats": _object(["from", "to", "by", "rows", "national"], rows={"type": "array"},
                     national={"type": "object"}, **{"from": STRING, "to": STRING, "by": STRING}),
    "UploadForm": _object(["url", "fields", "key"], url=STRING, key=STRING,
                          fields={"type": "object", "additionalProperties": STRING}),
    "Health": _object(["status"], status=STRING, stage=STRING),
    "Open311Errors": {"type": "array", "items": _object(
        ["code", "description"], code=INTEGER, description=STRING)},
    "Open311Document": {"type": ["object", "array"]},
    "Open311ServiceDefinition": _object(
        ["service_code", "attributes"], service_code=STRING,
        attributes={"type": "array", "items": _object(
            ["code", "datatype", "order"], code=STRING, datatype=STRING, order=INTEGER)}),
    "Open311Requests": {"type": "array", "items": _object(
        ["service_request_id"], service_request_id=STRING, status=STRING,
        lat=OPEN311_VALUE, long=OPEN311_VALUE)},
    "OpenApi": _object(["openapi", "paths"], openapi=STRING, paths={"type": "object"}),
    "Sent": _object(["sent"], sent=BOOLEAN),
    "AgencyLearners": _object(["agency", "learners", "next_cursor"], agency={"type": "object"},
                              next_cursor=NULLABLE_STRING,
                              learners={"type": "array", "items": _object(
                                  ["name", "level", "passed", "modules", "certificates",
                                   "practice_score"], name=STRING,
                                  level=STRING, modules=INTEGER,
                                  passed={"type": "array", "items": STRING},
                                  certificates={"type": "array", "items": {"type": "object"}},
                                  practice_score={"type": ["number", "null"]})}),
    "PracticeDesk": _object(
        ["mark", "clock", "started_at", "finished", "score", "reports", "mails"],
        mark={"const": "LATIHAN"}, clock=STRING, started_at=STRING, finished=BOOLEAN,
        score=NUMBER, reports={"type": "array", "items": _object(
            ["tracking_id", "title", "status", "actions", "score"], tracking_id=STRING,
            title=STRING, status=STRING, actions={"type": "object"},
            score={"type": "object"})},
        mails={"type": "array", "items": _object(["subject"], subject=STRING)}),
    "LearningCatalogue": _object(["learner", "modules"], learner={"type": "object"},
                                 modules={"type": "array", "items": _object(
                                     ["id", "title", "status"], id=STRING, title=STRING,
                                     status={"enum": ["open", "locked", "passed"]})}),
    "LearningModule": _object(["id", "title", "html", "quiz"], id=STRING, title=STRING,
                              html=STRING, quiz={"type": "array", "items": {"type": "object"}}),
    "AttemptResult": _object(["score", "passed", "wrong", "next_module", "certificate"],
                             score=NUMBER, passed=BOOLEAN, wrong={"type": "object"},
                             next_module=NULLABLE_STRING, certificate=NULLABLE_STRING),
    "Certificate": _object(
        ["code", "status", "name", "agency", "level", "modules", "issued_at", "verify_url"],
        code=STRING, status={"enum": ["valid", "revoked"]}, name=STRING, agency=LABELLED,
        level=LABELLED, modules={"type": "array", "items": STRING}, issued_at=STRING,
        revoked_at=NULLABLE_STRING, revoked_reason=NULLABLE_STRING, verify_url=STRING),
}  # fmt: skip


# --- operations -----------------------------------------------------------------------------


def _param(name: str, where: str = "query", schema: dict | None = None, required: bool = False,
           description: str = "") -> dict[str, Any]:  # fmt: skip
    found = {"name": name, "in": where, "required": required or where == "path",
             "schema": schema or STRING}  # fmt: skip
    if description:
        found["description"] = description
    return found


LANGUAGE = _param("Accept-Language", "header", description="id (default) or en")
LEARNER = [_param("X-Learner-Token", "header", description="from the mailed sign-in link")]
TRACKING_ID = _param("tracking_id", "path", description="e.g. 7KQ2M-XD4PA")
ACCESS = [_param("X-Access-Token", "header", description="the reporter's token"),
          _param("X-Agency-Token", "header", description="an agency's signed link"),
          _param("Authorization", "header", description="Bearer <admin ID token>")]  # fmt: skip


def _json_body(schema: dict[str, Any], required: bool = True) -> dict[str, Any]:
    return {"required": required, "content": {JSON: {"schema": schema}}}


def _operation(summary: str, responses: dict[str, Any], *, parameters: list | None = None,
               body: dict | None = None) -> dict[str, Any]:  # fmt: skip
    found: dict[str, Any] = {"summary": summary, "parameters": [LANGUAGE, *(parameters or [])],
                             "responses": responses}  # fmt: skip
    if body is not None:
        found["requestBody"] = body
    return found


STATS_PARAMETERS = ("from", "to", "by", "agency", "province", "category")


def paths() -> dict[str, Any]:
    report_body = _request_schema(schemas.REPORT_SCHEMA)
    upload_body = _request_schema(schemas.UPLOAD_SCHEMA)
    command_body = _request_schema(schemas.COMMAND_SCHEMA)
    learner_body = _request_schema(schemas.LEARNER_SCHEMA)
    attempt_body = _request_schema(schemas.ATTEMPT_SCHEMA)
    clock_body = _request_schema(schemas.CLOCK_MOVE_SCHEMA)
    module_id = _param("module_id", "path", description="e.g. operator-1")
    document = _param("document", "path", description="discovery, services or requests, "
                      "then .json or .xml")  # fmt: skip
    return {
        "/api/reports": {
            "post": _operation(
                "File a report", _ok(_ref("ReportCreated"), "201") | _errors(
                    "400", "401", "403", "409", "413", "415", "422"),
                parameters=[_param("Idempotency-Key", "header")], body=_json_body(report_body)),
            "get": _operation(
                "The public feed, newest first; searched with q", _ok(_ref("Feed"))
                | _errors("400"),
                parameters=[_param(n) for n in ("category", "agency", "status", "q", "cursor")]
                + [_param("limit", schema={"type": "integer", "minimum": 1, "maximum": 50})]),
        },
        "/api/reports/{tracking_id}": {"get": _operation(
            "A report: the public view, or the caller's", _ok(_ref("ReportView"))
            | _errors("400", "401", "403", "404"), parameters=[TRACKING_ID, *ACCESS])},
        "/api/reports/{tracking_id}/actions": {"post": _operation(
            "Move a report on", _ok(_ref("ActionResult")) | _errors(
                "400", "401", "403", "404", "409", "413", "415"),
            parameters=[TRACKING_ID, *ACCESS], body=_json_body(command_body))},
        "/api/reports/{tracking_id}/drafts/{draft_id}": {"get": _operation(
            "A desk's answer by mail, to its desk", _ok(_ref("Draft"))
            | _errors("400", "401", "403", "404"),
            parameters=[TRACKING_ID, _param("draft_id", "path"), *ACCESS])},
        "/api/reports/{tracking_id}/drafts/{draft_id}/publish": {"post": _operation(
            "Publish that draft as the desk's action", _ok(_ref("ActionResult"))
            | _errors("400", "401", "403", "404", "409", "413"),
            parameters=[TRACKING_ID, _param("draft_id", "path"), *ACCESS])},
        "/api/uploads": {"post": _operation(
            "A presigned form to upload one attachment to S3", _ok(_ref("UploadForm"), "201")
            | _errors("400", "401", "413", "415"), parameters=ACCESS,
            body=_json_body(upload_body))},
        "/api/categories": {"get": _operation("Categories", _ok(_ref("Categories")))},
        "/api/agencies": {"get": _operation("Agencies and their units", _ok(_ref("Agencies")))},
        "/api/health": {"get": _operation("Liveness", _ok(_ref("Health")))},
        "/api/stats": {"get": _operation(
            "Performance figures", _ok(_ref("Stats")) | _errors("400"),
            parameters=[_param(n) for n in STATS_PARAMETERS])},
        "/api/admin/queue": {"get": _operation(
            "The admins' queue", _ok(_ref("Queue")) | _errors("400", "401", "403"),
            parameters=ACCESS)},
        "/api/admin/escalations": {"get": _operation(
            "Reports at an escalation level", _ok(_ref("Queue")) | _errors("400", "401", "403"),
            parameters=[_param("level"), *ACCESS])},
        "/api/agency/inbox": {"get": _operation(
            "An agency desk's open reports", _ok(_ref("Queue")) | _errors("400", "401", "403"),
            parameters=[_param("agency", description="for an admin"), *ACCESS])},
        "/api/openapi.json": {"get": _operation("This description", _ok(_ref("OpenApi")))},
        "/api/learning/learners": {"post": _operation(
            "e-Learning: register, and get a sign-in link by mail", _ok(_ref("Sent"), "202")
            | _errors("400", "413", "415"), body=_json_body(learner_body))},
        "/api/learning/me": {"get": _operation(
            "e-Learning: the learner's modules and progress", _ok(_ref("LearningCatalogue"))
            | _errors("401"), parameters=LEARNER)},
        "/api/learning/agency": {"get": _operation(
            "e-Learning: a supervisor's view of their agency's learners",
            _ok(_ref("AgencyLearners")) | _errors("400", "401", "403"),
            parameters=[_param("cursor", description="the last page's next_cursor"),
                        *LEARNER])},
        "/api/learning/modules/{module_id}": {"get": _operation(
            "e-Learning: a module's text and its quiz, without answers",
            _ok(_ref("LearningModule")) | _errors("401", "403", "404"),
            parameters=[module_id, *LEARNER])},
        "/api/learning/modules/{module_id}/attempts": {"post": _operation(
            "e-Learning: an attempt at a module's quiz, scored",
            _ok(_ref("AttemptResult")) | _errors("400", "401", "403", "404", "413", "415"),
            parameters=[module_id, *LEARNER], body=_json_body(attempt_body))},
        "/api/learning/practice": {
            "post": _operation(
                "e-Learning: a fresh practice desk (LATIHAN) of synthetic reports",
                _ok(_ref("PracticeDesk"), "201") | _errors("401"), parameters=LEARNER),
            "get": _operation(
                "e-Learning: the learner's practice desk (404: none started)",
                _ok(_ref("PracticeDesk")) | _errors("401", "404"), parameters=LEARNER),
        },
        "/api/learning/practice/reports/{tracking_id}/actions": {"post": _operation(
            "e-Learning: act on a practice report as the admin or the agency desk",
            _ok(_ref("PracticeDesk")) | _errors("400", "401", "404", "409", "413", "415"),
            parameters=[_param("tracking_id", "path", description="LATIHAN-1"), *LEARNER],
            body=_json_body(command_body))},
        "/api/learning/practice/clock": {"post": _operation(
            "e-Learning: move the practice desk's clock forward (its sweep runs)",
            _ok(_ref("PracticeDesk")) | _errors("400", "401", "404", "409", "413", "415"),
            parameters=LEARNER, body=_json_body(clock_body))},
        "/api/certificates/{code}": {"get": _operation(
            "e-Learning: check a certificate (404: no such certificate)",
            _ok(_ref("Certificate")) | _errors("400", "404"),
            parameters=[_param("code", "path", description="LPR-XXXX-XXXX-XXXX")])},
        "/open311/v2/{document}": {
            "get": _operation(
                "GeoReport v2: discovery, services, or requests",
                _ok(_ref("Open311Document"), xml=True) | _errors("400", "404", open311=True),
                parameters=[document] + [_param(n) for n in (
                    "service_request_id", "service_code", "status", "start_date",
                    "end_date")]),
            "post": _operation(
                "GeoReport v2: file a service request",
                _ok(_ref("Open311Requests"), xml=True)
                | _errors("400", "403", "404", "413", "415", "429", open311=True),
                parameters=[document], body={"required": True, "content": {FORM: {"schema": {
                    "type": "object", "required": ["api_key", "service_code", "description"],
                    "properties": dict.fromkeys((
                        "api_key", "service_code", "lat", "long", "address_string", "email",
                        "phone", "first_name", "last_name", "description", "media_url"),
                        STRING)}}}}),
        },
        "/open311/v2/services/{service}": {"get": _operation(
            "GeoReport v2: a service's definition",
            _ok(_ref("Open311ServiceDefinition"), xml=True) | _errors("404", open311=True),
            parameters=[_param("service", "path", description="a code, then .json or .xml")])},
        "/open311/v2/requests/{request}": {"get": _operation(
            "GeoReport v2: one service request", _ok(_ref("Open311Requests"), xml=True)
            | _errors("404", open311=True),
            parameters=[_param("request", "path", description="an id, then .json or .xml")])},
    }  # fmt: skip


def description() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Lapor",
            "version": "1",
            "description": "Complaints, aspirations and information requests to Indonesia's "
            "public agencies: filing, tracking, the desks' workflow, performance figures, and "
            "Open311 GeoReport v2. Errors come in the caller's language (Accept-Language).",
        },
        "paths": paths(),
        "components": {"schemas": COMPONENTS},
    }


def render() -> str:
    return json.dumps(description(), indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> None:
    OUTPUT.write_text(render(), encoding="utf-8")
    print(OUTPUT)


if __name__ == "__main__":
    main()
