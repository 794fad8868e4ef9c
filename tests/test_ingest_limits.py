"""Hostile and huge inputs: workbook bombs refused early, no process-wide GC switch, ambiguity."""

from __future__ import annotations

import gc
import time

import pytest

from pledges import ingest
from pledges.ingest import export, readers
from tests import workbook_bomb
from tests.test_ingest_read import CATALOG, HEADER, LA, PLEDGE


def test_a_workbook_bomb_is_refused_from_its_zip_directory_quickly() -> None:
    bomb = workbook_bomb.xlsx(2_000_000, 50)  # 4.9 MB on disk, 1.5 GB of sheet XML
    assert len(bomb) < ingest.Options().max_bytes  # under the web upload limit
    began = time.perf_counter()
    result = ingest.read(bomb, "bomb.xlsx", CATALOG)
    elapsed = time.perf_counter() - began
    assert [issue.code for issue in result.report.errors] == ["workbook-too-large"]
    assert "CSV" in result.report.errors[0].message
    assert elapsed < 5.0


def test_a_workbook_over_the_row_cap_stops_reading_at_the_cap() -> None:
    # 300 rows of 5 cells is small unzipped, so only the caps applied while reading refuse it.
    book = workbook_bomb.xlsx(300, 5)
    result = ingest.read(book, "rows.xlsx", CATALOG, ingest.Options(max_rows=100))
    assert [issue.code for issue in result.report.errors] == ["too-many-rows"]
    result = ingest.read(book, "cells.xlsx", CATALOG, ingest.Options(max_cells=1000))
    assert [issue.code for issue in result.report.errors] == ["too-many-cells"]


def test_reading_leaves_the_garbage_collector_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    switched: list[str] = []
    monkeypatch.setattr(gc, "disable", lambda: switched.append("disable"))
    data = f"{HEADER}\n{LA},{PLEDGE},renewable-share,2019,34,%,src,\n".encode()
    assert ingest.read(data, "a.csv", CATALOG).report.ok
    assert ingest.read_general(data, "a.csv", CATALOG).report.ok
    assert switched == []


def _file(*values: str) -> bytes:
    rows = "".join(
        f"{LA},{PLEDGE},renewable-share,{2010 + n},{value},%,src,\n"
        for n, value in enumerate(values)
    )
    return f"{HEADER}\n{rows}".encode()


@pytest.mark.parametrize("read", [ingest.read, ingest.read_general], ids=["fast", "general"])
def test_a_grouped_looking_value_alone_is_ambiguous_in_a_comma_file(read) -> None:  # noqa: ANN001
    result = read(_file("1.577"), "a.csv", CATALOG)
    assert result.report.positions() == [(2, "value", "ambiguous-number")]


@pytest.mark.parametrize(
    ("values", "options", "expected"),
    [
        (("1.577", "23.84"), None, 1.577),  # 23.84 shows the point is the decimal mark
        (("1.577",), ingest.Options(decimal="."), 1.577),
    ],
    ids=["evidence", "chosen-point"],
)
def test_a_grouped_looking_value_is_read_with_evidence_or_a_choice(values, options, expected):  # noqa: ANN001
    result = ingest.read(_file(*values), "a.csv", CATALOG, options)
    assert result.report.ok
    assert result.frame["value"].iloc[0] == pytest.approx(expected)


def test_the_upload_pages_sheet_list_does_not_open_a_bomb() -> None:
    # openpyxl parses a sheet without a <dimension> whole when it opens the workbook.
    assert readers.sheet_names(workbook_bomb.xlsx(2_000_000, 50)) == []
    assert readers.sheet_names(workbook_bomb.xlsx(3, 2)) == ["Sheet1"]


def test_an_export_of_grouped_looking_values_reads_back_unambiguously() -> None:
    assert [export.number(value) for value in (34.125, 0.125, 1234.5)] == [
        "34.1250",
        "0.125",  # a leading 0 is never a thousands group
        "1234.5",
    ]
    for text, value in (("34.1250", 34.125), ("0.125", 0.125)):
        result = ingest.read(_file(text), "export.csv", CATALOG)
        assert result.report.ok and result.frame["value"].iloc[0] == value
