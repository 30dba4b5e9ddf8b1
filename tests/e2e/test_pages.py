"""The pages in Debian's headless Chromium, against the real dev system (`make run`)."""

import html
import re

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e

# A real, tiny PNG (1×1 pixel).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
PAGES = [
    "/",
    "/track.html",
    "/agency.html",
    "/admin.html",
    "/reports.html",
    "/kinerja.html",
    "/belajar.html",
]


def _tick(url):
    """Run the dev worker once: sweep and deliver mail now."""
    requests.post(f"{url}/dev/clock", json={"days": 0}, timeout=10)


def _mail_link(url, to, subject_part):
    _tick(url)
    mails = requests.get(f"{url}/dev/mail.json", timeout=10).json()
    [mail] = [m for m in mails if to in m["to"] and subject_part in m["subject"]]
    return html.unescape(re.findall(r'href="([^"]+)"', mail["html"])[-1])


def _fill_report(page, email):
    page.fill("#title", "Jalan berlubang di Jl. Magelang km 8")
    page.fill(
        "#description", "Lubang sedalam 20 cm di lajur kiri sudah dua minggu tidak diperbaiki."
    )
    page.select_option("#category", "infrastruktur")
    page.fill("#name", "Dewi Lestari")
    page.fill("#email", email)


def test_a_report_goes_from_the_form_to_a_rating(dev_system, page):
    url = dev_system.url
    page.goto(f"{url}/")
    _fill_report(page, "dewi@example.id")
    page.set_input_files(
        "#files", files=[{"name": "lubang.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.click("#send")
    page.wait_for_selector("#done:not(.hidden)")
    tracking_id = page.inner_text("#done-id")
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", tracking_id)
    private_link = _mail_link(url, "dewi@example.id", "diterima")
    assert tracking_id in private_link

    page.goto(f"{url}/admin.html")
    page.fill("#username", "admin")
    page.fill("#password", "Lapor-Admin-2026!")
    page.click("#login button[type=submit]")
    page.click(f"text=Buka {tracking_id}")
    page.click("summary:has-text('Verifikasi dan teruskan')")
    assert "dewi@example.id" in page.inner_text("#admin-report")  # identity: admins only
    page.select_option("#verify-agency", "pemkot-makassar")
    page.click("#admin-report form:has(#verify-agency) button[type=submit]")
    page.wait_for_selector("text=Tersimpan")

    agency_link = _mail_link(url, "pengaduan@makassarkota.example", tracking_id)
    page.goto(agency_link)
    page.click("summary:has-text('Tindak lanjuti')")
    page.fill("#follow_up-note", "Lubang sudah ditambal pada hari Senin.")
    page.set_input_files(
        "#follow_up-attachments",
        files=[{"name": "sesudah.png", "mimeType": "image/png", "buffer": PNG}],
    )
    page.click("form:has(#follow_up-note) button[type=submit]")
    page.wait_for_selector("text=Tersimpan")

    page.goto(private_link)
    page.click("summary:has-text('Tanggapi tindak lanjut')")
    page.select_option("#respond-satisfied", "true")
    page.click("form:has(#respond-satisfied) button[type=submit]")
    page.click("summary:has-text('Beri penilaian')")
    page.select_option("#rate-rating", "5")
    page.click("form:has(#rate-rating) button[type=submit]")
    page.wait_for_selector("text=Tersimpan")
    # Each file says who sent it, and the images show themselves.
    page.wait_for_selector(".files li:has-text('sesudah.png'):has-text('dari instansi') img")
    assert page.locator(".files li:has-text('lubang.png'):has-text('dari pelapor') img").count()
    page.wait_for_selector("text=5/5 — sangat puas")
    page.screenshot(path=str(ARTIFACTS / "track-files-and-rating.png"), full_page=True)

    token = private_link.split("token=")[1]
    view = requests.get(
        f"{url}/api/reports/{tracking_id}", headers={"X-Access-Token": token}, timeout=10
    ).json()
    assert [e["action"] for e in view["timeline"]] == [
        "submit",
        "verify",
        "follow_up",
        "respond",
        "rate",
    ]
    assert [a["name"] for a in view["attachments"]] == ["lubang.png"]
    assert [a["name"] for a in view["reply_attachments"]] == ["sesudah.png"]
    assert view["rating"] == 5


def test_invalid_fields_are_shown_next_to_them_without_a_request(dev_system, page):
    posts = []
    page.on("request", lambda r: posts.append(r) if r.method == "POST" else None)
    page.goto(f"{dev_system.url}/")
    page.click("#send")
    assert page.inner_text("[data-error-for=title]") == "Wajib diisi."
    assert page.inner_text('[data-error-for="reporter.email"]').startswith("Isi email")
    assert page.get_attribute("#title", "aria-invalid") == "true"
    assert posts == []


def test_server_errors_appear_next_to_their_fields(dev_system, page):
    page.goto(f"{dev_system.url}/")
    _fill_report(page, "dewi@example.id")
    page.fill("#phone", "12345")  # the page does not check phone numbers; the API does
    page.click("#send")
    page.wait_for_selector('[data-error-for="reporter.phone"]:not(:empty)')
    assert "tidak sah" in page.inner_text('[data-error-for="reporter.phone"]')


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            {"name": "besar.png", "mimeType": "image/png", "buffer": b"\0" * (5 * 1024 * 1024 + 1)},
            "terlalu besar",
        ),
        ({"name": "catatan.txt", "mimeType": "text/plain", "buffer": b"halo"}, "tidak didukung"),
        (
            {"name": "catatan.png", "mimeType": "image/png", "buffer": b"hanya teks, bukan gambar"},
            "Isi berkas bukan gambar",
        ),
    ],
    ids=["too-large", "wrong-type", "text-named-png"],
)
def test_a_file_too_large_or_of_the_wrong_type_is_refused(dev_system, page, upload, message):
    page.goto(f"{dev_system.url}/")
    _fill_report(page, "dewi@example.id")
    page.set_input_files("#files", files=[upload])
    page.click("#send")
    page.wait_for_selector(f"[data-error-for=attachments]:has-text('{message}')")


