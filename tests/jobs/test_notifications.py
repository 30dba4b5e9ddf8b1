"""Every notification: recipient, language, subject, tracking id, deadline, and a working link.
Mail is written to the outbox with each change and delivered by the notifier (moto SES)."""

import html
import json
import re

import pytest

from chalicelib.services.delivery import deliver_due
from tests.api.helpers import act, agency_header, bearer, post_report, valid_report
from tests.conftest import DEFAULT_NOW
from tests.jobs.mailbox import sent, sent_to

CITIZEN = "siti@example.id"
SLEMAN_DESK = "pengaduan@slemankab.example"
ADMIN = "admin@lapor.example"
IDENTITY = ("Siti Aminah", CITIZEN, "+6281234567890", "0812 3456 7890")


def deliver():
    return deliver_due(DEFAULT_NOW)


def _text(mail):
    return html.unescape(re.sub(r"<[^>]+>", " ", mail.html))


@pytest.fixture
def filed(client):
    body = post_report(client, valid_report(agency=None)).json_body
    deliver()
    return body


@pytest.fixture
def routed(client, admin_token, filed):
    response = act(
        client,
        filed["tracking_id"],
        bearer(admin_token),
        action="verify",
        agency="pemkab-sleman",
        note="Diteruskan ke Pemkab Sleman.",
    )
    deliver()
    return {**filed, "agency_link": response.json_body["agency_link"]}


def test_the_citizen_gets_a_receipt_with_the_tracking_id_and_private_link(client, filed):
    [receipt] = sent_to(CITIZEN)
    assert receipt.subject == f"Laporan Anda diterima: {filed['tracking_id']}"
    assert "02-12-2026 23:59 WIB" in _text(receipt)  # the verification deadline
    assert receipt.link() == filed["tracking_url"]
    view = client.http.get(
        f"/api/reports/{filed['tracking_id']}",
        headers={"X-Access-Token": receipt.link().split("token=")[1]},
    )
    assert view.json_body["view"] == "reporter"


def test_an_english_speaking_citizen_gets_mail_in_english(client):
    post_report(client, valid_report(language="en"))
    deliver()
    [receipt] = sent_to(CITIZEN)
    assert receipt.subject.startswith("Your report was received")
    assert '<html lang="en">' in receipt.html


def test_the_agency_gets_the_routed_report_with_its_deadline_and_a_working_link(client, routed):
    [mail] = sent_to(SLEMAN_DESK)
    assert (
        mail.subject
        == f"[Lapor] Laporan baru untuk Pemerintah Kabupaten Sleman: {routed['tracking_id']}"
    )
    assert "04-12-2026 23:59 WIB" in _text(mail)  # 5 working days from Saturday 28 Nov
    view = client.http.get(
        f"/api/reports/{routed['tracking_id']}", headers={"X-Agency-Token": mail.token()}
    )
    assert view.status_code == 200
    assert "follow_up" in view.json_body["allowed_actions"]


def test_the_citizen_is_told_of_the_routing(routed):
    status = [m for m in sent_to(CITIZEN) if "Status laporan" in m.subject]
    assert [m.subject for m in status] == [
        f"Status laporan {routed['tracking_id']}: Didisposisikan"
    ]


def test_no_agency_mail_carries_an_anonymous_reporters_identity(client, admin_token):
    filed = post_report(client, valid_report(anonymous=True, agency=None)).json_body
    response = act(
        client, filed["tracking_id"], bearer(admin_token), action="verify", agency="pemkab-sleman"
    )
    coordinator = agency_header(response.json_body["agency_link"])
    act(client, filed["tracking_id"], coordinator, action="forward", unit="dinas-pu")
    deliver()
    agency_mail = [m for m in sent() if m.to != CITIZEN]
    assert agency_mail
    for mail in agency_mail:
        assert not any(part in mail.html for part in IDENTITY), mail.subject


def test_a_follow_up_tells_the_citizen_the_answer_and_the_response_window(client, routed):
    act(
        client,
        routed["tracking_id"],
        agency_header(routed["agency_link"]),
        action="follow_up",
        note="Lubang sudah ditambal.",
    )
    deliver()
    [mail] = [m for m in sent_to(CITIZEN) if "ditindaklanjuti" in m.subject]
    text = _text(mail)
    assert "Lubang sudah ditambal." in text
    assert "11-12-2026 23:59 WIB" in text  # 10 working days for the citizen's response
    assert mail.link().startswith("http://127.0.0.1:8000/track.html#id=")


