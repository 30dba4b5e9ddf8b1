"""Mail in: a citizen's mail to the intake address becomes a report; a reply to a mail about a
report reaches it (the reporter's as information, a desk's as a draft it confirms); whatever
cannot be used is answered with what to do instead, and nothing received is lost."""

from __future__ import annotations

from datetime import timedelta

import boto3
import pytest

from chalicelib.domain.actions import Action, Actor
from chalicelib.domain.report import ActorRole, Status
from chalicelib.domain.workflow import Command
from chalicelib.jobs.inbound_mail import handle_ses_receipt
from chalicelib.services import delivery
from chalicelib.services.drafts import draft_for, publish
from chalicelib.services.errors import IdempotencyInProgress
from chalicelib.settings import get_settings
from chalicelib.store import outbox
from chalicelib.store.inbound_mail import write_raw
from chalicelib.store.outbox import intent_id
from chalicelib.store.reports import get_report, list_events
from local.ses_receiving import ses_receipt_event
from tests.conftest import DEFAULT_NOW
from tests.jobs.inbound import INTAKE, PDF, PNG, deliver, raw_mail
from tests.jobs.mailbox import sent_to
from tests.jobs.seeding import agency_acts, routed_report
from tests.racing import all_at_once

DESK = "pengaduan@slemankab.example"
SITI = "siti@example.id"


def _reply_address(tracking_id: str, seq: int, kind: str, to: str) -> str:
    item = outbox.get(intent_id(tracking_id, seq, kind, to))
    assert item is not None and item.reply_to, (kind, to)
    return item.reply_to


def _subjects(address: str) -> list[str]:
    delivery.deliver_due(DEFAULT_NOW + timedelta(minutes=1))
    return [mail.subject for mail in sent_to(address)]


# --- a new report by mail -------------------------------------------------------------------


def test_a_mail_with_a_photo_becomes_a_report_with_that_photo_and_a_receipt(aws):
    outcome = deliver(raw_mail(files=(("lubang.png", "image/png", PNG),)))
    assert outcome["kind"] == "filed"
    report = get_report(outcome["tracking_id"])
    assert report.title == "Jalan berlubang di Kaliurang"
    assert report.description.startswith("Lubang besar di Jalan Kaliurang")
    assert report.reporter.email == SITI and report.reporter.name == "Siti Aminah"
    assert report.status is Status.SUBMITTED and report.channel == "email"
    assert [key.rsplit("/", 1)[1] for key in report.attachments] == ["lubang.png"]
    stored = boto3.client("s3").get_object(
        Bucket=get_settings().attachments_bucket, Key=report.attachments[0]
    )
    assert stored["Body"].read() == PNG
    assert _subjects(SITI) == [f"Laporan Anda diterima: {report.tracking_id}"]


def test_a_mailed_report_stays_out_of_the_public_feed_until_its_reporter_says_otherwise(aws):
    report = get_report(deliver(raw_mail())["tracking_id"])
    assert report.confidential and not report.anonymous


def test_the_receipt_can_be_answered_by_replying_to_it(aws):
    report = get_report(deliver(raw_mail())["tracking_id"])
    address = _reply_address(report.tracking_id, 1, "citizen.receipt", SITI)
    assert address.startswith("balas+") and address.endswith("@lapor.example")


def test_an_html_only_mail_is_read_as_its_text(aws):
    html = "<html><body><p>Lampu jalan <b>mati</b> sejak sepekan</p><p>di Jalan Magelang.</p>"
    outcome = deliver(raw_mail(text=None, html=html + "<script>x()</script></body></html>"))
    assert get_report(outcome["tracking_id"]).description == (
        "Lampu jalan mati sejak sepekan\n\ndi Jalan Magelang."
    )


def test_a_mail_that_fails_its_checks_is_filed_for_verification_with_flags(aws):
    outcome = deliver(raw_mail(), spf="FAIL", dkim="FAIL", spam="FAIL")
    report = get_report(outcome["tracking_id"])
    assert report.status is Status.SUBMITTED  # the admins see it before anyone else
    assert report.intake_flags == ["spf_fail", "dkim_fail", "spam"]
    assert "spf=FAIL" in report.mail_verdicts and "virus=PASS" in report.mail_verdicts


