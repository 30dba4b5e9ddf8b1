"""Reading what moto's SES was asked to send."""

from __future__ import annotations

import email
import email.policy
import html
import re
from dataclasses import dataclass, field

from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

REGION = "ap-southeast-3"


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    html: str
    attachments: dict[str, bytes] = field(default_factory=dict)  # file name → content

    def link(self) -> str:
        """The action button's address (the last link in the mail)."""
        return html.unescape(re.findall(r'href="([^"]+)"', self.html)[-1])

    def token(self) -> str:
        return self.link().split("#token=")[1]


def _messages() -> list:
    return ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages


def clear() -> None:
    _messages().clear()


def _from_raw(raw: str | bytes, address: str) -> Mail:
    """A mail sent whole (SendRawEmail: one with files), read back as a mail reader would."""
    data = raw.encode() if isinstance(raw, str) else raw
    message = email.message_from_bytes(data, policy=email.policy.default)
    body = message.get_body(preferencelist=("html",))
    files = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    return Mail(to=address, subject=str(message["Subject"]), html=body.get_content(),
                attachments=files)  # fmt: skip


def sent() -> list[Mail]:
    mails = []
    for m in _messages():
        if hasattr(m, "raw_data"):
            # moto lists an address twice when the To header repeats the Destinations.
            mails += [_from_raw(m.raw_data, a) for a in dict.fromkeys(m.destinations)]
        else:
            mails += [Mail(to=a, subject=m.subject, html=m.body)
                      for a in m.destinations["ToAddresses"]]  # fmt: skip
    return mails


def sent_to(address: str) -> list[Mail]:
    return [mail for mail in sent() if mail.to == address]
