"""Rows to observations: every cell checked, every problem recorded, nothing guessed."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from pledges import model
from pledges.ingest import decimals, matching, periods, readers, report, sniff, units

FRAME_COLUMNS = (
    "city",
    "pledge",
    "indicator",
    "period",
    "annual",
    "value",
    "unit",
    "source",
    "note",
    "method",
    "row",
)
_TARGET = re.compile(r"zielwert|\bziel\b|\btargets?\b", re.IGNORECASE)
# A leading quote our own export adds against formula injection; strip it so values round-trip.
_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")
# Plain numbers read without the general parser, when the file's decimal mark is certain.
_FAST = {".": re.compile(r"-?\d+(?:\.\d+)?"), ",": re.compile(r"-?\d+(?:,\d+)?")}


@dataclass(frozen=True, slots=True)
class Source:
    """Where a field comes from: column indices (joined), or a constant, and its label."""

    columns: tuple[int, ...] = ()
    constant: str | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class YearColumn:
    """One period column of a wide file."""

    index: int
    header: str
    period: periods.Period


@dataclass(frozen=True)
class Plan:
    """Everything decided about a file before its rows are read."""

    sources: Mapping[str, Source]
    number_format: decimals.NumberFormat
    first_row: int
    years: tuple[YearColumn, ...] = ()
    period_rule: periods.Rule | None = None
    indicator_values: Mapping[str, str | None] = field(default_factory=dict)
    unit_values: Mapping[str, str] = field(default_factory=dict)
    city_values: Mapping[str, str | None] = field(default_factory=dict)
    skip_unmapped: bool = False
    width: int = 0
    unnamed: tuple[int, ...] = ()


def empty_frame() -> pd.DataFrame:
    """The canonical frame with no rows, columns typed."""
    return long_frame({name: [] for name in FRAME_COLUMNS})


def cell_text(cell: readers.Cell) -> str:
    """A name or provenance cell as stored: cleaned, our export's anti-formula quote removed."""
    return _NEUTRALISED.sub("", sniff.clean(readers.text_of(cell)))


def observations(
    numbered: Iterable[tuple[int, Sequence[readers.Cell]]],
    plan: Plan,
    index: matching.Index,
    collector: report.Collector,
) -> pd.DataFrame:
    """Validate every row; the long frame when no error was found, else an empty one.

    Work is done column by column, each distinct name, unit and period checked once, so a
    200,000-row file is read in about a second; row issues are gathered, then added in row
    order so the report's cap keeps the first rows' problems.
    """
    pairs = list(numbered)
    blanks = _blanks([cells for _, cells in pairs])
    kept = [pair for pair, blank in zip(pairs, blanks, strict=True) if not blank]
    numbers = [row for row, _ in kept]
    rows = [cells for _, cells in kept]
    buffer = report.Collector(cap=sys.maxsize)
    if plan.unnamed or any(len(cells) > plan.width for cells in rows):
        for row, cells in kept:
            _unread(row, cells, plan, buffer)
    texts: dict[readers.Cell, str] = {}
    idents = list(
        zip(
            _texts(plan, "city", rows, texts),
            _texts(plan, "pledge", rows, texts),
            _texts(plan, "indicator", rows, texts),
            strict=True,
        )
    )
    resolved = {ident: _resolve(ident, plan, index) for ident in set(idents)}
    provenance = _Provenance(
        _texts(plan, "unit", rows, texts),
        _texts(plan, "source", rows, texts),
        _texts(plan, "note", rows, texts),
        _texts(plan, "method", rows, texts),
    )
    skipped: dict[str, int] = {}
    live: list[tuple[int, matching.Match, Shared]] = []
    conversions: dict[tuple[str, str], units.Conversion] = {}
    shared_rows: dict[tuple[str, ...], Shared] = {}
    for position, ident in enumerate(idents):
        resolution = resolved[ident]
        if resolution.skip is not None:
            skipped[resolution.skip] = skipped.get(resolution.skip, 0) + 1
            continue
        match = resolution.match
        if match.ref is None or match.indicator is None:
            _unknown(buffer, numbers[position], plan, match, resolution.ident)
            continue
        known = (
            match.indicator.unit,
            provenance.units[position],
            provenance.sources[position],
            provenance.notes[position],
            provenance.methods[position],
        )
        shared = shared_rows.get(known)
        if shared is None:
            shared = _shared(
                position, numbers[position], plan, match.indicator, provenance, conversions, buffer
            )
            if shared is None:
                continue  # not remembered: every row with the problem gets its own issue
            shared_rows[known] = shared
        live.append((position, match, shared))
    entries = _entries(live, rows, numbers, plan, buffer)
    out, seen = _values(entries, numbers, plan.number_format, buffer)
    for issue in sorted(buffer.kept, key=lambda issue: issue.row or 0):
        collector.add(issue)
    _duplicates(seen, collector)
    _skipped(skipped, collector)
    if collector.has_errors:
        return empty_frame()
    return long_frame(out)


