"""Rows to observations: every cell checked, every problem recorded, nothing guessed."""

from __future__ import annotations

import re
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
    return _frame({name: [] for name in FRAME_COLUMNS})


def observations(
    numbered: Iterable[tuple[int, Sequence[readers.Cell]]],
    plan: Plan,
    index: matching.Index,
    collector: report.Collector,
) -> pd.DataFrame:
    """Validate every row; the long frame when no error was found, else an empty one."""
    out: dict[str, list[object]] = {name: [] for name in FRAME_COLUMNS}
    seen: dict[tuple[str, str, str, object], list[int]] = {}
    skipped: dict[str, int] = {}
    value_source = plan.sources.get("value")
    period_source = plan.sources.get("period")
    for row, cells in numbered:
        if not any(_filled(cell) for cell in cells):
            continue
        _unread(row, cells, plan, collector)
        ident = {name: _field_text(plan, name, cells) for name in ("city", "pledge", "indicator")}
        raw_indicator = ident["indicator"]
        if not _translate(ident, "indicator", plan.indicator_values, skipped):
            continue
        if plan.skip_unmapped and ident["indicator"] == raw_indicator:
            if raw_indicator not in plan.indicator_values:
                skipped[raw_indicator] = skipped.get(raw_indicator, 0) + 1
                continue
        if not _translate(ident, "city", plan.city_values, skipped):
            continue
        match = index.find(ident["city"], ident["pledge"], ident["indicator"])
        if match.ref is None or match.indicator is None:
            _unknown(collector, row, plan, match, ident)
            continue
        shared = _shared(cells, row, plan, match.indicator, collector)
        if shared is None:
            continue
        if plan.years:
            cells_periods = [
                (cells[year.index] if year.index < len(cells) else "", year.period, year.header)
                for year in plan.years
            ]
        else:
            assert value_source is not None and period_source is not None
            cell = _cell(cells, value_source)
            period_cell = _cell(cells, period_source)
            parsed = periods.parse(period_cell, plan.period_rule)
            if isinstance(parsed, periods.Refusal):
                collector.add(_bad_period(row, period_source.label, period_cell, parsed))
                continue
            if not _filled(cell):
                collector.add(
                    report.Issue(
                        "empty-value",
                        f"No value on this row ({_key_text(match.ref, parsed)}); "
                        "it is skipped. Fill it in, or delete the row to silence this.",
                        row,
                        value_source.label,
                        "",
                        "a number",
                        "warning",
                    )
                )
                continue
            cells_periods = [(cell, parsed, value_source.label)]
        for cell, period, label in cells_periods:
            if not _filled(cell):
                continue  # an empty cell in a wide file is no observation, never a zero
            number = _number(cell, plan.number_format)
            if number.value is None:
                collector.add(
                    report.Issue(
                        number.code or "bad-number",
                        _number_message(number, cell),
                        row,
                        label,
                        readers.text_of(cell),
                        number.expected,
                    )
                )
                continue
            key = (match.ref.city, match.ref.pledge, match.ref.indicator, period.date)
            seen.setdefault(key, []).append(row)
            out["city"].append(match.ref.city)
            out["pledge"].append(match.ref.pledge)
            out["indicator"].append(match.ref.indicator)
            out["period"].append(period.date)
            out["annual"].append(period.annual)
            out["value"].append(shared.conversion.apply(number.value))
            out["unit"].append(match.indicator.unit)
            out["source"].append(shared.source)
            out["note"].append(shared.note)
            out["method"].append(shared.method)
            out["row"].append(row)
    _duplicates(seen, collector)
    _skipped(skipped, collector)
    if collector.has_errors:
        return empty_frame()
    return _frame(out)


def _unread(
    row: int, cells: Sequence[readers.Cell], plan: Plan, collector: report.Collector
) -> None:
    """Warn about values in columns with no header, which nothing imports."""
    positions = [p for p in plan.unnamed if p < len(cells) and _filled(cells[p])]
    if plan.width:
        positions += [p for p in range(plan.width, len(cells)) if _filled(cells[p])]
    if positions:
        shown = ", ".join(
            f"column {p + 1}: '{readers.text_of(cells[p])[:30]}'" for p in positions[:3]
        )
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


def _field_text(plan: Plan, name: str, cells: Sequence[readers.Cell]) -> str:
    """A field's cleaned text on one row: its columns joined, or its constant ("" if absent)."""
    source = plan.sources.get(name)
    if source is None:
        return ""
    if source.constant is not None:
        return source.constant
    parts = []
    for column in source.columns:
        if column < len(cells):
            part = sniff.clean(readers.text_of(cells[column]))
            if part:
                parts.append(part)
    return _NEUTRALISED.sub("", " | ".join(parts))


@dataclass(frozen=True, slots=True)
class Shared:
    """What a row gives every one of its values: unit conversion and provenance."""

    conversion: units.Conversion
    source: str
    note: str | None
    method: str | None


def _shared(
    cells: Sequence[readers.Cell],
    row: int,
    plan: Plan,
    indicator: model.Indicator,
    collector: report.Collector,
) -> Shared | None:
    """Unit, conversion, source, note and method of a row, or None after recording why not."""
    ok = True
    unit_source = plan.sources.get("unit")
    unit = _field_text(plan, "unit", cells)
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
        conversion = units.conversion(unit, indicator.unit)
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
    source = _field_text(plan, "source", cells)
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
    note = _field_text(plan, "note", cells) or None
    method = _field_text(plan, "method", cells) or None
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


def _frame(out: Mapping[str, list[object]]) -> pd.DataFrame:
    """The long frame with its documented dtypes (text as objects, None kept as None)."""
    dtypes = {"annual": "bool", "value": "float64", "row": "int64"}
    return pd.DataFrame(
        {name: pd.Series(out[name], dtype=dtypes.get(name, object)) for name in FRAME_COLUMNS}
    )