def test_a_mail_whose_virus_check_fails_is_filed_without_its_files(aws):
    outcome = deliver(raw_mail(files=(("foto.png", "image/png", PNG),)), virus="FAIL")
    report = get_report(outcome["tracking_id"])
    assert report.attachments == []
    assert report.intake_flags == ["virus", "files_refused"]


def test_files_of_the_wrong_type_or_size_are_refused_and_the_reporter_is_told(aws):
    files = (
        ("laporan.pdf", "application/pdf", PDF),
        ("skrip.exe", "application/octet-stream", b"MZ" + b"0" * 100),
        ("palsu.png", "image/png", b"not a png at all"),
    )
    report = get_report(deliver(raw_mail(files=files))["tracking_id"])
    assert [key.rsplit("/", 1)[1] for key in report.attachments] == ["laporan.pdf"]
    assert "files_refused" in report.intake_flags
    assert f"Sebagian lampiran tidak dapat kami terima: {report.tracking_id}" in _subjects(SITI)


def test_a_30_mb_mail_is_filed_without_the_file_over_the_limit(aws):
    huge = b"%PDF-1.4\n" + b"0" * (30 * 1024 * 1024)
    report = get_report(
        deliver(raw_mail(files=(("besar.pdf", "application/pdf", huge),)))["tracking_id"]
    )
    assert report.attachments == [] and "files_refused" in report.intake_flags


def test_a_mail_without_text_is_answered_with_how_to_report(aws):
    outcome = deliver(raw_mail(text=None, files=(("foto.png", "image/png", PNG),)))
    assert outcome == {"kind": "answered", "tracking_id": None, "detail": "inbound.unreadable"}
    assert _subjects(SITI) == ["Pesan Anda belum dapat kami proses"]


def test_a_mail_too_short_to_be_a_report_is_answered(aws):
    outcome = deliver(raw_mail(text="Tolong!"))
    assert outcome["detail"] == "inbound.too_short"
    assert _subjects(SITI) == ["Laporan Anda terlalu singkat"]


BROKEN_MIME = (
    b"From: Siti <siti@example.id>\r\nTo: lapor@lapor.example\r\nSubject: Sampah menumpuk\r\n"
    b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n'
    b"--b1\r\nContent-Type: text/plain; charset=unknown-8bit\r\n\r\n"
    b"Sampah di pasar Beringharjo tidak diangkut sejak Senin.\r\n"
    b"--b1\r\nContent-Type: image/png; name=a.png\r\nContent-Transfer-Encoding: base64\r\n"
    b"Content-Disposition: attachment; filename=a.png\r\n\r\n!!!not base64 at all%%%\r\n"
)  # no closing boundary, an unknown charset, an attachment that is not base64


def test_a_mail_with_broken_mime_is_read_as_far_as_it_goes(aws):
    outcome = deliver(BROKEN_MIME)
    assert outcome["kind"] == "filed"
    report = get_report(outcome["tracking_id"])
    assert report.description == "Sampah di pasar Beringharjo tidak diangkut sejak Senin."
    assert report.attachments == [] and "files_refused" in report.intake_flags


def test_a_mail_without_a_sender_is_kept_for_the_operators_and_not_answered(aws):
    raw = b"Subject: ?\r\n\r\nTidak ada pengirim di pesan ini sama sekali, hanya teks."
    outcome = deliver(raw, message_id="no-sender")
    assert outcome["kind"] == "ignored"
    kept = boto3.client("s3").get_object(Bucket=get_settings().inbound_bucket, Key="raw/no-sender")
    assert kept["Body"].read() == raw


@pytest.mark.parametrize(
    "headers",
    [{"Auto-Submitted": "auto-replied"}, {"Precedence": "bulk"}, {"List-Id": "<x.example>"}],
)
def test_automatic_mail_is_never_answered(aws, headers):
    outcome = deliver(raw_mail(text="Saya sedang cuti.", headers=headers))
    assert outcome["kind"] == "ignored" and _subjects(SITI) == []


