"""The published site: build time, bytes per page, first chart against the Streamlit
Overview, and requests a second from a plain static server against Streamlit page views.

These read the files shipped in data/ (the seed, and for "every city" the CDP panel).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from streamlit.testing.v1 import AppTest

from bench import machine, pages, report, timing
from bench import panel as panel_bench
from pledges import settings
from tests import nginx_server

FIRST_CHART_LIMIT = 0.25
EVERY_CITY_LIMIT = 1 / 3  # issue 30: every city in at most a third of the time before it
REPUBLISH_LIMIT = 3.0  # seconds, an unchanged re-publish of every city
INDEX_LIMIT = 150_000  # bytes, the front page of every city
# The last commit before issue 30: "today's" publish, timed in the same run from its own tree.
BASELINE_COMMIT = "cdd900308c60b551379bee835e8f8d0e4fa11b2f"
LA_PAGE = "los-angeles/la100/renewable-share.html"
FIRST_PAGE = "los-angeles/la100/carbon-free-share.html"  # a reader's page before LA_PAGE
REQUESTS = 200
_FOLDERS = itertools.count()
# A static page is drawn when plotly has painted its first chart.
STATIC_DRAWN = """() => [...document.querySelectorAll('.js-plotly-plot')].some(
  p => p.querySelector('.main-svg') && p.getBoundingClientRect().height > 0)"""


def _publish_plan(
    folder: Path, url: str, label: str, tree: Path | None = None, options: tuple[str, ...] = ()
) -> timing.Plan[Path]:
    """`python -m pledges publish` as a whole process into a fresh folder each run (from
    another source tree when given: the baseline's), with `options` (`--lang es`)."""

    def setup() -> Path:
        return folder / f"site-{next(_FOLDERS)}"

    def action(out: Path) -> None:
        command = [sys.executable, "-m", "pledges", "--database", url, "publish", "--out"]
        _run([*command, str(out), *options], tree)

    return timing.Plan(label, action, setup)


def _run(command: list[str], tree: Path | None) -> None:
    """A whole process from the project's root, or from another tree (its own package first)."""
    if tree is None:
        panel_bench.run_process(command)
        return
    environ = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(command, cwd=tree, env=environ, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {tree}:\n{done.stdout}\n{done.stderr}")


def baseline_tree(folder: Path) -> Path:
    """The code as it was before issue 30, unpacked from git, with its own panel database."""
    tree = folder / "baseline"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(settings.PROJECT_ROOT), "archive", BASELINE_COMMIT],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def _baseline_database(tree: Path, folder: Path) -> str:
    """The seed and the panel loaded by the baseline's own code (its schema, its importer)."""
    target = folder / "baseline-db"
    target.mkdir()
    script = (
        "from pathlib import Path; from bench import panel; "
        f"panel.panel_database(Path({str(target)!r}))"
    )
    _run([sys.executable, "-c", script], tree)
    return settings.sqlite_url(target / "panel.db")


def _republish_plan(folder: Path, url: str) -> timing.Plan[Path]:
    """A publish of every city into the folder its last publish wrote, nothing changed since."""
    out = folder / "site-republished"
    command = [sys.executable, "-m", "pledges", "--database", url, "publish", "--out", str(out)]

    def setup() -> Path:
        if not out.exists():
            panel_bench.run_process(command)
        return out

    return timing.Plan(
        "`python -m pledges publish`, every city again, nothing changed",
        lambda _: panel_bench.run_process(command),
        setup,
    )


def _floor_plan() -> timing.Plan[None]:
    """The floor under any command: the interpreter started and the package imported."""
    command = [sys.executable, "-m", "pledges", "--help"]
    return timing.Plan(
        "`python -m pledges --help` (interpreter and imports)",
        lambda _: panel_bench.run_process(command),
        timing.nothing,
    )


def page_bytes(site: Path) -> str:
    """Bytes per page of a published folder, in words."""
    html = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    # Every language's embeds: English at embed/, the others at <lang>/embed/.
    embeds = [size for path, size in html.items() if "embed" in path.split("/")[:2]]
    shown = [size for path, size in html.items() if "embed" not in path.split("/")[:2]]
    plotly = (site / "plotly.min.js").stat().st_size
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return (
        f"The seed's site: {len(html):,} HTML pages, {total:,} bytes in all. Pages: median "
        f"{statistics.median(shown):,.0f} bytes, largest {max(shown):,}; embeds: median "
        f"{statistics.median(embeds):,.0f} bytes; the L.A. page timed below "
        f"{html.get(LA_PAGE, 0):,} bytes; plotly.min.js {plotly:,} bytes, one shared file "
        "every page loads (cached after the first)."
    )


@contextlib.contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """`python -m http.server` (a plain static server, its own process) on a free port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"]
    server = subprocess.Popen(
        [*command, "--directory", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the static server never listened")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _warm_visit(browser: Browser, base: str, label: str) -> timing.Plan[Page]:
    """A reader's second page: a context that has shown another L.A. page (untimed), then
    navigation to the L.A. page until its chart is visible, plotly.js from the cache."""

    def setup() -> Page:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(f"{base}/{FIRST_PAGE}")
        page.wait_for_function(STATIC_DRAWN, timeout=pages.TIMEOUT_MS)
        return page

    def visit(page: Page) -> None:
        page.goto(f"{base}/{LA_PAGE}", wait_until="commit")
        page.wait_for_function(STATIC_DRAWN, timeout=pages.TIMEOUT_MS, polling=10)

    return timing.Plan(label, visit, setup, lambda page: page.context.close())


def _fetch_plan(base: str, path: str, count: int, label: str) -> timing.Plan[None]:
    """`count` GETs of one page, one after another, each read to the end."""
    parsed = urllib.parse.urlsplit(base)

    def fetch(_: None) -> None:
        for _ in range(count):
            connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
            connection.request("GET", path)
            answer = connection.getresponse()
            answer.read()
            connection.close()
            if answer.status != 200:
                raise RuntimeError(f"{path}: HTTP {answer.status}")

    return timing.Plan(label, fetch, timing.nothing, rows=count)


def _overview_run_plan(database: str) -> timing.Plan[AppTest]:
    """One run of the L.A. Overview script in Streamlit's AppTest (the issue's own measure)."""

    def setup() -> AppTest:
        os.environ["PLEDGES_DATABASE_URL"] = database  # AppTest's script reads the settings
        at = AppTest.from_file(str(settings.PROJECT_ROOT / "app.py"), default_timeout=60)
        at.query_params["city"] = "Los Angeles"
        return at

    return timing.Plan(
        "one run of the L.A. Overview script (AppTest)", lambda at: at.run(), setup, rows=1
    )


def sections(
    folder: Path, runs: int = timing.RUNS, browser: bool = True, every_city: bool = True
) -> list[report.Section]:
    """The site's measures with the goals of issue 16."""
    folder.mkdir(parents=True, exist_ok=True)
    seed = pages.seeded_database(folder)
    build, floor = timing.measure_together(
        [
            _publish_plan(folder, seed, "`python -m pledges publish`, the seed's 5 cities"),
            _floor_plan(),
        ],
        runs,
    )
    rows = [report.Row(build, floor)]
    goals: list[report.Goal] = []
    if every_city:
        tree = baseline_tree(folder)
        before_url = _baseline_database(tree, folder)
        every_url = panel_bench.panel_database(folder)
        before_label = f"before issue 30 (commit {BASELINE_COMMIT[:7]}), every city"
        before, every, both, again = timing.measure_together(
            [
                _publish_plan(folder, before_url, before_label, tree),
                # The baseline wrote English pages only: today's publish in English alone.
                _publish_plan(
                    folder,
                    every_url,
                    "`python -m pledges publish --lang en`, every city",
                    options=("--lang", "en"),
                ),
                # What `publish` writes by default now: every language (English and Spanish).
                _publish_plan(
                    folder, every_url, "`python -m pledges publish`, every city, every language"
                ),
                _republish_plan(folder, every_url),
            ],
            runs,
        )
        rows += [
            report.Row(before, floor),
            report.Row(every, before),
            report.Row(both, before),
            report.Row(again, floor),
        ]
        index = (folder / "site-republished" / "index.html").stat().st_size
        share = every.median / before.median
        goals += [
            report.Goal(
                "a full publish of every city in at most 1/3 of the time before issue 30 (in "
                "English, the one language it wrote)",
                f"{share:.2f} of it ({every.median:.1f} s against {before.median:.1f} s; English "
                f"and Spanish {both.median:.1f} s, {both.median / before.median:.2f} of it)",
                share <= EVERY_CITY_LIMIT,
            ),
            report.Goal(
                f"an unchanged re-publish of every city, English and Spanish, in under "
                f"{REPUBLISH_LIMIT:.0f} s",
                f"{again.median:.2f} s",
                again.median < REPUBLISH_LIMIT,
            ),
            report.Goal(
                f"the index page of every city under {INDEX_LIMIT // 1000} KB",
                f"{index:,} bytes",
                index < INDEX_LIMIT,
            ),
        ]
    rows.append(report.Row(floor))
    site = folder / "site-published"
    panel_bench.run_process(
        [sys.executable, "-m", "pledges", "--database", seed, "publish", "--out", str(site)]
    )
    out = [
        report.Section(
            "Publishing the static site",
            "Whole `publish` processes into a fresh folder each run; the baseline is the "
            "interpreter start and the package import alone. Every city (the seed and the "
            "CDP–ICLEI panel, 828 cities): the code before issue 30, unpacked from git with a "
            "database its own code loaded, against today's, round-robin in the same run; the "
            "re-publish writes into the folder its previous publish left. " + page_bytes(site),
            tuple(rows),
            tuple(goals),
        )
    ]
    with contextlib.ExitStack() as servers:
        static = {"`python -m http.server`": servers.enter_context(static_server(site))}
        if nginx_server.installed():
            port = servers.enter_context(nginx_server.serving(site, folder / "nginx"))
            static["nginx with deploy/nginx/pledges.conf"] = f"http://127.0.0.1:{port}"
        fetches = [
            _fetch_plan(
                base, "/" + LA_PAGE, REQUESTS, f"{REQUESTS} GETs of the L.A. page from {name}"
            )
            for name, base in static.items()
        ]
        *rates, overview_run = timing.measure_together([*fetches, _overview_run_plan(seed)], runs)
        out.append(
            report.Section(
                "Requests a second: static site against Streamlit",
                "rows/s is requests (or page views) a second. The static page from a plain "
                "static server in its own process, fetched by one client, one request after "
                "another over a new connection each; a Streamlit page view costs at least one "
                "run of the page script on the server (AppTest, no browser or websocket), so "
                "one process serves at most 1 / (its median) views a second.",
                (*[report.Row(rate, overview_run) for rate in rates], report.Row(overview_run)),
            )
        )
        if browser:
            out.append(_first_chart_section(folder, seed, static, max(runs, 5)))
        out.append(_language_section(folder, seed, static, runs, browser))
    return out


