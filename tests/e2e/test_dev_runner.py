"""Smoke test: the system `make run` starts answers over real HTTP."""

import pytest
import requests

pytestmark = pytest.mark.e2e

REPORT = {
    "type": "pengaduan",
    "title": "Lampu jalan padam",
    "description": "Sudah dua minggu lampu jalan di Jl. Gajah Mada padam setiap malam.",
    "category": "infrastruktur",
    "agency": "pemkot-makassar",
    "reporter": {"name": "Andi", "email": "andi@example.id"},
}


def test_a_report_filed_over_http_is_public_once_routed_and_never_with_identity(dev_system):
    waiting = requests.post(f"{dev_system.url}/api/reports", json=REPORT, timeout=10).json()
    unverified = requests.get(f"{dev_system.url}/api/reports/{waiting['tracking_id']}", timeout=10)
    assert unverified.status_code == 404  # not public until a national admin verifies it
    fast_track = {**REPORT, "category": "penanganan-covid-19", "agency": None}
    filed = requests.post(f"{dev_system.url}/api/reports", json=fast_track, timeout=10)
    assert filed.status_code == 201
    tracking_id = filed.json()["tracking_id"]
    shown = requests.get(f"{dev_system.url}/api/reports/{tracking_id}", timeout=10)
    assert shown.status_code == 200
    assert "Andi" not in shown.text and "andi@example.id" not in shown.text


def test_a_confidential_report_needs_its_token_over_http(dev_system):
    filed = requests.post(
        f"{dev_system.url}/api/reports", json={**REPORT, "confidential": True}, timeout=10
    ).json()
    url = f"{dev_system.url}/api/reports/{filed['tracking_id']}"
    assert requests.get(url, timeout=10).status_code == 404
    private = requests.get(url, headers={"X-Access-Token": filed["access_token"]}, timeout=10)
    assert private.status_code == 200
    assert private.json()["reporter"]["name"] == "Andi"


def test_the_web_page_is_served_on_the_same_origin_with_security_headers(dev_system):
    page = requests.get(f"{dev_system.url}/", timeout=10)
    assert page.status_code == 200
    assert '<html lang="id">' in page.text
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]


def test_paths_outside_the_web_folder_are_not_served(dev_system):
    response = requests.get(f"{dev_system.url}/..%2F..%2Fapp.py", timeout=10)
    assert response.status_code == 404
