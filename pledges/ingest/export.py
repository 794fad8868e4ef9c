"""Export in the upload format, stable byte for byte, safe to open in a spreadsheet."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence

import pandas as pd

from pledges.ingest import periods

COLUMNS = ("city", "pledge", "indicator", "period", "value", "unit", "source", "note")
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_SPECIAL = (",", '"', "\r", "\n")
_EXACT_INTEGER = 1e16  # below this every whole float prints exactly as an integer


def to_csv(frame: pd.DataFrame, excel: bool = False) -> bytes:
    """The frame as the canonical CSV, sorted by key; `excel` adds a UTF-8 BOM.

    The frame has the ingest columns; `annual` says which periods are years (without it, a
    January 1 is written as its year). `method` is written only when some row has one.
    """
    rows = [_row(record) for record in frame.to_dict("records")]
    rows.sort(key=lambda row: (row[0], row[1], row[2], row[-1]))
    with_method = any(row[8] for row in rows)
    width = 9 if with_method else 8
    lines = [_line((*COLUMNS, "method")[:width])]
    lines.extend(_line(row[:width]) for row in rows)
    text = "".join(lines)
    return ("\ufeff" + text).encode("utf-8") if excel else text.encode("utf-8")


def _row(record: dict[str, object]) -> list:  # list of str cells, then the sort date
    """One record as text cells, with its period date last for sorting."""
    period = _date(record["period"])
    annual = record.get("annual")
    is_annual = (
        bool(annual)
        if annual is not None and not _missing(annual)
        else (period.month == 1 and period.day == 1)
    )
    return [
        _text(record["city"]),
        _text(record["pledge"]),
        _text(record["indicator"]),
        periods.write(period, is_annual),
        number(float(record["value"])),  # type: ignore[arg-type]
        _text(record.get("unit")),
        _text(record.get("source")),
        _text(record.get("note")),
        _text(record.get("method")),
        period,
    ]


def _line(cells: Sequence[str]) -> str:
    """One CSV line; a cell is quoted when it holds a comma, quote, CR or LF.

    Python's csv writer leaves a lone CR unquoted when the line ends in LF, and readers then
    split the record there; quoting it ourselves keeps every cell in its record.
    """
    return ",".join(_quoted(cell) for cell in cells) + "\n"


def _quoted(cell: str) -> str:
    """A cell as CSV text."""
    if any(mark in cell for mark in _SPECIAL):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def number(value: float) -> str:
    """Shortest text that reads back as the same float; whole numbers without `.0`."""
    if value.is_integer() and abs(value) < _EXACT_INTEGER:
        return str(int(value))
    return repr(value)


def neutralise(text: str) -> str:
    """Prefix `'` to a cell a spreadsheet would run as a formula (plain numbers stay as is)."""
    if text.startswith(_DANGEROUS) and not _NUMBER.match(text):
        return "'" + text
    return text


def _text(value: object) -> str:
    """A text cell: empty for missing, neutralised against formula injection."""
    if value is None or _missing(value):
        return ""
    return neutralise(str(value))


def _missing(value: object) -> bool:
    """True for None, NaN and pandas' missing markers."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _date(value: object) -> dt.date:
    """A period cell (date, datetime, Timestamp or ISO text) as a date."""
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    return dt.date(int(text), 1, 1) if len(text) == 4 else dt.date.fromisoformat(text[:10])
