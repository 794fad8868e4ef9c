"""History in headless chromium: each batch names its city and indicators, and the undo
confirmation lists the values it restores and removes (at 1280 and 390 px)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from pledges import model, service, store
from tests.browser import conftest
from tests.browser.test_upload_browser import (  # noqa: F401 (fixtures)
    EDITOR,
    GOOD,
    WAIT_MS,
    app_db,
    server,
    sign_in,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_history_names_scope_and_undo_lists_its_values(
    server: str,  # noqa: F811
    app_db: store.Store,  # noqa: F811
    chromium: Browser,
    width: int,
) -> None:
    made = service.import_file(app_db, model.Actor(EDITOR, "editor"), GOOD, "office.csv")
    assert (made.batch.added, made.batch.changed) == (1, 1)
    page = chromium.new_page(viewport={"width": width, "height": 900})
    sign_in(page, server)
    if width < 700:  # a narrow screen folds the navigation away: open it
        page.locator(
            "[data-testid=stExpandSidebarButton], [data-testid=stSidebarCollapsedControl] button"
        ).first.click()
    page.get_by_role("link", name="History").click()
    expect(page.get_by_text("Import history")).to_be_visible(timeout=WAIT_MS)
    if width < 700 and page.get_by_test_id("stSidebarCollapseButton").is_visible():
        page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    expect(page.get_by_text("Testville: renewable-share").first).to_be_visible(timeout=WAIT_MS)
    page.get_by_role("button", name="Undo…").first.click()
    expect(page.get_by_text("restores 1 value and removes 1 value")).to_be_visible(timeout=WAIT_MS)
    page.wait_for_function(conftest.READY, timeout=WAIT_MS)
    conftest.screenshot(page, f"history-undo-plan-{width}")
    before_undo = service.export_csv(app_db)
    assert ",2021,35," in before_undo.decode()  # the value the plan says the undo removes
