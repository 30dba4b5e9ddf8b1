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


def send(email: Email) -> str:
    """The SES message id, or SendFailed."""
    from botocore.exceptions import BotoCoreError, ClientError  # noqa: PLC0415

    settings = get_settings()
    request: dict[str, Any] = {
        "Source": settings.mail_from,
        "Destination": {"ToAddresses": [email.to]},
        "Message": {
            "Subject": {"Data": email.subject, "Charset": "UTF-8"},
            "Body": {
                "Text": {"Data": email.text, "Charset": "UTF-8"},
                "Html": {"Data": email.html, "Charset": "UTF-8"},
            },
        },
    }
    if email.reply_to:
        request["ReplyToAddresses"] = [email.reply_to]
    if settings.ses_configuration_set:
        request["ConfigurationSetName"] = settings.ses_configuration_set
    try:
        return str(_client().send_email(**request)["MessageId"])
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        raise SendFailed(code or "ClientError", retry=code in TRANSIENT) from error
    except BotoCoreError as error:  # network trouble: worth another try
        raise SendFailed(type(error).__name__, retry=True) from error
