"""Browser fixtures: one seeded app server and one headless chromium for the whole session.

The server runs `streamlit run app.py` on a free port against a temporary database loaded
the way `make run` loads it (the catalog and seed values in data/); chromium is Debian's
(/usr/bin/chromium), driven by playwright without `playwright install`.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from pledges import chromium as headless
from pledges import service, settings, store

CHROMIUM = headless.EXECUTABLE
CHROMIUM_ARGS = list(headless.HEADLESS_ARGS)
AXE = settings.PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = settings.PROJECT_ROOT / "screenshots"
# A page is drawn when Streamlit is connected and has finished running the script (the
# attributes its own end-to-end tests wait on) and every chart and table has painted
# (plotly's SVG, the data grid's canvas).
READY = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.dataset.testScriptState !== 'notRunning') return false;
  if (app.dataset.testConnectionState !== 'CONNECTED') return false;
  if (!document.querySelector('[data-testid=stMain] h1')) return false;
  const charts = [...document.querySelectorAll('[data-testid=stPlotlyChart]')];
  const grids = [...document.querySelectorAll('[data-testid=stDataFrame]')]
    .filter(g => g.checkVisibility());  // tables in closed expanders are not drawn
  return charts.every(c => c.querySelector('.main-svg'))
    && grids.every(g => g.querySelector('canvas'));
}"""


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_healthy(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(240):
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"streamlit never became healthy:\n{log.read_text()}")


@contextlib.contextmanager
def serve_app(env: dict[str, str], log: Path) -> Iterator[str]:
    """`streamlit run app.py` on a free port with these extra environment variables; its URL.

    No file watching: others edit the tree while tests run, and a module reload would sign
    an editor out mid-test.
    """
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(settings.PROJECT_ROOT / "app.py"),
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
    ]
    with log.open("wb") as sink:
        server = subprocess.Popen(
            command,
            cwd=settings.PROJECT_ROOT,
            env={**os.environ, **env},
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A temporary database holding the project's catalog and seed values."""
    folder = tmp_path_factory.mktemp("browser-db")
    url = settings.sqlite_url(folder / "pledges.db")
    config = settings.load({})
    db = store.Store.open(url)
    service.initialise(db, config.catalog_dir, config.observations_dir)
    db.engine.dispose()
    return url


@pytest.fixture(scope="session")
def app_url(seeded_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of one app server shared by every browser test."""
    log = tmp_path_factory.mktemp("browser-log") / "streamlit.log"
    with serve_app({"PLEDGES_DATABASE_URL": seeded_database}, log) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Debian's headless chromium, launched once a module.

    Not once a session: playwright's sync API cannot run two drivers at once, and a module
    may start its own.
    """
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser: Browser, url: str, width: int, charts: int = 0) -> Page:
    """A fresh tab of the given width showing `url` once Streamlit has drawn everything.

    Plotly is loaded lazily, after the script run ends: pass how many charts to wait for.
    """
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url)
    page.wait_for_function(READY, timeout=60_000)
    if charts:
        page.wait_for_function(
            f"() => document.querySelectorAll('[data-testid=stPlotlyChart] .main-svg').length"
            f" >= {charts}",
            timeout=30_000,
        )
        page.wait_for_function(READY, timeout=30_000)
    return page


def screenshot(page: Page, name: str) -> Path:
    """The whole page (not only the viewport) saved under screenshots/."""
    SCREENSHOTS.mkdir(exist_ok=True)
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
        "[data-testid=stAppViewContainer], [data-testid=stMainBlockContainer]')]"
        ".map(e => e.scrollHeight))"
    )
    width = page.viewport_size["width"] if page.viewport_size else 1280
    page.set_viewport_size({"width": width, "height": min(max(height, 600), 8000)})
    page.wait_for_function(READY, timeout=30_000)
    page.wait_for_timeout(400)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path)
    return path


def axe_violations(page: Page) -> list[dict[str, object]]:
    """axe-core's serious and critical violations on the page as it stands."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    return [v for v in found if v["impact"] in ("serious", "critical")]
