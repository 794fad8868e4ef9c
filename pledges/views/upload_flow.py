"""The Upload page's decisions as plain functions: choices in, tables out."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from pledges import ingest, model, settings
from pledges.ingest import export, readers, sniff
from pledges.ingest import mapping as column_mapping
from pledges.ingest import periods as period_rules
from pledges.ingest import preview as upload_preview
from pledges.ingest import report as upload_report

PROBLEM_COLUMNS = ["code", "row", "column", "value", "message", "expected"]
WARNING_COLUMNS = ["code", "row", "column", "value", "message"]
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
_ENCODING_WORDS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}
_DEFAULT_HEADERS = [set(column_mapping.REQUIRED), set(column_mapping.WIDE_KEYS)]
_MAPPING_CODES = ("missing-column", "preamble")
_LAYOUT_WORDS = {
    "long": "long (one value a row)",
    "wide": "wide (one column a year)",
    "xlsx-long": "Excel, long (one value a row)",
    "xlsx-wide": "Excel, wide (one column a year)",
}


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
    column: str,
    sheet: str | None = None,
    delimiter: str | None = None,
    skip_rows: int | None = None,
    limit: int = 200,
) -> list[str]:
    """The different values of one column below the header, in file order (at most `limit`)."""
    records = _records(data, sheet, delimiter)
    found = peek(data, sheet, delimiter, skip_rows)
    if records is None or found is None:
        return []
    header = [sniff.clean(readers.text_of(cell)) for cell in records[found.header_row - 1]]
    if column not in header:
        return []
    position = header.index(column)
    seen: dict[str, None] = {}
    for record in records[found.header_row :]:
        if position < len(record):
            text = sniff.clean(readers.text_of(record[position]))
            if text:
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
    columns: Mapping[str, str | None],
    constants: Mapping[str, str | None],
    indicator_values: Mapping[str, str | None] | None = None,
    skip_rows: int | None = None,
    filter_column: str | None = None,
    filter_values: str = "",
    skip_unmapped: bool = False,
    city_values: Mapping[str, str | None] | None = None,
) -> column_mapping.ColumnMapping:
    """A column mapping from the form: blanks left out, a constant only where no column is.

    A file value left unmapped keeps its own text (it may already be an indicator's id or
    name); `skip_unmapped` skips the rows whose value is still unknown.
    """
    chosen = {name: header for name, header in columns.items() if header}
    fixed = {
        name: value.strip()
        for name, value in constants.items()
        if value and value.strip() and name not in chosen
    }
    values = _value_map(indicator_values)
    wanted = tuple(part.strip() for part in filter_values.split(",") if part.strip())
    filters = {filter_column: wanted} if filter_column and wanted else {}
    return column_mapping.ColumnMapping(
        columns=chosen,
        constants=fixed,
        indicator_values=values,
        city_values=_value_map(city_values),
        skip_rows=skip_rows,
        filters=filters,
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


def detected(result: ingest.Result) -> dict[str, str]:
    """What the importer found out about the file, in words for the page."""
    names = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
    return {
        "Encoding": _ENCODING_WORDS.get(result.encoding or "", result.encoding)
        or ("Excel workbook" if result.sheet else "not read"),
        "Delimiter": names.get(result.delimiter or "", result.delimiter or "—"),
        "Decimal mark": {".": "point", ",": "comma"}.get(result.decimal or "", "—"),
        "Layout": _LAYOUT_WORDS.get(result.layout or "", "not read"),
        "Sheet": result.sheet or "—",
        "Header row": "—" if result.header_row is None else str(result.header_row),
    }


def problems_table(found: upload_report.Report) -> pd.DataFrame:
    """The blocking problems as a table (code, row, column, value, message, expected)."""
    frame = _blank_missing(found.to_frame())
    return frame[frame["severity"] == "error"][PROBLEM_COLUMNS].reset_index(drop=True)


def problem_lines(found: upload_report.Report, limit: int = 20) -> list[str]:
    """The first blocking problems as whole sentences, for reading on a narrow screen."""
    out = []
    for issue in found.errors[:limit]:
        where = ", ".join(
            part
            for part in (
                "" if issue.row is None else f"row {issue.row}",
                f"column {issue.column}" if issue.column else "",
            )
            if part
        )
        out.append(f"{where or 'file'} ({issue.code}): {issue.message}")
    return out


def needs_mapping(found: upload_report.Report) -> bool:
    """True when the file's headers are not the upload format's (the mapping form helps)."""
    return any(issue.code in _MAPPING_CODES for issue in found.errors)


def _blank_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Empty text instead of None in the text columns, so the table reads cleanly."""
    for name in ("column", "value", "expected"):
        frame[name] = frame[name].astype(object).where(frame[name].notna(), "")
    return frame


