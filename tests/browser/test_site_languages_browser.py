"""The public L.A. pages in Spanish (issue 32) in chromium: no serious axe finding, nothing
wider than a phone, the chart drawn, the switch back to English, and the search box answering
in Spanish. The seed shipped in data/ is published and served by a plain static server."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from pledges import cli, service, settings, store
from tests.browser.conftest import axe_violations, free_port

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots-32/site")
AS_OF = "2026-12-05"
PAGES = {
    "la-city-es": ("es/los-angeles/index.html", 0),
    "la-indicator-es": ("es/los-angeles/five-zeroes/renewable-share.html", 1),
    "la-embed-es": ("es/embed/los-angeles/five-zeroes/renewable-share.html", 1),
    "index-es": ("es/index.html", 0),
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seed's site, every language, served by Python's http.server on a free port."""
    folder = tmp_path_factory.mktemp("seed")
    url = settings.sqlite_url(folder / "seed.db")
    config = settings.load({})
    db = store.Store.open(url)
    service.initialise(db, config.catalog_dir, config.observations_dir)
    db.engine.dispose()
    out = folder / "site"
    assert cli.main(["--database", url, "publish", "--out", str(out), "--as-of", AS_OF]) == 0
    handler = functools.partial(_QuietHandler, directory=str(out / "as-of" / AS_OF))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """No access log on the test output."""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", list(PAGES))
def test_spanish_page_in_chromium(chromium: Browser, site_url: str, name: str, width: int) -> None:
    path, charts = PAGES[name]
    page = chromium.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(site_url + path)
    assert response is not None and response.ok
    if charts:
        page.wait_for_function(
            f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
            timeout=30_000,
        )
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.lang") == "es"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name} at {width}px is {overflow}px too wide"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
    violations = axe_violations(page)
    assert violations == [], violations
    assert errors == []
    if not name.startswith("la-embed"):
        # The switch leads to the same page in English.
        page.get_by_role("link", name="English").click()
        page.wait_for_load_state("domcontentloaded")
        assert page.url == site_url + path.removeprefix("es/")
        assert page.evaluate("document.documentElement.lang") == "en"
    page.close()


def test_search_answers_in_spanish(chromium: Browser, site_url: str) -> None:
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "es/los-angeles/index.html")
    page.get_by_role("combobox", name="Buscar una ciudad").fill("los ang")
    option = page.get_by_role("option").first
    # data/pledges: Los Angeles, country US, region North America, named as Spanish does.
    assert option.inner_text() == "Los Angeles Estados Unidos · América del Norte"
    assert page.locator("[data-search-count]").inner_text() == "1 ciudad coincide."
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "es/los-angeles/index.html")
    page.close()
