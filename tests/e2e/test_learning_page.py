"""e-Learning LAPOR! in Chromium, on `make run`: a learner registers, signs in by the link in
their mail, reads the first module, fails the quiz and is shown what to re-read, passes, and
the next module opens; at 360 px."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from axe_playwright_python.sync_playwright import Axe

from chalicelib.store.learning_content import module

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
EMAIL = "dewi.operator@slemankab.example"


def _answer(page, answers: dict[str, list[str]]) -> None:
    for question in module("operator-1", "id").quiz:
        for key in answers[question.id]:
            page.check(f"#{question.id}-{key}")


def test_a_learner_signs_in_by_mail_fails_then_passes_then_the_next_module_opens(dev_system, page):
    url = dev_system.url
    page.goto(f"{url}/belajar.html")
    page.fill("#learn-name", "Dewi")
    page.fill("#learn-email", EMAIL)
    page.select_option("#learn-agency", "pemkab-sleman")
    page.select_option("#learn-level", "operator")
    page.click("#register-form button[type=submit]")
    page.get_by_text("Tautan masuk sudah dikirim ke email Anda.").wait_for()
    requests.post(f"{url}/dev/clock", json={"days": 0}, timeout=10)  # one worker tick: the mail
    mail = next(m for m in requests.get(f"{url}/dev/mail.json", timeout=10).json()
                if m.get("to") == [EMAIL])  # fmt: skip
    link = html.unescape(re.findall(r'href="([^"]+)"', mail["html"])[-1])

    page.goto(link)
    page.get_by_role("heading", name="Halo, Dewi").wait_for()
    page.screenshot(path=str(ARTIFACTS / "learning-catalogue.png"), full_page=True)
    page.get_by_role("button", name="Buka modul").click()
    page.locator("#module-text h2#verifikasi").wait_for()

    right = {q.id: sorted(q.answer) for q in module("operator-1", "id").quiz}
    _answer(page, right | {"q1": ["a"], "q2": ["b"]})
    page.click("#quiz button[type=submit]")
    page.get_by_text("Belum lulus: nilai 60%").wait_for()
    assert page.locator(".explain").count() == 2
    page.screenshot(path=str(ARTIFACTS / "learning-quiz-failed.png"), full_page=True)

    page.reload()  # a fresh form, as a learner coming back would see it
    page.get_by_role("button", name="Buka modul").first.click()
    page.locator("#quiz").wait_for()
    _answer(page, right)
    page.click("#quiz button[type=submit]")
    page.get_by_text("Lulus dengan nilai 100%.").wait_for()
    page.get_by_role("button", name="Modul berikutnya").click()
    page.get_by_role("heading", name=module("operator-2", "id").title).wait_for()
    page.get_by_role("button", name="Kembali ke daftar modul").click()
    page.locator("#catalogue .badge.passed").wait_for()
    assert page.locator("#catalogue .badge.passed").count() == 1  # the page shows the new truth
    page.screenshot(path=str(ARTIFACTS / "learning-after-pass.png"), full_page=True)


def test_the_agencys_coordinator_sees_its_learners_on_the_page(dev_system, page):
    url = dev_system.url
    email = "koordinator@slemankab.example"  # the agency's coordinator in the reference data
    body = {"name": "Kepala Bagian", "email": email, "agency": "pemkab-sleman",
            "level": "supervisor"}  # fmt: skip
    assert requests.post(f"{url}/api/learning/learners", json=body, timeout=10).status_code == 202
    requests.post(f"{url}/dev/clock", json={"days": 0}, timeout=10)
    mail = next(m for m in requests.get(f"{url}/dev/mail.json", timeout=10).json()
            if m.get("to") == [email] and "e-Learning" in m["subject"])  # fmt: skip
    page.goto(html.unescape(re.findall(r'href="([^"]+)"', mail["html"])[-1]))
    table = page.locator("#agency-learners table")
    table.wait_for()
    assert "Kepala Bagian" in table.inner_text()
    page.screenshot(path=str(ARTIFACTS / "learning-supervisor.png"), full_page=True)
    # On a phone every column shows, each value beside its name, none off the screen's edge.
    width = page.viewport_size["width"]
    assert width <= 400
    for cell in table.locator("td").all():
        box = cell.bounding_box()
        assert box["x"] + box["width"] <= width, cell.get_attribute("data-label")


def _serious_violations(page) -> list[tuple[str, str]]:
    found = Axe().run(page).response["violations"]
    return [(v["id"], v["help"]) for v in found if v["impact"] in {"serious", "critical"}]


def _signed_in_page(url: str, page, email: str, name: str, level: str = "operator") -> str:
    """Register through the API, open the mailed link in the page; the learner's token."""
    body = {"name": name, "email": email, "agency": "pemkab-sleman", "level": level}
    assert requests.post(f"{url}/api/learning/learners", json=body, timeout=10).status_code == 202
    requests.post(f"{url}/dev/clock", json={"days": 0}, timeout=10)
    mail = next(m for m in requests.get(f"{url}/dev/mail.json", timeout=10).json()
                if m.get("to") == [email] and "e-Learning" in m["subject"])  # fmt: skip
    link = html.unescape(re.findall(r'href="([^"]+)"', mail["html"])[-1])
    page.goto(link)
    page.get_by_role("heading", name=f"Halo, {name}").wait_for()
    return link.split("#token=")[1]


