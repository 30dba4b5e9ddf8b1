"""SES receiving's Lambda action: each received mail, read from the inbound bucket where the
rule's S3 action stored it, handled once even when SES invokes twice."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from functools import partial
from typing import Any

from chalicelib.domain.mail_checks import MailChecks
from chalicelib.services.idempotency import run_once
from chalicelib.services.inbound_mail import receive
from chalicelib.store.inbound_mail import read_raw

_VERDICTS = {"spf": "spfVerdict", "dkim": "dkimVerdict", "dmarc": "dmarcVerdict",
             "spam": "spamVerdict", "virus": "virusVerdict"}  # fmt: skip


def checks_of(receipt: dict[str, Any]) -> MailChecks:
    return MailChecks(
        **{
            name: str((receipt.get(key) or {}).get("status", "GRAY")).upper()
            for name, key in _VERDICTS.items()
        }
    )


def handle_ses_receipt(
    event: dict[str, Any], now: datetime, lambda_context: Any = None
) -> list[dict[str, Any]]:
    outcomes = []
    for record in event.get("Records", []):
        ses = record["ses"]
        message_id = ses["mail"]["messageId"]
        handle = partial(_handle, message_id, ses.get("receipt", {}), now)
        outcomes.append(
            run_once("inbound_mail", message_id, {"id": message_id}, handle, lambda_context)
        )
    return outcomes


def _handle(message_id: str, receipt: dict[str, Any], now: datetime) -> dict[str, Any]:
    envelope = tuple(a.lower() for a in receipt.get("recipients", []))
    raw = read_raw(message_id)
    return asdict(receive(message_id, raw, checks_of(receipt), now, envelope))