def _language_section(
    folder: Path, seed: str, static: dict[str, str], runs: int, browser: bool
) -> report.Section:
    """What the Spanish L.A. page costs against the English one: the seed's site published
    in one language or the other (whole processes, round-robin), and the page's first chart
    in chromium (cold, from the last static server)."""
    spanish, english = timing.measure_together(
        [
            _publish_plan(
                folder, seed, "`publish --lang es`, the seed's 5 cities", options=("--lang", "es")
            ),
            _publish_plan(
                folder, seed, "`publish --lang en`, the seed's 5 cities", options=("--lang", "en")
            ),
        ],
        runs,
    )
    rows = [report.Row(spanish, english), report.Row(english)]
    if browser:
        name, base = list(static.items())[-1]
        with sync_playwright() as driver:
            chromium = driver.chromium.launch(
                executable_path=pages.CHROMIUM, args=pages.CHROMIUM_ARGS
            )
            try:
                plans = [
                    pages.cold_visit_plan(
                        chromium, f"{base}/{prefix}{LA_PAGE}", label, STATIC_DRAWN, None
                    )
                    for prefix, label in (
                        ("es/", f"Spanish L.A. page's first chart, from {name}"),
                        ("", f"English L.A. page's first chart, from {name}"),
                    )
                ]
                for plan in plans:  # warm the server once, untimed
                    plan.action(None)
                chart_es, chart_en = timing.measure_together(plans, max(runs, 5))
            finally:
                chromium.close()
        rows += [report.Row(chart_es, chart_en), report.Row(chart_en)]
    return report.Section(
        "A Spanish page against the English one",
        "Issue 32: the seed's site published with `--lang es` against `--lang en` (whole "
        "processes into fresh folders, round-robin in the same run: each assesses every city "
        "once and writes one language's pages, plus the shared data files and API), and "
        f"`es/{LA_PAGE}` against `{LA_PAGE}` in headless chromium (a new context each run, "
        "from navigation to the first plotly chart visible).",
        tuple(rows),
    )


