"""A reporter who gave only a phone number is told everything by SMS (Amazon SNS), with the
outbox's guarantees; a number that opted out gets nothing, and the report says so."""

from __future__ import annotations

import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.sns.models import SNSBackend, sns_backends

from chalicelib.domain.actions import Action
from chalicelib.domain.workflow import Command
from chalicelib.notify.render import render_sms
from chalicelib.services import delivery
from chalicelib.store import outbox
from chalicelib.store.outbox import intent_id
from chalicelib.store.reports import get_report
from tests.conftest import DEFAULT_NOW
from tests.jobs.mailbox import REGION, sent
from tests.jobs.seeding import agency_acts, routed_report

PHONE_ONLY = {"name": "Budi", "phone": "0812 3456 7890"}
OPTED_OUT = {"name": "Budi", "phone": "0812 3456 7899"}  # moto: numbers ending in 99 opted out
REPORTER_KINDS = (
    "citizen.receipt", "citizen.receipt_fast_track", "citizen.duplicate", "citizen.status",
    "citizen.privacy_changed", "citizen.followed_up", "citizen.info_requested",
    "citizen.hold_ended", "citizen.completed", "citizen.ombudsman", "citizen.files_refused",
)  # fmt: skip


def _sms() -> list[tuple[str, str]]:
    return list(sns_backends[DEFAULT_ACCOUNT_ID][REGION].sms_messages.values())


def _statuses(tracking_id: str, phone: str, steps: dict[int, str]) -> dict[str, tuple]:
    """The outbox item of each (seq → kind) message to ``phone``: its channel and status."""
    items = {
        kind: outbox.get(intent_id(tracking_id, seq, kind, phone)) for seq, kind in steps.items()
    }
    return {kind: (item.channel, item.status) for kind, item in items.items()}


def test_a_phone_only_reporter_is_told_each_step_by_sms(aws):
    report = routed_report(DEFAULT_NOW, reporter=PHONE_ONLY)
    agency_acts(report, Command(Action.HOLD, note="Mohon foto."), DEFAULT_NOW)
    delivery.deliver_due(DEFAULT_NOW)
    texts = [text for phone, text in _sms() if phone == "+6281234567890"]
    assert len(texts) == 3  # the receipt, the routing, the question
    assert all(report.tracking_id in text and "http" in text for text in texts)
    assert any("meminta informasi" in text for text in texts)
    steps = {1: "citizen.receipt", 2: "citizen.status", 3: "citizen.info_requested"}
    assert set(_statuses(report.tracking_id, "+6281234567890", steps).values()) == {("sms", "sent")}
    assert not [m for m in sent() if "+62" in m.to]  # and no mail was tried
    assert get_report(report.tracking_id).undelivered == []


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("kind", REPORTER_KINDS)
def test_every_message_a_reporter_can_get_reads_as_one_sms(aws, kind, language):
    data = {"tracking_id": "7KQ2M-XD4PA", "title": "Jalan berlubang", "status": "completed",
            "category": "infrastruktur", "agency": "pemkab-sleman", "duplicate_of": "7KQ2M-XD4PB",
            "due_at": None}  # fmt: skip
    text = render_sms(kind=kind, language=language, data=data, link="https://lapor.example/t")
    assert text.startswith("LAPOR! ") and "7KQ2M-XD4PA" in text
    assert text.endswith("https://lapor.example/t") and "\n" not in text
    assert len(text) <= 160  # one SMS segment (GSM-7)


def test_an_opted_out_number_gets_nothing_and_the_report_says_so(aws):
    report = routed_report(DEFAULT_NOW, reporter=OPTED_OUT)
    delivery.deliver_due(DEFAULT_NOW)
    assert [phone for phone, _ in _sms() if phone.endswith("99")] == []
    steps = {1: "citizen.receipt", 2: "citizen.status"}
    assert set(_statuses(report.tracking_id, "+6281234567899", steps).values()) == {
        ("sms", "suppressed")
    }
    unsent = get_report(report.tracking_id).undelivered
    assert sorted(entry.split(":")[1] for entry in unsent) == ["citizen.receipt", "citizen.status"]


# moto knows no SNS error shape for the throttling we inject, and says so.
@pytest.mark.filterwarnings("ignore:Exception\\(SNSException\\):UserWarning")
def test_a_throttled_sms_is_tried_again_later(aws, monkeypatch):
    original = SNSBackend.publish
    calls = {"n": 0}

    def throttled_once(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            from moto.sns.exceptions import SNSException

            raise SNSException("Throttling", "Rate exceeded")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SNSBackend, "publish", throttled_once)
    routed_report(DEFAULT_NOW, reporter=PHONE_ONLY)
    first = delivery.deliver_due(DEFAULT_NOW)
    assert len(first.retrying) == 1
    later = delivery.deliver_due(DEFAULT_NOW.replace(hour=DEFAULT_NOW.hour + 1))
    assert len(later.sent) == 1
