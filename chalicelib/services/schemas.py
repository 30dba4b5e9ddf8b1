"""What callers may send, validated, and its errors translated into field problems
(``InvalidFields``), so that services validate without knowing HTTP.

The validators are pydantic's own engine, pydantic-core, given its schemas directly: the same
validation, error types and JSON parsing as pydantic models, without pydantic's model layer,
whose import (~30 ms) was a fifth of a submit's cold start."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from pydantic_core import CoreConfig, PydanticCustomError, SchemaValidator, ValidationError
from pydantic_core import core_schema as cs

from chalicelib.domain.actions import Action
from chalicelib.domain.email_address import InvalidEmail, normalize_email
from chalicelib.domain.errors import FieldProblems, InvalidFields
from chalicelib.domain.learning import LEVELS
from chalicelib.domain.report import Language, Reporter, ReportType
from chalicelib.domain.text import clean_text
from chalicelib.domain.workflow import Command

# JSON types as sent, surrounding spaces dropped, unknown fields refused.
_CONFIG = CoreConfig(strict=True, str_strip_whitespace=True, extra_fields_behavior="forbid")


def _clean_text(min_length: int, max_length: int) -> cs.CoreSchema:
    """Control characters are removed before lengths are checked: an invisible title is none."""

    def clean(value: str) -> str:
        text = clean_text(value)
        if len(text) < min_length:
            raise PydanticCustomError("string_too_short", "too short", {"min_length": min_length})
        if len(text) > max_length:
            raise PydanticCustomError("string_too_long", "too long", {"max_length": max_length})
        return text

    # The lengths, for the API's description: counted after control characters are removed.
    described = {"pydantic_js_updates": {"minLength": min_length, "maxLength": max_length}}
    return cs.no_info_after_validator_function(clean, cs.str_schema(), metadata=described)


def _optional_clean_text(max_length: int) -> cs.CoreSchema:
    def clean(value: str | None) -> str | None:
        if value is None:
            return None
        text = clean_text(value)
        if len(text) > max_length:
            raise PydanticCustomError("string_too_long", "too long", {"max_length": max_length})
        return text or None

    nullable = cs.nullable_schema(cs.str_schema())
    return _optional(cs.no_info_after_validator_function(clean, nullable))


_PHONE_SEPARATORS = re.compile(r"[\s().-]")
# Indonesian numbers: +62 / 62 / 0, then 8–13 digits (mobile 08…, landlines with area code).
_INDONESIAN_PHONE = re.compile(r"^(?:\+62|62|0)([1-9]\d{7,12})$")


def normalize_phone(value: str) -> str:
    match = _INDONESIAN_PHONE.match(_PHONE_SEPARATORS.sub("", value))
    if not match:
        raise PydanticCustomError("phone_invalid", "invalid phone")
    return "+62" + match.group(1)


def _checked_email(value: str) -> str:
    try:
        return normalize_email(value)
    except InvalidEmail as error:
        raise PydanticCustomError("email_invalid", "invalid email") from error


def _optional(schema: cs.CoreSchema, default: Any = None) -> cs.CoreSchema:
    return cs.with_default_schema(schema, default=default)


def _nullable(schema: cs.CoreSchema, then: Callable[[Any], Any] | None = None) -> cs.CoreSchema:
    """An optional field that may be null; `then` runs on a present, non-empty value."""
    nullable = cs.nullable_schema(schema)
    if then is not None:
        nullable = cs.no_info_after_validator_function(lambda v: then(v) if v else None, nullable)
    return _optional(nullable)


def _enum(kind: type) -> cs.CoreSchema:
    return cs.enum_schema(kind, list(kind), sub_type="str")


def _key() -> cs.CoreSchema:
    return cs.str_schema(min_length=1, max_length=64)


def _attachment_ids() -> cs.CoreSchema:
    ids = cs.list_schema(cs.str_schema(max_length=200), max_length=5)
    return _optional(cs.no_info_after_validator_function(tuple, ids), default=())


def _dataclass(cls: type, schemas: dict[str, cs.CoreSchema]) -> cs.CoreSchema:
    """`cls` built from a JSON object holding exactly its fields."""
    if list(schemas) != [field.name for field in fields(cls)]:
        raise TypeError(f"{cls.__name__}: a schema for each field, in the fields' order")
    arguments = cs.dataclass_args_schema(
        cls.__name__,
        [cs.dataclass_field(name, schema) for name, schema in schemas.items()],
        extra_behavior="forbid",
    )
    # The config goes on the dataclass: its fields do not read the validator's.
    return cs.dataclass_schema(cls, arguments, list(schemas), frozen=True, config=_CONFIG)


@dataclass(frozen=True)
class ReportIn:
    type: ReportType
    title: str
    description: str
    category: str
    reporter: Reporter
    agency: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    incident_date: date | None = None
    anonymous: bool = False
    confidential: bool = False
    language: Language = Language.ID
    attachments: tuple[str, ...] = ()


def _not_in_future(value: date | None, info: cs.ValidationInfo) -> date | None:
    today = (info.context or {}).get("today")
    if value is not None and today is not None and value > today:
        raise PydanticCustomError("future_date", "in the future")
    return value


_REPORTER = _dataclass(Reporter, {
    "name": _optional_clean_text(100),
    "email": _nullable(cs.str_schema(max_length=254), then=_checked_email),
    "phone": _nullable(cs.str_schema(max_length=32), then=normalize_phone),
})  # fmt: skip

# The schemas are public for the API description (openapi/), which derives from them.
REPORT_SCHEMA = _dataclass(ReportIn, {
    "type": _enum(ReportType),
    "title": _clean_text(1, 150),
    "description": _clean_text(20, 5000),
    "category": _key(),
    "reporter": _REPORTER,
    "agency": _nullable(_key()),
    "location": _optional_clean_text(300),
    "latitude": _nullable(cs.float_schema(ge=-11.5, le=6.5)),
    "longitude": _nullable(cs.float_schema(ge=94.0, le=141.5)),
    "incident_date": _optional(
        cs.with_info_after_validator_function(_not_in_future, cs.nullable_schema(cs.date_schema()))
    ),
    "anonymous": _optional(cs.bool_schema(), default=False),
    "confidential": _optional(cs.bool_schema(), default=False),
    "language": _optional(_enum(Language), default=Language.ID),
    "attachments": _attachment_ids(),
})  # fmt: skip
_REPORT = SchemaValidator(REPORT_SCHEMA)


def report_rule_problems(report: ReportIn) -> FieldProblems:
    """Rules across fields, checked once each field is valid on its own."""
    problems: FieldProblems = {}
    if not report.reporter.email and not report.reporter.phone:
        problems["reporter.email"] = ("contact_required", {})
    if not report.anonymous and not report.reporter.name:
        problems["reporter.name"] = ("name_required", {})
    if (report.latitude is None) != (report.longitude is None):
        missing = "latitude" if report.latitude is None else "longitude"
        problems[missing] = ("coordinates_pair", {})
    return problems


def parse_report(raw_body: bytes, today: date) -> ReportIn:
    """The validated report, or InvalidFields naming every bad field."""
    report = _validated(_REPORT, raw_body, context={"today": today})
    problems = report_rule_problems(report)
    if problems:
        raise InvalidFields(problems)
    return report


def _validated(validator: SchemaValidator, raw_body: bytes, **options: Any) -> Any:
    try:
        return validator.validate_json(raw_body, **options)
    except ValidationError as error:
        raise InvalidFields(field_problems(error)) from None


def field_problems(error: ValidationError) -> FieldProblems:
    problems: FieldProblems = {}
    for item in error.errors(include_url=False):
        # Union members add their type name to the location; the field is what matters.
        path = [str(p) for p in item["loc"] if not str(p).startswith(("function-", "nullable"))]
        name = ".".join(p for p in path if p not in _TYPE_LOCS) or "body"
        problems.setdefault(name, _problem(item))
    return problems


_TYPE_LOCS = {"str", "float", "int", "bool", "date", "none", "constrained-str"}


# Error types → catalog keys ("field.<key>"); types not listed read "invalid".
_MESSAGE_KEYS = {
    **{kind: kind for kind in (
        "missing", "extra_forbidden", "string_type", "bool_type", "float_type", "int_type",
        "dict_type", "model_type", "email_invalid", "phone_invalid", "future_date", "enum",
        "string_too_short", "string_too_long", "greater_than_equal", "less_than_equal",
        "string_pattern_mismatch", "too_long",
    )},
    "float_parsing": "float_type",
    "finite_number": "float_type",
    "int_parsing": "int_type",
    "int_from_float": "int_type",
    "dataclass_type": "model_type",
    "dataclass_args_type": "model_type",
    "unexpected_keyword_argument": "extra_forbidden",
    "missing_keyword_only_argument": "missing",
    "missing_argument": "missing",
}  # fmt: skip


def _problem(item: Any) -> tuple[str, dict[str, Any]]:
    kind = item["type"]
    if kind.startswith("date_"):
        return "date_parsing", {}
    key = _MESSAGE_KEYS.get(kind, "invalid")
    ctx = dict(item.get("ctx") or {})
    if key == "enum":
        return key, {"expected": ctx.get("expected", "")}
    return key, ctx


@dataclass(frozen=True)
class UploadIn:
    filename: str
    content_type: str
    size: int


UPLOAD_SCHEMA = _dataclass(UploadIn, {
    "filename": cs.str_schema(min_length=1, max_length=200),
    "content_type": cs.str_schema(min_length=1, max_length=100),
    "size": cs.int_schema(),
})  # fmt: skip
_UPLOAD = SchemaValidator(UPLOAD_SCHEMA)


def parse_upload(raw_body: bytes) -> UploadIn:
    return _validated(_UPLOAD, raw_body)


# A request to move a report on; which fields an action needs is the workflow's rule.
COMMAND_SCHEMA = _dataclass(Command, {
    "action": _enum(Action),
    "note": _optional_clean_text(5000),
    "internal_note": _optional_clean_text(5000),
    "agency": _nullable(_key()),
    "unit": _nullable(cs.str_schema(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")),
    "reason": _nullable(_key()),
    "duplicate_of": _nullable(cs.str_schema(max_length=32)),
    "tier": _nullable(_key()),
    "category": _nullable(_key()),
    "satisfied": _nullable(cs.bool_schema()),
    "rating": _nullable(cs.int_schema()),
    "anonymous": _nullable(cs.bool_schema()),
    "confidential": _nullable(cs.bool_schema()),
    "attachments": _attachment_ids(),
})  # fmt: skip
_COMMAND = SchemaValidator(COMMAND_SCHEMA)


def parse_command(raw_body: bytes) -> Command:
    return _validated(_COMMAND, raw_body)


@dataclass(frozen=True)
class LearnerIn:
    name: str
    email: str
    agency: str
    level: str
    language: Language = Language.ID


LEARNER_SCHEMA = _dataclass(LearnerIn, {
    "name": _clean_text(1, 100),
    "email": cs.no_info_after_validator_function(_checked_email, cs.str_schema(max_length=254)),
    "agency": _key(),
    "level": cs.literal_schema(list(LEVELS)),
    "language": _optional(_enum(Language), default=Language.ID),
})  # fmt: skip
_LEARNER = SchemaValidator(LEARNER_SCHEMA)


def parse_learner(raw_body: bytes) -> LearnerIn:
    return _validated(_LEARNER, raw_body)


@dataclass(frozen=True)
class AttemptIn:
    answers: dict[str, list[str]]


ATTEMPT_SCHEMA = _dataclass(AttemptIn, {
    "answers": cs.dict_schema(
        keys_schema=cs.str_schema(max_length=16),
        values_schema=cs.list_schema(cs.str_schema(max_length=8), max_length=10),
        max_length=50,
    ),
})  # fmt: skip
_ATTEMPT = SchemaValidator(ATTEMPT_SCHEMA)


def parse_attempt(raw_body: bytes) -> AttemptIn:
    return _validated(_ATTEMPT, raw_body)


@dataclass(frozen=True)
class ClockMoveIn:
    """The practice desk's clock, moved forward: an hour to 30 days at a time."""

    hours: int


CLOCK_MOVE_SCHEMA = _dataclass(ClockMoveIn, {
    "hours": cs.int_schema(strict=True, ge=1, le=720),
})  # fmt: skip
_CLOCK_MOVE = SchemaValidator(CLOCK_MOVE_SCHEMA)


def parse_clock_move(raw_body: bytes) -> ClockMoveIn:
    return _validated(_CLOCK_MOVE, raw_body)
