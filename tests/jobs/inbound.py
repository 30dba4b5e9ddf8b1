"""Mail as SES receives it: a raw message, stored where the receipt rule's S3 action puts it,
then handed to the inbound function with SES's verdicts."""

from __future__ import annotations

import uuid
from email.message import EmailMessage
from typing import Any

from chalicelib.jobs.inbound_mail import handle_ses_receipt
from chalicelib.store.inbound_mail import write_raw
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


def ses_event(message_id: str, recipients: list[str], **verdicts: str) -> dict[str, Any]:
    """SES's Lambda action event; every check PASS unless told otherwise."""
    receipt: dict[str, Any] = {"recipients": recipients}
    for name in ("spf", "dkim", "dmarc", "spam", "virus"):
        receipt[f"{name}Verdict"] = {"status": verdicts.get(name, "PASS")}
    mail = {"messageId": message_id, "destination": recipients}
    return {"Records": [{"eventSource": "aws:ses", "ses": {"mail": mail, "receipt": receipt}}]}


def deliver(
    raw: bytes, *, to: str = INTAKE, now=DEFAULT_NOW, message_id: str | None = None, **verdicts: str
) -> dict[str, Any]:
    """Store the message as SES would and run the inbound function on it; its outcome."""
    message_id = message_id or uuid.uuid4().hex
    write_raw(message_id, raw)
    return handle_ses_receipt(ses_event(message_id, [to], **verdicts), now)[0]
