"""What callers may send, validated (pydantic), and its errors translated into field problems
(``InvalidFields``), so that services validate without knowing HTTP."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from chalicelib.domain.email_address import InvalidEmail, normalize_email
from chalicelib.domain.errors import FieldProblems, InvalidFields
from chalicelib.domain.report import Language, ReportType
from chalicelib.domain.text import clean_text
from chalicelib.domain.workflow import Action, Command


def _clean_text(min_length: int, max_length: int) -> AfterValidator:
    """Control characters are removed before lengths are checked: an invisible title is none."""

    def clean(value: str) -> str:
        text = clean_text(value)
        if len(text) < min_length:
            raise PydanticCustomError("string_too_short", "too short", {"min_length": min_length})
        if len(text) > max_length:
            raise PydanticCustomError("string_too_long", "too long", {"max_length": max_length})
        return text

    return AfterValidator(clean)


def _optional_clean_text(max_length: int) -> AfterValidator:
    def clean(value: str | None) -> str | None:
        if value is None:
            return None
        text = clean_text(value)
        if len(text) > max_length:
            raise PydanticCustomError("string_too_long", "too long", {"max_length": max_length})
        return text or None

    return AfterValidator(clean)


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


Key = Annotated[str, Field(min_length=1, max_length=64)]


class ReporterIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)

    name: Annotated[str | None, _optional_clean_text(100)] = None
    email: Annotated[str | None, Field(max_length=254)] = None
    phone: Annotated[str | None, Field(max_length=32)] = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return _checked_email(value) if value else None

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return normalize_phone(value) if value else None


class ReportIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)

    type: ReportType
    title: Annotated[str, _clean_text(1, 150)]
    description: Annotated[str, _clean_text(20, 5000)]
    category: Key
    agency: Key | None = None
    location: Annotated[str | None, _optional_clean_text(300)] = None
    latitude: Annotated[float | None, Field(ge=-11.5, le=6.5)] = None
    longitude: Annotated[float | None, Field(ge=94.0, le=141.5)] = None
    incident_date: date | None = None
    anonymous: bool = False
    confidential: bool = False
    reporter: ReporterIn
    language: Language = Language.ID
    attachments: Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=5)] = []

    @field_validator("incident_date")
    @classmethod
    def _not_in_future(cls, value: date | None, info: ValidationInfo) -> date | None:
        today = (info.context or {}).get("today")
        if value is not None and today is not None and value > today:
            raise PydanticCustomError("future_date", "in the future")
        return value


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
    try:
        report = ReportIn.model_validate_json(raw_body, context={"today": today})
    except ValidationError as error:
        raise InvalidFields(field_problems(error)) from None
    problems = report_rule_problems(report)
    if problems:
        raise InvalidFields(problems)
    return report


def field_problems(error: ValidationError) -> FieldProblems:
    problems: FieldProblems = {}
    for item in error.errors(include_url=False):
        # Union members add their type name to the location; the field is what matters.
        path = [str(p) for p in item["loc"] if not str(p).startswith(("function-", "nullable"))]
        name = ".".join(p for p in path if p not in _TYPE_LOCS) or "body"
        problems.setdefault(name, _problem(item))
    return problems


_TYPE_LOCS = {"str", "float", "int", "bool", "date", "none", "constrained-str"}


# pydantic error types → catalog keys ("field.<key>"); types not listed read "invalid".
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


class UploadIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)

    filename: Annotated[str, Field(min_length=1, max_length=200)]
    content_type: Annotated[str, Field(min_length=1, max_length=100)]
    size: int


def parse_upload(raw_body: bytes) -> UploadIn:
    try:
        return UploadIn.model_validate_json(raw_body)
    except ValidationError as error:
        raise InvalidFields(field_problems(error)) from None


class ActionIn(BaseModel):
    """A request to move a report on; which fields an action needs is the workflow's rule."""

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)

    action: Action
    note: Annotated[str | None, _optional_clean_text(5000)] = None
    internal_note: Annotated[str | None, _optional_clean_text(5000)] = None
    agency: Key | None = None
    unit: Annotated[str | None, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")] = None
    reason: Key | None = None
    duplicate_of: Annotated[str | None, Field(max_length=32)] = None
    tier: Key | None = None
    category: Key | None = None
    satisfied: bool | None = None
    rating: int | None = None
    anonymous: bool | None = None
    confidential: bool | None = None
    attachments: Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=5)] = []


def parse_command(raw_body: bytes) -> Command:
    try:
        data = ActionIn.model_validate_json(raw_body)
    except ValidationError as error:
        raise InvalidFields(field_problems(error)) from None
    return Command(**{**data.model_dump(), "attachments": tuple(data.attachments)})
