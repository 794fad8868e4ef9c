"""Readers: CSV text or an XLSX workbook into records of cells, before any meaning is given."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pledges import translation

if TYPE_CHECKING:
    import openpyxl

Cell = str | float | int | dt.date | dt.datetime
csv.field_size_limit(10 * 1024 * 1024)
# Workbooks are read whole into memory: 2,000,000 cells is 200,000 rows of ten columns.
MAX_CELLS = 2_000_000
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
# openpyxl sizes a sheet by its <dimension>; one without it is parsed whole before its first
# row is given, so such a sheet may unpack to no more XML than parses in a few seconds.
MAX_UNSIZED_SHEET_BYTES = 32 * 1024 * 1024
_HEAD_BYTES = 64 * 1024  # <dimension> comes before the sheet's data, in its first bytes
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b")
_WORKSHEET = re.compile(rb"<(?:\w+:)?worksheet\b")


@dataclass(frozen=True, slots=True)
class Records:
    """Every record of one sheet or CSV file, cells as read (text, or typed for XLSX)."""

    rows: list[list[Cell]]
    sheet: str | None = None
    percent_cells: int = 0
    first_percent: str | None = None  # where the first one is, like E2


@dataclass(frozen=True, slots=True)
class Failure:
    """A file that could not be split into records: its code, and the message for the user as
    a catalog template (marked `translation.N_`) and its values (a float a figure)."""

    code: str
    template: str
    values: tuple[tuple[str, str | int | float], ...] = ()

    @property
    def message(self) -> str:
        """The message in English."""
        return self.template.format(**dict(self.values)) if self.values else self.template


def read_csv(text: str, delimiter: str) -> Records | Failure:
    """Records of a CSV text; quoted fields may hold delimiters and line breaks. A text cut
    off in its last record (an open quote, or a short last row with no line break) is refused."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        rows: list[list[Cell]] = list(reader)
    except csv.Error as error:
        return Failure(
            "bad-csv",
            translation.N_(
                "The file cannot be split into columns near line {line} ({error}). Check for an"
                " unclosed quote, or save it again as CSV (UTF-8)."
            ),
            (("line", reader.line_num), ("error", str(error))),
        )
    return _cut_off(text, delimiter, rows) or Records(rows)


def _cut_off(text: str, delimiter: str, rows: list[list[Cell]]) -> Failure | None:
    """Why the text looks cut in its last record: a quote left open at the end (the csv
    module, lenient, would close it silently), or no line break after a last row narrower
    than the widest. A full last row cut inside its last cell cannot be told from a whole one.
    """
    if not rows or text.endswith(("\n", "\r")):
        return None
    last, widest = len(rows[-1]), max(map(len, rows))
    if text.count('"') % 2:
        strict = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        try:
            for _ in strict:
                pass
        except csv.Error as error:
            if "unexpected end of data" in str(error):
                return Failure(
                    "cut-off-file",
                    translation.N_(
                        "The file ends in the middle of row {row}: a quoted cell is never closed,"
                        " and no line break follows. It was probably cut off while it was copied"
                        " or downloaded, so its last value or source would be stored cut short."
                        " Get the whole file again (or end the row and the line)."
                    ),
                    (("row", len(rows)),),
                )
    if last < widest:
        return Failure(
            "cut-off-file",
            translation.N_(
                "The file ends in the middle of row {row}: it has {last} of {widest} cells, and"
                " no line break follows. It was probably cut off while it was copied or"
                " downloaded, so its last value or source would be stored cut short. Get the"
                " whole file again (or end the row and the line)."
            ),
            (("row", len(rows)), ("last", last), ("widest", widest)),
        )
    return None


# Characters no cell of data holds: C0 controls but tab, line feed and carriage return; DEL;
# the C1 controls. They come from damaged or binary files and would be stored unseen.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Control:
    """A cell holding a control character: its record and column (from 0), and the cell."""

    record: int
    column: int
    cell: str


def control_cells(rows: list[list[Cell]], limit: int) -> list[Control]:
    """The first `limit` text cells holding a control character, in reading order."""
    found: list[Control] = []
    for record, cells in enumerate(rows):
        for column, cell in enumerate(cells):
            if isinstance(cell, str) and CONTROL.search(cell):
                found.append(Control(record, column, cell))
                if len(found) >= limit:
                    return found
    return found