@dataclass(frozen=True, slots=True)
class _Resolution:
    """What a (city, pledge, indicator) triple of a file stands for, found once per triple."""

    match: matching.Match
    ident: Mapping[str, str]
    skip: str | None = None


@dataclass(frozen=True, slots=True)
class _Provenance:
    """The per-row text columns that travel with every value of a row."""

    units: list[str]
    sources: list[str]
    notes: list[str]
    methods: list[str]


@dataclass(frozen=True, slots=True)
class _Entry:
    """One value cell to read: its row's position, the cell, its period and column label."""

    position: int
    cell: readers.Cell
    period: periods.Period
    label: str | None
    match: matching.Match
    shared: Shared


def _resolve(ident: tuple[str, str, str], plan: Plan, index: matching.Index) -> _Resolution:
    """Apply the mapping's value maps to a triple and find it in the catalog."""
    names = {"city": ident[0], "pledge": ident[1], "indicator": ident[2]}
    skipped: dict[str, int] = {}
    raw_indicator = names["indicator"]
    if not _translate(names, "indicator", plan.indicator_values, skipped):
        return _Resolution(matching.Match(None, None), names, raw_indicator)
    if plan.skip_unmapped and raw_indicator not in plan.indicator_values:
        return _Resolution(matching.Match(None, None), names, raw_indicator)
    if not _translate(names, "city", plan.city_values, skipped):
        return _Resolution(matching.Match(None, None), names, names["city"])
    return _Resolution(index.find(names["city"], names["pledge"], names["indicator"]), names)


def _blanks(rows: Sequence[Sequence[readers.Cell]]) -> list[bool]:
    """Which rows hold nothing but blanks (text rows checked in one join each)."""
    try:
        return [not "".join(cells).strip() for cells in rows]  # type: ignore[arg-type]
    except TypeError:
        return [not any(_filled(cell) for cell in cells) for cells in rows]


def _texts(
    plan: Plan, name: str, rows: Sequence[Sequence[readers.Cell]], texts: dict[readers.Cell, str]
) -> list[str]:
    """One field's cleaned text for every row: its columns joined, or its constant."""
    source = plan.sources.get(name)
    if source is None:
        return [""] * len(rows)
    if source.constant is not None:
        return [source.constant] * len(rows)
    columns = [
        [cells[column] if column < len(cells) else "" for cells in rows]
        for column in source.columns
    ]
    cleaned = []
    for raw_cells in columns:
        for raw in set(raw_cells) - texts.keys():
            texts[raw] = cell_text(raw)
        cleaned.append([texts[raw] for raw in raw_cells])
    if len(cleaned) == 1:
        return cleaned[0]
    return [" | ".join(part for part in parts if part) for parts in zip(*cleaned, strict=True)]


def _raw(plan: Plan, name: str, rows: Sequence[Sequence[readers.Cell]]) -> list[readers.Cell]:
    """One single-column field's raw cells (numbers and dates from XLSX kept typed)."""
    source = plan.sources[name]
    if source.constant is not None:
        return [source.constant] * len(rows)
    column = source.columns[0]
    return [cells[column] if column < len(cells) else "" for cells in rows]


