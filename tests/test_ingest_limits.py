"""Hostile and huge inputs: workbook bombs refused early, no process-wide GC switch, ambiguity."""

from __future__ import annotations

import gc
import io

import openpyxl
import pytest

from pledges import ingest, settings
from pledges.ingest import export
from pledges.ingest.reading import readers
from tests import workbook_bomb
from tests.test_ingest_read import CATALOG, HEADER, LA, PLEDGE


def _never_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if openpyxl is asked to open the workbook (the time is `make bench`'s)."""

    def opened(data: bytes, data_only: bool) -> None:
        raise AssertionError("openpyxl opened a workbook that its ZIP directory refuses")

    monkeypatch.setattr(readers, "_open_workbook", opened)


def test_a_workbook_bomb_is_refused_from_its_zip_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = workbook_bomb.xlsx(2_000_000, 50)  # 4.9 MB on disk, 1.5 GB of sheet XML
    assert len(bomb) < settings.load({}).max_upload_bytes  # under the web upload limit
    _never_opened(monkeypatch)
    result = ingest.read(bomb, "bomb.xlsx", CATALOG)
    assert [issue.code for issue in result.report.errors] == ["workbook-too-large"]
    assert "CSV" in result.report.errors[0].message


def test_a_large_sheet_without_a_stated_size_is_refused_before_openpyxl_parses_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 60,000 rows of 50 cells of 15 bytes: 45 MB of XML, under the 256 MB cap, over the 32 MB
    # a sheet without <dimension> may have (openpyxl would parse it whole to find its size)
    book = workbook_bomb.xlsx(60_000, 50)
    _never_opened(monkeypatch)
    result = ingest.read(book, "unsized.xlsx", CATALOG)
    assert [issue.code for issue in result.report.errors] == ["workbook-too-large"]
    assert "does not say its size" in result.report.errors[0].message
    assert readers.sheet_names(book) == []


def test_a_sheet_stating_more_than_it_holds_is_read_for_what_it_holds() -> None:
    # formatting whole columns makes a stated size like A1:AX100000; only 100 rows are there
    book = workbook_bomb.xlsx(100, 50, dimension="A1:AX100000")
    records = readers.read_xlsx(book, None, readers.WorkbookLimits(rows=1000, cells=10_000))
    assert isinstance(records, readers.Records) and len(records.rows) == 100


def test_a_jump_to_a_far_row_counts_its_empty_rows_against_the_cell_cap() -> None:
    # one cell on row 5,000: openpyxl yields 4,999 empty rows first, each counted as one cell
    workbook = openpyxl.Workbook()
    workbook.active.cell(row=5_000, column=1, value=1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    records = readers.read_xlsx(buffer.getvalue(), None, readers.WorkbookLimits(cells=1_000))
    assert isinstance(records, readers.Failure) and records.code == "too-many-cells"
    assert "row 1001 passes the limit" in records.message


def test_a_note_right_of_the_table_is_a_cell_outside_the_header_not_a_broken_row() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["city", "pledge", "indicator", "period", "value", "unit", "source", "note"])
    sheet.append([LA, PLEDGE, "renewable-share", 2019, 34, "%", "src", None, "checked by Ana"])
    sheet.append([LA, PLEDGE, "renewable-share", 2020, 36, "%", "src"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = ingest.read(buffer.getvalue(), "note-right.xlsx", CATALOG)
    assert result.report.ok, result.report.issues
    assert len(result.frame) == 2
    assert [issue.code for issue in result.report.warnings] == ["unread-cells"]


def test_a_workbook_understating_its_size_loses_no_row() -> None:
    # openpyxl stops at the stated last row and column; the sheet's 300 rows of 5 are all read
    records = readers.read_xlsx(workbook_bomb.xlsx(300, 5, dimension="A1:B2"), None)
    assert isinstance(records, readers.Records)
    assert len(records.rows) == 300 and {len(row) for row in records.rows} == {5}


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