def has_control(text: str) -> bool:
    """Whether a text holds a control character anywhere (one pass, before looking per cell)."""
    return CONTROL.search(text) is not None


def shown_control(cell: str) -> str:
    """A cell with its control characters written out (U+0000), short enough for a message."""
    shown = CONTROL.sub(lambda m: f"<U+{ord(m.group()):04X}>", cell)
    return shown if len(shown) <= 60 else f"{shown[:57]}..."


# What zipfile and openpyxl raise for bytes that are not a ZIP (a bad file, a missing part).
_NOT_A_ZIP = (zipfile.BadZipFile, KeyError, OSError, ValueError, zlib.error, EOFError)
_DAMAGED = Failure(
    "not-csv-xlsx",
    translation.N_(
        "This file looks like a ZIP/Excel file but is damaged: part of it cannot be unpacked or"
        " read. Save it again from Excel as .xlsx, or as CSV (UTF-8)."
    ),
)


def _open_workbook(data: bytes, data_only: bool) -> openpyxl.Workbook | None:
    """The workbook opened read-only, None when the bytes are not one (CSV never loads openpyxl)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except (*_NOT_A_ZIP, InvalidFileException):
        return None


def read_xlsx(
    data: bytes, sheet: str | None, limits: WorkbookLimits | None = None
) -> Records | Failure:
    """Records of one worksheet, formulas as their cached values (the first sheet by default);
    a workbook damaged anywhere (a broken deflate stream, XML cut short) is a failure."""
    try:
        return _read_xlsx(data, sheet, limits)
    except Exception:  # noqa: BLE001 - zipfile, zlib and openpyxl's XML parsers raise many kinds
        return _DAMAGED


def _read_xlsx(data: bytes, sheet: str | None, limits: WorkbookLimits | None) -> Records | Failure:
    """`read_xlsx` without the guard."""
    limits = limits or WorkbookLimits()
    oversized = _unopenable(data, limits.unzipped_bytes)
    if oversized is not None:
        return oversized
    with warnings.catch_warnings():
        # openpyxl warns about extensions it drops (data validation, styles); values are kept.
        warnings.simplefilter("ignore")
        workbook = _open_workbook(data, data_only=True)
        if workbook is None:
            return Failure(
                "not-csv-xlsx",
                translation.N_(
                    "This file looks like a ZIP/Excel file but cannot be opened as an .xlsx"
                    " workbook. Save it again from Excel as .xlsx, or as CSV (UTF-8)."
                ),
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
                    "unknown-sheet",
                    translation.N_("There is no sheet '{sheet}'. Choose one of {listed}."),
                    (("sheet", sheet), ("listed", listed)),
                )
            read = _sheet_rows(workbook[chosen], limits)
        finally:
            workbook.close()
    if isinstance(read, Failure):
        return read
    rows, percent_cells, first_percent = read
    return Records(rows, chosen, percent_cells, first_percent)


@dataclass(frozen=True, slots=True)
class WorkbookLimits:
    """Caps applied while a workbook is read, so a small file cannot unpack into gigabytes.

    `rows` counts every record of the sheet (title rows and header included); `cells` every
    cell openpyxl yields; `unzipped_bytes` the sizes the ZIP directory declares (zipfile never
    yields more than the declared size, so the check cannot be lied past).
    """

    rows: int | None = None
    cells: int = MAX_CELLS
    unzipped_bytes: int = MAX_UNZIPPED_BYTES


def _unopenable(data: bytes, unzipped_bytes: int) -> Failure | None:
    """Why openpyxl must not open the workbook at all, from its ZIP directory and first bytes."""
    return _unzipped_size_failure(data, unzipped_bytes) or _unsized_sheet_failure(
        data, MAX_UNSIZED_SHEET_BYTES
    )


def _unzipped_size_failure(data: bytes, limit: int) -> Failure | None:
    """Refuse a workbook whose parts unpack to more than `limit` bytes, before parsing any."""
    try:
        declared = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except _NOT_A_ZIP:
        return None  # openpyxl names the broken file below
    if declared <= limit:
        return None
    return Failure(
        "workbook-too-large",
        translation.N_(
            "This workbook unpacks to {size} MB of XML (the limit is {limit} MB), which is more"
            " than any sheet of observations needs. Save the sheet as CSV (UTF-8) and import"
            " that; CSV files of any size are read in chunks."
        ),
        (("size", _megabytes(declared)), ("limit", _megabytes(limit))),
    )


def _megabytes(size: int) -> float:
    """A size in whole megabytes, a figure for a message."""
    return float(round(size / 1024 / 1024))


def _unsized_sheet_failure(data: bytes, limit: int) -> Failure | None:
    """Refuse a large sheet that gives no size, before openpyxl parses it whole to find one.

    A part is a sheet by its root element, wherever the workbook's relationships put it.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        for info in archive.infolist():
            name = info.filename
            if info.file_size <= limit:
                continue
            with archive.open(info) as part:
                head = part.read(_HEAD_BYTES)
            if _WORKSHEET.search(head) and _DIMENSION.search(head) is None:
                return Failure(
                    "workbook-too-large",
                    translation.N_(
                        "A sheet of this workbook ({name}) unpacks to {size} MB of XML and does"
                        " not say its size, so it would be read whole before its first row (the"
                        " limit for such a sheet is {limit} MB). Save it again from Excel, which"
                        " writes the size, or as CSV (UTF-8) and import that."
                    ),
                    (
                        ("name", name),
                        ("size", _megabytes(info.file_size)),
                        ("limit", _megabytes(limit)),
                    ),
                )
    except _NOT_A_ZIP:
        return None  # openpyxl names the broken file
    return None


