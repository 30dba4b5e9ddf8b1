"""Sending through SES: the only code that knows it."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from chalicelib.notify.failures import TRANSIENT, SendFailed
from chalicelib.notify.render import Email
from chalicelib.settings import get_settings


@lru_cache(maxsize=1)
def _client() -> Any:
    import boto3  # noqa: PLC0415 - only the notifier pays for boto3's import
    from botocore.config import Config  # noqa: PLC0415

    # One try per attempt: the outbox retries with its own back-off, without holding the
    # Lambda in botocore's sleeps, and counts every attempt.
    return boto3.client("ses", config=Config(retries={"total_max_attempts": 1}))


def _raw(email: Email, source: str) -> bytes:
    """The whole message as MIME: text and HTML as alternatives, then the attachments."""
    from email.message import EmailMessage  # noqa: PLC0415 - only mail with files needs it

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = source, email.to, email.subject
    if email.reply_to:
        message["Reply-To"] = email.reply_to
    message.set_content(email.text)
    message.add_alternative(email.html, subtype="html")
    for attachment in email.attachments:
        kind, _, subtype = attachment.content_type.partition("/")
        message.add_attachment(attachment.content, maintype=kind, subtype=subtype,
                               filename=attachment.filename)  # fmt: skip
    return message.as_bytes()


def _request(email: Email) -> tuple[str, dict[str, Any]]:
    """The SES call and its arguments: SendEmail, or SendRawEmail for a mail with files."""
    settings = get_settings()
    request: dict[str, Any] = {"Source": settings.mail_from}
    if email.attachments:
        operation = "send_raw_email"
        request["Destinations"] = [email.to]
        request["RawMessage"] = {"Data": _raw(email, settings.mail_from)}
    else:
        operation = "send_email"
        request["Destination"] = {"ToAddresses": [email.to]}
        request["Message"] = {
            "Subject": {"Data": email.subject, "Charset": "UTF-8"},
            "Body": {
                "Text": {"Data": email.text, "Charset": "UTF-8"},
                "Html": {"Data": email.html, "Charset": "UTF-8"},
            },
        }
        if email.reply_to:
            request["ReplyToAddresses"] = [email.reply_to]
    if settings.ses_configuration_set:
        request["ConfigurationSetName"] = settings.ses_configuration_set
    return operation, request


def send(email: Email) -> str:
    """The SES message id, or SendFailed."""
    from botocore.exceptions import BotoCoreError, ClientError  # noqa: PLC0415

    operation, request = _request(email)
    try:
        return str(getattr(_client(), operation)(**request)["MessageId"])
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        raise SendFailed(code or "ClientError", retry=code in TRANSIENT) from error
    except BotoCoreError as error:  # network trouble: worth another try
        raise SendFailed(type(error).__name__, retry=True) from error
