"""The canonical long CSV read column by column (pyarrow), for files the report has nothing on.

`read` answers None as soon as anything is unusual (a quote, another encoding or delimiter, a
header that is not exactly the upload format's names, a row the general reader would report or
skip); the caller then reads the file with the general reader, so every report stays the same.
Each distinct name, unit, source and period is checked once, as the general reader does.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as arrow_compute
import pyarrow.csv as arrow_csv

from pledges import model
from pledges.ingest.checking import matching, plausible, units, validate
from pledges.ingest.reading import decimals, periods
from pledges.ingest.reading import mapping as column_mapping

# validate._FAST["."] on ASCII digits (the general reader takes these cells as plain floats).
_PLAIN_NUMBER = r"^-?[0-9]+(?:\.[0-9]+)?$"
# decimals._GROUPED with a point: `1.577` is a decimal only when another cell proves the point.
_GROUPED = r"^-?[1-9][0-9]{0,2}\.[0-9]{3}$"
_TEXT_FIELDS = ("city", "pledge", "indicator", "unit", "source", "note", "method")
_KEY_BOUND = 2**62
# Control characters in UTF-8: the C0 set but tab and line breaks, DEL (one byte each), and
# the C1 set (\xc2 then \x80-\x9f). Deleting the one-byte ones is ~6x faster than a regex
# over 100 MB; the C1 search runs only where a \xc2 lead byte is.
_C0_AND_DEL = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")
_UNUSED = dt.date.min  # the period of cells only blank rows hold (never taken)


@dataclass(frozen=True)
class Canonical:
    """A canonical long CSV read without a single issue: the long frame and its encoding."""

    frame: pd.DataFrame
    encoding: str
    proven: bool  # a value cell proves the decimal point (23.84, not only 1.577 or 12)
    absent: tuple[str, ...]  # the optional columns (method, note) the header lacks


@dataclass(frozen=True, slots=True)
class _Column:
    """One text column as dictionary codes per row and its distinct cells."""

    codes: np.ndarray
    cells: list[str]


def read(
    data: bytes,
    catalog: Mapping[model.IndicatorRef, model.Indicator],
    mapping: column_mapping.ColumnMapping | None,
    period_rule: periods.Rule | None,
    max_rows: int | None,
    row_offset: int = 0,
) -> Canonical | None:
    """The long frame of a canonical UTF-8 comma-separated file with no problem, else None."""
    if mapping is not None and mapping != column_mapping.ColumnMapping():
        return None
    body, encoding = _utf8_body(data)
    if body is None or b'"' in body or _has_control(body):
        return None  # quoting and control bytes are left to the general reader's own rules
    names = _header(body)
    if names is None:
        return None
    table = _table(body, names)
    if table is None or not 0 < table.num_rows:
        return None
    columns = {name: _column(table, name) for name in _TEXT_FIELDS if name in names}
    value_cells = table.column("value")
    blank = _blank_rows(table, value_cells, columns)
    kept = np.flatnonzero(~blank) if blank is not None else None
    rows = np.arange(2, table.num_rows + 2, dtype=np.int64) + row_offset
    if kept is not None:
        if not len(kept):
            return None
        value_cells = value_cells.take(pa.array(kept))
        columns = {
            name: _Column(column.codes[kept], column.cells) for name, column in columns.items()
        }
        rows = rows[kept]
    if max_rows is not None and len(rows) > max_rows:
        return None
    values, proven = _numbers(value_cells)
    period_column = _column(table, "period")
    period_codes = period_column.codes if kept is None else period_column.codes[kept]
    dated = _periods(period_column.cells, period_codes, period_rule)
    if values is None or dated is None:
        return None
    frame = _frame(columns, values, period_codes, dated, rows, matching.indexed(catalog))
    absent = tuple(name for name in ("method", "note") if name not in names)
    return None if frame is None else Canonical(frame, encoding, proven, absent)


def _has_control(body: bytes | memoryview) -> bool:
    """Whether the text holds a control character the general reader reports."""
    raw = bytes(body)
    if len(raw.translate(None, _C0_AND_DEL)) != len(raw):
        return True
    return b"\xc2" in raw and _C1_BYTES.search(raw) is not None


def _utf8_body(data: bytes) -> tuple[bytes | memoryview | None, str]:
    """The bytes after a UTF-8 BOM and the encoding the general reader would name, if UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        body: bytes | memoryview = memoryview(data)[len(codecs.BOM_UTF8) :]
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, ""
    else:
        body, encoding = data, "utf-8"
    raw = bytes(body) if isinstance(body, memoryview) else body
    if not raw.isascii():
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return None, ""  # cp1252 and the like: the general reader names the encoding
    return raw, encoding


