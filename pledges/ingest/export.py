"""Export in the upload format, stable byte for byte, safe to open in a spreadsheet."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence

import pandas as pd

from pledges.ingest.reading import periods

COLUMNS = ("city", "pledge", "indicator", "period", "value", "unit", "source", "note")
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_SPECIAL = re.compile('[,"\r\n]')
_EXACT_INTEGER = 1e16  # below this every whole float prints exactly as an integer


def to_csv(frame: pd.DataFrame, excel: bool = False) -> bytes:
    """The frame as the canonical CSV, sorted by key; `excel` adds a UTF-8 BOM.

    The frame has the ingest columns; `annual` says which periods are years (without it, a
    January 1 is written as its year). `method` is written only when some row has one.
    """
    count = len(frame)
    columns = {name: _texts(frame, name, count) for name in (*COLUMNS, "method")}
    dates = [_date(value) for value in frame["period"].tolist()] if count else []
    annual = frame["annual"].tolist() if "annual" in frame.columns else [None] * count
    columns["period"] = [
        periods.write(date, None if flag is None or _missing(flag) else bool(flag))
        for date, flag in zip(dates, annual, strict=True)
    ]
    columns["value"] = [number(float(value)) for value in frame["value"].tolist()]
    city, pledge, indicator = columns["city"], columns["pledge"], columns["indicator"]
    order = sorted(range(count), key=lambda i: (city[i], pledge[i], indicator[i], dates[i]))
    names = (*COLUMNS, "method") if any(columns["method"]) else COLUMNS
    lines = [_line(names)]
    table = [columns[name] for name in names]
    lines.extend(",".join([column[i] for column in table]) + "\n" for i in order)
    text = "".join(lines)
    return ("\ufeff" + text).encode("utf-8") if excel else text.encode("utf-8")


def _texts(frame: pd.DataFrame, name: str, count: int) -> list[str]:
    """One text column as neutralised, quoted CSV cells, each distinct value formatted once."""
    if name not in frame.columns:
        return [""] * count
    values = frame[name].tolist()
    try:
        cells = {value: _quoted(_text(value)) for value in set(values)}
    except TypeError:  # an unhashable cell: format them one by one
        return [_quoted(_text(value)) for value in values]
    return [cells[value] for value in values]


def _line(cells: Sequence[str]) -> str:
    """One CSV line; a cell is quoted when it holds a comma, quote, CR or LF.

    Python's csv writer leaves a lone CR unquoted when the line ends in LF, and readers then
    split the record there; quoting it ourselves keeps every cell in its record.
    """
    return ",".join(_quoted(cell) for cell in cells) + "\n"


def _quoted(cell: str) -> str:
    """A cell as CSV text."""
    if _SPECIAL.search(cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell


_GROUPED = re.compile(r"^-?[1-9]\d{0,2}\.\d{3}$")


def number(value: float) -> str:
    """Shortest text that reads back as the same float; whole numbers without `.0`."""
    if value.is_integer() and abs(value) < _EXACT_INTEGER:
        return str(int(value))
    text = repr(value)
    # 34.125 alone would be ambiguous on re-import (34125?); 34.1250 proves the point.
    return f"{text}0" if _GROUPED.match(text) else text


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


def table(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """Plain rows as CSV under the same rules: formulas neutralised, numbers shortest, quoted
    when needed (the public site's per-city and bulk files)."""
    lines = [_line(columns)]
    for row in rows:
        cells = [
            number(float(c))
            if isinstance(c, int | float) and not isinstance(c, bool) and math.isfinite(c)
            else _text(c)
            for c in row
        ]
        lines.append(_line(cells))
    return "".join(lines).encode("utf-8")
