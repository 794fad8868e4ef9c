"""`make bench`: time the imports, the assessment, as-of reads and the overview page; write
BENCHMARKS.md. Synthetic data, except the panel and site sections (the real data/)."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench import (
    assessment,
    hostile,
    imports,
    machine,
    pages,
    postgres,
    profiling,
    report,
    synthetic,
)
from bench import panel as panel_bench
from bench import publishing as site_bench
from bench import streaming as streamed_import
from pledges import settings
from tests import pg

SIZES = (100_000, 1_000_000)
AS_OF_LIMIT = 1.2
ASSESS_LIMIT = 0.5
PAGE_LIMIT = 1.5
PHASES = {
    "read_file": "reading and validating the file (`pledges.ingest.read`)",
    "compare": "the preview of added and changed rows (`pledges.ingest.checking.preview.compare`)",
    "commit": "the store's transaction (`Store.commit`)",
    "observations": "loading the stored values for the preview (`Store.observations`)",
}


def _say(message: str, began: float) -> None:
    print(f"[{time.perf_counter() - began:6.1f} s] {message}", file=sys.stderr, flush=True)


def sqlite_section(results: dict[int, dict[str, imports.timing.Timing]]) -> report.Section:
    """Imports into SQLite against raw executemany and pandas.to_sql, with the issue's goals."""
    rows: list[report.Row] = []
    goals: list[report.Goal] = []
    for size, found in results.items():
        raw, to_sql = found["raw"], found["to_sql"]
        rows += [report.Row(found[k], raw) for k in ("cli", "commit")]
        rows += [report.Row(raw), report.Row(to_sql, raw)]
        for key, what in (("cli", "CLI path"), ("commit", "Store.commit alone")):
            share = raw.median / found[key].median
            times = to_sql.median / found[key].median
            goals.append(
                report.Goal(
                    f"{what}, {size:,} rows: at least 50 % of raw executemany throughput",
                    f"{share:.0%}",
                    share >= 0.5,
                )
            )
            goals.append(
                report.Goal(
                    f"{what}, {size:,} rows: at least 2x pandas.to_sql",
                    f"{times:.2f}x",
                    times >= 2.0,
                )
            )
    note = (
        "Synthetic long CSV (one city, 1,000 daily values an indicator) into a fresh copy of a "
        "migrated SQLite file holding the synthetic catalog. *CLI path* is "
        "`service.import_file` on the CSV bytes as `python -m pledges import` calls it (read, "
        "validate, commit; the row-by-row preview is made only for a dry run or the Upload "
        "page), with the row and size limits raised explicitly. "
        "*Store.commit* is the store alone on the validated frame. The baselines write the "
        "same rows into the same table with the store's connection settings (WAL, foreign "
        "keys, synchronous=NORMAL): raw `sqlite3.executemany` of prepared tuples in one "
        "transaction, and `DataFrame.to_sql` of the prepared table frame."
    )
    return report.Section("Import into SQLite", note, tuple(rows), tuple(goals))


def postgres_section(results: dict[int, dict[str, imports.timing.Timing]]) -> report.Section:
    """Imports into PostgreSQL against a raw COPY."""
    rows: list[report.Row] = []
    for found in results.values():
        raw = found["raw"]
        rows += [report.Row(found["cli"], raw), report.Row(found["commit"], raw), report.Row(raw)]
    note = (
        "The same synthetic files into a throwaway PostgreSQL cluster (`tests/pg.py`, durability "
        "off: fsync, synchronous_commit and full_page_writes), each run in a fresh clone of a "
        "migrated template database. The store appends new rows with COPY; the baseline is a "
        "raw psycopg COPY (`write_row` of prepared tuples) in one transaction. The issue sets "
        "no goal here beyond the comparison."
    )
    return report.Section("Import into PostgreSQL", note, tuple(rows))


def assess_section(found: dict[str, imports.timing.Timing]) -> report.Section:
    """assess_many against a loop of np.polyfit, with the < 0.5 s goal."""
    many, loop = found["assess_many"], found["polyfit"]
    note = (
        "100 cities x 50 indicators x 35 annual values (175,000, synthetic, from "
        "`bench.engine`): `progress.assess_many` computes every status measure "
        "(trend, projection, pace, status); the baseline only fits a line per indicator with a "
        "plain loop of `np.polyfit` over the same groups."
    )
    goal = report.Goal(
        "assess 100 x 50 x 35 in under 0.5 s",
        f"{many.median:.3f} s ({many.median / loop.median:.2f} of the polyfit loop)",
        many.median < ASSESS_LIMIT,
    )
    return report.Section("Assessment", note, (report.Row(many, loop), report.Row(loop)), (goal,))


def as_of_section(results: dict[str, dict[str, imports.timing.Timing]]) -> report.Section:
    """The status of a city as of a past date against its current status."""
    rows: list[report.Row] = []
    goals: list[report.Goal] = []
    for engine_name, found in results.items():
        current, past = found["current"], found["as_of"]
        rows += [report.Row(past, current), report.Row(current)]
        ratio = past.median / current.median
        goals.append(
            report.Goal(
                f"status as of a past date at most 1.2x the current status ({engine_name})",
                f"{ratio:.2f}x",
                ratio <= AS_OF_LIMIT,
            )
        )
    note = (
        f"`service.assess` of one synthetic city ({assessment.HISTORY_INDICATORS} indicators x "
        f"{assessment.YEARS} years, a fifth of the values restated by a second batch): now, and "
        "as of the moment between the two batches (the as-of read joins the revisions)."
    )
    return report.Section("Status as of a past date", note, tuple(rows), tuple(goals))


