"""e-Learning LAPOR! in Chromium, on `make run`: a learner registers, signs in by the link in
their mail, reads the first module, fails the quiz and is shown what to re-read, passes, and
the next module opens; at 360 px."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import requests

from chalicelib.store.learning_content import module

pytestmark = pytest.mark.e2e
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
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
