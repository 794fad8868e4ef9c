"""The indicator page's embed box in chromium at desktop and phone width: the snippet shown
whole (wrapped, no sideways scroll) and no serious axe-core finding once it is open."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.browser import conftest

pytestmark = pytest.mark.browser

SITE = "https://climate.example.gov"
LINK = "/indicator?city=Los+Angeles&pledge=la100&indicator=renewable-share"
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def embed_app(seeded_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("embed-log") / "streamlit.log"
    env = {"PLEDGES_DATABASE_URL": seeded_database, "PLEDGES_SITE_URL": SITE}
    with conftest.serve_app(env, log) as url:
        yield url


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_embed_box_is_readable_and_accessible(
    chromium: Browser, embed_app: str, width: int
) -> None:
    page = conftest.open_page(chromium, embed_app + LINK, width, charts=1)
    try:
        page.get_by_text("Embed this chart on another website").click()
        box = page.locator("[data-testid=stExpander]").filter(has_text="Embed this chart")
        code = box.locator("pre")
        code.wait_for()
        src = f"{SITE}/embed/los-angeles/la100/renewable-share.html"
        assert code.inner_text().replace("\n", "").startswith(f'<iframe src="{src}"')
        widths = code.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert widths[0] <= widths[1], f"the snippet scrolls sideways: {widths}"
        assert conftest.axe_violations(page) == []
        box.screenshot(path=str(conftest.SCREENSHOTS / f"embed-box-{width}.png"))
    finally:
        page.close()
