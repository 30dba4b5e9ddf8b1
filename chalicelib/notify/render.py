"""Rendering a mail intent into subject, plain text and HTML, in the recipient's language.

Two templates (text and HTML) lay out every message; what each message says comes from the
message catalogs (``mail.<kind>.subject``, ``.body``, ``.action``), so both languages stay in
one place with the rest of Lapor's text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from chalicelib.i18n import translate
from chalicelib.store import reference

_ZONE_NAMES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT",
               "+07:00": "WIB", "+08:00": "WITA", "+09:00": "WIT"}  # fmt: skip


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # "application/pdf"
    content: bytes


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    text: str
    html: str
    reply_to: str | None = None
    attachments: tuple[Attachment, ...] = ()


@lru_cache(maxsize=1)
def _templates() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def local_time(iso: str | None) -> str:
    """'30-11-2026 23:59 WIB': Indonesian readers know their zone by its name."""
    if not iso:
        return "-"
    instant = datetime.fromisoformat(iso)
    offset = instant.strftime("%z")
    zone = _ZONE_NAMES.get(f"{offset[:3]}:{offset[3:]}", instant.strftime("UTC%z"))
    return f"{instant:%d-%m-%Y %H:%M} {zone}"


def _labels(facts: dict[str, Any], language: str) -> dict[str, Any]:
    agencies, categories = reference.agencies(), reference.categories()
    agency = agencies.get(facts.get("agency") or "")
    category = categories.get(facts.get("category") or "")
    return {
        **facts,
        "status_label": translate(f"status.{facts.get('status')}", language),
        "agency_label": agency.labels[language] if agency else "-",
        "category_label": category.labels[language] if category else "-",
        "due": local_time(facts.get("due_at")),
        "note": facts.get("note") or "",
        "unit": facts.get("unit") or "",
        "anonymous_label": _switch(facts.get("anonymous"), language),
        "confidential_label": _switch(facts.get("confidential"), language),
    }


def _switch(on: object, language: str) -> str:
    return translate("privacy.on" if on else "privacy.off", language)


def _facts(params: dict[str, Any], language: str) -> list[tuple[str, str]]:
    return [
        (translate("mail.facts.tracking_id", language), params["tracking_id"]),
        (translate("mail.facts.title", language), params["title"]),
        (translate("mail.facts.status", language), params["status_label"]),
        (translate("mail.facts.due", language), params["due"]),
    ]


def render(
    *,
    kind: str,
    to: str,
    language: str,
    data: dict[str, Any],
    link: str | None,
    reply_to: str | None = None,
) -> Email:
    reports = [_labels(line, language) for line in data.get("reports", [])]
    params = _labels(data, language) if not reports else {"count": len(reports)}
    action = translate(f"mail.{kind}.action", language)
    page = {
        "language": language,
        "subject": translate(f"mail.{kind}.subject", language, **params),
        "paragraphs": translate(f"mail.{kind}.body", language, **params).split("\n\n"),
        "note": params.get("note"),
        "note_heading": translate("mail.note_heading", language),
        "facts": _facts(params, language) if "tracking_id" in params else [],
        "reports": reports,
        "due_label": translate("mail.facts.due", language),
        "open_label": translate("mail.digest.open", language),
        "action": {"label": action, "url": link}
        if link and action != f"mail.{kind}.action"
        else None,
        "footer": translate("mail.footer", language),
    }
    environment = _templates()
    return Email(
        to=to,
        subject=page["subject"],
        text=environment.get_template("email.txt.j2").render(page),
        html=environment.get_template("email.html.j2").render(page),
        reply_to=reply_to,
    )


def render_sms(*, kind: str, language: str, data: dict[str, Any], link: str | None) -> str:
    """One short message: the mail's subject (it names the report), then its one link."""
    params = _labels(data, language)
    subject = translate(f"mail.{kind}.subject", language, **params)
    text = translate("sms.message", language, subject=subject)
    return f"{text} {link}" if link else text