def _header(body: bytes) -> list[str] | None:
    """The header's names when they are exactly upload-format fields, each once, all required."""
    end = body.find(b"\n")
    line = (body if end < 0 else body[:end]).decode("utf-8").removesuffix("\r")
    names = line.split(",")
    fields = set(names)
    if len(fields) != len(names) or not fields <= set(column_mapping.FIELDS):
        return None
    if not set(column_mapping.REQUIRED) <= fields:
        return None
    return names


def _table(body: bytes, names: Sequence[str]) -> pa.Table | None:
    """Every cell as text, blank lines kept as rows so row numbers match the file's lines."""
    try:
        return arrow_csv.read_csv(
            pa.py_buffer(body),
            read_options=arrow_csv.ReadOptions(block_size=1 << 24),
            parse_options=arrow_csv.ParseOptions(quote_char=False, ignore_empty_lines=False),
            convert_options=arrow_csv.ConvertOptions(
                column_types={name: pa.string() for name in names},
                strings_can_be_null=False,
                null_values=[],
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # a row of another width, and the like: the general reader reports it


def _column(table: pa.Table, name: str) -> _Column:
    """One text column's codes and distinct cells."""
    encoded = arrow_compute.dictionary_encode(table.column(name)).combine_chunks()
    return _Column(
        encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64, copy=False),
        encoded.dictionary.to_pylist(),
    )


def _blank_rows(
    table: pa.Table, values: pa.ChunkedArray, columns: Mapping[str, _Column]
) -> np.ndarray | None:
    """Rows holding only blanks (the general reader skips them silently), or None if none."""
    empty = arrow_compute.equal(values, "").to_numpy(zero_copy_only=False)
    if not empty.any():
        return None
    blank = empty.copy()
    period = _column(table, "period")
    for column in [*columns.values(), period]:
        spaces = np.array([not cell.strip() for cell in column.cells], dtype=bool)
        blank &= spaces[column.codes]
    return blank


def _numbers(cells: pa.ChunkedArray) -> tuple[np.ndarray | None, bool]:
    """Every value cell as a float when each is a plain number (else None), and whether a
    cell proves the decimal point."""
    plain = arrow_compute.match_substring_regex(cells, _PLAIN_NUMBER)
    if not arrow_compute.all(plain).as_py():
        return None, False
    grouped = arrow_compute.match_substring_regex(cells, _GROUPED)
    pointed = arrow_compute.match_substring(cells, ".")
    proof = arrow_compute.and_(pointed, arrow_compute.invert(grouped))
    proven = bool(arrow_compute.any(proof).as_py())
    if not proven and arrow_compute.any(grouped).as_py():
        return None, False  # the general reader reports each grouped cell as ambiguous
    try:
        numbers = arrow_compute.cast(cells, pa.float64()).to_numpy()
    except pa.ArrowInvalid:
        return None, False
    held = np.isfinite(numbers).all() and (np.abs(numbers) <= decimals.LARGEST).all()
    return (numbers if held else None), proven  # the general reader reports the others


@dataclass(frozen=True, slots=True)
class _Dated:
    """Each distinct period cell's date, whether it is a year, and an id per distinct date."""

    dates: np.ndarray
    annual: np.ndarray
    ids: np.ndarray
    count: int


def _periods(cells: Sequence[str], codes: np.ndarray, rule: periods.Rule | None) -> _Dated | None:
    """Distinct period cells of the kept rows parsed once; None if any is not a period."""
    used = np.zeros(len(cells), dtype=bool)
    used[codes] = True
    dates: list[object] = []
    annual: list[bool] = []
    ids: dict[object, int] = {}
    for cell, wanted in zip(cells, used.tolist(), strict=True):
        parsed = periods.read(cell, rule) if wanted else periods.Period(_UNUSED, False)
        if isinstance(parsed, periods.Refusal):
            return None
        dates.append(parsed.date)
        annual.append(parsed.annual)
        ids.setdefault(parsed.date, len(ids))
    date_array = np.empty(len(dates), dtype=object)
    date_array[:] = dates
    return _Dated(
        date_array,
        np.array(annual, dtype=bool),
        np.array([ids[date] for date in dates], dtype=np.int64),
        len(ids),
    )


def _groups(columns: Sequence[_Column], count: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows grouped by their combination of cells: a group per row, each group's first row."""
    key = np.zeros(count, dtype=np.int64)
    bound = 1
    for column in columns:
        size = max(len(column.cells), 1)
        if bound * size >= _KEY_BOUND:
            key, uniques = pd.factorize(key)
            bound = max(len(uniques), 1)
        key = key * size + column.codes
        bound *= size
    groups, _ = pd.factorize(key)
    first = np.flatnonzero(~pd.Series(groups).duplicated().to_numpy())
    return groups.astype(np.int64, copy=False), first


def _frame(
    columns: Mapping[str, _Column],
    values: np.ndarray,
    period_codes: np.ndarray,
    dated: _Dated,
    rows: np.ndarray,
    index: matching.Index,
) -> pd.DataFrame | None:
    """The long frame, or None if a name, unit, source or key would be reported."""
    count = len(rows)
    ordered = [columns[name] for name in _TEXT_FIELDS if name in columns]
    groups, first = _groups(ordered, count)
    texts = {
        name: [validate.cell_text(cell) for cell in column.cells]
        for name, column in columns.items()
    }

    def text(name: str, row: int) -> str:
        column = columns.get(name)
        return "" if column is None else texts[name][column.codes[row]]

    refs: dict[model.IndicatorRef, int] = {}
    shared: list[tuple[model.IndicatorRef, str, str, str | None, str | None, float, float]] = []
    for row in first.tolist():
        match = index.find(text("city", row), text("pledge", row), text("indicator", row))
        if match.ref is None or match.indicator is None:
            return None
        unit, source = text("unit", row), text("source", row)
        if not unit or not source:
            return None
        conversion = units.conversion(unit, match.indicator.unit)
        if conversion.code or plausible.unit_kind(unit, match.indicator.unit):
            return None  # the general reader reports it
        refs.setdefault(match.ref, len(refs))
        shared.append(
            (
                match.ref,
                match.indicator.unit,
                source,
                text("note", row) or None,
                text("method", row) or None,
                conversion.multiply,
                conversion.divide,
            )
        )
    ref_ids = np.array([refs[item[0]] for item in shared], dtype=np.int64)
    keys = ref_ids[groups] * dated.count + dated.ids[period_codes]
    if pd.Index(keys).has_duplicates:
        return None

    def per_row(position: int) -> np.ndarray:
        return _objects([item[position] for item in shared])[groups]

    multiply = np.array([item[5] for item in shared], dtype=np.float64)
    divide = np.array([item[6] for item in shared], dtype=np.float64)
    if (multiply != 1.0).any() or (divide != 1.0).any():
        values = values * multiply[groups] / divide[groups]
        if not (np.abs(values) <= decimals.LARGEST).all():
            return None  # past the bound in the indicator's unit: the general reader says so
    return validate.long_frame(
        {
            "city": _objects([item[0].city for item in shared])[groups],
            "pledge": _objects([item[0].pledge for item in shared])[groups],
            "indicator": _objects([item[0].indicator for item in shared])[groups],
            "period": dated.dates[period_codes],
            "annual": dated.annual[period_codes],
            "value": values,
            "unit": per_row(1),
            "source": per_row(2),
            "note": per_row(3),
            "method": per_row(4),
            "row": rows,
        }
    )


def _objects(items: Sequence[object]) -> np.ndarray:
    """A one-dimensional object array of the items, as they are."""
    array = np.empty(len(items), dtype=object)
    array[:] = items
    return array
