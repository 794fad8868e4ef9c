"""A first peek at an uploaded file: its sheets, its header row, the values of a column."""

from __future__ import annotations

from dataclasses import dataclass, field

from pledges.ingest.reading import mapping as column_mapping
from pledges.ingest.reading import readers, sniff

_DEFAULT_HEADERS = [set(column_mapping.REQUIRED), set(column_mapping.WIDE_KEYS)]
# A filter's or value table's choices: every different value up to this many (then a notice).
VALUE_LIMIT = 20_000


@dataclass(frozen=True)
class Peek:
    """A first look at a file for the mapping form: its header row and sheets."""

    headers: tuple[str, ...]
    header_row: int
    sheets: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)


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