def test_a_request_for_information_reaches_the_citizen(client, routed):
    act(
        client,
        routed["tracking_id"],
        agency_header(routed["agency_link"]),
        action="hold",
        note="Mohon kirim foto lokasi.",
    )
    deliver()
    [mail] = [m for m in sent_to(CITIZEN) if "informasi tambahan" in m.subject]
    assert "Mohon kirim foto lokasi." in _text(mail)


def test_completion_asks_the_citizen_for_a_rating(client, routed):
    citizen = {"X-Access-Token": routed["access_token"]}
    act(
        client,
        routed["tracking_id"],
        agency_header(routed["agency_link"]),
        action="follow_up",
        note="Selesai.",
    )
    act(client, routed["tracking_id"], citizen, action="respond", satisfied=True)
    deliver()
    [mail] = [m for m in sent_to(CITIZEN) if m.subject.endswith("selesai")]
    assert "penilaian" in _text(mail)
    token = mail.link().split("token=")[1]
    rated = act(client, routed["tracking_id"], {"X-Access-Token": token}, action="rate", rating=5)
    assert rated.status_code == 200


def test_a_forward_sends_the_unit_link_to_the_agency_desk(client, routed):
    response = act(
        client,
        routed["tracking_id"],
        agency_header(routed["agency_link"]),
        action="forward",
        unit="dinas-pu",
    )
    assert response.status_code == 200
    deliver()
    [mail] = [m for m in sent_to(SLEMAN_DESK) if "unit dinas-pu" in m.subject]
    answered = act(
        client,
        routed["tracking_id"],
        {"X-Agency-Token": mail.token()},
        action="unit_reply",
        internal_note="Sudah ditambal.",
    )
    assert answered.status_code == 200


def test_a_reopen_tells_the_agency_with_a_fresh_deadline(client, routed):
    act(
        client,
        routed["tracking_id"],
        agency_header(routed["agency_link"]),
        action="follow_up",
        note="Selesai.",
    )
    act(
        client,
        routed["tracking_id"],
        {"X-Access-Token": routed["access_token"]},
        action="respond",
        satisfied=False,
        note="Belum diperbaiki.",
    )
    deliver()
    [mail] = [m for m in sent_to(SLEMAN_DESK) if "dibuka kembali" in m.subject]
    assert "04-12-2026 23:59 WIB" in _text(mail)  # a fresh 5 working days


def test_not_our_authority_tells_the_national_admins(client, routed):
    act(
        client,
        routed["tracking_id"],
        agency_header(routed["agency_link"]),
        action="not_our_authority",
        note="Jalan provinsi.",
    )
    deliver()
    [mail] = sent_to(ADMIN)
    assert mail.subject == f"[Lapor] Dikembalikan, bukan kewenangan: {routed['tracking_id']}"


def test_an_asn_neutrality_report_is_copied_to_the_supervising_bodies(client, admin_token):
    filed = post_report(client, valid_report(category="netralitas-asn", agency=None)).json_body
    act(client, filed["tracking_id"], bearer(admin_token), action="verify", agency="pemkab-sleman")
    deliver()
    copies = {m.to for m in sent() if m.subject.startswith("[Lapor] Tembusan")}
    assert copies == {
        "pengaduan@bkn.example",
        "pengaduan@kasn.example",
        "pengaduan@bawaslu.example",
    }
    [bkn] = sent_to("pengaduan@bkn.example")
    view = client.http.get(
        f"/api/reports/{filed['tracking_id']}", headers={"X-Agency-Token": bkn.token()}
    )
    assert view.status_code == 200 and view.json_body["allowed_actions"] == []


def test_text_in_a_note_is_escaped_in_html_mail(client, routed):
    link = agency_header(routed["agency_link"])
    act(
        client, routed["tracking_id"], link, action="follow_up", note='Biaya < Rp 5 juta & "gratis"'
    )
    deliver()
    [mail] = [m for m in sent_to(CITIZEN) if "ditindaklanjuti" in m.subject]
    assert "Biaya &lt; Rp 5 juta &amp; &#34;gratis&#34;" in mail.html