def warnings_table(
    found: upload_report.Report,
    compared: upload_preview.Preview | None = None,
    limit: int = upload_report.DEFAULT_CAP,
) -> pd.DataFrame:
    """The first problems that do not block (preamble skipped, unusual values) as a table."""
    issues = list(found.warnings) + list(compared.warnings if compared else ())
    frame = _blank_missing(upload_report.Report(tuple(issues[:limit])).to_frame())
    return frame[WARNING_COLUMNS].reset_index(drop=True)


def warning_count(found: upload_report.Report, compared: upload_preview.Preview | None) -> int:
    """How many things do not block, the ones past the report's cap included."""
    more = found.more - found.more_errors
    return len(found.warnings) + more + len(compared.warnings if compared else ())


def notes_sentence(count: int, shown: int | None = None) -> str:
    """The heading of the warnings that do not block the import."""
    noun = "thing" if count == 1 else "things"
    listed = f" The first {shown:,} are listed." if shown is not None and shown < count else ""
    return (
        f"{count:,} {noun} worth a look (skipped rows, unusual values). They do not block.{listed}"
    )


def rest_note(found: upload_report.Report) -> str | None:
    """A sentence counting the problems past the cap, when there are any."""
    if not found.more:
        return None
    errors = f" ({found.more_errors:,} of them errors)" if found.more_errors else ""
    return (
        f"{found.more:,} more problems are not listed{errors}. "
        "Fix the ones shown and upload again to see the rest."
    )


def refusal_sentence(found: upload_report.Report) -> str:
    """One sentence saying how many problems block the file."""
    count = len(found.errors) + found.more_errors
    noun = "problem" if count == 1 else "problems"
    return f"The file was not imported: {count:,} {noun} to fix. Nothing was stored."


def counts_table(compared: upload_preview.Preview) -> pd.DataFrame:
    """Rows added, changed and unchanged per indicator."""
    return compared.counts.reset_index(drop=True)


def changes_table(compared: upload_preview.Preview) -> pd.DataFrame:
    """Every changed row as old -> new, with the fields that differ."""
    rows = compared.rows[compared.rows["status"] == "changed"]
    out = []
    for record in rows.to_dict("records"):
        differs = [
            name
            for name in upload_preview.COMPARED
            if _shown(record[f"old_{name}"]) != _shown(record[f"new_{name}"])
        ]
        out.append(
            {
                "row": record["row"],
                "city": record["city"],
                "indicator": record["indicator"],
                "period": _period_text(record["period"]),
                "old -> new": f"{_shown(record['old_value'])} -> {_shown(record['new_value'])}",
                "what changes": ", ".join(differs),
            }
        )
    columns = ["row", "city", "indicator", "period", "old -> new", "what changes"]
    frame = pd.DataFrame(out, columns=columns)
    frame["row"] = frame["row"].astype("Int64")
    return frame


def preview_sentence(
    compared: upload_preview.Preview, earlier: model.Batch | None = None
) -> tuple[bool, str]:
    """Whether committing would change anything, and the sentence that says so."""
    total = len(compared.rows)
    if earlier is not None:
        return False, (
            f"This exact file was already imported as batch {earlier.id} on "
            f"{earlier.committed_at:%Y-%m-%d %H:%M} UTC by {earlier.user}; importing it again "
            "adds nothing."
        )
    if compared.added == 0 and compared.changed == 0:
        return False, (
            f"This file adds nothing: all {total:,} rows are already stored with the same values."
        )
    return True, (
        f"Committing adds {compared.added:,} rows, changes {compared.changed:,} and leaves "
        f"{compared.unchanged:,} unchanged, as one batch that can be undone."
    )


def batch_sentence(batch: model.Batch) -> str:
    """What a commit did, for the message after it."""
    if batch.status == "duplicate":
        return (
            f"Nothing stored: this file was already imported as batch {batch.id}; it adds nothing."
        )
    return (
        f"Committed batch {batch.id}: {batch.added:,} added, {batch.changed:,} changed, "
        f"{batch.unchanged:,} unchanged."
    )


def progress_fraction(done: int, total: int) -> float:
    """Share of rows written, for `st.progress` (0 to 1)."""
    if total <= 0:
        return 1.0
    return min(max(done / total, 0.0), 1.0)


def _shown(value: object) -> str:
    """A cell of the preview as short text ("" for missing)."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    if isinstance(value, float):
        return export.number(value)
    return str(value)


def _period_text(value: object) -> str:
    """A period date of the preview as text, written as the upload format writes it."""
    return period_rules.write(pd.Timestamp(value).date(), None)
