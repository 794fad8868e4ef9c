"""What each column means: long or wide, mapped or canonical, and which rows to keep."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from pledges import translation
from pledges.ingest import report
from pledges.ingest.checking import validate
from pledges.ingest.reading import decimals, header, periods, readers, sniff
from pledges.ingest.reading import mapping as column_mapping

_YEAR_HEADER = re.compile(r"^\d{4}(?:-\d{2}-\d{2})?$")


def plan(
    found: header.Found,
    data_rows: Sequence[Sequence[readers.Cell]],
    delimiter: str | None,
    decimal: decimals.Decimal | None,
    period_rule: periods.Rule | None,
    collector: report.Collector,
) -> validate.Plan | None:
    """Decide each field's source, long or wide, and the number format; None on errors."""
    mapping = found.mapping or column_mapping.ColumnMapping()
    for template, name in mapping.problems():
        collector.add(
            report.said(
                "bad-mapping", template, {"name": name}, expected=", ".join(column_mapping.FIELDS)
            )
        )
    sources: dict[str, validate.Source] = {}
    errors_before = collector.error_count
    for name in column_mapping.FIELDS:
        source = _source(name, mapping, found, collector)
        if source is not None:
            sources[name] = source
    years: tuple[validate.YearColumn, ...] = ()
    if "period" not in sources and "value" not in sources:
        years = _years(found, mapping, sources)
    required = [
        name for name in column_mapping.REQUIRED if not (years and name in ("period", "value"))
    ]
    for name in required:
        if name not in sources:
            collector.add(header.missing_column(name, found.header_index + 1, found.names))
    if collector.error_count > errors_before:
        return None
    _ignored(found, mapping, sources, years, collector)
    cells = _value_cells(data_rows, sources.get("value"), years)
    if decimal is not None:
        fmt = decimals.NumberFormat(decimal, True)
    else:
        default: decimals.Decimal = "," if delimiter == ";" else "."
        # No convention settles `1.577`: in a European file it is 1577 even between commas.
        fmt = decimals.sniff(cells, default, False)
    if fmt.mixed:
        collector.add(
            report.said(
                "ambiguous-number",
                translation.N_(
                    "Cannot read numbers unambiguously: this file has '{point}' (decimal point?)"
                    " and '{comma}' (decimal comma?). Export plain numbers with one decimal mark"
                    " and no thousands separators, or choose the decimal mark."
                ),
                {"point": fmt.examples[0], "comma": fmt.examples[1]},
                None,
                None,
                " / ".join(fmt.examples),
                report.phrase(translation.N_("one decimal mark and no thousands separators")),
            )
        )
    return validate.Plan(
        sources,
        fmt,
        found.header_index + 2,
        years,
        period_rule,
        dict(mapping.indicator_values),
        dict(mapping.unit_values),
        dict(mapping.city_values),
        mapping.skip_unmapped,
        len(found.names),
        tuple(position for position, name in enumerate(found.names) if not name),
    )


def _source(
    name: str,
    mapping: column_mapping.ColumnMapping,
    found: header.Found,
    collector: report.Collector,
) -> validate.Source | None:
    """Where one field comes from: mapped headers, a constant, or a header of its own name."""
    headers = mapping.headers(name)
    if not headers and name in mapping.constants:
        return validate.Source(constant=mapping.constants[name], label=name)
    if not headers and name in found.positions:
        headers = (found.names[found.positions[name][0]],)
    if not headers:
        return None
    columns = []
    for name_in_file in headers:
        positions = found.positions.get(sniff.normalise(name_in_file), [])
        if not positions:
            collector.add(header.missing_column(name_in_file, found.header_index + 1, found.names))
            continue
        if len(positions) > 1:
            collector.add(
                report.said(
                    "duplicate-column",
                    translation.N_(
                        "The header names '{name}' {count} times (columns {positions}); rename"
                        " them so each is unique."
                    ),
                    {
                        "name": name_in_file,
                        "count": len(positions),
                        "positions": ", ".join(str(p + 1) for p in positions),
                    },
                    found.header_index + 1,
                    name_in_file,
                    name_in_file,
                    report.phrase(translation.N_("unique column names")),
                )
            )
            continue
        columns.append(positions[0])
    return validate.Source(columns=tuple(columns), label=" + ".join(headers))


