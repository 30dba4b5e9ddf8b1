"""SES failing: retried with back-off and delivered exactly once; failing for good: parked,
counted and kept; never lost, never doubled."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from moto.ses.exceptions import MessageRejectedError, SesError
from moto.ses.models import SESBackend

from chalicelib.services import delivery
from chalicelib.services.metrics import metrics as metrics_of
from chalicelib.store import outbox
from chalicelib.store.models import OutboxModel
from tests.conftest import DEFAULT_NOW
from tests.jobs.mailbox import sent_to
from tests.jobs.seeding import file_report
from tests.racing import all_at_once

CITIZEN = "siti@example.id"


class Throttled(SesError):
    code = "Throttling"
    message = "Maximum sending rate exceeded."


class Rejected(MessageRejectedError):
    message = "Email address is on the suppression list."


@pytest.fixture
def ses_fails(monkeypatch):
    """Make moto's SES refuse the next ``n`` sends (or all of them) with ``error``."""
    calls = {"count": 0}
    original = SESBackend.send_email

    def arrange(n: int | None, error: type[SesError] = Throttled) -> dict:
        def failing(self, *args, **kwargs):
            calls["count"] += 1
            if n is None or calls["count"] <= n:
                raise error()
            return original(self, *args, **kwargs)

        monkeypatch.setattr(SESBackend, "send_email", failing)
        return calls

    return arrange


def _run_notifier_until(now, hours=24):
    """The retry schedule: run the notifier every ten minutes for a while."""
    for step in range(hours * 6):
        delivery.deliver_due(now + timedelta(minutes=10 * step))


def _receipt_intent() -> OutboxModel:
    waiting = [outbox.get(i.id) for i in outbox.due(DEFAULT_NOW + timedelta(days=365))]
    [item] = [i for i in waiting if i.kind == "citizen.receipt"]
    return item


def test_a_mail_refused_a_few_times_is_delivered_exactly_once(aws, ses_fails):
    file_report(DEFAULT_NOW)
    ses_fails(3)
    intent = _receipt_intent()
    _run_notifier_until(DEFAULT_NOW)
    assert len(sent_to(CITIZEN)) == 1
    stored = OutboxModel.get(intent.id)
    assert (stored.status, stored.attempts) == ("sent", 4)


def test_retries_back_off(aws, ses_fails):
    file_report(DEFAULT_NOW)
    ses_fails(None)
    intent = _receipt_intent()
    delivery.deliver_due(DEFAULT_NOW)
    first = OutboxModel.get(intent.id).next_attempt
    delivery.deliver_due(DEFAULT_NOW + timedelta(seconds=30))  # before the back-off: no attempt
    assert OutboxModel.get(intent.id).attempts == 1
    assert first == (DEFAULT_NOW + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert [delivery.backoff(n) for n in (1, 2, 3)] == [
        timedelta(minutes=1),
        timedelta(minutes=4),
        timedelta(minutes=16),
    ]


def test_a_mail_that_always_fails_is_parked_counted_and_kept(aws, ses_fails):
    file_report(DEFAULT_NOW)
    ses_fails(None)
    intent = _receipt_intent()
    metrics_of().metric_set.clear()
    _run_notifier_until(DEFAULT_NOW, hours=48)
    stored = OutboxModel.get(intent.id)
    assert (stored.status, stored.attempts) == ("parked", 5)
    assert stored.last_error == "Throttling"
    assert stored.queue is None  # out of the retry queue, but the intent is kept
    assert sent_to(CITIZEN) == []
    assert metrics_of().metric_set["EmailsParked"]["Value"] == [1.0]


def test_a_permanent_refusal_is_parked_at_once(aws, ses_fails):
    file_report(DEFAULT_NOW)
    ses_fails(None, Rejected)
    intent = _receipt_intent()
    delivery.deliver_due(DEFAULT_NOW)
    assert OutboxModel.get(intent.id).status == "parked"


def test_two_notifiers_racing_on_the_same_mail_send_it_once(aws, atomic_requests):
    """Both workers have read the pending mail before either claims it; only the lease's
    conditional claim keeps them from both sending."""

    file_report(DEFAULT_NOW)
    intent = _receipt_intent()
    copies = [OutboxModel.get(intent.id) for _ in range(2)]
    reports = [delivery.DeliveryReport(), delivery.DeliveryReport()]
    all_at_once(*[lambda i=i: delivery.deliver(copies[i], DEFAULT_NOW, reports[i])
                  for i in range(2)])  # fmt: skip
    assert len(sent_to(CITIZEN)) == 1
    assert sorted(len(r.sent) for r in reports) == [0, 1]


def test_a_worker_whose_lease_ran_out_cannot_mark_the_mail(aws):
    file_report(DEFAULT_NOW)
    slow = _receipt_intent()
    claim = outbox.claim(slow, DEFAULT_NOW, delivery.LEASE)
    later = DEFAULT_NOW + delivery.LEASE + timedelta(seconds=1)
    assert outbox.claim(OutboxModel.get(slow.id), later, delivery.LEASE) is not None
    with pytest.raises(outbox.ClaimLost):
        outbox.mark_sent(slow, claim, later, "late-message-id")
    assert OutboxModel.get(slow.id).status == "pending"  # the new holder's to finish


def test_the_lease_outlasts_every_functions_timeout():
    config = json.loads((Path(__file__).parents[2] / ".chalice" / "config.json").read_text())
    timeouts = [config.get("lambda_timeout", 60)]
    for stage in config["stages"].values():
        timeouts.append(stage.get("lambda_timeout", 0))
        for function in stage.get("lambda_functions", {}).values():
            timeouts.append(function.get("lambda_timeout", 0))
    assert delivery.LEASE.total_seconds() > max(timeouts)


def test_a_mail_that_cannot_be_rendered_is_parked_after_the_attempt_limit(aws, monkeypatch):
    file_report(DEFAULT_NOW)
    intent = _receipt_intent()

    def broken_template(**kwargs):
        raise KeyError("title")

    monkeypatch.setattr(delivery, "render", broken_template)
    _run_notifier_until(DEFAULT_NOW, hours=48)
    stored = OutboxModel.get(intent.id)
    assert (stored.status, stored.attempts) == ("parked", 5)
    assert stored.last_error.startswith("render: KeyError")


def test_one_mail_that_fails_unexpectedly_does_not_stop_the_batch(aws, monkeypatch):
    file_report(DEFAULT_NOW)
    file_report(DEFAULT_NOW, reporter={"name": "Budi", "email": "budi@example.id"})
    waiting = len(outbox.due(DEFAULT_NOW))
    real_claim, calls = outbox.claim, []

    def first_claim_breaks(item, now, lease):
        calls.append(item.id)
        if len(calls) == 1:
            raise RuntimeError("DynamoDB throttled")
        return real_claim(item, now, lease)

    monkeypatch.setattr(outbox, "claim", first_claim_breaks)
    result = delivery.deliver_due(DEFAULT_NOW)
    assert result.failed == calls[:1]
    assert len(result.sent) == waiting - 1 >= 1


def test_the_stream_handler_delivers_new_intents(aws):
    from app import notifier

    file_report(DEFAULT_NOW)
    intent = _receipt_intent()
    record = {"eventName": "INSERT", "dynamodb": {"Keys": {"id": {"S": intent.id}}}}
    assert notifier({"Records": [record, record]}, None)["sent"] == 1
    assert len(sent_to(CITIZEN)) == 1