def page_section(found: dict[str, imports.timing.Timing]) -> report.Section:
    """The L.A. overview in headless chromium against a bare one-chart page."""
    overview, bare = found["overview"], found["bare"]
    ratio = overview.median / bare.median
    goal = report.Goal(
        "L.A. overview at most 1.5x a bare one-chart Streamlit page",
        f"{ratio:.2f}x",
        ratio <= PAGE_LIMIT,
    )
    note = (
        "Headless chromium (`/usr/bin/chromium` through playwright), a new browser context "
        "per run (cold cache), from navigation to the last `.js-plotly-plot` visible. Both "
        "apps run as `streamlit run` servers started once and warmed with one visit; the "
        "overview reads the seeded L.A. data from a database built by `pledges init`."
    )
    note += (
        " The overview in Spanish (`?lang=es`) is measured beside the same page in English "
        "(`?lang=en`) in the same run, round-robin: its ratio is the cost of a Spanish page."
    )
    rows = (
        report.Row(overview, bare),
        report.Row(bare),
        report.Row(found["es"], found["en"]),
        report.Row(found["en"]),
    )
    return report.Section("Overview page in a browser", note, rows, (goal,))


def findings(
    sqlite_results: dict[int, dict[str, imports.timing.Timing]],
    profile: profiling.Profile | None,
) -> list[str]:
    """Sentences computed from this run's numbers: what limits the import."""
    lines = []
    for size, found in sqlite_results.items():
        raw = found["raw"].median
        lines.append(
            f"{size:,} rows into SQLite: the store alone commits at "
            f"{raw / found['commit'].median:.0%} of raw executemany; the whole CLI path at "
            f"{raw / found['cli'].median:.0%}."
        )
    if profile is not None and profile.phases:
        shares = ", ".join(
            f"{PHASES.get(p.function, f'`{p.function}`')} {p.seconds / profile.total:.0%}"
            for p in profile.phases
        )
        lines.append(
            f"The CLI path's time by phase (pyinstrument, {profile.rows:,} rows): {shares}."
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run every measure and write the report."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=settings.PROJECT_ROOT / "BENCHMARKS.md")
    parser.add_argument("--no-pages", action="store_true", help="skip the browser measure")
    parser.add_argument(
        "--streaming-rows",
        type=int,
        nargs="*",
        default=list(streamed_import.SIZES),
        help="rows of the whole-process streamed CLI import (none: skip it)",
    )
    options = parser.parse_args(argv)
    began = time.perf_counter()
    described = machine.describe()
    sections: list[report.Section] = []
    sqlite_results: dict[int, dict[str, imports.timing.Timing]] = {}
    postgres_results: dict[int, dict[str, imports.timing.Timing]] = {}
    profile = None
    with tempfile.TemporaryDirectory(prefix="pledges-bench-") as scratch, pg.running() as cluster:
        folder = Path(scratch)
        for size in options.sizes:
            item = imports.upload(folder, size)
            _say(f"SQLite import, {size:,} rows", began)
            sqlite_results[size] = imports.measure_all(folder, item, options.runs)
            _say(f"PostgreSQL import, {size:,} rows", began)
            postgres_results[size] = postgres.measure_all(cluster, item, options.runs)
            if size == min(options.sizes):
                _say("profile of the import", began)
                profile = profiling.profile_import(folder, item)
            del item
        sections += [sqlite_section(sqlite_results), postgres_section(postgres_results)]
        _say("assessment", began)
        sections.append(assess_section(assessment.measure_assess_many()))
        _say("as of a past date", began)
        catalog_dir = synthetic.write_catalog(folder / "history", assessment.HISTORY_INDICATORS)
        cluster_db = postgres.clone(cluster, "template1")
        as_of = {
            "SQLite": assessment.measure_as_of(
                f"sqlite:///{folder / 'history.db'}", catalog_dir, "SQLite"
            ),
            "PostgreSQL": assessment.measure_as_of(
                cluster.url(cluster_db), catalog_dir, "PostgreSQL"
            ),
        }
        sections.append(as_of_section(as_of))
        sections += panel_bench.sections(folder / "panel", options.runs, not options.no_pages)
        sections += site_bench.sections(folder / "site", options.runs, not options.no_pages)
        if options.streaming_rows:
            _say("streamed CLI import, whole process", began)
            apart = folder / "streaming"  # its own template and catalog names
            apart.mkdir()
            streamed = [
                streamed_import.measure_runs(apart, rows, options.runs)
                for rows in options.streaming_rows
            ]
            sections.append(streamed_import.section(streamed))
        _say("hostile workbooks, whole process", began)
        apart = folder / "hostile"
        apart.mkdir()
        sections.append(hostile.section(hostile.measure_all(apart, options.runs)))
        if not options.no_pages:
            _say("pages in chromium", began)
            sections.append(page_section(pages.measure_all(folder, max(options.runs, 5))))
        versions = machine.versions(pg.server_bin(), pages.CHROMIUM)
    text = report.render(
        described,
        versions,
        sections,
        profile,
        findings(sqlite_results, profile),
        time.perf_counter() - began,
    )
    options.out.write_text(text, encoding="utf-8")
    _say(f"wrote {options.out}", began)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
