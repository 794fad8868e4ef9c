"""The L.A. overview in headless chromium against a bare one-chart Streamlit page, and in
Spanish against English (`?lang=es` beside `?lang=en`, same run, round-robin).

`python -m bench.pages` runs this measure alone and prints its table."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from bench import timing
from pledges import chromium, service, settings, store

CHROMIUM = chromium.EXECUTABLE
CHROMIUM_ARGS = list(chromium.HEADLESS_ARGS)
CITY = "Los Angeles"
BARE_PAGE = '''"""A bare Streamlit page with one plotly chart: the yardstick for our pages."""
import plotly.graph_objects as go
import streamlit as st

st.title("One chart")
years = list(range(1990, 2025))
st.plotly_chart(go.Figure(go.Scatter(x=years, y=[100 - 2 * (y - 1990) for y in years])))
'''
# Drawn: Streamlit connected and done running the script, and at least `charts` plotly
# charts painted and visible (plotly loads lazily, after the script run ends).
DRAWN = """(charts) => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.dataset.testScriptState !== 'notRunning') return false;
  if (app.dataset.testConnectionState !== 'CONNECTED') return false;
  const drawn = [...document.querySelectorAll('.js-plotly-plot')].filter(
    p => p.querySelector('.main-svg') && p.getBoundingClientRect().height > 0);
  return drawn.length >= charts;
}"""
CHART_COUNT = "() => document.querySelectorAll('.js-plotly-plot').length"
TIMEOUT_MS = 120_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _healthy(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {server.returncode}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        time.sleep(0.25)
    raise RuntimeError(f"streamlit at {url} never became healthy")


@contextlib.contextmanager
def serving(script: Path, database_url: str, log: Path) -> Iterator[str]:
    """`streamlit run script` on a free port until the block ends; its base URL."""
    port = _free_port()
    env = {**os.environ, "PLEDGES_DATABASE_URL": database_url}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
    ]
    with log.open("wb") as sink:
        server = subprocess.Popen(
            command, cwd=settings.PROJECT_ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _healthy(url, server)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def seeded_database(folder: Path) -> str:
    """A database loaded the way `make run` loads it: the catalog and seed values in data/."""
    url = settings.sqlite_url(folder / "pages.db")
    config = settings.load({})
    db = store.Store.open(url)
    service.initialise(db, config.catalog_dir, config.observations_dir)
    db.engine.dispose()
    return url


def _settled_charts(browser: Browser, url: str) -> int:
    """Visit once (warming the server) and count the charts the page ends up with."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(DRAWN, arg=1, timeout=TIMEOUT_MS)
    page.wait_for_timeout(2000)
    count = int(page.evaluate(CHART_COUNT))
    context.close()
    return count


def _visit_plan(browser: Browser, url: str, charts: int, label: str) -> timing.Plan[None]:
    """One cold visit: a new browser context, navigation, wait for the charts, close."""

    def visit(_: None) -> None:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.goto(url, wait_until="commit")
            page.wait_for_function(DRAWN, arg=charts, timeout=TIMEOUT_MS, polling=10)
        finally:
            context.close()

    return timing.Plan(label, visit, timing.nothing)


def overview_path(lang: str | None = None) -> str:
    """The L.A. overview's address, in a language (None: the bare default link)."""
    query = {"city": CITY} | ({"lang": lang} if lang else {})
    return "/?" + urllib.parse.urlencode(query)


def measure_all(folder: Path, runs: int = timing.RUNS) -> dict[str, timing.Timing]:
    """Navigation to last chart visible: L.A. overview and the bare page, and the overview in
    English and in Spanish, cold browser contexts, the four measures round-robin."""
    bare_script = folder / "bare_page.py"
    bare_script.write_text(BARE_PAGE, encoding="utf-8")
    database = seeded_database(folder)
    paths = {"overview": overview_path(), "en": overview_path("en"), "es": overview_path("es")}
    with (
        serving(settings.PROJECT_ROOT / "app.py", database, folder / "app.log") as app,
        serving(bare_script, database, folder / "bare.log") as bare,
        sync_playwright() as driver,
    ):
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            charts = {key: _settled_charts(browser, app + path) for key, path in paths.items()}
            bare_charts = _settled_charts(browser, bare)
            overview, baseline, english, spanish = timing.measure_together(
                [
                    _visit_plan(
                        browser,
                        app + paths["overview"],
                        charts["overview"],
                        f"L.A. overview, {charts['overview']} chart(s), new browser context "
                        "each run",
                    ),
                    _visit_plan(
                        browser,
                        bare,
                        bare_charts,
                        f"bare one-chart Streamlit page, {bare_charts} chart, new context each run",
                    ),
                    _visit_plan(
                        browser,
                        app + paths["en"],
                        charts["en"],
                        f"L.A. overview in English (?lang=en), {charts['en']} chart(s)",
                    ),
                    _visit_plan(
                        browser,
                        app + paths["es"],
                        charts["es"],
                        f"L.A. overview in Spanish (?lang=es), {charts['es']} chart(s)",
                    ),
                ],
                runs,
            )
        finally:
            browser.close()
    return {"overview": overview, "bare": baseline, "en": english, "es": spanish}


def cold_visit_plan(
    browser: Browser, url: str, label: str, drawn: str = DRAWN, charts: int | None = 1
) -> timing.Plan[None]:
    """One cold visit (new browser context) from navigation until `drawn` holds (by default,
    the first Streamlit chart visible; `charts` is its argument, None for a script without)."""

    def visit(_: None) -> None:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.goto(url, wait_until="commit")
            page.wait_for_function(drawn, arg=charts, timeout=TIMEOUT_MS, polling=10)
        finally:
            context.close()

    return timing.Plan(label, visit, timing.nothing)


def main() -> None:
    """`python -m bench.pages [RUNS]`: this measure alone (the overview in Spanish against
    English, and against the bare page), each figure with its runs."""
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as folder:
        found = measure_all(Path(folder), runs)
    for key, measured in found.items():
        spread = ", ".join(f"{s:.2f}" for s in measured.seconds)
        print(f"{key}: median {measured.median:.2f} s ({spread}) - {measured.label}")
    ratio = found["es"].median / found["en"].median
    print(f"Spanish / English overview: {ratio:.2f}x")
    print(f"overview / bare page: {found['overview'].median / found['bare'].median:.2f}x")


if __name__ == "__main__":
    main()
