"""What a sender (SES, SNS) says when it did not take a message."""

from __future__ import annotations


class SendFailed(Exception):
    """The message was not taken; ``retry`` says whether trying again may help."""

    def __init__(self, reason: str, *, retry: bool) -> None:
        super().__init__(reason)
        self.retry = retry


# Errors that say "not now" rather than "never": throttling and the service's own trouble.
TRANSIENT = {"Throttling", "ThrottlingException", "MaxSendingRateExceeded",
             "ServiceUnavailable", "InternalFailure", "InternalError", "RequestTimeout",
             "KMSThrottling"}  # fmt: skip
