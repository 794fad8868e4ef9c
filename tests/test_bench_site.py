"""The panel and site bench parts on tiny files made here: what they count and fetch."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bench import panel, publishing, timing


def _write(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)


def test_page_bytes_counts_pages_embeds_and_the_shared_script(tmp_path: Path) -> None:
    _write(tmp_path / "index.html", 100)
    _write(tmp_path / "city" / "index.html", 300)
    _write(tmp_path / "embed" / "city" / "x.html", 50)
    _write(tmp_path / "plotly.min.js", 10)
    # 3 pages; 100 + 300 + 50 + 10 = 460 bytes; shown pages 100 and 300: median 200.
    assert publishing.page_bytes(tmp_path) == (
        "The seed's site: 3 HTML pages, 460 bytes in all. Pages: median 200 bytes, largest 300; "
        "embeds: median 50 bytes; the L.A. page timed below 0 bytes; plotly.min.js 10 bytes, "
        "one shared file every page loads (cached after the first)."
    )


def test_fetch_plan_reads_every_answer_and_refuses_an_error(tmp_path: Path) -> None:
    _write(tmp_path / "page.html", 1_000)
    with publishing.static_server(tmp_path) as url:
        found = timing.measure(
            "get",
            publishing._fetch_plan(url, "/page.html", 5, "g").action,
            timing.nothing,
            runs=1,
            rows=5,
        )
        assert found.rows == 5 and found.fastest > 0
        missing = publishing._fetch_plan(url, "/missing.html", 1, "m")
        with pytest.raises(RuntimeError, match="HTTP 404"):
            missing.action(None)


def test_polyfit_baseline_fits_each_city_with_two_values() -> None:
    frame = pd.DataFrame(
        {
            "city": ["A", "A", "A", "B", "B", "C"],
            "year": [2010.0, 2011.0, 2012.0, 2015.0, 2020.0, 2019.0],
            "value": [10.0, 8.0, 6.0, 5.0, 10.0, 1.0],
        }
    )
    fits = panel.polyfit_loop(frame)
    # A falls by 2 a year; B rises by 5 over 5 years, 1 a year; C has one value, no line.
    assert [round(float(f[0]), 6) for f in fits] == [-2.0, 1.0]
