"""The public performance page in Debian's headless Chromium."""

from urllib.parse import urlsplit

import pytest
import requests

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_desks import _followed_up
from tests.e2e.test_track_page import _figures_once_added

pytestmark = pytest.mark.e2e


@pytest.fixture
def followed_up(dev_system):
    _followed_up(dev_system)
    return _figures_once_added(dev_system.url)


def test_the_national_rates_stand_beside_2022_with_their_counts(dev_system, page, followed_up):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    # Other tests keep the shared system busy: compare with what the page itself was served.
    with page.expect_response(lambda r: "/api/stats" in r.url and "by=agency" in r.url) as served:
        page.goto(f"{dev_system.url}/kinerja.html")
    national = served.value.json()["national"]
    page.wait_for_selector("#perf-figures .figure")
    cards = page.inner_text("#perf-figures")
    assert "Tingkat tindak lanjut" in cards and "2022: 84,46%" in cards
    assert f"{national['followed_up']} dari {national['verified']}" in cards
    assert page.locator("#perf-chart canvas").count() == 1
    assert page.locator("#perf-trend tbody tr").count() >= 1
    assert hosts == {urlsplit(dev_system.url).netloc}  # the chart library is ours too
    page.screenshot(path=str(ARTIFACTS / "kinerja.png"), full_page=True)


def test_the_agency_table_sorts_and_opens_an_agencys_page(dev_system, page, followed_up):
    page.goto(f"{dev_system.url}/kinerja.html")
    page.wait_for_selector("#perf-agencies a:has-text('Kabupaten Sleman')")
    heading = page.locator("#perf-agencies th:has(button:has-text('Ditindaklanjuti'))")
    heading.locator("button").click()
    assert heading.get_attribute("aria-sort") == "descending"
    heading.locator("button").click()
    assert heading.get_attribute("aria-sort") == "ascending"
    sleman = page.locator("#perf-agencies tr:has(a:has-text('Kabupaten Sleman'))")
    assert "(" in sleman.locator("td.num").nth(2).inner_text()  # a share with its counts
    page.click("#perf-agencies a:has-text('Kabupaten Sleman')")
    page.wait_for_selector("#perf-heading:has-text('Kabupaten Sleman')")
    assert page.is_hidden("#perf-agencies-card") and page.is_visible("#perf-back")
    assert "2022" not in page.inner_text("#perf-figures")  # the national comparison only
    page.screenshot(path=str(ARTIFACTS / "kinerja-agency.png"), full_page=True)
    page.click("#perf-back a")
    page.wait_for_selector("#perf-heading:has-text('Kinerja pengelolaan pengaduan')")


def test_a_range_that_runs_backwards_is_explained_next_to_its_field(dev_system, page):
    page.goto(f"{dev_system.url}/kinerja.html#from=2026-11&to=2026-10")
    page.wait_for_selector("[data-error-for=to]:not(:empty)")
    assert "paling banyak" in page.inner_text("[data-error-for=to]")


def test_the_open_data_files_are_linked_and_served(dev_system, page, followed_up):
    page.goto(f"{dev_system.url}/kinerja.html")
    link = page.wait_for_selector("#open-data-list a:has-text('CSV')", timeout=90_000)
    csv_text = requests.get(f"{dev_system.url}{link.get_attribute('href')}", timeout=10).text
    assert csv_text.startswith("tracking_id,month,filed_date")
    assert "@" not in csv_text  # no address of anyone
