"""Through `make run`: the receipt and the agency's mail appear in the local mailbox with
links that work; moving the clock brings the reminder, then the escalation."""

import pytest
import requests

pytestmark = pytest.mark.e2e


def _mail(url):
    return requests.get(f"{url}/dev/mail.json", timeout=10).json()


def _subjects(url, to):
    return [m["subject"] for m in _mail(url) if to in m["to"]]


def test_mail_follows_the_report_and_the_clock(own_dev_system):
    url = own_dev_system.url
    token = own_dev_system.admin_token()
    filed = own_dev_system.file_report(
        title="Lampu jalan padam",
        description="Lampu jalan di Jl. Ahmad Yani padam sejak dua minggu lalu.",
        reporter={"name": "Rina", "email": "rina@example.id"},
    )
    tid = filed["tracking_id"]
    requests.post(f"{url}/dev/clock", json={"days": 0}, timeout=10)  # one worker tick
    assert _subjects(url, "rina@example.id") == [f"Laporan Anda diterima: {tid}"]

    requests.post(
        f"{url}/api/reports/{tid}/actions",
        timeout=10,
        headers={"Authorization": f"Bearer {token}"},
        json={"action": "verify", "agency": "pemkot-jayapura"},
    )
    requests.post(f"{url}/dev/clock", json={"days": 0}, timeout=10)
    desk = "pengaduan@jayapurakota.example"
    [routed] = [m for m in _mail(url) if desk in m["to"]]
    agency_token = routed["html"].split("#token=")[1].split('"')[0]
    view = requests.get(
        f"{url}/api/reports/{tid}", headers={"X-Agency-Token": agency_token}, timeout=10
    )
    assert view.status_code == 200

    requests.post(f"{url}/dev/clock", json={"days": 10}, timeout=10)
    assert any(s.startswith("[Lapor] Pengingat") for s in _subjects(url, desk))
    requests.post(f"{url}/dev/clock", json={"days": 4}, timeout=10)
    assert any(
        s.startswith("[Lapor] Eskalasi") for s in _subjects(url, "koordinator@jayapurakota.example")
    )


def test_the_mailbox_page_lists_messages_and_shows_each(own_dev_system):
    page = requests.get(f"{own_dev_system.url}/dev/mail", timeout=10)
    assert page.status_code == 200 and "Local mailbox" in page.text
    first = requests.get(f"{own_dev_system.url}/dev/mail/0", timeout=10)
    assert first.status_code == 200 and "<html" in first.text