def test_a_mail_delivered_twice_by_ses_files_one_report(aws):
    raw = raw_mail()
    first = deliver(raw, message_id="ses-0001")
    second = deliver(raw, message_id="ses-0001")
    assert first == second
    assert len(_subjects(SITI)) == 1


# --- the reporter's replies -----------------------------------------------------------------


def _held_report():
    report = routed_report(DEFAULT_NOW)
    return agency_acts(report, Command(Action.HOLD, note="Mohon foto lokasi."), DEFAULT_NOW)


def test_the_reporters_reply_answers_the_agencys_question_without_the_quoted_mail(aws):
    held = _held_report()
    address = _reply_address(held.tracking_id, 3, "citizen.info_requested", SITI)
    text = "Lokasinya di depan SD Negeri 2.\n\nPada 28 Nov 2026, Lapor menulis:\n> Mohon foto."
    outcome = deliver(raw_mail(to=address, subject="Re: ...", text=text), to=address)
    assert outcome == {"kind": "info_provided", "tracking_id": held.tracking_id, "detail": None}
    report = get_report(held.tracking_id)
    assert not report.on_hold
    assert list_events(held.tracking_id)[-1].public_note == "Lokasinya di depan SD Negeri 2."


def test_the_reporters_reply_to_an_open_report_is_a_note_for_the_desks(aws):
    report = get_report(deliver(raw_mail())["tracking_id"])
    address = _reply_address(report.tracking_id, 1, "citizen.receipt", SITI)
    text = "Lubangnya sekarang makin lebar setelah hujan semalam.\n-- \nSiti, 0812-0000"
    outcome = deliver(raw_mail(to=address, text=text), to=address)
    assert outcome["kind"] == "note_added"
    last = list_events(report.tracking_id)[-1]
    assert last.action == "add_note" and last.public_note is None
    assert last.internal_note == "Lubangnya sekarang makin lebar setelah hujan semalam."
    assert get_report(report.tracking_id).status is Status.SUBMITTED


def test_a_thank_you_changes_nothing(aws):
    held = _held_report()
    address = _reply_address(held.tracking_id, 3, "citizen.info_requested", SITI)
    outcome = deliver(raw_mail(to=address, text="Ok, terima kasih pak!"), to=address)
    assert outcome["kind"] == "acknowledged"
    assert get_report(held.tracking_id).on_hold


# --- a desk's replies -----------------------------------------------------------------------


def _desk_address(report) -> str:
    return _reply_address(report.tracking_id, 2, "agency.routed", DESK)


ANSWER = "Jalan sudah kami tambal pada 27 November oleh Dinas PU.\n\nOn Fri, Lapor wrote:\n> ..."


def test_a_desks_reply_becomes_a_draft_and_changes_nothing_until_confirmed(aws):
    report = routed_report(DEFAULT_NOW)
    address = _desk_address(report)
    files = (("hasil.jpg", "image/png", PNG),)
    outcome = deliver(raw_mail(sender=DESK, to=address, text=ANSWER, files=files), to=address)
    assert outcome["kind"] == "draft"
    assert get_report(report.tracking_id).status is Status.DISPOSITIONED
    (confirmation,) = [m for m in sent_to_after_delivery(DESK) if "Draf" in m.subject]
    assert f"&draft={outcome['detail']}" in confirmation.link()

    desk = Actor(ActorRole.AGENCY, agency="pemkab-sleman")
    draft = draft_for(outcome["detail"], get_report(report.tracking_id), desk)
    assert draft.text == "Jalan sudah kami tambal pada 27 November oleh Dinas PU."
    published, event = publish(draft, get_report(report.tracking_id), desk, DEFAULT_NOW)
    assert published.status is Status.FOLLOWED_UP and event.public_note == draft.text
    assert [k.rsplit("/", 1)[1] for k in published.reply_attachments] == ["hasil.jpg"]