def test_each_intent_is_sent_once_however_often_the_notifier_runs(client, routed):
    before = len(sent())
    for _ in range(3):
        deliver()
    assert len(sent()) == before
    assert json.dumps([m.subject for m in sent()]).count("Laporan baru untuk") == 1


def test_a_duplicate_tells_the_reporter_which_report_to_follow(client, admin_token, filed):
    original = post_report(client, valid_report(title="Laporan pertama")).json_body
    archived = act(
        client, filed["tracking_id"], bearer(admin_token),
        action="archive", reason="duplicate", duplicate_of=original["tracking_id"].lower(),
    )  # fmt: skip
    assert archived.status_code == 200
    deliver()
    [mail] = [m for m in sent_to(CITIZEN) if "digabung" in m.subject]
    assert original["tracking_id"] in mail.subject and original["tracking_id"] in _text(mail)


def test_a_duplicate_of_a_report_that_does_not_exist_is_refused_naming_the_field(
    client, admin_token, filed
):
    from chalicelib.domain.tracking import new_tracking_id

    response = act(
        client, filed["tracking_id"], bearer(admin_token),
        action="archive", reason="duplicate", duplicate_of=new_tracking_id(),
    )  # fmt: skip
    assert response.status_code == 400
    assert "duplicate_of" in response.json_body["error"]["fields"]


MAKASSAR_DESK = "pengaduan@makassarkota.example"


def _link_in(mail) -> str:
    return html.unescape(re.findall(r'href="([^"]+agency\.html#token=[^"]+)"', mail.html)[-1])


def test_a_reroute_mails_the_new_desk_and_the_old_desks_link_stops_opening_it(
    client, admin_token, routed
):
    tid, old_link = routed["tracking_id"], agency_header(routed["agency_link"])
    response = act(
        client, tid, bearer(admin_token), action="reroute", agency="pemkot-makassar",
        note="Lokasi kejadian di Makassar, bukan Sleman.",
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json_body["report"]["agency"]["key"] == "pemkot-makassar"
    deliver()
    [routed_mail] = sent_to(MAKASSAR_DESK)
    new_link = agency_header(_link_in(routed_mail).partition("#")[2].removeprefix("token="))
    assert client.http.get(f"/api/reports/{tid}", headers=new_link).status_code == 200
    assert client.http.get(f"/api/reports/{tid}", headers=old_link).status_code in {403, 404}
    refused = act(client, tid, old_link, action="follow_up", note="Sudah.")
    assert refused.status_code in {403, 404}


def test_a_reroute_to_the_same_agency_is_a_400_naming_it(client, admin_token, routed):
    response = act(
        client, routed["tracking_id"], bearer(admin_token), action="reroute",
        agency="pemkab-sleman", note="Tetap.",
    )  # fmt: skip
    assert response.status_code == 400
    assert "instansi ini" in response.json_body["error"]["fields"]["agency"]


def test_sending_a_new_link_mails_the_desk_a_link_that_opens_the_report(
    client, admin_token, routed
):
    tid = routed["tracking_id"]
    before = len(sent_to(SLEMAN_DESK))
    assert act(client, tid, bearer(admin_token), action="send_link").status_code == 200
    deliver()
    mails = sent_to(SLEMAN_DESK)
    assert len(mails) == before + 1
    fresh = agency_header(_link_in(mails[-1]).partition("#")[2].removeprefix("token="))
    assert client.http.get(f"/api/reports/{tid}", headers=fresh).json_body["view"] == "agency"


def test_an_admin_changes_the_category_with_a_reason_on_the_timeline(client, admin_token, routed):
    tid = routed["tracking_id"]
    response = act(
        client, tid, bearer(admin_token), action="change_category", category="netralitas-asn",
        note="Menyangkut netralitas pegawai.",
    )  # fmt: skip
    assert response.status_code == 200
    view = response.json_body["report"]
    assert view["category"]["key"] == "netralitas-asn"
    assert view["timeline"][-1]["action_label"] == "Kategori diubah"
    unknown = act(
        client, tid, bearer(admin_token), action="change_category", category="lain", note="x"
    )
    assert "category" in unknown.json_body["error"]["fields"]