def _entries(
    live: list[tuple[int, matching.Match, Shared]],
    rows: Sequence[Sequence[readers.Cell]],
    numbers: Sequence[int],
    plan: Plan,
    buffer: report.Collector,
) -> list[_Entry]:
    """The value cells to read with their periods: one per long row, one per filled year cell."""
    entries: list[_Entry] = []
    if plan.years:
        for position, match, shared in live:
            cells = rows[position]
            for year in plan.years:
                cell = cells[year.index] if year.index < len(cells) else ""
                if _filled(cell):  # an empty cell in a wide file is no observation, never a 0
                    entries.append(_Entry(position, cell, year.period, year.header, match, shared))
        return entries
    value_source, period_source = plan.sources["value"], plan.sources["period"]
    values, period_cells = _raw(plan, "value", rows), _raw(plan, "period", rows)
    parsed = {
        cell: periods.parse(cell, plan.period_rule)
        for cell in {period_cells[position] for position, _, _ in live}
    }
    for position, match, shared in live:
        period = parsed[period_cells[position]]
        row = numbers[position]
        if isinstance(period, periods.Refusal):
            buffer.add(_bad_period(row, period_source.label, period_cells[position], period))
            continue
        cell = values[position]
        if not _filled(cell):
            buffer.add(
                report.Issue(
                    "empty-value",
                    f"No value on this row ({_key_text(match.ref, period)}); it is skipped. "  # type: ignore[arg-type]
                    "Fill it in, or delete the row to silence this.",
                    row,
                    value_source.label,
                    "",
                    "a number",
                    "warning",
                )
            )
            continue
        entries.append(_Entry(position, cell, period, value_source.label, match, shared))
    return entries


def _values(
    entries: list[_Entry],
    numbers: Sequence[int],
    fmt: decimals.NumberFormat,
    buffer: report.Collector,
) -> tuple[dict[str, list[object]], dict[tuple[str, str, str, object], list[int]]]:
    """Read every value cell; the output columns and each key's rows."""
    seen: dict[tuple[str, str, str, object], list[int]] = {}
    fast = _FAST.get(fmt.decimal) if fmt.confirmed and not fmt.mixed else None
    good: list[_Entry] = []
    read: list[float] = []
    for entry in entries:
        cell = entry.cell
        if fast is not None and isinstance(cell, str) and fast.fullmatch(cell):
            read.append(float(cell.replace(",", ".")))
            good.append(entry)
            continue
        number = _number(cell, fmt)
        if number.value is None:
            buffer.add(
                report.Issue(
                    number.code or "bad-number",
                    _number_message(number, cell),
                    numbers[entry.position],
                    entry.label,
                    readers.text_of(cell),
                    number.expected,
                )
            )
            continue
        read.append(number.value)
        good.append(entry)
    refs = [entry.match.ref for entry in good]
    rows = [numbers[entry.position] for entry in good]
    dates = [entry.period.date for entry in good]
    for ref, date, row in zip(refs, dates, rows, strict=True):
        seen.setdefault((ref.city, ref.pledge, ref.indicator, date), []).append(row)  # type: ignore[union-attr]
    out: dict[str, list[object]] = {
        "city": [ref.city for ref in refs],  # type: ignore[union-attr]
        "pledge": [ref.pledge for ref in refs],  # type: ignore[union-attr]
        "indicator": [ref.indicator for ref in refs],  # type: ignore[union-attr]
        "period": dates,  # type: ignore[dict-item]
        "annual": [entry.period.annual for entry in good],
        "value": [
            entry.shared.conversion.apply(value) for entry, value in zip(good, read, strict=True)
        ],
        "unit": [entry.match.indicator.unit for entry in good],  # type: ignore[union-attr]
        "source": [entry.shared.source for entry in good],
        "note": [entry.shared.note for entry in good],
        "method": [entry.shared.method for entry in good],
        "row": rows,  # type: ignore[dict-item]
    }
    return out, seen


