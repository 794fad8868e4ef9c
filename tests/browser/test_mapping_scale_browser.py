"""The mapping form at office scale in headless chromium: Umeå picked from 300 municipalities."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from pledges import store
from pledges.auth import passwords
from pledges.ingest.reading import mapping as column_mapping
from pledges.ingest.reading import presets
from tests.browser import conftest
from tests.browser.test_upload_browser import EDITOR, PASSWORD, WAIT_MS, app_db, sign_in, upload

pytestmark = pytest.mark.browser
__all__ = ["app_db"]  # the fixture, used by name

# 300 municipalities in file order, Umeå the 250th: past the 200 values the filter used to offer.
PLACES = [f"Kommun {n:03d}" for n in range(300)]
PLACES[249] = "Umeå"


def municipalities_file() -> bytes:
    """A Klimatkollen-shaped long file: one row per municipality for 2019, Umeå's value 250."""
    rows = "".join(f"{place};2019;{n + 1}\n" for n, place in enumerate(PLACES))
    return ("Kommun;År;Utsläpp\n" + rows).encode("utf-8")


@pytest.fixture
def umea_server(tmp_path: Path, app_db: store.Store) -> Iterator[str]:
    """The real app with one editor and a preset that maps everything but the municipality."""
    credentials = tmp_path / "credentials.json"
    assert passwords.add_user(EDITOR, PASSWORD, path=credentials) is None
    preset = column_mapping.ColumnMapping(
        columns={"period": "År", "value": "Utsläpp"},
        constants={
            "city": "Testville",
            "pledge": "green-deal",
            "indicator": "emissions",
            "unit": "kt",
            "source": "synthetic municipalities",
        },
    )
    presets.save_preset(tmp_path / "presets", "kommuner", preset)
    env = {
        "PLEDGES_DATABASE_URL": app_db.engine.url.render_as_string(False),
        "PLEDGES_CREDENTIALS": str(credentials),
        "PLEDGES_PRESETS": str(tmp_path / "presets"),
        "PLEDGES_AUTH": "password",
    }
    with conftest.serve_app(env, tmp_path / "server.log") as url:
        yield url


def test_umea_is_picked_in_a_filter_of_300_values(
    umea_server: str, chromium: Browser, app_db: store.Store, tmp_path: Path
) -> None:
    path = tmp_path / "kommuner.csv"
    path.write_bytes(municipalities_file())
    page = chromium.new_page(viewport={"width": 1280, "height": 1400})
    sign_in(page, umea_server)
    page.get_by_role("link", name="Upload").click()
    upload(page, path)
    expect(page.get_by_text("The file was not imported")).to_be_visible(timeout=WAIT_MS)
    chooser = page.get_by_role("combobox", name="Column mapping")
    chooser.click()
    chooser.fill("kommuner")
    page.get_by_role("option", name="Preset: kommuner").click()
    # 300 rows of one key (Testville, emissions, 2019): refused until one municipality is kept
    expect(page.get_by_text("The file was not imported")).to_be_visible(timeout=WAIT_MS)
    page.get_by_text("Column mapping form").click()
    page.wait_for_function(conftest.READY, timeout=WAIT_MS)
    # As Compare's browser test picks: the multiselect's own input, then the option itself.
    columns = page.locator("[data-testid=stMultiSelect]").filter(
        has_text="Keep only rows where these columns hold"
    )
    # The form may redraw once after it opens and close a list opened too early: open it
    # again until the file's columns show (a bounded number of tries, no fixed wait).
    for _ in range(10):
        columns.locator("input").click()
        try:
            expect(page.locator("[role=option]").filter(has_text="Utsläpp")).to_be_visible(
                timeout=3_000
            )
            break
        except AssertionError:
            page.keyboard.press("Escape")
    columns.locator("input").press_sequentially("Kommun", delay=50)
    page.locator("[role=option]").filter(has_text="Kommun").first.click()
    page.keyboard.press("Escape")  # the list closes and the choice is sent
    page.wait_for_function(conftest.READY, timeout=WAIT_MS)
    values = page.get_by_role("combobox", name="'Kommun' is one of (type to search all 300")
    expect(values).to_be_visible(timeout=WAIT_MS)
    values.click()
    values.fill("Umeå")
    expect(page.get_by_role("option", name="Umeå", exact=True)).to_be_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    # Umeå's row alone: 1 row added, its value 250 (the 250th municipality, value n + 1)
    expect(page.get_by_text("Committing adds 1 row")).to_be_visible(timeout=WAIT_MS)
    conftest.screenshot(page, "upload-umea-filter")
    page.get_by_role("button", name="Commit 1 row as one batch").click()
    expect(page.get_by_text("Committed batch")).to_be_visible(timeout=WAIT_MS)
    stored = app_db.observations(indicator="emissions")
    assert stored["value"].tolist() == [250.0]
