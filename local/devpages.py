"""Dev-only pages: the local mailbox (what SES and SNS were asked to send: mail and SMS) and
the clock control."""

from __future__ import annotations

import html
import json
from datetime import timedelta
from typing import Any

from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends
from moto.sns.models import sns_backends

from chalicelib import clock
from chalicelib.store.models import OutboxModel

_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lapor dev mailbox</title></head><body>
<main><h1>Local mailbox</h1><p>Clock: {now} (moved {offset}).</p>
<form method="post" action="/dev/clock"><label>Move the clock forward by
<input name="days" type="number" min="0" max="60" value="1"> day(s)</label>
<button type="submit">Advance</button></form>
<p>{count} message(s), newest first.</p><ol reversed>{items}</ol>
<h2>SMS</h2><p>{sms_count} SMS, newest first.</p><ol reversed>{sms_items}</ol>
</main></body></html>"""


def _messages(region: str) -> list[Any]:
    return list(ses_backends[DEFAULT_ACCOUNT_ID][region].sent_messages)


def _sms(region: str) -> list[tuple[str, str]]:
    """(phone, text) of every SMS SNS was asked to send, oldest first."""
    return list(sns_backends[DEFAULT_ACCOUNT_ID][region].sms_messages.values())


def _reply_addresses() -> dict[str, str]:
    """SES message id → the Reply-To it was sent with (moto's SES does not keep it; the outbox
    does)."""
    return {
        item.message_id: item.reply_to
        for item in OutboxModel.scan(OutboxModel.reply_to.exists())
        if item.message_id
    }


def mailbox_json(region: str) -> bytes:
    reply_to = _reply_addresses()
    mail = [
        {"channel": "email", "index": i, "to": m.destinations.get("ToAddresses", []),
         "reply_to": reply_to.get(m.id), "subject": m.subject, "text": m.subject,
         "html": m.body}
        for i, m in enumerate(_messages(region))
    ]  # fmt: skip
    sms = [
        {"channel": "sms", "index": i, "to": [phone], "text": text}
        for i, (phone, text) in enumerate(_sms(region))
    ]
    return json.dumps(list(reversed(mail)) + list(reversed(sms))).encode()


def mailbox_page(region: str) -> bytes:
    messages = _messages(region)
    reply_to = _reply_addresses()
    items = "".join(
        f'<li><a href="/dev/mail/{i}">{html.escape(m.subject)}</a> → '
        f"{html.escape(', '.join(m.destinations.get('ToAddresses', [])))}"
        + (
            f"<br><small>Reply-To: {html.escape(reply_to[m.id])}</small>"
            if m.id in reply_to
            else ""
        )
        + "</li>"
        for i, m in reversed(list(enumerate(messages)))
    )
    sms = _sms(region)
    sms_items = "".join(
        f"<li>{html.escape(phone)}: {html.escape(text)}</li>" for phone, text in reversed(sms)
    )
    offset = getattr(clock.current(), "offset", timedelta(0))
    page = _PAGE.format(
        now=clock.now().isoformat(timespec="minutes"),
        offset=offset,
        count=len(messages),
        items=items,
        sms_count=len(sms),
        sms_items=sms_items,
    )
    return page.encode()


def message_page(region: str, index: int) -> bytes | None:
    messages = _messages(region)
    if not 0 <= index < len(messages):
        return None
    return str(messages[index].body).encode()


def advance_clock(move: timedelta) -> dict[str, str]:
    current = clock.current()
    if not isinstance(current, clock.OffsetClock):
        raise ValueError("the dev runner's clock is not movable")
    current.advance(move)
    return {"now": clock.now().isoformat(), "offset": str(current.offset)}
