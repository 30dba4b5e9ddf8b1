"""SES bounces and complaints: the address is blocked, the admins are told once, and later
mail to it is held back rather than sent into the void."""

import json

from chalicelib.jobs.ses_events import handle_ses_event
from chalicelib.services import delivery
from chalicelib.store.models import ContactModel, OutboxModel
from tests.conftest import DEFAULT_NOW
from tests.jobs.mailbox import sent_to
from tests.jobs.seeding import routed_report

DESK = "pengaduan@slemankab.example"


def _bounce(address: str, bounce_type: str = "Permanent", message_id: str = "m-1") -> str:
    return json.dumps({
        "notificationType": "Bounce",
        "bounce": {"bounceType": bounce_type, "bouncedRecipients": [{"emailAddress": address}]},
        "mail": {"messageId": message_id},
    })  # fmt: skip


def test_a_hard_bounce_blocks_the_address_and_tells_the_admins(aws):
    assert handle_ses_event(_bounce(DESK), DEFAULT_NOW) == [DESK]
    assert ContactModel.get(DESK).status == "bounce"
    delivery.deliver_due(DEFAULT_NOW)
    [alert] = sent_to("admin@lapor.example")
    assert alert.subject == f"[Lapor] Alamat email bermasalah: {DESK}"


def test_the_same_notification_twice_tells_the_admins_once(aws):
    handle_ses_event(_bounce(DESK), DEFAULT_NOW)
    assert handle_ses_event(_bounce(DESK), DEFAULT_NOW) == []
    delivery.deliver_due(DEFAULT_NOW)
    assert len(sent_to("admin@lapor.example")) == 1


def test_a_soft_bounce_blocks_nothing(aws):
    assert handle_ses_event(_bounce(DESK, "Transient"), DEFAULT_NOW) == []


def test_a_complaint_blocks_the_address(aws):
    complaint = json.dumps({
        "notificationType": "Complaint",
        "complaint": {"complainedRecipients": [{"emailAddress": "Siti@Example.ID"}]},
        "mail": {"messageId": "m-2"},
    })  # fmt: skip
    assert handle_ses_event(complaint, DEFAULT_NOW) == ["Siti@Example.ID"]
    assert ContactModel.get("siti@example.id").status == "complaint"


def test_mail_to_a_blocked_address_is_held_back_and_kept(aws):
    handle_ses_event(_bounce(DESK), DEFAULT_NOW)
    routed_report(DEFAULT_NOW)
    report = delivery.deliver_due(DEFAULT_NOW)
    assert len(report.suppressed) == 1
    assert sent_to(DESK) == []
    assert OutboxModel.get(report.suppressed[0]).status == "suppressed"


def test_the_sns_handler_reads_every_record(aws):
    from app import ses_events

    event = {
        "Records": [
            {"Sns": {"Message": _bounce(DESK)}},
            {"Sns": {"Message": _bounce("b@example.id", message_id="m-3")}},
        ]
    }
    assert ses_events(event, None) == {"blocked": 2}
