"""Reading what moto's SES was asked to send."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from local.devpages import sent_mail

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


def sent() -> list[Mail]:
    return [
        Mail(to=address, subject=m.subject, html=m.html, attachments=m.attachments)
        for m in map(sent_mail, _messages())
        for address in m.to
    ]


def sent_to(address: str) -> list[Mail]:
    return [mail for mail in sent() if mail.to == address]
