"""The desks in Debian's headless Chromium: each page starts from what the record says and,
after an action, shows the report as it now is."""

import pytest
import requests

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_pages import _admin_opens, _file_by_api, _sign_in, _tick

pytestmark = pytest.mark.e2e


def _routed(system, agency="pemkab-sleman", **overrides):
    """A report verified and routed by the demo admin; its agency link."""
    filed = _file_by_api(system.url, **overrides)
    verified = requests.post(
        f"{system.url}/api/reports/{filed['tracking_id']}/actions",
        json={"action": "verify", "agency": agency},
        headers={"Authorization": f"Bearer {system.admin_token()}"},
        timeout=10,
    )
    assert verified.status_code == 200, verified.text
    return filed["tracking_id"], verified.json()["agency_link"]


def _followed_up(system):
    """A routed report its agency has followed up (through the agency link, as a clerk would)."""
    tracking_id, link = _routed(system)
    answer = requests.post(
        f"{system.url}/api/reports/{tracking_id}/actions",
        json={"action": "follow_up", "note": "Sudah ditangani."},
        headers={"X-Agency-Token": link.partition("#token=")[2]},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    return tracking_id, link


def test_the_verify_form_starts_from_the_agency_the_reporter_chose(dev_system, page):
    filed = _file_by_api(dev_system.url, agency="kemenkes")
    _admin_opens(page, dev_system.url, filed["tracking_id"])
    page.wait_for_selector("text=Instansi pilihan pelapor")
    page.click("summary:has-text('Verifikasi dan teruskan')")
    assert page.locator("#verify-agency").input_value() == "kemenkes"
    page.screenshot(path=str(ARTIFACTS / "admin-verify-chosen-agency.png"), full_page=True)


def test_without_a_chosen_agency_the_verify_form_makes_the_admin_pick_one(dev_system, page):
    filed = _file_by_api(dev_system.url)
    _admin_opens(page, dev_system.url, filed["tracking_id"])
    page.click("summary:has-text('Verifikasi dan teruskan')")
    assert page.locator("#verify-agency").input_value() == ""
    page.fill("#verify-note", "Diteruskan.")
    page.click("form:has(#verify-agency) button[type=submit]")
    page.wait_for_selector("[data-error-for=agency]:not(:empty)")


def test_after_a_follow_up_the_agency_page_shows_the_report_as_it_now_is(dev_system, page):
    _, link = _routed(dev_system)
    page.goto(link)
    page.click("summary:has-text('Tindak lanjuti')")
    page.fill("#follow_up-note", "Lubang sudah ditambal pada 30 November.")
    page.click("form:has(#follow_up-note) button[type=submit]")
    page.wait_for_selector("#agency-view .status-followed_up")
    assert "Ditindaklanjuti" in page.inner_text("#agency-view .status")
    assert page.locator("summary:has-text('Tindak lanjuti')").count() == 0
    assert "Lubang sudah ditambal" in page.inner_text(".timeline")
    page.screenshot(path=str(ARTIFACTS / "agency-after-follow-up.png"), full_page=True)


def test_a_forward_shows_the_units_link_where_it_was_made_with_a_copy_button(dev_system, page):
    _, link = _routed(dev_system)
    page.goto(link)
    page.click("summary:has-text('Teruskan ke unit')")
    page.select_option("#forward-unit", "dinas-pu")
    page.click("form:has(#forward-unit) button[type=submit]")
    card = page.wait_for_selector("#unit-link")
    assert card.is_visible()
    unit_link = page.locator("#unit-link a").get_attribute("href")
    assert "/agency.html#token=" in unit_link
    assert page.locator("#unit-link button").is_visible()
    page.screenshot(path=str(ARTIFACTS / "agency-unit-link.png"), full_page=True)


def test_queues_show_deadlines_in_words_and_mark_the_overdue(own_dev_system, page):
    url = own_dev_system.url
    filed = _file_by_api(url)
    requests.post(f"{url}/dev/clock", json={"days": 10}, timeout=10)  # past its verification date
    _admin_opens(page, url, filed["tracking_id"])
    verification_queue = page.locator("#desk section").first
    entry = verification_queue.locator("li", has_text=filed["tracking_id"])
    text = entry.inner_text()
    assert "Terlambat" in text and "WIB" in text and "T23:59:59" not in text
    assert entry.locator(".status-submitted").count() == 1
    page.screenshot(path=str(ARTIFACTS / "admin-queue-overdue.png"), full_page=True)


def test_moving_the_dev_clock_never_signs_the_admin_out(own_dev_system, page):
    url = own_dev_system.url
    filed = _file_by_api(url)
    _admin_opens(page, url, filed["tracking_id"])
    requests.post(f"{url}/dev/clock", json={"days": 30}, timeout=10)
    page.reload()
    page.wait_for_selector("#desk:not(.hidden)")
    assert page.locator("#username").is_hidden()


def test_an_admin_link_from_a_mail_opens_that_report_after_sign_in(dev_system, page):
    filed = _file_by_api(dev_system.url, title="Dibuka dari email")
    _sign_in(page, dev_system.url, f"#id={filed['tracking_id']}")
    page.wait_for_selector("#admin-report h2:has-text('Dibuka dari email')")
    assert page.locator("summary:has-text('Verifikasi dan teruskan')").count() == 1


def test_an_admin_finds_a_report_by_its_id_and_reroutes_it(dev_system, page):
    tracking_id, old_link = _routed(dev_system)
    _sign_in(page, dev_system.url)
    page.wait_for_selector("#desk:not(.hidden)")
    page.fill("#find-id", tracking_id.lower())
    page.click("#find button[type=submit]")
    page.click("summary:has-text('Alihkan ke instansi lain')")
    options = page.locator("#reroute-agency option").all_inner_texts()
    assert "Pemerintah Kabupaten Sleman" not in options  # never the agency holding it
    page.select_option("#reroute-agency", "pemkot-makassar")
    page.fill("#reroute-note", "Lokasi kejadian ada di Makassar.")
    page.click("form:has(#reroute-agency) button[type=submit]")
    page.wait_for_selector("#admin-report >> text=Pemerintah Kota Makassar")
    page.screenshot(path=str(ARTIFACTS / "admin-rerouted.png"), full_page=True)
    old = requests.get(
        f"{dev_system.url}/api/reports/{tracking_id}",
        headers={"X-Agency-Token": old_link.partition("#token=")[2]},
        timeout=10,
    )
    assert old.status_code in {403, 404}


def test_an_admin_sends_the_desk_a_new_link(dev_system, page):
    tracking_id, _ = _routed(dev_system)
    _sign_in(page, dev_system.url)
    page.wait_for_selector("#desk:not(.hidden)")
    page.fill("#find-id", tracking_id)
    page.click("#find button[type=submit]")
    page.click("summary:has-text('Kirim tautan baru ke instansi')")
    page.click("form:has-text('Kirim tautan baru ke instansi') button[type=submit]")
    page.wait_for_selector("#admin-report .timeline >> text=Tautan baru dikirim ke instansi")


def test_the_admin_desk_shows_an_agencys_inbox_and_filters_by_category(dev_system, page):
    tracking_id, _ = _routed(dev_system)  # a kependudukan report at Sleman
    _sign_in(page, dev_system.url)
    page.select_option("#filter-agency", "pemkab-sleman")
    page.wait_for_selector("#desk h2:has-text('Kotak masuk Pemerintah Kabupaten Sleman')")
    inbox = page.locator("#desk section").first
    assert inbox.locator("li", has_text=tracking_id).count() == 1
    page.select_option("#filter-category", "infrastruktur")
    inbox = page.locator("#desk section").first
    inbox.locator("li", has_text=tracking_id).wait_for(state="detached")
    page.screenshot(path=str(ARTIFACTS / "admin-filters.png"), full_page=True)


def test_a_report_opened_from_the_inbox_says_where_acting_starts(dev_system, page):
    desk_link = dev_system.printed(r"agency desk link \(its inbox\):\s+(\S+)")
    page.goto(desk_link)
    page.click("#agency-view li button >> nth=0")
    page.wait_for_selector("text=Tautan kotak masuk hanya untuk membaca")


def test_an_admin_merges_a_duplicate_and_the_reporter_is_pointed_to_the_original(dev_system, page):
    original_title = "Pungutan liar di loket KTP Kecamatan Depok"
    original, _ = _routed(dev_system, title=original_title)
    copy = _file_by_api(dev_system.url, reporter={"name": "Wulan", "email": "ganda2@example.id"})
    _admin_opens(page, dev_system.url, copy["tracking_id"])
    page.click("summary:has-text('Arsipkan')")
    page.select_option("#archive-reason", "duplicate")
    page.fill("#archive-duplicate_of", original)
    page.fill("#archive-note", "Sama dengan laporan sebelumnya.")
    page.click("form:has(#archive-reason) button[type=submit]")
    page.wait_for_selector("#admin-report .status-archived")
    page.screenshot(path=str(ARTIFACTS / "admin-merged.png"), full_page=True)
    page.click(f"#duplicate-of:has-text('{original}')")  # "Duplikat dari …" opens the original
    page.wait_for_selector(f"#report-title:has-text('{original_title}')")
    assert page.url.endswith(f"/track.html#id={original}")
    _tick(dev_system.url)
    mails = requests.get(f"{dev_system.url}/dev/mail.json", timeout=10).json()
    told = [m for m in mails if m["to"] == ["ganda2@example.id"] and original in m["subject"]]
    assert told and "digabung" in told[0]["subject"]
