"""The public site in chromium: a city found in two keystrokes (keyboard only, and with
JavaScript off), an embed pasted into a page on another origin, and axe-core on the new pages.

Screenshots go to /tmp/shots-30/ (looked at by hand, never kept in the repository).
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import re
import threading
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests import site_seed, site_world
from tests.browser.conftest import AXE, free_port

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots-30")
WIDTHS = (1280, 390)
EMBED_PAGE = "bogota/plan/emissions.html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """No access log on the test output."""


@functools.cache
def _serve(folder: str, port: int) -> str:
    """A static server for `folder` on `port`, for the rest of the test session."""
    handler = functools.partial(_QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}/"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The world seed published with its own address and served there."""
    url = site_world.seed(tmp_path_factory.mktemp("world-db"))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    out = tmp_path_factory.mktemp("world-site")
    site_seed.publish(url, out, "--base-url", base)
    # --as-of puts the site below as-of/DATE/: serve the root so addresses match.
    return _serve(str(out), port) + f"as-of/{site_seed.AS_OF}/"


@pytest.fixture(scope="module")
def host_url(site_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Another origin (another port) with a page holding the snippet as a reader copies it."""
    with urllib.request.urlopen(site_url + EMBED_PAGE) as answer:  # noqa: S310 - our server
        page = answer.read().decode()
    found = re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', page, re.S)
    assert found is not None
    folder = tmp_path_factory.mktemp("host")
    (folder / "index.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>A newspaper</title></head><body style='margin:0'><main><h1>Our city's "
        f"emissions</h1>{html.unescape(found.group(1))}<p>After the chart.</p></main></body>"
        "</html>",
        encoding="utf-8",
    )
    return _serve(str(folder), free_port())


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_a_city_is_found_in_two_keystrokes(chromium: Browser, site_url: str, width: int) -> None:
    page = chromium.new_page(viewport={"width": width, "height": 800})
    page.goto(site_url + "index.html")
    box = page.get_by_role("combobox", name="Find a city")
    box.focus()
    page.keyboard.type("bo")
    options = page.get_by_role("option")
    options.first.wait_for()
    # Of the 11 cities, two names begin with "bo" (Bogor, Bogotá; accents folded); no other
    # name, country or region holds "bo" except Colombia, Bogotá's own country.
    assert [o.split("\n")[0] for o in options.all_inner_texts()] == [
        "Bogor Indonesia · Southeast Asia and Oceania",
        "Bogotá Colombia · Latin America",
    ]
    assert box.get_attribute("aria-expanded") == "true"
    assert "2 cities match" in page.locator("[data-search-count]").inner_text()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / f"search-{width}.png")
    page.keyboard.press("ArrowDown")
    assert options.nth(1).get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    page.wait_for_url("**/bogota/index.html")
    assert page.locator("h1").inner_text() == "Bogotá"
    page.close()


def test_other_scripts_and_countries_are_found(chromium: Browser, site_url: str) -> None:
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    page.goto(site_url + "bogota/index.html")
    box = page.get_by_role("combobox", name="Find a city")
    for typed, first in (
        ("東", "東京"),
        ("dong", "東京"),
        ("japan", "東京"),
        ("san jos", "San Jose"),
    ):
        box.fill("")
        box.focus()
        page.keyboard.type(typed)
        page.get_by_role("option").first.wait_for()
        assert page.get_by_role("option").first.inner_text().startswith(first), typed
    page.close()


def test_without_javascript_find_opens_the_list_by_country(
    chromium: Browser, site_url: str
) -> None:
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 800}
    )
    page = context.new_page()
    page.goto(site_url + "dongjing/index.html")
    page.get_by_role("combobox", name="Find a city").fill("bogota")
    page.get_by_role("button", name="Find").click()
    page.wait_for_url("**/index.html?q=bogota#countries")
    page.locator("summary", has_text="Colombia").click()
    page.get_by_role("link", name="Bogotá").click()
    page.wait_for_url("**/bogota/index.html")
    page.screenshot(path=SHOTS / "no-javascript-390.png", full_page=True)
    context.close()


@pytest.mark.parametrize("width", (320, 1280), ids=["320px", "1280px"])
def test_the_embed_works_on_another_origin(
    chromium: Browser, site_url: str, host_url: str, width: int
) -> None:
    assert site_url.split("/")[2] != host_url.split("/")[2]  # another port: another origin
    page = chromium.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(host_url + "index.html")
    frame = page.frame_locator("iframe")
    frame.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
    inner = page.frames[1]
    assert inner.url == site_url + "embed/" + EMBED_PAGE
    # Nothing cut off: the embed's page fits its frame, the chart has room to be read.
    fit = inner.evaluate(
        "() => [document.documentElement.scrollHeight, window.innerHeight,"
        " document.documentElement.scrollWidth, window.innerWidth,"
        " document.querySelector('.js-plotly-plot').getBoundingClientRect().height]"
    )
    assert fit[0] <= fit[1] and fit[2] <= fit[3], fit
    assert fit[4] >= 180, fit
    frame_box = page.locator("iframe").bounding_box()
    assert frame_box is not None and frame_box["width"] <= width
    assert inner.locator("figure").get_attribute("aria-describedby") == "embed-summary"
    assert page.locator("iframe").get_attribute("title") == "Community emissions (Bogotá)"
    page.screenshot(path=SHOTS / f"embed-elsewhere-{width}.png", full_page=True)
    assert errors == []
    page.close()


NEW_PAGES = {
    "index": "index.html",
    "city": "bogota/index.html",
    "city-other-script": "dongjing/index.html",
    "data": "data.html",
    "chooser": "x/index.html",
    "indicator": EMBED_PAGE,
    "embed": "embed/" + EMBED_PAGE,
}


@pytest.mark.parametrize("name", list(NEW_PAGES))
def test_new_pages_have_no_serious_axe_finding(chromium: Browser, site_url: str, name: str) -> None:
    page = chromium.new_page(viewport={"width": 390, "height": 900})
    page.goto(site_url + NEW_PAGES[name])
    page.wait_for_load_state("networkidle")
    if name == "index":  # the search open, as a reader uses it
        page.get_by_role("combobox", name="Find a city").focus()
        page.keyboard.type("sa")
        page.get_by_role("option").first.wait_for()
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))"
    )
    SHOTS.mkdir(exist_ok=True)
    (SHOTS / f"axe-{name}.json").write_text(json.dumps(found), encoding="utf-8")
    assert [v for v in found if v["impact"] in ("serious", "critical")] == []
    page.close()