def test_with_the_api_down_the_draft_is_kept(dev_system, page):
    page.goto(f"{dev_system.url}/")
    page.route("**/api/reports", lambda route: route.abort())
    _fill_report(page, "offline@example.id")
    page.click("#send")
    page.wait_for_selector("#form-alert:not(.hidden)")
    assert "Draf Anda tetap tersimpan" in page.inner_text("#form-alert")
    page.unroute("**/api/reports")
    page.reload()
    page.wait_for_function("document.querySelector('#category').value === 'infrastruktur'")
    assert page.input_value("#title") == "Jalan berlubang di Jl. Magelang km 8"
    assert page.input_value("#email") == "offline@example.id"


def test_a_double_click_makes_one_report(dev_system, page):
    page.goto(f"{dev_system.url}/")
    _fill_report(page, "ganda@example.id")
    page.dblclick("#send")
    page.wait_for_selector("#done:not(.hidden)")
    # Counted where it lands (one receipt per report filed), not from the browser's response
    # events, which Playwright may hand over after the page has already shown the receipt.
    _tick(dev_system.url)
    mails = requests.get(f"{dev_system.url}/dev/mail.json", timeout=10).json()
    receipts = [m for m in mails if "ganda@example.id" in m["to"] and "diterima" in m["subject"]]
    assert len(receipts) == 1


def test_a_tampered_agency_link_shows_a_clear_error(dev_system, page):
    token = dev_system.printed(r"agency link \(follow up from here\):\s+\S+#token=(\S+)")
    page.goto(f"{dev_system.url}/agency.html#token={token[:-2]}xx")
    page.wait_for_selector("#agency-alert:not(.hidden)")
    assert "Tautan tidak sah" in page.inner_text("#agency-alert")