def _too_many_rows(limit: int) -> Failure:
    """The failure of a sheet longer than the row cap."""
    return Failure(
        "too-many-rows",
        translation.N_(
            "The sheet has more than {limit} rows; the limit is {limit}. Split it and upload the"
            " parts, or import it as CSV from the command line."
        ),
        (("limit", float(limit)),),
    )


def _sheet_rows(
    sheet: object, limits: WorkbookLimits
) -> tuple[list[list[Cell]], int, str | None] | Failure:
    """Cells of a sheet from A1; numbers shown as percentages are read as shown (0.34 -> 34).

    Reading stops as soon as a cap is passed, so a huge sheet is refused in the time its
    first rows take; an empty row counts as one cell, so a jump to row 10^9 is refused too.
    The sheet's stated size is dropped first: openpyxl would stop at it, so a workbook that
    understates its size would lose rows without a word. Rows are then made as wide as the
    widest, as openpyxl makes them from a stated size, so a note right of the table is a cell
    outside the header, not a broken row.
    """
    from openpyxl.utils.cell import get_column_letter

    sheet.reset_dimensions()  # type: ignore[attr-defined]
    rows: list[list[Cell]] = []
    percent_cells = 0
    first_percent: str | None = None
    cells_read = 0
    for row in sheet.iter_rows(min_row=1, min_col=1):  # type: ignore[attr-defined]
        cells_read += max(len(row), 1)
        if cells_read > limits.cells:
            return Failure(
                "too-many-cells",
                translation.N_(
                    "The sheet has more than {cells} cells (row {row} passes the limit). Delete"
                    " unused columns, or save the sheet as CSV (UTF-8) and import that."
                ),
                (("cells", float(limits.cells)), ("row", len(rows) + 1)),
            )
        if limits.rows is not None and len(rows) >= limits.rows:
            return _too_many_rows(limits.rows)
        cells: list[Cell] = []
        for item in row:
            value = _cell(item.value)
            shown_as_percent = "%" in str(getattr(item, "number_format", "") or "")
            if shown_as_percent and isinstance(value, int | float):
                value = float(decimal.Decimal(repr(value)) * 100)
                percent_cells += 1
                if first_percent is None:
                    first_percent = f"{get_column_letter(len(cells) + 1)}{len(rows) + 1}"
            cells.append(value)
        rows.append(cells)
    width = max(map(len, rows), default=0)
    for cells in rows:
        cells.extend([""] * (width - len(cells)))
    return rows, percent_cells, first_percent


def sheet_names(data: bytes) -> list[str]:
    """The sheet names of a workbook, for the Upload page to offer (none for a bomb)."""
    if _unopenable(data, MAX_UNZIPPED_BYTES) is not None:
        return []  # opening it would parse every sheet without a <dimension> in full
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = _open_workbook(data, data_only=False)
        except Exception:  # noqa: BLE001 - a damaged workbook offers no sheets; reading says why
            return []
        if workbook is None:
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
