"""The published site in chromium, served by a plain static server: no errors, no outside
requests, no serious axe finding, at desktop and phone widths."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests import site_seed
from tests.browser.conftest import axe_violations, free_port

SHOTS = Path("/tmp/site-shots")
PAGES = {
    "index": ("index.html", 0),
    "city": ("testville/index.html", 0),
    "indicator": ("testville/green-deal/renewable-share.html", 1),
    "hostile": ("hostileton/plan/hostile.html", 1),
    "embed": ("embed/testville/green-deal/renewable-share.html", 1),
    "methodology": ("methodology.html", 0),
    "gaps": ("data-gaps.html", 0),
    "api": ("api.html", 0),
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seed's site served by Python's http.server on a free port."""
    url = site_seed.seed(tmp_path_factory.mktemp("site-db"))
    folder = site_seed.publish(url, tmp_path_factory.mktemp("site"))
    handler = functools.partial(_QuietHandler, directory=str(folder))
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
def test_site_page_in_chromium(chromium: Browser, site_url: str, name: str, width: int) -> None:
    path, charts = PAGES[name]
    page = chromium.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith(site_url) else outside.append(r.url))
    response = page.goto(site_url + path)
    assert response is not None and response.ok
    if charts:
        page.wait_for_function(
            f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
            timeout=30_000,
        )
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").count() == 1
    # Nothing wider than the viewport scrolls the page sideways (tables scroll in their box).
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name} at {width}px is {overflow}px too wide"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
    violations = axe_violations(page)
    assert violations == [], violations
    assert errors == []
    assert outside == []
    if name == "hostile":
        assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    page.close()
