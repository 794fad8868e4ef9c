"""The CDP–ICLEI panel: `init` with it, the whole panel assessed, Compare in a browser.

Unlike the synthetic measures, these read the files shipped in data/ (the seed and the CDP
exports, real and self-reported): the panel is what the goals are about.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import numpy as np
import pandas as pd
from playwright.sync_api import sync_playwright

from bench import machine, pages, report, timing
from pledges import progress, service, settings, store
from pledges.sources import cdp

INIT_LIMIT = 10.0
ASSESS_LIMIT = 0.2
PAGE_LIMIT = 1.5
CITY = "Los Angeles"


def run_process(command: list[str]) -> None:
    """Run a whole process from the project root; its output kept only if it fails."""
    done = subprocess.run(command, cwd=settings.PROJECT_ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")


def _init_plan(folder: Path, label: str, *flags: str) -> timing.Plan[Path]:
    """`python -m pledges init` as a whole process into a fresh SQLite file each run."""
    runs = iter(range(1_000_000))

    def setup() -> Path:
        return folder / f"init-{next(runs)}{'-'.join(flags)}.db"

    def action(path: Path) -> None:
        url = settings.sqlite_url(path)
        command = [sys.executable, "-m", "pledges", "--database", url, "init", *flags]
        run_process(command)

    def cleanup(path: Path) -> None:
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()

    return timing.Plan(label, action, setup, cleanup)


def measure_init(folder: Path, runs: int = timing.RUNS) -> dict[str, timing.Timing]:
    """`init` with the panel against `init --no-panel`, whole processes taking turns."""
    with_panel, without = timing.measure_together(
        [
            _init_plan(folder, "`python -m pledges init` (seed and the CDP–ICLEI panel)"),
            _init_plan(folder, "`python -m pledges init --no-panel` (the seed only)", "--no-panel"),
        ],
        runs,
    )
    return {"panel": with_panel, "seed": without}


def panel_database(folder: Path) -> str:
    """A database holding the seed and the panel, as `make run` loads them."""
    url = settings.sqlite_url(folder / "panel.db")
    config = settings.load({})
    db = store.Store.open(url)
    service.initialise(db, config.catalog_dir, config.observations_dir, panel_dir=config.panel_dir)
    db.engine.dispose()
    return url


def polyfit_loop(frame: pd.DataFrame) -> list[np.ndarray]:
    """The plain baseline: a straight line by np.polyfit for each city with two values (the
    frame's `year` column made beforehand, untimed)."""
    return [
        np.polyfit(group["year"].to_numpy(), group["value"].to_numpy(), 1)
        for _, group in frame.groupby("city", sort=False)
        if len(group) >= 2
    ]


def measure_assess(url: str, runs: int = 5) -> dict[str, timing.Timing]:
    """`service.panel_status` (read and assess every panel city) against a polyfit loop over
    the same stored values (read once, untimed)."""
    db = store.Store.open(url)
    frame = db.observations(pledge=cdp.PLEDGE_KEY)
    frame = frame.assign(year=pd.to_datetime(frame["period"]).dt.year.astype(float))
    cities = frame["city"].nunique()
    indicators = {
        p.city.name: p.goals[0].indicators[0] for p in db.pledges() if p.key == cdp.PLEDGE_KEY
    }
    keyed = frame.assign(indicator=frame["city"])
    today = db.clock().date()
    status, engine, loop = timing.measure_together(
        [
            timing.Plan(
                f"`service.panel_status`: {cities:,} cities' {len(frame):,} values read from "
                "the store and assessed",
                lambda _: service.panel_status(db),
                timing.nothing,
                rows=len(frame),
            ),
            timing.Plan(
                f"`progress.assess_many` alone: the same {len(indicators):,} indicators, values "
                "already in memory",
                lambda _: progress.assess_many(keyed, indicators, today=today),
                timing.nothing,
                rows=len(frame),
            ),
            timing.Plan(
                "plain loop over the same values (already in memory): np.polyfit per city",
                lambda _: polyfit_loop(frame),
                timing.nothing,
                rows=len(frame),
            ),
        ],
        runs,
    )
    db.engine.dispose()
    return {"status": status, "engine": engine, "polyfit": loop}


def measure_compare(folder: Path, url: str, runs: int = 5) -> dict[str, timing.Timing]:
    """Compare with every panel city against the bare one-chart page, first chart visible."""
    bare_script = folder / "bare_page.py"
    bare_script.write_text(pages.BARE_PAGE, encoding="utf-8")
    compare = "/compare?" + urllib.parse.urlencode({"city": CITY})
    with (
        pages.serving(settings.PROJECT_ROOT / "app.py", url, folder / "compare.log") as app,
        pages.serving(bare_script, url, folder / "bare-compare.log") as bare,
        sync_playwright() as driver,
    ):
        browser = driver.chromium.launch(executable_path=pages.CHROMIUM, args=pages.CHROMIUM_ARGS)
        try:
            plans = [
                pages.cold_visit_plan(
                    browser, app + compare, "Compare, every panel city, L.A. chosen, new context"
                ),
                pages.cold_visit_plan(browser, bare, "bare one-chart Streamlit page, new context"),
            ]
            for plan in plans:  # warm both servers (caches, imports) once, untimed
                plan.action(None)
            found = timing.measure_together(plans, runs)
        finally:
            browser.close()
    return dict(zip(("compare", "bare"), found, strict=True))


def sections(folder: Path, runs: int = timing.RUNS, browser: bool = True) -> list[report.Section]:
    """The panel's three measures with the goals of issue 15."""
    folder.mkdir(parents=True, exist_ok=True)
    init = measure_init(folder, runs)
    url = panel_database(folder)
    assess = measure_assess(url, max(runs, 5))
    out = [
        report.Section(
            "CDP–ICLEI panel: init",
            "Whole `python -m pledges init` processes (interpreter start, migrations, the "
            "catalog, the seed values and, for the measure, the six CDP files read and "
            "committed: 828 cities) into a fresh SQLite file each run; the baseline is the "
            "same command with `--no-panel`. Real files from data/, not synthetic.",
            (report.Row(init["panel"], init["seed"]), report.Row(init["seed"])),
            (
                report.Goal(
                    "`init` with the panel under 10 s",
                    f"{init['panel'].median:.2f} s",
                    init["panel"].median < INIT_LIMIT,
                ),
            ),
        ),
        report.Section(
            "CDP–ICLEI panel: every city assessed",
            "`service.panel_status` over a database built by `init`: the stored emissions "
            "values read and every city's indicator assessed by the one vectorised engine; "
            "the baseline fits only a line per city with np.polyfit on the same values, "
            "already in memory.",
            (
                report.Row(assess["status"], assess["polyfit"]),
                report.Row(assess["engine"], assess["polyfit"]),
                report.Row(assess["polyfit"]),
            ),
            (
                report.Goal(
                    "the whole panel assessed in under 0.2 s",
                    f"{assess['status'].median:.3f} s read and assessed "
                    f"({assess['engine'].median:.3f} s the assessment alone)",
                    assess["status"].median < ASSESS_LIMIT,
                ),
            ),
        ),
    ]
    if browser:
        found = measure_compare(folder, url, max(runs, 5))
        ratio = found["compare"].median / found["bare"].median
        out.append(
            report.Section(
                "Compare page in a browser",
                "Headless chromium, a new browser context each run (cold cache), from "
                "navigation to the first `.js-plotly-plot` visible; both apps `streamlit run` "
                "servers over the panel database, warmed with one visit. Compare holds every "
                "panel city (filters, table, pace chart) with L.A. chosen.",
                (report.Row(found["compare"], found["bare"]), report.Row(found["bare"])),
                (
                    report.Goal(
                        "Compare no slower than 1.5x the bare one-chart page",
                        f"{ratio:.2f}x",
                        ratio <= PAGE_LIMIT,
                    ),
                ),
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    """These measures alone (`python -m bench.panel`), the report on stdout."""
    parser = argparse.ArgumentParser(prog="python -m bench.panel", description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pages", action="store_true", help="skip the browser measure")
    options = parser.parse_args(argv)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pledges-bench-panel-") as scratch:
        found = sections(Path(scratch), options.runs, not options.no_pages)
    print(report.render(machine.describe(), {}, found, None, [], time.perf_counter() - began))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
