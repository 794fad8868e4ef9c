"""The bench's own parts on tiny synthetic data: they store what they time and report it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bench import imports, report, timing
from pledges import catalog, ingest, model


def test_synthetic_upload_is_valid_for_its_catalog(tmp_path: Path) -> None:
    item = imports.upload(tmp_path, 1_500)
    index = {
        model.IndicatorRef(pledge.city.name, pledge.key, indicator.key): indicator
        for pledge in catalog.load_pledges(item.catalog_dir)
        for _, indicator in pledge.indicators()
    }
    result = ingest.read(item.data, "synthetic.csv", index, item.options)
    assert result.report.ok
    assert len(result.frame) == 1_500
    assert list(result.frame["value"][:3]) == list(item.frame["value"][:3])


def test_every_import_measure_stores_every_row(tmp_path: Path) -> None:
    item = imports.upload(tmp_path, 500)
    found = imports.measure_all(tmp_path, item, runs=2)
    assert set(found) == {"cli", "commit", "raw", "to_sql"}
    assert all(len(t.seconds) == 2 and t.fastest > 0 and t.rows == 500 for t in found.values())
    with sqlite3.connect(tmp_path / "template-500.db") as conn:
        assert conn.execute("SELECT count(*) FROM observations").fetchone() == (0,)
    assert not list(tmp_path.glob("run-*"))


@pytest.mark.parametrize(
    ("seconds", "median", "fastest", "slowest"),
    [((3.0, 1.0, 2.0), 2.0, 1.0, 3.0), ((0.5, 0.5, 0.7, 0.1), 0.5, 0.1, 0.7)],
    ids=["odd", "even"],
)
def test_timing_summary(
    seconds: tuple[float, ...], median: float, fastest: float, slowest: float
) -> None:
    found = timing.Timing("x", seconds, rows=10)
    assert (found.median, found.fastest, found.slowest) == (median, fastest, slowest)
    assert found.rows_per_second == pytest.approx(10 / median)


def test_report_says_which_goals_are_met() -> None:
    fast = timing.Timing("fast", (1.0, 1.0, 1.0), rows=100)
    slow = timing.Timing("slow", (4.0, 4.0, 4.0), rows=100)
    section = report.Section(
        "Import",
        "synthetic",
        (report.Row(fast, slow), report.Row(slow)),
        (report.Goal("at least half", "400%", True), report.Goal("under a second", "4 s", False)),
    )
    text = report.render({"CPU": "test"}, {"Python": "3"}, [section], None, [], 60.0)
    assert "| fast | 3 | 1.000 | 1.000 | 1.000 | 100 | 0.25 |" in text
    assert "| at least half | 400% | yes |" in text
    assert "| under a second | 4 s | **no** |" in text
    assert "synthetic" in text.lower()
