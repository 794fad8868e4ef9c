"""The importer: bytes in, a validated long frame and a report of every problem out; no writes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from pledges import model, settings, translation
from pledges.ingest import report
from pledges.ingest.checking import clean, matching, plausible, validate
from pledges.ingest.reading import canonical, header, layout, readers, sniff
from pledges.ingest.reading import mapping as column_mapping
from pledges.ingest.reading import periods as period_rules

Layout = Literal["long", "wide", "xlsx-long", "xlsx-wide"]
MEGABYTE = settings.MEGABYTE


@dataclass(frozen=True)
class Options:
    """Choices the user makes on the Upload page (all optional).

    `period_rule` reads ranges, fiscal years and months by their start or end; `delimiter`
    and `decimal` override the sniffed ones; `cap` is how many issues the report keeps.
    `max_bytes` and `max_rows` are limits only when a caller sets them (the web's Upload page
    sets the settings' limits, `service.uploads.web_options`); `max_cells` and
    `max_unzipped_bytes` bound a workbook always.
    """

    mapping: column_mapping.ColumnMapping | None = None
    sheet: str | None = None
    period_rule: period_rules.Rule | None = None
    max_bytes: int | None = None
    max_rows: int | None = None
    max_cells: int = readers.MAX_CELLS
    max_unzipped_bytes: int = readers.MAX_UNZIPPED_BYTES
    delimiter: str | None = None
    decimal: Literal[".", ","] | None = None
    encoding: Literal["utf-8", "cp1252"] | None = None  # a text file's, when not detected
    cap: int = report.DEFAULT_CAP
    row_offset: int = 0  # added to data rows' numbers, for a chunk of a larger file
    # The caller's today (from its clock): periods after it are refused. None checks nothing.
    today: dt.date | None = None


@dataclass(frozen=True)
class Result:
    """What a file holds: the canonical long frame (empty on any error) and the report."""

    frame: pd.DataFrame
    report: report.Report
    sha256: str  # the import's identity: the bytes' sha256, with the reading choices if any
    encoding: str | None = None
    delimiter: str | None = None
    decimal: str | None = None
    layout: Layout | None = None
    sheet: str | None = None
    header_row: int | None = None
    decimal_confirmed: bool = False  # a cell proved the decimal mark (or the user chose it)
    kept: tuple[str, ...] = ()  # optional columns the file lacks: what is stored stays


# Columns a file may leave out; leaving one out keeps the stored cells, it never clears them.
OPTIONAL = ("method", "note")


def read(
    data: bytes,
    file_name: str,
    catalog: Mapping[model.IndicatorRef, model.Indicator],
    options: Options | None = None,
) -> Result:
    """Read and validate one uploaded file; every problem is in the report, none is raised."""
    return _read(data, file_name, catalog, options or Options(), True)


def read_general(
    data: bytes,
    file_name: str,
    catalog: Mapping[model.IndicatorRef, model.Indicator],
    options: Options | None = None,
) -> Result:
    """`read` without the canonical fast path, so tests can hold the two to the same answers."""
    return _read(data, file_name, catalog, options or Options(), False)


def identity(file_sha256: str, options: Options) -> str:
    """What names an import: the file's bytes, and the mapping and reading choices when any
    are made, so the same file under another filter (a second series) is another import."""
    choices = {
        "mapping": None if options.mapping is None else options.mapping.to_json(),
        "sheet": options.sheet,
        "period_rule": options.period_rule,
        "delimiter": options.delimiter,
        "decimal": options.decimal,
    }
    if options.mapping == column_mapping.ColumnMapping():
        choices["mapping"] = None
    if options.encoding is not None:  # named only when chosen: older identities stay the same
        choices["encoding"] = options.encoding
    if not any(choices.values()):
        return file_sha256
    text = json.dumps(choices, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{file_sha256}\n{text}".encode()).hexdigest()


def too_large(size: int, limit: int) -> report.Issue:
    """The issue for a file over the upload's size limit."""
    return report.said(
        "file-too-large",
        translation.N_(
            "The file is {size} MB; the limit is {limit} MB. Split it (for example by city or"
            " indicator) and upload the parts, or import it from the command line, which has no"
            " limit unless --max-mb sets one."
        ),
        {"size": f"{size / MEGABYTE:.1f}", "limit": f"{limit / MEGABYTE:.1f}"},
        value=str(size),
        expected=report.phrase(translation.N_("at most {limit} bytes"), {"limit": limit}),
    )


def _read(
    data: bytes,
    file_name: str,
    catalog: Mapping[model.IndicatorRef, model.Indicator],
    options: Options,
    fast: bool,
) -> Result:
    """`read`, with or without trying the canonical fast path first."""
    collector = report.Collector(cap=options.cap)
    digest = identity(hashlib.sha256(data).hexdigest(), options)
    if options.max_bytes is not None and len(data) > options.max_bytes:
        collector.add(too_large(len(data), options.max_bytes))
        return _refused(collector, digest)
    kind = sniff.file_kind(data)
    if kind in ("xls", "binary"):
        collector.add(
            report.said(
                "not-csv-xlsx",
                _not_csv_message(kind),
                {"file": file_name},
                expected=report.phrase(translation.N_("a CSV (UTF-8) or .xlsx file")),
            )
        )
        return _refused(collector, digest)
    if kind == "xlsx":
        # The whole sheet may hold a preamble and a header above the rows the cap counts.
        rows_cap = None if options.max_rows is None else options.max_rows + header.SEARCH_ROWS
        limits = readers.WorkbookLimits(rows_cap, options.max_cells, options.max_unzipped_bytes)
        records = readers.read_xlsx(data, options.sheet, limits)
        if isinstance(records, readers.Failure):
            collector.add(report.said(records.code, records.template, dict(records.values)))
            return _refused(collector, digest)
        clean.control_issues(records.rows, options.row_offset, collector)
        if collector.has_errors:
            return _refused(collector, digest, sheet=records.sheet)
        if records.percent_cells:
            collector.add(
                report.said(
                    "percent-format",
                    translation.N_(
                        "{count} cells are formatted as percentages (the first is {first}). The"
                        " rule: a percent-formatted cell is read as shown, so 0.34 shown as 34% is"
                        " read as 34; give their unit as %."
                    ),
                    {"count": f"{records.percent_cells:,}", "first": records.first_percent or ""},
                    value=records.first_percent,
                    expected=report.phrase(translation.N_("values in the unit of the unit column")),
                    severity="warning",
                )
            )
        found = header.locate(records.rows, None, options.mapping, collector)
        return _finish(
            records.rows,
            found,
            options,
            catalog,
            collector,
            digest,
            sheet=records.sheet,
            prefix="xlsx-",
        )
    fast_choices = options.encoding in (None, "utf-8") and options.decimal in (None, ".")
    if fast and fast_choices and options.delimiter in (None, ","):
        found = canonical.read(
            data,
            catalog,
            options.mapping,
            options.period_rule,
            options.max_rows,
            options.row_offset,
        )
        if found is not None and not plausible.suspicious(found.frame, catalog, options.today):
            return Result(
                found.frame,
                collector.finish(),
                digest,
                encoding=found.encoding,
                delimiter=",",
                decimal=".",
                layout="long",
                header_row=1,
                decimal_confirmed=found.proven,
                kept=found.absent,
            )
    decoded = sniff.read_text(data, options.encoding)
    if isinstance(decoded, sniff.Undecodable):
        collector.add(clean.encoding_issue(data, decoded, options.delimiter))
        return _refused(collector, digest, encoding=decoded.encoding)
    if decoded is None:
        collector.add(
            report.said(
                "encoding",
                translation.N_(
                    "The file is neither UTF-8 nor Windows-1252 text. Save it again as CSV (UTF-8)."
                ),
                expected="UTF-8",
            )
        )
        return _refused(collector, digest)
    text, encoding = decoded
    delimiter = options.delimiter or sniff.delimiter(text, header.wanted_headers(options.mapping))
    records = readers.read_csv(text, delimiter)
    if isinstance(records, readers.Failure):
        collector.add(report.said(records.code, records.template, dict(records.values)))
        return _refused(collector, digest, encoding=encoding, delimiter=delimiter)
    if readers.has_control(text):
        clean.control_issues(records.rows, options.row_offset, collector)
        if collector.has_errors:
            return _refused(collector, digest, encoding=encoding, delimiter=delimiter)
    found = _locate_csv(text, records.rows, delimiter, options, collector)
    return _finish(
        records.rows,
        found,
        options,
        catalog,
        collector,
        digest,
        encoding=encoding,
        delimiter=delimiter,
    )


def _locate_csv(
    text: str,
    rows: list[list[readers.Cell]],
    delimiter: str,
    options: Options,
    collector: report.Collector,
) -> header.Found | None:
    """The header of a CSV; a wrong chosen delimiter is named instead of missing columns."""
    trial = report.Collector(cap=options.cap)
    found = header.locate(rows, delimiter, options.mapping, trial)
    if found is None and options.delimiter is not None:
        sniffed = sniff.delimiter(text, header.wanted_headers(options.mapping))
        if sniffed != delimiter:
            name: report.Value = (
                report.phrase(sniff.DELIMITER_NAMES[sniffed])
                if sniffed in sniff.DELIMITER_NAMES
                else sniffed
            )
            collector.add(
                report.said(
                    "wrong-delimiter",
                    translation.N_(
                        "The header is not found when splitting on '{delimiter}' — is this file"
                        " {name}-separated? Choose '{sniffed}' as the delimiter."
                    ),
                    {"delimiter": delimiter, "name": name, "sniffed": sniffed},
                    1,
                    None,
                    delimiter,
                    sniffed,
                )
            )
            return None
    for issue in trial.kept:
        collector.add(issue)
    return found


def _finish(
    rows: list[list[readers.Cell]],
    found: header.Found | None,
    options: Options,
    catalog: Mapping[model.IndicatorRef, model.Indicator],
    collector: report.Collector,
    digest: str,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    prefix: str = "",
) -> Result:
    """Plan the columns, then validate the rows below the header."""
    header_row = None if found is None else found.header_index + 1
    base = {"encoding": encoding, "delimiter": delimiter, "sheet": sheet, "header_row": header_row}
    if found is None:
        return _refused(collector, digest, **base)
    data_rows = rows[found.header_index + 1 :]
    if options.max_rows is not None and len(data_rows) > options.max_rows:
        collector.add(
            report.said(
                "too-many-rows",
                translation.N_(
                    "The file has {rows} rows; the limit is {limit}. Split it and upload the parts."
                ),
                {"rows": f"{len(data_rows):,}", "limit": f"{options.max_rows:,}"},
                value=str(len(data_rows)),
                expected=report.phrase(
                    translation.N_("at most {limit} rows"), {"limit": options.max_rows}
                ),
            )
        )
        return _refused(collector, digest, **base)
    plan = layout.plan(found, data_rows, delimiter, options.decimal, options.period_rule, collector)
    if plan is None:
        return _refused(collector, digest, **base)
    first_row = found.header_index + 2 + options.row_offset
    kept = layout.filtered(data_rows, found, first_row, collector)
    frame = validate.observations(kept, plan, matching.indexed(catalog), collector, options.today)
    if frame.empty and not collector.has_errors:
        collector.add(report.nothing_to_import())
    shape: Layout = f"{prefix}{'wide' if plan.years else 'long'}"  # type: ignore[assignment]
    fmt = plan.number_format
    return Result(
        frame,
        collector.finish(),
        digest,
        layout=shape,
        decimal=fmt.decimal,
        decimal_confirmed=fmt.confirmed and not fmt.mixed,
        kept=tuple(name for name in OPTIONAL if name not in plan.sources),
        **base,
    )


def _refused(collector: report.Collector, digest: str, **found: object) -> Result:
    """A result with no frame, for a file refused before its rows were read."""
    return Result(validate.empty_frame(), collector.finish(), digest, **found)  # type: ignore[arg-type]


def _not_csv_message(kind: str) -> str:
    """Tell the user what the file is and what to upload instead (a template: `{file}`)."""
    if kind == "xls":
        return translation.N_(
            "'{file}' is an old Excel workbook (.xls). Save the sheet you want as .xlsx or as CSV"
            " (UTF-8) and upload that."
        )
    return translation.N_(
        "'{file}' is not a CSV or Excel file (it holds binary data). Upload the data as CSV"
        " (UTF-8) or .xlsx."
    )