def _first_chart_section(
    folder: Path, seed: str, static: dict[str, str], runs: int
) -> report.Section:
    overview = "/?" + urllib.parse.urlencode({"city": "Los Angeles"})
    with (
        pages.serving(settings.PROJECT_ROOT / "app.py", seed, folder / "site-app.log") as app,
        sync_playwright() as driver,
    ):
        browser = driver.chromium.launch(executable_path=pages.CHROMIUM, args=pages.CHROMIUM_ARGS)
        try:
            plans = [
                pages.cold_visit_plan(
                    browser,
                    f"{base}/{LA_PAGE}",
                    f"static L.A. page from {name}",
                    STATIC_DRAWN,
                    None,
                )
                for name, base in static.items()
            ]
            plans.append(
                pages.cold_visit_plan(
                    browser, app + overview, "Streamlit L.A. Overview, new context"
                )
            )
            for plan in plans:  # warm every server once, untimed
                plan.action(None)
            name, base = list(static.items())[-1]
            second = _warm_visit(browser, base, f"static L.A. page from {name}, a second page")
            *static_pages, streamlit_page, warm = timing.measure_together([*plans, second], runs)
        finally:
            browser.close()
    # The goal is read on the server a city would deploy: the last one (nginx when installed).
    share = static_pages[-1].median / streamlit_page.median
    return report.Section(
        "First chart: static site against the Streamlit Overview",
        "Headless chromium, a new browser context each run (cold cache: plotly.min.js "
        "fetched every time), from navigation to the first plotly chart visible. The static "
        f"page is `{LA_PAGE}` (the site's L.A. city page has no chart: this is an L.A. "
        "page with one; the Overview's chart is its goals' progress bars); the Overview is "
        "`streamlit run app.py` over the same seed. Every server warmed with one visit. "
        "*A second page*: the same tab has shown another L.A. indicator page first "
        "(untimed), so plotly.js comes from the browser's cache, as for a reader who clicks "
        "on from the city page's links.",
        (
            *[report.Row(t, streamlit_page) for t in static_pages],
            report.Row(warm, streamlit_page),
            report.Row(streamlit_page),
        ),
        (
            report.Goal(
                f"static page's first chart ({static_pages[-1].label.split(' from ')[-1]}) in "
                "at most 1/4 of the Streamlit Overview's time",
                f"{share:.2f} of it",
                share <= FIRST_CHART_LIMIT,
            ),
        ),
    )


def main(argv: list[str] | None = None) -> int:
    """These measures alone (`python -m bench.publishing`), the report on stdout."""
    parser = argparse.ArgumentParser(prog="python -m bench.publishing", description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pages", action="store_true", help="skip the browser measure")
    parser.add_argument("--seed-only", action="store_true", help="skip publishing every city")
    options = parser.parse_args(argv)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pledges-bench-site-") as scratch:
        found = sections(Path(scratch), options.runs, not options.no_pages, not options.seed_only)
    print(report.render(machine.describe(), {}, found, None, [], time.perf_counter() - began))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
