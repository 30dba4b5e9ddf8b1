"""The submit page's location: what the form holds is shown, can be cleared, and a place
outside Indonesia is explained rather than kept."""

import json

import pytest

from tests.e2e.conftest import ARTIFACTS

pytestmark = pytest.mark.e2e

YOGYAKARTA = {"latitude": -7.7543, "longitude": 110.3829}
SYDNEY = {"latitude": -33.8688, "longitude": 151.2093}


def _page_at(browser, where):
    context = browser.new_context(geolocation=where, permissions=["geolocation"])
    return context, context.new_page()


def test_my_location_shows_the_coordinates_it_took_and_can_be_cleared(dev_system, browser):
    context, page = _page_at(browser, YOGYAKARTA)
    page.goto(f"{dev_system.url}/")
    page.click("#geo")
    page.wait_for_selector("#geo-status:has-text('-7.75430, 110.38290')")
    assert page.input_value("#latitude") == "-7.75430"
    page.screenshot(path=str(ARTIFACTS / "submit-location.png"), full_page=True)
    page.click("#geo-clear")
    page.wait_for_selector("#geo-status:has-text('Lokasi dihapus')")
    assert page.input_value("#latitude") == "" and page.is_hidden("#geo-clear")
    context.close()


def test_a_location_outside_indonesia_is_explained_and_not_kept(dev_system, browser):
    context, page = _page_at(browser, SYDNEY)
    page.goto(f"{dev_system.url}/")
    page.click("#geo")
    page.wait_for_selector("#geo-status:has-text('di luar wilayah Indonesia')")
    assert page.input_value("#latitude") == "" and page.input_value("#longitude") == ""
    context.close()


def test_a_draft_with_coordinates_outside_indonesia_no_longer_traps_the_form(dev_system, browser):
    context, page = _page_at(browser, YOGYAKARTA)
    page.goto(f"{dev_system.url}/")
    draft = {"key": "k-old", "values": {"latitude": "-33.86880", "longitude": "151.20930"}}
    page.evaluate("d => localStorage.setItem('lapor.draft', d)", json.dumps(draft))
    page.reload()
    page.wait_for_selector("#geo-status:has-text('di luar wilayah Indonesia')")
    assert page.input_value("#latitude") == ""
    context.close()