def _unread(
    row: int, cells: Sequence[readers.Cell], plan: Plan, collector: report.Collector
) -> None:
    """Report values nothing imports: past the header's end (an error), or under no name."""
    unnamed = [p for p in plan.unnamed if p < len(cells) and _filled(cells[p])]
    beyond = [p for p in range(plan.width, len(cells)) if _filled(cells[p])] if plan.width else []
    if beyond:
        shown = _shown_cells(cells, beyond)
        collector.add(
            report.Issue(
                "extra-cells",
                f"This row has {len(cells)} cells but the header only {plan.width} ({shown}); "
                "a value probably holds an unquoted delimiter, like a thousands separator. "
                "Quote it or remove the separator.",
                row,
                None,
                shown,
                f"{plan.width} cells",
            )
        )
    if unnamed:
        shown = _shown_cells(cells, unnamed)
        collector.add(
            report.Issue(
                "unread-cells",
                f"Values in columns without a header are not imported ({shown}). Give the "
                "column a header, or delete the values.",
                row,
                None,
                shown,
                None,
                "warning",
            )
        )


def _shown_cells(cells: Sequence[readers.Cell], positions: list[int]) -> str:
    """A few cells by column number, for a message."""
    return ", ".join(f"column {p + 1}: '{readers.text_of(cells[p])[:30]}'" for p in positions[:3])


def _translate(
    ident: dict[str, str],
    name: str,
    values: Mapping[str, str | None],
    skipped: dict[str, int],
) -> bool:
    """Apply the mapping's value map to one field; False when the row is to be skipped."""
    given = ident[name]
    if given not in values:
        return True
    mapped = values[given]
    if not mapped:
        skipped[given] = skipped.get(given, 0) + 1
        return False
    ident[name] = mapped
    return True


@dataclass(frozen=True, slots=True)
class Shared:
    """What a row gives every one of its values: unit conversion and provenance."""

    conversion: units.Conversion
    source: str
    note: str | None
    method: str | None


def _shared(
    position: int,
    row: int,
    plan: Plan,
    indicator: model.Indicator,
    provenance: _Provenance,
    conversions: dict[tuple[str, str], units.Conversion],
    collector: report.Collector,
) -> Shared | None:
    """Unit conversion and provenance of a row, or None after recording why not."""
    ok = True
    unit_source = plan.sources.get("unit")
    unit = provenance.units[position]
    unit = plan.unit_values.get(unit, unit)
    label = unit_source.label if unit_source else "unit"
    conversion = units.Conversion()
    if not unit:
        collector.add(
            report.Issue(
                "empty-value",
                f"No unit; the indicator '{indicator.key}' is measured in "
                f"'{indicator.unit}'. Give the unit, or choose it in the column mapping.",
                row,
                label,
                "",
                indicator.unit,
            )
        )
        ok = False
    else:
        conversion = conversions.get((unit, indicator.unit)) or units.conversion(
            unit, indicator.unit
        )
        conversions[(unit, indicator.unit)] = conversion
        if conversion.code:
            collector.add(
                report.Issue(
                    conversion.code,
                    f"{conversion.reason}; use '{indicator.unit}' or a unit convertible to it.",
                    row,
                    label,
                    unit,
                    indicator.unit,
                )
            )
            ok = False
    source = provenance.sources[position]
    if not source:
        source_label = plan.sources["source"].label if "source" in plan.sources else "source"
        collector.add(
            report.Issue(
                "empty-value",
                "No source; every value needs one (publisher and document). "
                "Fill it in, or set a source for the whole file in the column mapping.",
                row,
                source_label,
                "",
                "the publisher and document of the value",
            )
        )
        ok = False
    if not ok:
        return None
    note = provenance.notes[position] or None
    method = provenance.methods[position] or None
    return Shared(conversion, source, note, method)


def _unknown(
    collector: report.Collector,
    row: int,
    plan: Plan,
    match: matching.Match,
    ident: Mapping[str, str],
) -> None:
    """Record an unknown city, pledge or indicator, naming targets and unmapped values."""
    name = match.field or "indicator"
    source = plan.sources.get(name)
    label = source.label if source else name
    given = ident.get(name, "")
    code, message = match.code or f"unknown-{name}", match.message or ""
    if name == "indicator" and _TARGET.search(given):
        code = "target-not-observation"
        message = (
            f"'{given}' is a target, not an observation; targets belong in the pledge "
            "definition. Delete this row or map it to be skipped."
        )
    elif name == "indicator" and plan.indicator_values:
        message += f" Map '{given}' to an indicator, or mark it to be skipped."
    collector.add(report.Issue(code, message, row, label, given, match.expected))


