"""Sending SMS through Amazon SNS: the only code that knows it. Messages are transactional
(delivered ahead of promotional ones, even to numbers on a do-not-disturb list) and carry the
sender id where the destination country allows one."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from chalicelib.notify.failures import TRANSIENT, SendFailed

SENDER_ID = "LAPOR"


@lru_cache(maxsize=1)
def _client() -> Any:
    import boto3  # noqa: PLC0415 - only the notifier pays for boto3's import
    from botocore.config import Config  # noqa: PLC0415

    return boto3.client("sns", config=Config(retries={"total_max_attempts": 1}))


def opted_out(phone: str) -> bool:
    """The number replied STOP (SNS keeps the list): it must not be sent to."""
    return bool(_client().check_if_phone_number_is_opted_out(phoneNumber=phone)["isOptedOut"])


def send(phone: str, text: str) -> str:
    """The SNS message id, or SendFailed."""
    from botocore.exceptions import BotoCoreError, ClientError  # noqa: PLC0415

    try:
        answer = _client().publish(
            PhoneNumber=phone,
            Message=text,
            MessageAttributes={
                "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"},
                "AWS.SNS.SMS.SenderID": {"DataType": "String", "StringValue": SENDER_ID},
            },
        )
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        raise SendFailed(code or "ClientError", retry=code in TRANSIENT) from error
    except BotoCoreError as error:
        raise SendFailed(type(error).__name__, retry=True) from error
    return str(answer["MessageId"])