def sent_to_after_delivery(address: str):
    delivery.deliver_due(DEFAULT_NOW + timedelta(minutes=1))
    return sent_to(address)


def test_a_desks_ok_thanks_makes_no_draft(aws):
    report = routed_report(DEFAULT_NOW)
    address = _desk_address(report)
    outcome = deliver(raw_mail(sender=DESK, to=address, text="Baik, terima kasih."), to=address)
    assert outcome["kind"] == "acknowledged"
    assert not [m for m in sent_to_after_delivery(DESK) if "Draf" in m.subject]


def test_a_reply_from_another_address_is_refused_with_an_explanation(aws):
    report = routed_report(DEFAULT_NOW)
    address = _desk_address(report)
    outcome = deliver(raw_mail(sender="x@mail.example", to=address, text=ANSWER), to=address)
    assert outcome["detail"] == "inbound.reply_wrong_sender"
    assert _subjects("x@mail.example") == [f"Balasan tidak kami terima: {report.tracking_id}"]
    assert get_report(report.tracking_id).event_count == report.event_count


def test_a_desks_reply_without_a_passing_dkim_signature_is_refused(aws):
    report = routed_report(DEFAULT_NOW)
    address = _desk_address(report)
    outcome = deliver(raw_mail(sender=DESK, to=address, text=ANSWER), to=address, dkim="GRAY")
    assert outcome["detail"] == "inbound.reply_unverified"
    assert get_report(report.tracking_id).event_count == report.event_count


def test_a_tampered_reply_address_is_refused(aws):
    report = routed_report(DEFAULT_NOW)
    address = _desk_address(report)
    local, domain = address.split("@")
    forged = f"{local[:-1]}{'a' if local[-1] != 'a' else 'b'}@{domain}"
    outcome = deliver(raw_mail(sender=DESK, to=forged, text=ANSWER), to=forged)
    assert outcome["detail"] == "inbound.reply_wrong_sender"  # signed for no desk of the sender


def test_a_reply_address_for_another_report_is_refused(aws):
    report, other = routed_report(DEFAULT_NOW), routed_report(DEFAULT_NOW)
    local, domain = _desk_address(report).split("@")
    other_id = other.tracking_id.replace("-", "").lower()
    swapped = f"balas+{other_id}.{local.split('.', 1)[1]}@{domain}"
    outcome = deliver(raw_mail(sender=DESK, to=swapped, text=ANSWER), to=swapped)
    assert outcome["detail"] == "inbound.reply_wrong_sender"
    assert get_report(other.tracking_id).status is Status.DISPOSITIONED


def test_an_expired_reply_address_is_refused(aws):
    report = routed_report(DEFAULT_NOW)
    address = _desk_address(report)
    late = DEFAULT_NOW + timedelta(days=get_settings().link_ttl_days + 2)
    outcome = deliver(raw_mail(sender=DESK, to=address, text=ANSWER), to=address, now=late)
    assert outcome["detail"] == "inbound.reply_unknown"


def test_mail_to_an_unknown_address_is_answered_with_where_to_write(aws):
    outcome = deliver(raw_mail(to="info@lapor.example"), to="info@lapor.example")
    assert outcome["detail"] == "inbound.reply_unknown"
    assert INTAKE in sent_to_after_delivery(SITI)[0].html


def test_ses_invoking_four_times_at_once_for_one_mail_files_one_report(aws, atomic_requests):
    raw = raw_mail()
    write_raw("ses-race", raw)
    answers: list[tuple[str, str]] = []

    def one() -> None:
        try:
            [outcome] = handle_ses_receipt(ses_receipt_event("ses-race", [INTAKE]), DEFAULT_NOW)
            answers.append((outcome["kind"], outcome["tracking_id"]))
        except IdempotencyInProgress:
            pass  # SES invokes again later, and is then answered with the first outcome

    all_at_once(*[one] * 4)
    # An invocation after the first one finished gets its outcome again: one report, named in
    # every answer.
    [(kind, _)] = set(answers)
    assert kind == "filed"
    assert len(_subjects(SITI)) == 1  # one receipt: one report
