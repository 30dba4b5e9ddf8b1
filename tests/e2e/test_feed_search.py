"""Searching the public feed, in Debian's headless Chromium."""

import secrets

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_desks import _routed

pytestmark = pytest.mark.e2e


def _search(page, words: str) -> None:
    """Search once the first load has drawn the list, and wait until the answer is drawn."""
    page.wait_for_selector("#feed:not([aria-busy]) li")
    page.fill("#f-q", words)
    with page.expect_response(lambda response: "/api/reports?q=" in response.url):
        page.click("#filters button[type=submit]")
    page.wait_for_selector("#feed:not([aria-busy])")


def test_a_word_of_a_public_report_finds_it(dev_system, page):
    word = "dusun" + secrets.token_hex(3)  # a word no other test's report holds
    tracking_id, _ = _routed(dev_system, title=f"Jembatan {word} retak")
    page.goto(f"{dev_system.url}/reports.html")
    _search(page, word.upper())
    page.wait_for_selector(f"#feed a[href$='{tracking_id}']")
    assert page.locator("#feed li").count() == 1
    assert page.is_hidden("#more")
    page.screenshot(path=str(ARTIFACTS / "feed-search.png"), full_page=True)


def test_a_search_that_matches_nothing_says_so_in_the_users_language(dev_system, page):
    page.goto(f"{dev_system.url}/reports.html")
    _search(page, "tidakadakatainisamasekali")
    page.wait_for_selector("#feed li.meta")
    assert "Tidak ada laporan publik yang memuat" in page.inner_text("#feed")
    page.click("#lang")
    page.wait_for_selector("#feed li.meta:has-text('No public report')")
    assert page.get_attribute("#f-q", "placeholder") == "e.g. clinic queue"
    page.click("#lang")


def test_a_search_of_only_common_words_explains_what_can_be_searched(dev_system, page):
    page.goto(f"{dev_system.url}/reports.html")
    _search(page, "yang di")
    page.wait_for_selector("[data-error-for=q]:not(:empty)")
    assert "sedikitnya satu kata" in page.inner_text("[data-error-for=q]")
    assert page.get_attribute("#f-q", "aria-invalid") == "true"


def test_with_the_network_down_the_feed_says_so(dev_system, page):
    page.goto(f"{dev_system.url}/reports.html")
    page.wait_for_selector("#feed li")
    page.route("**/api/**", lambda route: route.abort())
    page.fill("#f-q", "jalan")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#feed-alert:not(.hidden)")
    assert "Tidak dapat terhubung" in page.inner_text("#feed-alert")
