"""The citizen's track page and the offline messages, in Debian's headless Chromium."""

import time

import pytest
import requests

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_desks import _followed_up, _routed
from tests.e2e.test_pages import _file_by_api

pytestmark = pytest.mark.e2e


def test_a_private_link_with_a_wrong_token_says_so(dev_system, page):
    filed = _file_by_api(dev_system.url)  # not verified yet: nobody else may see it
    page.goto(f"{dev_system.url}/track.html#id={filed['tracking_id']}&token=not-the-token")
    page.wait_for_selector("#track-alert:not(.hidden)")
    assert "tidak dapat membuka laporan ini" in page.inner_text("#track-alert")


def test_a_wrong_token_on_a_public_report_says_the_public_view_is_shown(dev_system, page):
    tracking_id, _ = _routed(dev_system)
    page.goto(f"{dev_system.url}/track.html#id={tracking_id}&token=not-the-token")
    page.wait_for_selector("#report h2")
    assert "tampilan publik" in page.inner_text("#track-alert")


def test_the_reporter_sees_the_agency_they_chose_and_the_incident_date(dev_system, page):
    filed = _file_by_api(dev_system.url, agency="kemenkes", incident_date="2026-11-20")
    page.goto(
        f"{dev_system.url}/track.html#id={filed['tracking_id']}&token={filed['access_token']}"
    )
    page.wait_for_selector("text=Instansi pilihan pelapor")
    text = page.inner_text("#report")
    assert "Kementerian Kesehatan" in text and "20 November 2026" in text


def test_a_changed_address_is_followed(dev_system, page):
    first = _file_by_api(dev_system.url)
    second = _file_by_api(dev_system.url, title="Laporan kedua")
    page.goto(
        f"{dev_system.url}/track.html#id={first['tracking_id']}&token={first['access_token']}"
    )
    page.wait_for_selector("#report h2")
    page.evaluate(
        "([id, token]) => { location.hash = `id=${id}&token=${token}`; }",
        [second["tracking_id"], second["access_token"]],
    )
    page.wait_for_selector("#report h2:has-text('Laporan kedua')")


def test_an_empty_search_asks_for_a_tracking_id(dev_system, page):
    page.goto(f"{dev_system.url}/track.html")
    page.click("#lookup button[type=submit]")
    page.wait_for_selector("#track-alert:not(.hidden)")
    assert "Masukkan nomor pelacakan" in page.inner_text("#track-alert")


def test_with_the_network_down_search_and_sign_in_say_so(dev_system, page):
    page.goto(f"{dev_system.url}/track.html")
    page.route("**/api/**", lambda route: route.abort())
    page.fill("#tracking-id", "7KQ2M-XD4PA")
    page.click("#lookup button[type=submit]")
    page.wait_for_selector("#track-alert:not(.hidden)")
    assert "Tidak dapat terhubung" in page.inner_text("#track-alert")
    page.goto(f"{dev_system.url}/admin.html")
    page.route("**/dev/login", lambda route: route.abort())
    page.fill("#username", "admin")
    page.fill("#password", "salah")
    page.click("#login button[type=submit]")
    page.wait_for_selector("#login-alert:not(.hidden)")
    assert "Tidak dapat terhubung" in page.inner_text("#login-alert")
    page.screenshot(path=str(ARTIFACTS / "admin-offline.png"), full_page=True)


def test_switching_language_changes_the_tab_title(dev_system, page):
    page.goto(f"{dev_system.url}/track.html")
    assert page.title() == "Lacak laporan — Lapor"
    page.click("#lang")
    assert page.title().startswith("Track")
    page.click("#lang")  # back to Indonesian for the tests that follow


@pytest.mark.parametrize("language_clicks", [0, 1])
def test_the_header_fits_one_row_on_a_360_px_phone(dev_system, browser, language_clicks):
    page = browser.new_page(viewport={"width": 360, "height": 720})
    page.goto(f"{dev_system.url}/reports.html")
    for _ in range(language_clicks):
        page.click("#lang")
    tops = page.eval_on_selector_all(
        "header.top .brand, header.top nav a, header.top #lang",
        "nodes => nodes.map(n => Math.round(n.getBoundingClientRect().top))",
    )
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    page.screenshot(path=str(ARTIFACTS / f"header-360-{language_clicks}.png"))
    if language_clicks:
        page.click("#lang")
    page.close()
    assert max(tops) - min(tops) <= 8  # one row
    assert widths[0] <= widths[1]  # nothing sticks out sideways


def _figures_once_added(url: str) -> dict:
    """This month's national figures once the dev runner's worker has read the timeline's
    stream (every 2 seconds), as Lambda's event source mapping would in AWS."""
    for _ in range(50):
        national = requests.get(f"{url}/api/stats", timeout=10).json()["national"]
        if national["followed_up"]:
            return national
        time.sleep(0.2)
    raise AssertionError("the follow-up never reached the figures")


def test_the_on_time_share_says_what_it_is_a_share_of(dev_system, page):
    _followed_up(dev_system)
    _figures_once_added(dev_system.url)
    # Other tests keep the shared system busy: compare with what the page itself was served.
    with page.expect_response(lambda r: "/api/stats" in r.url) as served:
        page.goto(f"{dev_system.url}/reports.html")
    stats = served.value.json()["national"]
    page.wait_for_selector("#fig-ontime-count:not(:empty)")
    expected = f"{stats['followed_up_on_time']} dari {stats['followed_up']} laporan"
    assert expected in page.inner_text("#fig-ontime-count")


def test_the_track_page_explains_an_overdue_report_up_to_the_ombudsman_route(own_dev_system, page):
    url = own_dev_system.url
    filed = _file_by_api(url)
    requests.post(f"{url}/dev/clock", json={"days": 21}, timeout=10)  # three levels overdue
    page.goto(f"{url}/track.html#id={filed['tracking_id']}&token={filed['access_token']}")
    page.wait_for_selector("#report .badge.overdue")
    text = page.inner_text("#report")
    assert "Ombudsman Republik Indonesia" in text
    timeline = page.inner_text(".timeline")
    assert "Pengingat ke instansi" in timeline and "dirujuk ke Ombudsman" in timeline
    page.screenshot(path=str(ARTIFACTS / "track-ombudsman.png"), full_page=True)


def test_the_track_page_shows_each_step_done_current_or_to_come(dev_system, page):
    tracking_id, _ = _routed(dev_system)
    page.goto(f"{dev_system.url}/track.html#id={tracking_id}")
    page.wait_for_selector(".steps")
    states = page.eval_on_selector_all(".steps li", "items => items.map(i => i.className)")
    assert states == ["step-done", "step-done", "step-now", "step-todo"]
    current = page.inner_text(".steps li.step-now")
    assert "Ditindaklanjuti instansi" in current and "batas waktu" in current
    assert "selesai" in page.inner_text(".steps li:nth-child(2)")
    page.screenshot(path=str(ARTIFACTS / "track-steps.png"), full_page=True)
