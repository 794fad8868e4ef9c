"""Readers: CSV text or an XLSX workbook into records of cells, before any meaning is given."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import warnings
import zipfile
from dataclasses import dataclass

import openpyxl
from openpyxl.utils import exceptions as openpyxl_exceptions

Cell = str | float | int | dt.date | dt.datetime
csv.field_size_limit(10 * 1024 * 1024)


@dataclass(frozen=True, slots=True)
class Records:
    """Every record of one sheet or CSV file, cells as read (text, or typed for XLSX)."""

    rows: list[list[Cell]]
    sheet: str | None = None
    percent_cells: int = 0


@dataclass(frozen=True, slots=True)
class Failure:
    """A file that could not be split into records, with the message for the user."""

    code: str
    message: str


def read_csv(text: str, delimiter: str) -> Records | Failure:
    """Records of a CSV text; quoted fields may hold delimiters and line breaks."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        rows: list[list[Cell]] = list(reader)
    except csv.Error as error:
        return Failure(
            "bad-csv",
            f"The file cannot be split into columns near line {reader.line_num} ({error}). "
            "Check for an unclosed quote, or save it again as CSV (UTF-8).",
        )
    return Records(rows)


# What openpyxl raises for bytes that are not an .xlsx workbook (a bad ZIP, a missing part).
_NOT_A_WORKBOOK = (
    zipfile.BadZipFile,
    KeyError,
    OSError,
    ValueError,
    openpyxl_exceptions.InvalidFileException,
)


def read_xlsx(data: bytes, sheet: str | None) -> Records | Failure:
    """Records of one worksheet, formulas as their cached values (the first sheet by default)."""
    with warnings.catch_warnings():
        # openpyxl warns about extensions it drops (data validation, styles); values are kept.
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except _NOT_A_WORKBOOK:
            return Failure(
                "not-csv-xlsx",
                "This file looks like a ZIP/Excel file but cannot be opened as an .xlsx "
                "workbook. Save it again from Excel as .xlsx, or as CSV (UTF-8).",
            )
        try:
            names = list(workbook.sheetnames)
            if sheet is None:
                chosen = names[0]
            elif sheet in names:
                chosen = sheet
            else:
                listed = ", ".join(f"'{name}'" for name in names)
                return Failure(
                    "unknown-sheet", f"There is no sheet '{sheet}'. Choose one of {listed}."
                )
            rows, percent_cells = _sheet_rows(workbook[chosen])
        finally:
            workbook.close()
    return Records(rows, chosen, percent_cells)


def _sheet_rows(sheet: object) -> tuple[list[list[Cell]], int]:
    """Cells of a sheet from A1; numbers shown as percentages are read as shown (0.34 -> 34)."""
    rows: list[list[Cell]] = []
    percent_cells = 0
    for row in sheet.iter_rows(min_row=1, min_col=1):  # type: ignore[attr-defined]
        cells: list[Cell] = []
        for item in row:
            value = _cell(item.value)
            shown_as_percent = "%" in str(getattr(item, "number_format", "") or "")
            if shown_as_percent and isinstance(value, int | float):
                value = float(decimal.Decimal(repr(value)) * 100)
                percent_cells += 1
            cells.append(value)
        rows.append(cells)
    return rows, percent_cells


def sheet_names(data: bytes) -> list[str]:
    """The sheet names of a workbook, for the Upload page to offer."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        except _NOT_A_WORKBOOK:
            return []
        names = list(workbook.sheetnames)
        workbook.close()
    return names


def _cell(value: object) -> Cell:
    """A worksheet value as a cell: empty as "", text as text, numbers and dates kept typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int | float | dt.date):
        return value
    if isinstance(value, dt.time):
        return value.isoformat()
    return str(value)


def text_of(cell: Cell) -> str:
    """A cell as text, integral floats without `.0` (so a header 2019.0 reads `2019`)."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)
