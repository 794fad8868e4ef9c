"""The reader's pages on a phone: no table pushes the page sideways, the menu closes after a
choice, and the Overview's one-pager is drawn at both widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser import conftest

PAGES = ("", "indicator", "targets", "data")
# The sidebar is open when any of it is on screen (closed, Streamlit moves it off to the left).
OPEN = "() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right > 0"
PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15"
    " (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
DRAWN = """() => !document.querySelector('[data-testid=stSkeleton]')
  && [...document.querySelectorAll('[data-testid=stDataFrame]')]
    .filter(g => g.checkVisibility()).every(g => g.querySelector('canvas'))"""
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways(chromium: Browser, app_url: str, path: str, width: int) -> None:
    page = conftest.open_page(chromium, f"{app_url}/{path}?city=Los+Angeles", width)
    try:
        # Tables load lazily: measure once every one is drawn, not its placeholder.
        page.wait_for_function(DRAWN, timeout=30_000)
        assert page.evaluate(OVERFLOW) <= 0
        conftest.screenshot(page, f"onepager-{path or 'overview'}-{width}")
    finally:
        page.close()


def test_the_menu_closes_after_a_choice_on_a_phone(chromium: Browser, app_url: str) -> None:
    # Streamlit tells a phone by its user agent and touch, not by the window's width alone.
    phone = chromium.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, user_agent=PHONE
    )
    page = phone.new_page()
    page.goto(f"{app_url}/?city=Los+Angeles")
    page.wait_for_function(conftest.READY, timeout=60_000)
    try:
        assert not page.evaluate(OPEN)  # a phone opens on the page, not on the menu
        page.locator("[data-testid=stExpandSidebarButton]").tap()
        page.wait_for_function(OPEN, timeout=10_000)
        page.locator("[data-testid=stSidebarNavLink]", has_text="Targets").tap()
        page.wait_for_function(f"() => !({OPEN})()", timeout=10_000)
        page.wait_for_function(conftest.READY, timeout=60_000)
        assert "every target" in page.locator("[data-testid=stMain] h1").inner_text()
    finally:
        phone.close()


def test_a_data_filter_is_written_into_the_url(chromium: Browser, app_url: str) -> None:
    page = conftest.open_page(chromium, f"{app_url}/data?city=Los+Angeles", 1280)
    try:
        page.get_by_label("Indicators").first.click()
        page.get_by_role("option").first.click()
        page.wait_for_function("() => location.search.includes('data-indicators=')", timeout=10_000)
        # A shared copy of this address opens the same filter (tests/test_pages_onepager.py).
        assert "data-indicators=" in page.url
    finally:
        page.close()
