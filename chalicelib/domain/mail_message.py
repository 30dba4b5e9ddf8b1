"""A received mail, read from its raw RFC 822 bytes: who sent it, to whom, its subject, its
text (plain, or HTML turned into text) and its files. Pure: the bytes come from the caller.

The standard library's parser (``email``, the modern policy) reads MIME; turning HTML into
text is a few lines on ``html.parser`` rather than a dependency (the usual one, html2text,
is GPL)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses
from html.parser import HTMLParser


class MalformedMail(ValueError):
    """The bytes are not a mail we can answer: no sender address, or no readable text."""


@dataclass(frozen=True)
class MailFile:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class InboundMail:
    sender: str  # the From address, lower-cased
    sender_name: str
    recipients: tuple[str, ...]  # To and Cc, lower-cased
    subject: str
    text: str
    files: tuple[MailFile, ...]
    message_id: str
    automatic: bool  # an auto-reply, a bounce, a list: never answered, or mail would loop
    language: str | None  # from Content-Language, when the sender's program set it


def parse_mail(raw: bytes) -> InboundMail:
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception as error:  # the parser is lenient; anything it raises is malformed
        raise MalformedMail(f"unparsable: {type(error).__name__}") from error
    sender = _sender(message)
    if sender is None:
        raise MalformedMail("no sender address")
    text = _text(message)
    return InboundMail(
        sender=sender.addr_spec.lower(),
        sender_name=sender.display_name.strip(),
        recipients=tuple(
            address.lower()
            for _, address in getaddresses(
                [str(v) for v in message.get_all("to", []) + message.get_all("cc", [])]
            )
            if address
        ),
        subject=_one_line(str(message.get("subject", ""))),
        text=text,
        files=tuple(_files(message)),
        message_id=str(message.get("message-id", "")).strip(),
        automatic=_automatic(message, sender.addr_spec.lower()),
        language=_language(message),
    )


def _sender(message: EmailMessage) -> Address | None:
    try:
        header = message["from"]
        addresses = header.addresses if header is not None else ()
    except Exception:  # a From header the parser could not make sense of
        return None
    for address in addresses:
        if "@" in address.addr_spec and " " not in address.addr_spec:
            return address
    return None


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _text(message: EmailMessage) -> str:
    """The plain-text body, or the HTML one as text; '' when there is neither."""
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    try:
        content = body.get_content()
    except (LookupError, ValueError):  # a charset Python does not know: read it as UTF-8
        content = (body.get_payload(decode=True) or b"").decode("utf-8", errors="replace")
    if body.get_content_subtype() == "html":
        content = html_to_text(content)
    return _tidy(content)


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _files(message: EmailMessage) -> list[MailFile]:
    files = []
    for part in message.iter_attachments() if message.is_multipart() else ():
        if part.is_multipart():
            continue
        # Decoding never raises: broken base64 decodes as far as it goes, and the file's
        # content check refuses what is not an image or a PDF.
        data = part.get_payload(decode=True) or b""
        files.append(
            MailFile(
                filename=part.get_filename() or "lampiran",
                content_type=part.get_content_type(),
                data=data,
            )
        )
    return files


_AUTOMATIC_SENDERS = re.compile(r"^(mailer-daemon|postmaster|no-?reply|noreply)[@+.-]")


def _automatic(message: EmailMessage, sender: str) -> bool:
    """RFC 3834's Auto-Submitted, the older Precedence, list mail, and bounce senders."""
    auto = str(message.get("auto-submitted", "no")).strip().lower()
    precedence = str(message.get("precedence", "")).strip().lower()
    return (
        auto != "no"
        or precedence in {"bulk", "junk", "list", "auto_reply"}
        or "list-id" in message
        or bool(_AUTOMATIC_SENDERS.match(sender))
    )


def _language(message: EmailMessage) -> str | None:
    tag = str(message.get("content-language", "")).strip().lower()[:2]
    return tag if tag in {"id", "en"} else None


class _TextOfHtml(HTMLParser):
    _BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "blockquote"})
    _HIDDEN = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
