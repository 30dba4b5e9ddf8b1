"""SES feedback (configuration set → SNS → this handler): a bounced or complaining address
is marked bad, so no more mail goes to it, and the national admins are told, so that a dead
agency inbox gets noticed and fixed."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from chalicelib.services.metrics import count
from chalicelib.settings import get_settings
from chalicelib.store import outbox

_EVENT_RECIPIENTS = {
    "Bounce": lambda m: [
        r["emailAddress"] for r in m.get("bounce", {}).get("bouncedRecipients", [])
    ],
    "Complaint": lambda m: [
        r["emailAddress"] for r in m.get("complaint", {}).get("complainedRecipients", [])
    ],
}


def handle_ses_event(message: str, now: datetime) -> list[str]:
    """The addresses newly blocked by one SNS message from SES."""
    event = json.loads(message)
    kind = event.get("notificationType") or event.get("eventType") or ""
    if kind not in _EVENT_RECIPIENTS:
        return []
    if kind == "Bounce" and event.get("bounce", {}).get("bounceType") == "Transient":
        return []  # a full mailbox or a passing fault: SES retries, nothing to block
    blocked = []
    for address in _EVENT_RECIPIENTS[kind](event):
        if outbox.block(address, kind.lower(), json.dumps(event)[:500], now):
            blocked.append(address)
            count("AddressesBlocked")
            _tell_admins(address, kind, event.get("mail", {}).get("messageId", ""), now)
    return blocked


def _tell_admins(address: str, kind: str, message_id: str, now: datetime) -> None:
    for admin in get_settings().admin_emails:
        intent = outbox.new_intent(
            intent=outbox.intent_id("bad-address", message_id, address, admin),
            kind="admin.bounce",
            to=admin,
            language="id",
            now=now,
            data={"address": address, "event": kind.lower()},
        )
        # The same SNS message delivered twice tells the admins once.
        outbox.save_intent(intent)


def sns_messages(event: dict[str, Any]) -> list[str]:
    return [record["Sns"]["Message"] for record in event.get("Records", []) if "Sns" in record]
