"""`python -m bench.hostile`: how long the command line takes to refuse hostile workbooks.

Each measure is a fresh `python -m pledges import` process, timed from the parent (interpreter
start and imports included), on a workbook built by `tests.workbook_bomb` (synthetic: rows of
identical numeric cells, compressed once and repeated). The baseline is `python -m pledges
history` on the same store: what starting the command line costs at all.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import report, timing
from pledges import store
from tests import workbook_bomb

ROOT = Path(__file__).resolve().parent.parent
REFUSE_GOAL_S = 5.0  # issue 18: the workbook bomb refused with a clear message within 5 s


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile workbook: what it is, how it is built, and the refusal it must get."""

    label: str
    rows: int
    cells: int
    dimension: str | None
    code: str


CASES = (
    Case(
        "the issue's bomb: 2,000,000 rows x 50 cells, no stated size",
        2_000_000,
        50,
        None,
        "workbook-too-large",
    ),
    Case(
        "250,000 rows x 50 cells (181 MB of XML), no stated size",
        250_000,
        50,
        None,
        "workbook-too-large",
    ),
    Case(
        "60,000 rows x 50 cells stating A1:A1 (read to the 2,000,000-cell cap)",
        60_000,
        50,
        "A1:A1",
        "too-many-cells",
    ),
)


def _process(args: list[str], expected_code: int, expected_text: str) -> float:
    """Wall time of one `python -m pledges` process that must end as expected."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pledges", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - began
    if done.returncode != expected_code or expected_text not in done.stdout + done.stderr:
        raise RuntimeError(f"{args}: exit {done.returncode}\n{done.stderr[-2000:]}")
    return elapsed


def measure_all(folder: Path, runs: int) -> dict[str, timing.Timing]:
    """The refusal time of every case, and the bare start-up of the command line."""
    url = f"sqlite:///{folder / 'hostile.db'}"
    db = store.Store.open(url)
    db.migrate()
    db.engine.dispose()
    books = {}
    for number, case in enumerate(CASES):
        path = folder / f"hostile-{number}.xlsx"
        path.write_bytes(workbook_bomb.xlsx(case.rows, case.cells, case.dimension))
        books[case.label] = (path, case)
    times: dict[str, list[float]] = {label: [] for label in [*books, "start-up"]}
    for _ in range(runs):  # round-robin, so load from other work weighs on every measure
        times["start-up"].append(_process(["--database", url, "history"], 0, ""))
        for label, (path, case) in books.items():
            times[label].append(_process(["--database", url, "import", str(path)], 1, case.code))
    found = {
        label: timing.Timing(
            f"refuse {label} ({books[label][0].stat().st_size / 1024 / 1024:.1f} MB)",
            tuple(values),
        )
        for label, values in times.items()
        if label != "start-up"
    }
    found["start-up"] = timing.Timing(
        "`pledges history` (start-up, baseline)", tuple(times["start-up"])
    )
    return found


def section(found: dict[str, timing.Timing]) -> report.Section:
    """Refusal times beside the bare start-up, with the issue's 5-second goal for its bomb."""
    start = found["start-up"]
    rows = [report.Row(found[case.label], start) for case in CASES] + [report.Row(start)]
    bomb = found[CASES[0].label].median
    worst = max(found[case.label].median for case in CASES)
    goals = (
        report.Goal(
            "the workbook bomb (2,000,000 rows of 50 cells) refused within 5 s, whole process",
            f"{bomb:.2f} s",
            bomb <= REFUSE_GOAL_S,
        ),
        report.Goal(
            "every hostile workbook here refused within 5 s, whole process",
            f"slowest {worst:.2f} s",
            worst <= REFUSE_GOAL_S,
        ),
    )
    note = (
        "Synthetic workbooks built by `tests.workbook_bomb`, each refused by a fresh `python -m "
        "pledges import` process into a migrated SQLite store (exit code 1, the refusal's code "
        "checked); timed from the parent, start-up included. The ZIP directory's sizes refuse "
        "the bomb before any parsing; a large sheet that does not state its size is refused "
        "before openpyxl would parse it whole; a sheet's stated size is not trusted (it may "
        "under- or overstate), so one that understates it is read until the cell cap "
        "(2,000,000 cells), the slowest case."
    )
    return report.Section("Hostile workbooks, whole process", note, tuple(rows), goals)


def main() -> None:
    """Print each case's median refusal time as one JSON line."""
    parser = argparse.ArgumentParser(prog="python -m bench.hostile")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for label, found in measure_all(Path(folder), args.runs).items():
            print(json.dumps({"measure": label, "median_s": round(found.median, 3)}), flush=True)


if __name__ == "__main__":
    main()