def test_the_submit_page_transfers_at_most_100_kb(dev_system, page):
    sizes = []
    page.on("response", lambda r: sizes.append(len(r.body())) if r.ok else None)
    page.goto(f"{dev_system.url}/", wait_until="networkidle")
    assert sum(sizes) <= 100 * 1024, sizes


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("width", [360, 1280])
def test_every_page_has_no_serious_accessibility_violation(
    dev_system, browser, path, language, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(f"localStorage.setItem('lapor.lang', '{language}')")
    tab = context.new_page()
    tab.goto(f"{dev_system.url}{path}", wait_until="networkidle")
    assert tab.get_attribute("html", "lang") == language
    violations = [
        v for v in Axe().run(tab).response["violations"] if v["impact"] in {"serious", "critical"}
    ]
    context.close()
    assert violations == [], [(v["id"], v["help"]) for v in violations]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("language", ["id", "en"])
def test_screenshots_of_every_page(dev_system, browser, width, language):
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(f"localStorage.setItem('lapor.lang', '{language}')")
    tab = context.new_page()
    demo = dev_system.printed(r"agency link \(follow up from here\):\s+(\S+)").split("#")[1]
    for path in PAGES:
        target = f"{dev_system.url}{path}" + (f"#{demo}" if path == "/agency.html" else "")
        tab.goto(target, wait_until="networkidle")
        name = path.strip("/").replace(".html", "") or "index"
        shot = folder / f"{name}-{language}-{width}.png"
        tab.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 0
    context.close()


def test_anyone_can_look_a_report_up_by_its_tracking_id(dev_system, page):
    filed = dev_system.file_report(
        title="Trotoar rusak di depan sekolah",
        description="Trotoar di depan SD Negeri 3 ambles dan membahayakan anak-anak.",
        reporter={"name": "Budi Santoso", "email": "budi@example.id"},
        category="penanganan-covid-19",  # fast-tracked: public at once, no verification
    )
    page.goto(f"{dev_system.url}/track.html")
    page.fill("#tracking-id", filed["tracking_id"].lower())
    page.click("#lookup button[type=submit]")
    page.wait_for_selector("#report-title")
    shown = page.inner_text("#report")
    assert "Trotoar rusak di depan sekolah" in shown and "Didisposisikan" in shown
    assert "Budi" not in shown and "budi@example.id" not in shown


def test_a_mistyped_tracking_id_is_explained(dev_system, page):
    filed = dev_system.file_report(
        title="Trotoar rusak",
        description="Trotoar ambles di depan sekolah dasar negeri.",
        reporter={"name": "Budi", "email": "budi@example.id"},
    )
    typo = filed["tracking_id"][:-1] + ("A" if filed["tracking_id"][-1] != "A" else "B")
    page.goto(f"{dev_system.url}/track.html#id={typo}")
    page.wait_for_selector("#track-alert:not(.hidden)")
    assert "salah ketik" in page.inner_text("#track-alert")


def _file_by_api(url, **overrides):
    body = {
        "type": "pengaduan",
        "title": "Pungutan liar di loket KTP",
        "description": "Petugas loket meminta uang Rp50.000 untuk mempercepat KTP elektronik.",
        "category": "kependudukan",
        "reporter": {"name": "Wulan Sari", "email": "wulan@example.id"},
        **overrides,
    }
    return requests.post(f"{url}/api/reports", json=body, timeout=10).json()


def _reporters_view(url, filed):
    headers = {"X-Access-Token": filed["access_token"]}
    return requests.get(
        f"{url}/api/reports/{filed['tracking_id']}", headers=headers, timeout=10
    ).json()


def _sign_in(page, url, fragment=""):
    """The admin page as the demo admin (signed in already if the tab's session holds)."""
    page.goto(f"{url}/admin.html{fragment}")
    if page.is_visible("#username"):
        page.fill("#username", "admin")
        page.fill("#password", "Lapor-Admin-2026!")
        page.click("#login button[type=submit]")


def _admin_opens(page, url, tracking_id):
    _sign_in(page, url)
    page.click(f"text=Buka {tracking_id}")


def test_the_admin_privacy_form_shows_the_reports_switches_and_never_loosens_them(dev_system, page):
    url = dev_system.url
    filed = _file_by_api(url, confidential=True)
    tracking_id = filed["tracking_id"]
    _admin_opens(page, url, tracking_id)
    page.click("summary:has-text('Simpan privasi')")
    confidential, anonymous = (
        page.locator("#set_privacy-confidential"),
        page.locator("#set_privacy-anonymous"),
    )
    assert confidential.is_checked() and confidential.is_disabled()  # on, and locked on
    assert not anonymous.is_checked() and anonymous.is_enabled()
    # Each switch says what the record says: only the locked one explains it is on.
    assert "sudah aktif" in page.inner_text("label[for=set_privacy-confidential]")
    assert "sudah aktif" not in page.inner_text("label[for=set_privacy-anonymous]")
    page.screenshot(path=str(ARTIFACTS / "admin-privacy.png"), full_page=True)
    # Saved unchanged: nothing is sent that could loosen anything.
    page.fill("#set_privacy-note", "Periksa.")
    page.click("form:has(#set_privacy-note) button[type=submit]")
    page.wait_for_selector("text=Tidak ada perubahan")
    anonymous.check()
    page.click("form:has(#set_privacy-note) button[type=submit]")
    page.wait_for_selector("text=Tersimpan")
    mine = _reporters_view(url, filed)
    assert (mine["anonymous"], mine["confidential"]) == (True, True)
    assert requests.get(f"{url}/api/reports/{tracking_id}", timeout=10).status_code == 404
    # After the save the form shows the new truth: both switches on and locked.
    page.wait_for_selector("#set_privacy-anonymous:checked:disabled", state="attached")
    page.click("summary:has-text('Simpan privasi')")
    page.screenshot(path=str(ARTIFACTS / "admin-privacy-saved.png"), full_page=True)


def test_the_reporter_can_lift_their_own_confidentiality_from_the_track_page(dev_system, page):
    url = dev_system.url
    filed = _file_by_api(url, confidential=True)
    page.goto(f"{url}/track.html#id={filed['tracking_id']}&token={filed['access_token']}")
    page.click("summary:has-text('Simpan privasi')")
    box = page.locator("#set_privacy-confidential")
    assert box.is_checked() and box.is_enabled()
    page.screenshot(path=str(ARTIFACTS / "track-privacy.png"), full_page=True)
    box.uncheck()
    page.click("form:has(#set_privacy-confidential) button[type=submit]")
    page.wait_for_selector("text=Tersimpan")
    mine = _reporters_view(url, filed)
    assert mine["confidential"] is False


def test_a_phone_only_reporter_gets_an_sms_the_dev_mailbox_lists(dev_system):
    filed = _file_by_api(dev_system.url, reporter={"name": "Pak Darto", "phone": "0812 7777 1234"})
    _tick(dev_system.url)
    messages = requests.get(f"{dev_system.url}/dev/mail.json", timeout=10).json()
    [sms] = [m for m in messages if m["to"] == ["+6281277771234"]]
    assert sms["channel"] == "sms" and filed["tracking_id"] in sms["text"]


def test_the_admin_sees_what_a_number_that_refuses_sms_was_not_sent(dev_system, page):
    # moto treats numbers ending in 99 as opted out of SMS
    filed = _file_by_api(dev_system.url, reporter={"name": "Pak Darto", "phone": "0812 7777 1299"})
    _tick(dev_system.url)
    _admin_opens(page, dev_system.url, filed["tracking_id"])
    page.wait_for_selector("text=1 pesan belum sampai ke pelapor")


def test_the_receipt_follows_a_change_of_language(dev_system, page):
    page.goto(f"{dev_system.url}/")
    _fill_report(page, "bahasa@example.id")
    page.click("#send")
    page.wait_for_selector("#done:not(.hidden)")
    indonesian = page.inner_text("#done-next")
    page.click("#lang")
    page.wait_for_function(
        "previous => document.querySelector('#done-next').textContent !== previous", arg=indonesian
    )
    assert "national admin will verify" in page.inner_text("#done-next")
    assert page.title().startswith("Send your report")
    page.click("#lang")
