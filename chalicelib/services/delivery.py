"""Delivering the outbox: each mail (or SMS, to a reporter who gave only a phone number) is
claimed, rendered, sent and marked, with back-off on failure and a dead end ("parked") after
too many, where operators see it. A number that opted out of SMS is never sent to; the
report records it for the admins.

The guarantee is *at least once*: a claim holds a lease longer than any function may run,
and every mark after the attempt is conditional on still holding that claim, so two workers
never both send a mail. A duplicate is possible only if a function dies between SES
accepting a message and the mark; the lease then runs out and the mail is sent again."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from aws_lambda_powertools import Logger

from chalicelib.notify import ses
from chalicelib.notify import sms as notify_sms
from chalicelib.notify.failures import SendFailed
from chalicelib.notify.render import Attachment, render, render_sms
from chalicelib.services.metrics import count
from chalicelib.settings import get_settings
from chalicelib.store import outbox
from chalicelib.store.models import OutboxModel
from chalicelib.store.reports import record_unsent

logger = Logger(service="lapor")
# Lambda's longest timeout: whatever a notifier's timeout is set to, a claim outlives it.
LEASE = timedelta(minutes=15)
FIRST_RETRY = timedelta(minutes=1)


@dataclass
class DeliveryReport:
    sent: list[str] = field(default_factory=list)
    retrying: list[str] = field(default_factory=list)
    parked: list[str] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # an unexpected error: logged, counted


def backoff(attempt: int) -> timedelta:
    """1, 4, 16, 64 … minutes, at most six hours."""
    return min(FIRST_RETRY * 4 ** (attempt - 1), timedelta(hours=6))


def deliver(item: OutboxModel, now: datetime, report: DeliveryReport) -> None:
    claim = outbox.claim(item, now, LEASE)
    if claim is None:
        return  # delivered already, or another worker holds it
    sms = item.channel == "sms"
    if sms and notify_sms.opted_out(item.to):
        outbox.stop(item, claim, "suppressed", "the number opted out of SMS")
        if item.tracking_id:
            record_unsent(item.tracking_id, f"{item.data.get('seq', 0)}:{item.kind}")
        count("SmsOptedOut")
        report.suppressed.append(item.id)
        return
    if not sms and outbox.is_blocked(item.to):
        outbox.stop(item, claim, "suppressed", "address bounced or complained")
        report.suppressed.append(item.id)
        return
    try:
        message = _rendered(item)
    except Exception as error:  # a broken template or intent: retried, then parked
        reason = f"render: {type(error).__name__}: {error}"
        _failed(item, claim, now, reason, retry=True, report=report)
        return
    try:
        message_id = notify_sms.send(item.to, message) if sms else ses.send(message)
    except SendFailed as failure:
        _failed(item, claim, now, str(failure), retry=failure.retry, report=report)
        return
    outbox.mark_sent(item, claim, now, message_id)
    count("SmsSent" if sms else "EmailsSent")
    report.sent.append(item.id)


def _rendered(item: OutboxModel) -> Any:
    if item.channel == "sms":
        return render_sms(
            kind=item.kind, language=item.language, data=item.data, link=item.link_url
        )
    email = render(
        kind=item.kind,
        to=item.to,
        language=item.language,
        data=item.data,
        link=item.link_url,
        reply_to=item.reply_to,
    )
    return replace(email, attachments=_attachments(item))


def _attachments(item: OutboxModel) -> tuple[Attachment, ...]:
    """A certificate's mail carries its PDF, made (and stored) at the first attempt."""
    code = item.data.get("certificate")
    if not code:
        return ()
    from chalicelib.services.certificates import pdf  # noqa: PLC0415 - certificates' mail only

    filename, content = pdf(code)
    return (Attachment(filename, "application/pdf", content),)


def _failed(
    item: OutboxModel,
    claim: str,
    now: datetime,
    reason: str,
    *,
    retry: bool,
    report: DeliveryReport,
) -> None:
    count("SmsFailed" if item.channel == "sms" else "EmailsFailed")
    if retry and item.attempts < get_settings().max_send_attempts:
        outbox.retry_later(item, claim, now + backoff(item.attempts), reason)
        report.retrying.append(item.id)
        return
    outbox.stop(item, claim, "parked", reason)
    count("EmailsParked")
    # No address in the log line: the id leads an operator to the item in DynamoDB.
    logger.error("email parked", extra={"outbox_id": item.id, "kind": item.kind, "reason": reason})
    report.parked.append(item.id)


def _deliver_isolated(item: OutboxModel, now: datetime, report: DeliveryReport) -> None:
    """One mail's unexpected failure (a lost claim, a DynamoDB error) never stops the batch."""
    try:
        deliver(item, now, report)
    except Exception:
        logger.exception("delivery failed", extra={"outbox_id": item.id, "kind": item.kind})
        count("DeliveryErrors")
        report.failed.append(item.id)


def deliver_due(now: datetime, limit: int = 100) -> DeliveryReport:
    """Everything whose attempt is due; the notifier and the dev runner call this."""
    report = DeliveryReport()
    for item in outbox.due(now, limit):
        _deliver_isolated(item, now, report)
    return report


def deliver_ids(ids: list[str], now: datetime) -> DeliveryReport:
    """What a stream batch brought: new intents, delivered at once."""
    report = DeliveryReport()
    for intent in ids:
        item = outbox.get(intent)
        if item is not None and item.status == "pending":
            _deliver_isolated(item, now, report)
    return report
