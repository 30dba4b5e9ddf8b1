"""Switching language changes every text: on each page, with a report open where there is one,
after the switch no catalogue string is left in its Indonesian wording (text, placeholders,
labels for assistive technology, options), and the tab title follows."""

import contextlib

import pytest
import requests
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_desks import _routed
from tests.e2e.test_pages import _admin_opens, _file_by_api

pytestmark = pytest.mark.e2e

# The catalogue's fixed strings (no placeholders) whose English differs: strings with
# placeholders are compared once filled, so only whole fixed strings are looked for.
INDONESIAN_OF_CATALOGUE = """async () => {
  const { TEXT } = await import("/assets/i18n.js");
  return Object.keys(TEXT.id)
    .filter((key) => TEXT.en[key] && TEXT.en[key] !== TEXT.id[key] && !TEXT.id[key].includes("{"))
    .map((key) => TEXT.id[key].trim());
}"""

# What is on screen, still in Indonesian. Synchronous on purpose: a predicate that returns a
# promise is truthy at once for wait_for_function, which then waits for nothing.
LEFT_IN_INDONESIAN = """(catalogue) => {
  const indonesian = new Set(catalogue);
  const left = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    const holder = walker.currentNode.parentElement;
    if (text && indonesian.has(text) && holder.checkVisibility()) left.push(text);
  }
  for (const node of document.querySelectorAll("[placeholder], [aria-label], [title]")) {
    for (const name of ["placeholder", "aria-label", "title"]) {
      const value = node.getAttribute(name)?.trim();
      if (value && indonesian.has(value)) left.push(`${name}: ${value}`);
    }
  }
  return left;
}"""


def _switch_and_check(page, name: str) -> None:
    catalogue = page.evaluate(INDONESIAN_OF_CATALOGUE)
    title_before = page.title()
    page.click("#lang")
    # A page redraws when its data comes back in the new language: wait for the redraw (30 s at
    # most; not networkidle, which a page that was idle once has reached already).
    with contextlib.suppress(PlaywrightTimeout):  # the assertion below says what was left
        page.wait_for_function(f"(catalogue) => ({LEFT_IN_INDONESIAN})(catalogue).length === 0",
                               arg=catalogue, timeout=30_000)  # fmt: skip
    page.screenshot(path=str(ARTIFACTS / f"language-en-{name}.png"), full_page=True)
    left = page.evaluate(LEFT_IN_INDONESIAN, catalogue)
    title_after = page.title()
    page.click("#lang")  # back to Indonesian for the tests that follow
    assert left == [], f"{name}: still in Indonesian after the switch: {left}"
    assert title_after != title_before


def test_the_submit_page(dev_system, page):
    page.goto(f"{dev_system.url}/")
    page.wait_for_selector("#category option:nth-child(2)", state="attached")
    _switch_and_check(page, "submit")


def test_the_feed(dev_system, page):
    _routed(dev_system)
    page.goto(f"{dev_system.url}/reports.html")
    page.wait_for_selector("#feed a")
    _switch_and_check(page, "feed")


def test_the_track_page_of_a_followed_up_report(dev_system, page):
    filed = _file_by_api(dev_system.url)
    admin = {"Authorization": f"Bearer {dev_system.admin_token()}"}
    url = f"{dev_system.url}/api/reports/{filed['tracking_id']}/actions"
    link = requests.post(
        url, json={"action": "verify", "agency": "pemkab-sleman"}, headers=admin, timeout=10
    ).json()["agency_link"]
    followed = requests.post(
        url,
        json={"action": "follow_up", "note": "Sudah ditangani."},
        headers={"X-Agency-Token": link.partition("#token=")[2]},
        timeout=10,
    )
    assert followed.status_code == 200
    page.goto(
        f"{dev_system.url}/track.html#id={filed['tracking_id']}&token={filed['access_token']}"
    )
    page.wait_for_selector("#report h2")
    _switch_and_check(page, "track")


def test_the_agency_page(dev_system, page):
    _, link = _routed(dev_system)
    page.goto(link)
    page.wait_for_selector("#agency-view h2")
    _switch_and_check(page, "agency")


def test_the_admin_desk_with_a_report_open(dev_system, page):
    filed = _file_by_api(dev_system.url)
    _admin_opens(page, dev_system.url, filed["tracking_id"])
    page.wait_for_selector("summary:has-text('Verifikasi dan teruskan')")
    _switch_and_check(page, "admin")


def test_the_performance_page(dev_system, page):
    _routed(dev_system)
    page.goto(f"{dev_system.url}/kinerja.html")
    page.wait_for_selector("#perf-figures .figure")
    _switch_and_check(page, "performance")


def test_the_learning_page(dev_system, page):
    page.goto(f"{dev_system.url}/belajar.html")
    page.wait_for_selector("#learn-agency option", state="attached")
    _switch_and_check(page, "learning")
