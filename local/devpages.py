"""Dev-only pages: the local mailbox (what SES and SNS were asked to send: mail and SMS) and
the clock control."""

from __future__ import annotations

import base64
import email
import email.policy
import html
import json
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class SentMail:
    id: str
    to: list[str]
    subject: str
    html: str
    attachments: dict[str, bytes] = field(default_factory=dict)  # file name → content


def sent_mail(message: Any) -> SentMail:
    """What moto's SES was asked to send, as a reader sees it: a mail sent whole (SendRawEmail,
    one with files) is parsed like a mail client would."""
    if not hasattr(message, "raw_data"):
        return SentMail(message.id, message.destinations.get("ToAddresses", []),
                        message.subject, message.body)  # fmt: skip
    raw = message.raw_data.encode() if isinstance(message.raw_data, str) else message.raw_data
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    body = parsed.get_body(preferencelist=("html",))
    files = {part.get_filename(): part.get_content() for part in parsed.iter_attachments()}
    # moto lists an address twice when the To header repeats the Destinations.
    to = list(dict.fromkeys(message.destinations))
    return SentMail(message.id, to, str(parsed["Subject"]), body.get_content(), files)


def _messages(region: str) -> list[SentMail]:
    return [sent_mail(m) for m in ses_backends[DEFAULT_ACCOUNT_ID][region].sent_messages]


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
        {"channel": "email", "index": i, "to": m.to, "reply_to": reply_to.get(m.id),
         "subject": m.subject, "text": m.subject, "html": m.html,
         "attachments": sorted(m.attachments)}
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
        f"{html.escape(', '.join(m.to))}"
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
    message = messages[index]
    # Attachments (a certificate's PDF) as links to open, under the mail as a client shows them.
    files = "".join(
        f'<p><a download="{html.escape(name)}" href="data:application/pdf;base64,'
        f'{base64.b64encode(content).decode()}">📎 {html.escape(name)}</a></p>'
        for name, content in message.attachments.items()
    )
    return (message.html + files).encode()


def advance_clock(move: timedelta) -> dict[str, str]:
    current = clock.current()
    if not isinstance(current, clock.OffsetClock):
        raise ValueError("the dev runner's clock is not movable")
    current.advance(move)
    return {"now": clock.now().isoformat(), "offset": str(current.offset)}
