"""Upload in headless chromium: a 13-2-2-shaped file's seven series, through a preset."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from pledges import catalog, store
from pledges.auth import passwords
from pledges.ingest.reading import mapping as column_mapping
from pledges.ingest.reading import presets
from tests import seven_series
from tests.browser import conftest
from tests.browser.test_upload_browser import EDITOR, PASSWORD, WAIT_MS, sign_in, upload

pytestmark = pytest.mark.browser


def series_preset() -> column_mapping.ColumnMapping:
    """The mapping an editor saves for the 13-2-2 shape: Units + Sector, units mapped."""
    return column_mapping.ColumnMapping(
        columns={
            "indicator": ("Units", "Sector"),
            "period": "Year",
            "value": "Value",
            "unit": "Units",
        },
        constants={
            "city": seven_series.CITY,
            "pledge": seven_series.PLEDGE,
            "source": "synthetic 13-2-2 shape",
        },
        indicator_values={
            seven_series.series_value(key): key for key, *_ in seven_series.INDICATORS
        },
        unit_values=seven_series.UNITS,
    )


@pytest.fixture
def series_db(tmp_path: Path) -> store.Store:
    """A database with only the synthetic seven-series pledge, nothing stored."""
    folder = tmp_path / "pledges"
    folder.mkdir()
    (folder / "sevenville--seven-zeroes.yaml").write_text(
        seven_series.pledge_yaml(), encoding="utf-8"
    )
    db = store.Store.open(f"sqlite:///{tmp_path / 'series.db'}")
    db.migrate()
    db.sync_catalog(catalog.load_pledges(folder))
    return db


@pytest.fixture
def series_server(tmp_path: Path, series_db: store.Store) -> Iterator[str]:
    """The real app with one editor and the saved preset "sevenville-ghg"."""
    credentials = tmp_path / "credentials.json"
    assert passwords.add_user(EDITOR, PASSWORD, path=credentials) is None
    presets.save_preset(tmp_path / "presets", "sevenville-ghg", series_preset())
    env = {
        "PLEDGES_DATABASE_URL": series_db.engine.url.render_as_string(False),
        "PLEDGES_CREDENTIALS": str(credentials),
        "PLEDGES_PRESETS": str(tmp_path / "presets"),
        "PLEDGES_AUTH": "password",
    }
    with conftest.serve_app(env, tmp_path / "server.log") as url:
        yield url


@pytest.mark.parametrize("width", [1280, 390])
def test_seven_series_imported_through_the_form(
    series_server: str, chromium: Browser, series_db: store.Store, tmp_path: Path, width: int
) -> None:
    path = tmp_path / "indicator_13-2-2.csv"
    path.write_bytes(seven_series.file_bytes())
    page = chromium.new_page(viewport={"width": 1280, "height": 1400})
    sign_in(page, series_server)
    page.get_by_role("link", name="Upload").click()
    # A reload signs out (issue 19, item 7): narrow the window once on the page instead.
    page.set_viewport_size({"width": width, "height": 1400})
    upload(page, path)
    expect(page.get_by_text("The file was not imported")).to_be_visible(timeout=WAIT_MS)
    chooser = page.get_by_role("combobox", name="Column mapping")
    chooser.click()
    chooser.fill("sevenville")
    page.get_by_role("option", name="Preset: sevenville-ghg").click()
    # Seven series of two years each, nothing stored: 14 rows added.
    expect(page.get_by_text("Committing adds 14 rows")).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_text("Rows 1–14 of 14")).to_be_visible()
    conftest.screenshot(page, f"upload-series-{width}")
    page.get_by_text("Column mapping form").click()
    expect(page.get_by_text("The file's first rows")).to_be_visible(timeout=WAIT_MS)
    conftest.screenshot(page, f"upload-form-{width}")
    page.get_by_role("button", name="Commit 14 rows as one batch").click()
    expect(page.get_by_text("Committed batch 1: 14 added")).to_be_visible(timeout=WAIT_MS)
    stored = series_db.observations(city=seven_series.CITY)
    assert sorted(set(stored["indicator"])) == sorted(k for k, *_ in seven_series.INDICATORS)
    assert len(stored) == 14
