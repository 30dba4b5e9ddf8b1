"""Through `make run`: the commands it prints file a report by mail and answer the demo report
by replying as its desk; the desk publishes the draft from its confirmation mail's link."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest
import requests

from tests.e2e.test_pages import _admin_opens
from tests.jobs.inbound import PNG, raw_mail

pytestmark = pytest.mark.e2e
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _printed_command(output: list[str], after: str) -> str:
    """The shell command the runner printed after the line containing ``after``."""
    start = next(i for i, line in enumerate(output) if after in line)
    lines = []
    for line in output[start + 1 :]:
        if line.strip().startswith(("printf", "'", "|")):
            lines.append(line.rstrip("\n"))
            if line.strip().startswith("|"):
                break
    return "\n".join(lines)


def _run(command: str) -> dict:
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, check=True,
                          timeout=30)  # fmt: skip
    return json.loads(done.stdout)


def _mail(url: str) -> list[dict]:
    return requests.get(f"{url}/dev/mail.json", timeout=10).json()


def test_the_printed_mail_command_files_a_report_and_the_reporter_gets_a_receipt(own_dev_system):
    outcome = _run(_printed_command(own_dev_system.output, "By mail (SES receiving"))
    assert outcome["kind"] == "filed"
    receipts = [m for m in _mail(own_dev_system.url) if m["to"] == ["siti@example.id"]]
    receipt = next(m for m in receipts if outcome["tracking_id"] in m["subject"])
    assert receipt["reply_to"].startswith("balas+")


def test_the_desk_answers_by_reply_and_publishes_the_draft_from_its_page(own_dev_system, page):
    url = own_dev_system.url
    outcome = _run(_printed_command(own_dev_system.output, "The agency answers the demo report"))
    assert outcome["kind"] == "draft"
    tracking_id = outcome["tracking_id"]
    confirmation = next(m for m in _mail(url) if m["subject"].startswith("[Lapor] Draf"))
    link = html.unescape(re.findall(r'href="([^"]+)"', confirmation["html"])[-1])
    assert link.startswith(f"{url}/agency.html#token=") and f"draft={outcome['detail']}" in link

    page.goto(link)
    draft = page.locator("#draft")
    draft.get_by_text("Jalan sudah kami tambal pada 27 November.").wait_for()
    assert page.get_by_text("Didisposisikan", exact=True).count() == 1  # nothing moved yet
    page.screenshot(path=str(ARTIFACTS / "agency-draft-from-mail.png"), full_page=True)
    draft.get_by_role("button", name="Terbitkan tindak lanjut").click()
    page.get_by_text("Draf ini sudah diterbitkan.").wait_for()
    page.screenshot(path=str(ARTIFACTS / "agency-draft-published.png"), full_page=True)
    # The page shows the new truth: the follow-up on the timeline, nothing left to publish.
    assert page.get_by_text("Ditindaklanjuti oleh instansi").count() == 1
    assert page.get_by_role("button", name="Terbitkan tindak lanjut").count() == 0
    view = requests.get(f"{url}/api/reports/{tracking_id}", timeout=10).json()
    assert view["status"] == "followed_up"


def test_the_admin_sees_how_a_mailed_report_came_in_and_what_to_check(own_dev_system, page):
    url = own_dev_system.url
    raw = raw_mail(files=(("foto.png", "image/png", PNG), ("virus.exe", "application/x-msdownload",
                                                             b"MZ" + b"0" * 64)))  # fmt: skip
    outcome = requests.post(f"{url}/dev/inbound?spf=FAIL", data=raw, timeout=30).json()
    assert outcome["kind"] == "filed"
    _admin_opens(page, url, outcome["tracking_id"])
    flags = page.locator("#intake-flags")
    flags.wait_for()
    assert flags.inner_text() == "Periksa sebelum verifikasi: SPF gagal, sebagian lampiran ditolak"
    assert page.get_by_text("Masuk melalui:").count() == 1
    page.screenshot(path=str(ARTIFACTS / "admin-mailed-report.png"), full_page=True)


def test_the_mailed_reporter_finds_rahasia_on_and_can_add_a_note(own_dev_system, page):
    url = own_dev_system.url
    outcome = requests.post(f"{url}/dev/inbound", data=raw_mail(), timeout=30).json()
    receipt = next(m for m in _mail(url) if outcome["tracking_id"] in m["subject"])
    page.goto(html.unescape(re.findall(r'href="([^"]+)"', receipt["html"])[-1]))
    page.get_by_role("heading", name="Jalan berlubang di Kaliurang").wait_for()
    page.click("summary:has-text('Tambahkan keterangan')")
    page.fill("#add_note-internal_note", "Lubangnya makin lebar setelah hujan.")
    page.get_by_role("button", name="Tambahkan keterangan").click()
    page.get_by_text("Pelapor menambahkan keterangan").wait_for()
    # the page shows the new truth: the reporter's own words on their timeline
    assert page.get_by_text("Lubangnya makin lebar setelah hujan.").count() == 1
    page.screenshot(path=str(ARTIFACTS / "track-mailed-report-note.png"), full_page=True)