def _years(
    found: header.Found, mapping: column_mapping.ColumnMapping, sources: dict[str, validate.Source]
) -> tuple[validate.YearColumn, ...]:
    """The period columns of a wide file: chosen in the mapping, or every year-like header."""
    used = {column for source in sources.values() for column in source.columns}
    chosen = {sniff.normalise(name) for name in mapping.year_columns}
    out = []
    for position, name in enumerate(found.names):
        if position in used:
            continue
        if chosen and sniff.normalise(name) not in chosen:
            continue
        if not chosen and not _YEAR_HEADER.match(name):
            continue
        parsed = periods.parse(name, None)
        if isinstance(parsed, periods.Period):
            out.append(validate.YearColumn(position, name, parsed))
    return tuple(out)


def _ignored(
    found: header.Found,
    mapping: column_mapping.ColumnMapping,
    sources: dict[str, validate.Source],
    years: tuple[validate.YearColumn, ...],
    collector: report.Collector,
) -> None:
    """A warning naming the columns nothing reads, so no one wonders where they went."""
    used = {column for source in sources.values() for column in source.columns}
    used |= {year.index for year in years}
    filters = {sniff.normalise(name) for name in mapping.filters}
    ignored = [
        name
        for position, name in enumerate(found.names)
        if name and position not in used and sniff.normalise(name) not in filters
    ]
    if ignored:
        shown = ", ".join(f"'{name}'" for name in ignored[:12])
        more = len(ignored) > 12
        collector.add(
            report.said(
                "ignored-column",
                translation.N_("Columns not imported: {shown}.")
                if not more
                else translation.N_("Columns not imported: {shown} and {more} more."),
                {"shown": shown, "more": len(ignored) - 12},
                found.header_index + 1,
                None,
                None,
                None,
                "warning",
            )
        )


def _value_cells(
    data_rows: Sequence[Sequence[readers.Cell]],
    value: validate.Source | None,
    years: tuple[validate.YearColumn, ...],
) -> Iterator[str]:
    """Text cells of the value column(s), for the decimal sniff."""
    columns = [year.index for year in years] if years else list(value.columns if value else ())
    for record in data_rows:
        for column in columns:
            if column < len(record) and isinstance(record[column], str):
                yield record[column]  # type: ignore[misc]


def filtered(
    data_rows: Sequence[Sequence[readers.Cell]],
    found: header.Found,
    first_row: int,
    collector: report.Collector,
) -> list[tuple[int, Sequence[readers.Cell]]]:
    """Data rows with their spreadsheet row numbers, keeping only those the filters allow."""
    numbered = [(first_row + offset, record) for offset, record in enumerate(data_rows)]
    mapping = found.mapping
    if mapping is None or not mapping.filters:
        return numbered
    tests = []
    for name_in_file, values in mapping.filters.items():
        positions = found.positions.get(sniff.normalise(name_in_file), [])
        if not positions:
            collector.add(header.missing_column(name_in_file, found.header_index + 1, found.names))
            continue
        tests.append((positions[0], {sniff.clean(value) for value in values}))
    # Whole cells compared exactly (case, commas and quotes kept; a blank cell is ""): only
    # invisible characters and outer spaces, which no one can see in a spreadsheet, are dropped.
    kept = [
        (row, record)
        for row, record in numbered
        if all(
            sniff.clean(readers.text_of(record[column]) if column < len(record) else "") in allowed
            for column, allowed in tests
        )
    ]
    collector.add(
        report.said(
            "filtered",
            translation.N_("Kept {kept} of {rows} rows ({filters})."),
            {
                "kept": float(len(kept)),
                "rows": float(len(numbered)),
                "filters": _filters(list(mapping.filters.items())),
            },
            severity="warning",
        )
    )
    return kept


def _filters(filters: list[tuple[str, Sequence[str]]]) -> report.Value:
    """The filters in a message ("city = 'A' or 'B'; sector = (blank)"), as a phrase."""
    name, values = filters[-1]
    one = report.phrase(
        translation.N_("{name} = {values}"),
        {"name": name, "values": report.either([_shown_value(value) for value in values])},
    )
    if len(filters) == 1:
        return one
    return report.phrase(
        translation.N_("{first}; {last}"), {"first": _filters(filters[:-1]), "last": one}
    )


def _shown_value(value: str) -> report.Value:
    """A filter value in a message: quoted, so commas inside it read as its own; blank named."""
    return f"'{value}'" if value.strip() else report.phrase(translation.N_("(blank)"))
