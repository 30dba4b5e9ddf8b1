"""Mail for the inbound function: raw messages, delivered as SES receiving would."""

from __future__ import annotations

import uuid
from email.message import EmailMessage
from typing import Any

from local.ses_receiving import receive
from tests.conftest import DEFAULT_NOW

INTAKE = "lapor@lapor.example"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
PDF = b"%PDF-1.4\n" + b"0" * 200


def raw_mail(
    *,
    sender: str = "Siti Aminah <siti@example.id>",
    to: str = INTAKE,
    subject: str = "Jalan berlubang di Kaliurang",
    text: str | None = "Lubang besar di Jalan Kaliurang km 5 membahayakan pengendara.",
    html: str | None = None,
    files: tuple[tuple[str, str, bytes], ...] = (),
    headers: dict[str, str] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = f"<{uuid.uuid4().hex}@example.id>"
    for name, value in (headers or {}).items():
        message[name] = value
    if text is not None:
        message.set_content(text)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    for filename, content_type, data in files:
        maintype, subtype = content_type.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(message)


def deliver(
    raw: bytes, *, to: str = INTAKE, now=DEFAULT_NOW, message_id: str | None = None, **verdicts: str
) -> dict[str, Any]:
    """As SES receiving would: stored, then the inbound function; its outcome."""
    return receive(raw, now, recipients=[to], message_id=message_id, **verdicts)
