"""The Upload page's choices: how to read the file, a first peek at it, the column mapping."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pledges import ingest, model, settings
from pledges.ingest import mapping as column_mapping
from pledges.ingest import periods as period_rules
from pledges.ingest import readers, sniff

DELIMITERS: dict[str, str | None] = {
    "detect": None,
    "comma ,": ",",
    "semicolon ;": ";",
    "tab": "\t",
    "pipe |": "|",
}
DECIMALS: dict[str, Literal[".", ","] | None] = {
    "detect": None,
    "point (1234.5)": ".",
    "comma (1234,5)": ",",
}
PERIOD_RULES: dict[str, period_rules.Rule | None] = {
    "refuse ranges (a year or an ISO date only)": None,
    "use the start of a range or fiscal year": "start",
    "use the end of a range or fiscal year": "end",
}
_DEFAULT_HEADERS = [set(column_mapping.REQUIRED), set(column_mapping.WIDE_KEYS)]
# A filter's or value table's choices: every different value up to this many (then a notice).
VALUE_LIMIT = 20_000


@dataclass(frozen=True)
class Choices:
    """What the user picked in the Upload form, before it becomes `ingest.Options`."""

    sheet: str | None = None
    delimiter: str | None = None
    decimal: Literal[".", ","] | None = None
    period_rule: period_rules.Rule | None = None
    mapping: column_mapping.ColumnMapping | None = None


@dataclass(frozen=True)
class Peek:
    """A first look at a file for the mapping form: its header row and sheets."""

    headers: tuple[str, ...]
    header_row: int
    sheets: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)


def options(choices: Choices, conf: settings.Settings) -> ingest.Options:
    """The importer's options from the form, with the limits from the settings."""
    return ingest.Options(
        mapping=choices.mapping,
        sheet=choices.sheet,
        period_rule=choices.period_rule,
        max_bytes=conf.max_upload_bytes,
        max_rows=conf.max_upload_rows,
        delimiter=choices.delimiter,
        decimal=choices.decimal,
    )


def check_key(
    data: bytes, file_name: str, options: ingest.Options, stored_at: dt.datetime | None
) -> str:
    """Names one check of one file with one set of choices against one state of the store."""
    digest = hashlib.sha256(data).hexdigest()
    return f"{digest}|{file_name}|{options!r}|{stored_at.isoformat() if stored_at else ''}"


def is_workbook(data: bytes) -> bool:
    """True for an .xlsx workbook (which gets a sheet picker)."""
    return sniff.file_kind(data) == "xlsx"


def sheets(data: bytes) -> list[str]:
    """The sheet names of a workbook (empty for anything else)."""
    return readers.sheet_names(data) if is_workbook(data) else []


def peek(
    data: bytes,
    sheet: str | None = None,
    delimiter: str | None = None,
    skip_rows: int | None = None,
) -> Peek | None:
    """The header row of a file as the mapping form offers it; None when unreadable."""
    records = _records(data, sheet, delimiter)
    if records is None:
        return None
    texts = [[sniff.clean(readers.text_of(cell)) for cell in record] for record in records]
    if not texts:
        return None
    if skip_rows is not None:
        index = min(max(skip_rows, 0), len(texts) - 1)
    else:
        head = texts[:50]
        index = sniff.find_header(head, set(column_mapping.REQUIRED))
        if index is None:
            index = sniff.header_row_guess(head)
    headers = tuple(name for name in texts[index] if name)
    below = tuple(tuple(record) for record in texts[index + 1 : index + 6])
    return Peek(headers, index + 1, tuple(sheets(data)), below)


def distinct_values(
    data: bytes,
    column: str | tuple[str, ...],
    sheet: str | None = None,
    delimiter: str | None = None,
    skip_rows: int | None = None,
    limit: int = VALUE_LIMIT,
    blanks: bool = False,
) -> list[str]:
    """The different values of a column (or columns joined as the importer joins them), in file
    order (at most `limit`); an empty cell counts as "" only when `blanks` is set."""
    records = _records(data, sheet, delimiter)
    found = peek(data, sheet, delimiter, skip_rows)
    if records is None or found is None:
        return []
    header = [sniff.clean(readers.text_of(cell)) for cell in records[found.header_row - 1]]
    names = (column,) if isinstance(column, str) else column
    if not names or any(name not in header for name in names):
        return []
    positions = [header.index(name) for name in names]
    seen: dict[str, None] = {}
    for record in records[found.header_row :]:
        parts = [
            sniff.clean(readers.text_of(record[p])) if p < len(record) else "" for p in positions
        ]
        text = " | ".join(part for part in parts if part)
        if text or (blanks and any(sniff.clean(readers.text_of(cell)) for cell in record)):
            seen.setdefault(text, None)
            if len(seen) >= limit:
                break
    return list(seen)


def _records(
    data: bytes, sheet: str | None, delimiter: str | None
) -> list[list[readers.Cell]] | None:
    """Every record of a CSV or one worksheet, or None when the file is not readable text."""
    if is_workbook(data):
        records = readers.read_xlsx(data, sheet)
    else:
        decoded = sniff.decode(data)
        if decoded is None:
            return None
        text = decoded[0]
        chosen = delimiter or sniff.delimiter(text, _DEFAULT_HEADERS)
        records = readers.read_csv(text, chosen)
    if isinstance(records, readers.Failure):
        return None
    return records.rows


def build_mapping(
    columns: Mapping[str, str | tuple[str, ...] | None],
    constants: Mapping[str, str | None],
    indicator_values: Mapping[str, str | None] | None = None,
    skip_rows: int | None = None,
    filters: Mapping[str, Sequence[str]] | None = None,
    skip_unmapped: bool = False,
    city_values: Mapping[str, str | None] | None = None,
    unit_values: Mapping[str, str | None] | None = None,
) -> column_mapping.ColumnMapping:
    """A column mapping from the form: blanks left out, a constant only where no column is.

    A file value left unmapped keeps its own text (it may already be an indicator's id or
    name); `skip_unmapped` skips the rows whose value is still unknown. A filter keeps whole
    cell values exactly as chosen ("" is an empty cell); a column with none chosen is no filter.
    """
    chosen = {name: header for name, header in columns.items() if header}
    fixed = {
        name: value.strip()
        for name, value in constants.items()
        if value and value.strip() and name not in chosen
    }
    kept = {
        column: tuple(dict.fromkeys(values))
        for column, values in (filters or {}).items()
        if column and values
    }
    return column_mapping.ColumnMapping(
        columns=chosen,
        constants=fixed,
        indicator_values=_value_map(indicator_values),
        unit_values={k: v for k, v in _value_map(unit_values).items() if v},
        city_values=_value_map(city_values),
        skip_rows=skip_rows,
        filters=kept,
        skip_unmapped=skip_unmapped,
    )


def default_unit(
    catalog: Mapping[model.IndicatorRef, model.Indicator], constants: Mapping[str, str | None]
) -> str | None:
    """The unit of the indicator the form's constants name, when they name one unit only."""
    units = {
        indicator.unit
        for ref, indicator in catalog.items()
        if ref.pledge == constants.get("pledge")
        and ref.indicator == constants.get("indicator")
        and constants.get("city") in (None, "", ref.city)
    }
    return units.pop() if len(units) == 1 else None


def _value_map(chosen: Mapping[str, str | None] | None) -> dict[str, str | None]:
    """File values mapped to a known name; values left blank keep their own text."""
    return {
        given: target.strip()
        for given, target in (chosen or {}).items()
        if given and target and target.strip()
    }
