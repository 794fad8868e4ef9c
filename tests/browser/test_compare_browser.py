"""Compare over the whole CDP–ICLEI panel in chromium at desktop and phone width: filters
applied in the page, the chosen city highlighted and labelled on the pace chart, the grade
column, no sideways scroll and no serious axe-core finding."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from pledges import service, settings, store
from tests.browser import conftest

pytestmark = pytest.mark.browser

# A panel city with a pace ratio on its own construction and coverage (issue 25): Los Angeles's
# BASIC series is 13 years old and Houston has no two values on its baseline's construction,
# so neither has a pace to rank. Calgary's BASIC series runs to 2020 (a basis until 2030).
CITY = "Calgary"
REGION = "North America"
BAND = "1 to 5 million"
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def panel_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed and the whole CDP–ICLEI panel, as `make run` loads them."""
    url = settings.sqlite_url(tmp_path_factory.mktemp("compare-db") / "pledges.db")
    config = settings.load({})
    db = store.Store.open(url)
    service.initialise(db, config.catalog_dir, config.observations_dir, panel_dir=config.panel_dir)
    db.engine.dispose()
    return url


@pytest.fixture(scope="module")
def panel_app(panel_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("compare-log") / "streamlit.log"
    with conftest.serve_app({"PLEDGES_DATABASE_URL": panel_database}, log) as url:
        yield url


@pytest.fixture(scope="module")
def expected_count(panel_database: str) -> tuple[int, int]:
    """North American panel cities of 1 to 5 million people, counted here from the frame."""
    table = service.panel_status(store.Store.open(panel_database))
    population = table["population"].astype("Float64")
    chosen = (table["region"] == REGION) & (population >= 1_000_000) & (population < 5_000_000)
    return int(chosen.fillna(False).sum()), len(table)


COUNT_NOTE = "cities; click a column to sort."
COUNT_TEXT = (
    "() => [...document.querySelectorAll('[data-testid=stMain] p')]"
    f".map(p => p.textContent).find(t => t.includes({COUNT_NOTE!r})) || ''"
)


def _choose(page: Page, label: str, option: str) -> None:
    """Pick one option of a Streamlit multiselect as a reader does (click, type, pick), then
    wait until the rerun has redrawn the count, so the next pick does not race it."""
    before = page.evaluate(COUNT_TEXT)
    box = page.locator("[data-testid=stMultiSelect]").filter(has_text=label)
    box.locator("input").click()
    box.locator("input").fill(option)
    page.locator("[role=option]").filter(has_text=option).first.click()
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => ({COUNT_TEXT})() !== {before!r}", timeout=60_000)
    page.wait_for_function(conftest.READY, timeout=60_000)


def _traces(page: Page) -> list[list[str]]:
    return page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot')]"
        ".map(g => g.data.map(t => t.name || ''))"
    )


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_compare_with_filters_and_the_highlighted_city(
    chromium: Browser, panel_app: str, expected_count: tuple[int, int], width: int
) -> None:
    page = conftest.open_page(chromium, f"{panel_app}/compare?city={CITY}", width, charts=2)
    try:
        _choose(page, "Region", REGION)
        _choose(page, "Population", BAND)
        page.wait_for_function(
            "() => document.querySelectorAll('[data-testid=stPlotlyChart] .main-svg').length >= 2",
            timeout=30_000,
        )
        main = page.locator("[data-testid=stMain]")
        text = main.inner_text()
        assert page.locator("[data-testid=stException]").count() == 0
        count, total = expected_count
        assert f"{count} of {total} cities; click a column to sort." in text
        assert f"{CITY}: pace ratio" in text.replace("**", "")
        assert "self-reported to CDP" in text
        # The pace chart: the reference line, the other cities, the chosen one as its own trace.
        pace = next(names for names in _traces(page) if "cities" in names)
        assert pace == ["on track (pace = pace needed)", "cities", CITY]
        labels = page.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot .textpoint text')]"
            ".map(t => t.textContent)"
        )
        assert CITY in labels
        sideways = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        assert sideways[0] <= sideways[1], f"page scrolls sideways: {sideways}"
        assert conftest.axe_violations(page) == []
        conftest.screenshot(page, f"compare-panel-{width}")
    finally:
        page.close()