def test_completing_a_level_shows_the_certificate_which_the_check_page_verifies(dev_system, page):
    url = dev_system.url
    email = "sari.operator@slemankab.example"
    token = _signed_in_page(url, page, email, "Sari")
    for module_id in ("operator-1", "operator-2"):
        answers = {q.id: sorted(q.answer) for q in module(module_id, "id").quiz}
        requests.post(f"{url}/api/learning/modules/{module_id}/attempts", json={"answers": answers},
                      headers={"X-Learner-Token": token}, timeout=10)  # fmt: skip
    page.reload()
    page.locator("#catalogue .badge.open").wait_for()
    page.get_by_role("button", name="Buka modul").last.click()
    page.locator("#quiz").wait_for()
    for question in module("operator-3", "id").quiz:
        for key in sorted(question.answer):
            page.check(f"#{question.id}-{key}")
    page.click("#quiz button[type=submit]")
    issued = page.get_by_text(re.compile(r"sertifikat Anda \(LPR-[A-Z0-9-]+\)"))
    issued.wait_for()
    code = re.search(r"LPR-[A-Z0-9-]+", issued.inner_text()).group(0)
    page.screenshot(path=str(ARTIFACTS / "learning-certificate-issued.png"), full_page=True)
    page.get_by_role("button", name="Kembali ke daftar modul").click()
    page.locator("#my-certificate").get_by_text(code).wait_for()  # the page shows the new truth

    requests.post(f"{url}/dev/clock", json={"days": 0}, timeout=10)  # the mail, with its PDF
    mail = next(m for m in requests.get(f"{url}/dev/mail.json", timeout=10).json()
                if m.get("to") == [email] and m.get("attachments"))  # fmt: skip
    assert mail["attachments"] == [f"sertifikat-lapor-{code}.pdf"]
    check = html.unescape(re.findall(r'href="([^"]+)"', mail["html"])[-1])
    page.goto(check)
    verdict = page.locator("#verify-verdict.verdict-valid")
    verdict.wait_for()
    assert "Sari" in verdict.inner_text() and "Pemerintah Kabupaten Sleman" in verdict.inner_text()
    page.screenshot(path=str(ARTIFACTS / "learning-certificate-valid.png"), full_page=True)
    assert _serious_violations(page) == []

    # The operator revokes it with the command line, as `make run` prints it; the check says so.
    printed = dev_system.printed(r"(AWS_ENDPOINT_URL=\S+ .*LAPOR_STAGE=local)")
    cli_env = {**os.environ, **dict(pair.split("=", 1) for pair in printed.split())}
    revoke = [sys.executable, "-m", "chalicelib.cli", "certificate", "revoke", code,
              "--reason", "diterbitkan keliru"]  # fmt: skip
    done = subprocess.run(revoke, env=cli_env, cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == f"revoked {code}"
    page.reload()
    revoked = page.locator("#verify-verdict.verdict-revoked")
    revoked.wait_for()
    assert "diterbitkan keliru" in revoked.inner_text()
    page.screenshot(path=str(ARTIFACTS / "learning-certificate-revoked.png"), full_page=True)

    page.fill("#verify-code", "LPR-2345-6789-ABCD")
    page.click("#verify-form button[type=submit]")
    page.locator("#verify-verdict.verdict-unknown").wait_for()
    page.fill("#verify-code", "bukan kode")
    page.click("#verify-form button[type=submit]")
    page.locator('[data-error-for="code"]').get_by_text("LPR-XXXX-XXXX-XXXX").wait_for()


def test_the_practice_desk_is_marked_worked_and_its_clock_moved(own_dev_system, page):
    url = own_dev_system.url
    _signed_in_page(url, page, "tono.operator@slemankab.example", "Tono")
    page.get_by_role("button", name="Buka meja latihan").click()
    first = page.locator("#practice-LATIHAN-1")
    first.wait_for()
    assert page.locator(".latihan-badge").count() == 5 and page.locator(".latihan").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "practice-desk.png"), full_page=True)

    verify = first.locator("details").filter(has_text="Verifikasi dan teruskan")
    verify.locator("summary").click()
    verify.locator("select[name=agency]").select_option("pemkab-sleman")
    verify.locator("button[type=submit]").click()
    page.locator("#practice-done").wait_for()
    first = page.locator("#practice-LATIHAN-1")
    assert "Pemerintah Kabupaten Sleman" in first.inner_text()  # the desk shows the new truth
    assert "Penerusan: ✓" in first.inner_text()
    assert page.locator("#practice-mails li").first.inner_text().startswith("[LATIHAN]")

    page.get_by_role("button", name="Majukan 1 minggu").click()
    page.locator("#practice-done").get_by_text("Waktu dimajukan").wait_for()
    assert page.locator("#practice-LATIHAN-2 .badge.overdue").count() == 1
    assert "Tepat waktu: ✗" in page.locator("#practice-LATIHAN-2").inner_text()
    page.screenshot(path=str(ARTIFACTS / "practice-desk-after-a-week.png"), full_page=True)
    assert _serious_violations(page) == []
    # The real desks never saw it.
    assert "LATIHAN" not in requests.get(f"{url}/api/reports", timeout=10).text


def test_registering_without_choosing_an_agency_names_the_field(dev_system, page):
    page.goto(f"{dev_system.url}/belajar.html")
    assert page.locator("#learn-agency").input_value() == ""  # no silent first agency
    page.fill("#learn-name", "Tanpa Instansi")
    page.fill("#learn-email", "tanpa.instansi@example.id")
    page.click("#register-form button[type=submit]")
    page.locator('[data-error-for="agency"]').wait_for()
    assert page.locator('[data-error-for="agency"]').inner_text().strip()