def _bad_period(
    row: int, label: str | None, cell: readers.Cell, refusal: periods.Refusal
) -> report.Issue:
    """The issue for a period that is not a year or ISO date."""
    shown = readers.text_of(cell)
    return report.Issue(
        "bad-period", f"Period '{shown}' {refusal.reason}.", row, label, shown, periods.EXPECTED
    )


def _number(cell: readers.Cell, fmt: decimals.NumberFormat) -> decimals.Parsed:
    """A value cell as a number (spreadsheet numbers are already typed)."""
    if isinstance(cell, bool):
        return decimals.Parsed(None, "bad-number", "a number")
    if isinstance(cell, int | float):
        return decimals.finite(float(cell))
    return decimals.parse(str(cell), fmt)


def _number_message(number: decimals.Parsed, cell: readers.Cell) -> str:
    """What to do about a value that is not read."""
    shown = readers.text_of(cell)
    if number.code == "ambiguous-number":
        return (
            f"'{shown}' could be a thousands separator or a decimal mark; write the number "
            f"without thousands separators, or choose the file's decimal mark."
        )
    return f"'{shown}' is not a number; expected {number.expected}."


def _key_text(ref: model.IndicatorRef, period: periods.Period) -> str:
    """A row's key in words, for messages."""
    return f"{ref.indicator} {periods.write(period.date, period.annual)}"


def _cell(cells: Sequence[readers.Cell], source: Source) -> readers.Cell:
    """The raw cell of a single-column field."""
    if source.constant is not None:
        return source.constant
    column = source.columns[0]
    return cells[column] if column < len(cells) else ""


def _filled(cell: readers.Cell) -> bool:
    """True for a cell holding something other than blanks."""
    return not isinstance(cell, str) or bool(cell.strip())


def _duplicates(
    seen: dict[tuple[str, str, str, object], list[int]], collector: report.Collector
) -> None:
    """One `duplicate-key` issue on every row repeating a key, listing the rows it clashes with."""
    repeats: dict[int, list[tuple[tuple[str, str, str, object], list[int]]]] = {}
    for key, rows in seen.items():
        for row in rows[1:]:
            repeats.setdefault(row, []).append((key, rows))
    for row in sorted(repeats):
        clashes = repeats[row]
        (city, pledge, indicator, _), rows = clashes[0]
        dates = ", ".join(_period_text(key[3]) for key, _ in clashes[:5])
        dates += f" and {len(clashes) - 5} more" if len(clashes) > 5 else ""
        others = sorted({other for _, rows_of in clashes for other in rows_of if other != row})
        listed = ", ".join(str(other) for other in others[:10]) or str(row)
        listed += f" and {len(others) - 10} more" if len(others) > 10 else ""
        collector.add(
            report.Issue(
                "duplicate-key",
                f"{city} / {pledge} / {indicator} for {dates} is also on row(s) {listed}; "
                "keep one row per city, pledge, indicator and period.",
                row,
                None,
                listed,
                "one row per city, pledge, indicator and period",
            )
        )


def _period_text(date: object) -> str:
    """A key's period for a message."""
    return date.isoformat() if hasattr(date, "isoformat") else str(date)


def _skipped(skipped: dict[str, int], collector: report.Collector) -> None:
    """A warning counting rows left out on purpose by the value map."""
    if skipped:
        names = sorted(skipped.items(), key=lambda item: (-item[1], item[0]))
        listed = "; ".join(f"'{name}' ({count})" for name, count in names[:10])
        if len(names) > 10:
            listed += f"; and {len(names) - 10} more values ({sum(c for _, c in names[10:])} rows)"
        collector.add(
            report.Issue(
                "skipped-rows",
                f"Rows skipped as the column mapping asks: {listed}.",
                None,
                None,
                None,
                None,
                "warning",
            )
        )


def long_frame(out: Mapping[str, Sequence[object]]) -> pd.DataFrame:
    """The long frame with its documented dtypes (text as objects, None kept as None)."""
    dtypes = {"annual": "bool", "value": "float64", "row": "int64"}
    return pd.DataFrame(
        {name: pd.Series(out[name], dtype=dtypes.get(name, object)) for name in FRAME_COLUMNS}
    )
