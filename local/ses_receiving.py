"""What SES receiving does with a mail, for the dev runner and the tests: the receipt rule's
S3 action stores the raw message, then its Lambda action invokes the inbound function with
the message id, the envelope's recipients and the checks' verdicts."""

from __future__ import annotations

import uuid
from datetime import datetime
from email.parser import BytesHeaderParser
from email.utils import getaddresses
from typing import Any

from chalicelib.jobs.inbound_mail import handle_ses_receipt
from chalicelib.store.inbound_mail import write_raw

CHECKS = ("spf", "dkim", "dmarc", "spam", "virus")


def ses_receipt_event(message_id: str, recipients: list[str], **verdicts: str) -> dict[str, Any]:
    """SES's Lambda action event; every check PASS unless told otherwise."""
    receipt: dict[str, Any] = {"recipients": recipients}
    for name in CHECKS:
        receipt[f"{name}Verdict"] = {"status": verdicts.get(name, "PASS")}
    mail = {"messageId": message_id, "destination": recipients}
    return {"Records": [{"eventSource": "aws:ses", "ses": {"mail": mail, "receipt": receipt}}]}


def header_recipients(raw: bytes) -> list[str]:
    """To and Cc: locally the envelope is what the message says."""
    headers = BytesHeaderParser().parsebytes(raw)
    values = [str(v) for v in headers.get_all("to", []) + headers.get_all("cc", [])]
    return [address for _, address in getaddresses(values) if address]


def receive(
    raw: bytes,
    now: datetime,
    *,
    recipients: list[str] | None = None,
    message_id: str | None = None,
    **verdicts: str,
) -> dict[str, Any]:
    """Store the message as SES would and run the inbound function on it; its outcome."""
    message_id = message_id or uuid.uuid4().hex
    write_raw(message_id, raw)
    rcpt = recipients if recipients is not None else header_recipients(raw)
    return handle_ses_receipt(ses_receipt_event(message_id, rcpt, **verdicts), now)[0]
