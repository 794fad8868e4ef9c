"""Value and period cells read into numbers and dates, each refusal recorded with its row."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pledges import model, translation
from pledges.ingest import report
from pledges.ingest.checking import matching, plausible
from pledges.ingest.checking.row_checks import Shared
from pledges.ingest.reading import decimals, periods, readers

if TYPE_CHECKING:
    from pledges.ingest.checking.validate import Plan

# Plain numbers read without the general parser, when the file's decimal mark is certain.
FAST = {".": re.compile(r"-?\d+(?:\.\d+)?"), ",": re.compile(r"-?\d+(?:,\d+)?")}


@dataclass(frozen=True, slots=True)
class Entry:
    """One value cell to read: its row's position, the cell, its period and column label;
    `shared` is None for a row already in error, whose cell is read only for its own problems."""

    position: int
    cell: readers.Cell
    period: periods.Period
    label: str | None
    match: matching.Match
    shared: Shared | None


def _raw(plan: Plan, name: str, rows: Sequence[Sequence[readers.Cell]]) -> list[readers.Cell]:
    """One single-column field's raw cells (numbers and dates from XLSX kept typed)."""
    source = plan.sources[name]
    if source.constant is not None:
        return [source.constant] * len(rows)
    column = source.columns[0]
    return [cells[column] if column < len(cells) else "" for cells in rows]


def entries(
    live: list[tuple[int, matching.Match, Shared]],
    broken: list[tuple[int, matching.Match]],
    rows: Sequence[Sequence[readers.Cell]],
    numbers: Sequence[int],
    plan: Plan,
    buffer: report.Collector,
    today: dt.date | None = None,
) -> list[Entry]:
    """The value cells to read with their periods: one per long row, one per filled year cell.

    Rows of `broken` (an error already) have their period and value checked too, never kept;
    a period after `today` is an error unless the row's indicator allows it.
    """
    todo: list[tuple[int, matching.Match, Shared | None]] = [*live]
    todo += [(position, match, None) for position, match in broken]
    todo.sort(key=lambda item: item[0])
    entries: list[Entry] = []
    if plan.years:
        for position, match, shared in todo:
            cells = rows[position]
            for year in plan.years:
                cell = cells[year.index] if year.index < len(cells) else ""
                if not filled(cell):  # an empty cell in a wide file is no observation, never a 0
                    continue
                if plausible.future(year.period, match.indicator, today):
                    buffer.add(
                        plausible.future_issue(
                            numbers[position],
                            year.header,
                            year.header,
                            year.period,
                            today,  # type: ignore[arg-type]
                        )
                    )
                    entries.append(Entry(position, cell, year.period, year.header, match, None))
                    continue
                entries.append(Entry(position, cell, year.period, year.header, match, shared))
        return entries
    value_source, period_source = plan.sources["value"], plan.sources["period"]
    values, period_cells = _raw(plan, "value", rows), _raw(plan, "period", rows)
    parsed = {
        cell: periods.read(cell, plan.period_rule)
        for cell in {period_cells[position] for position, _, _ in todo}
    }
    future: dict[tuple[object, int], bool] = {}  # per distinct period cell and indicator
    for position, match, shared in todo:
        period = parsed[period_cells[position]]
        row = numbers[position]
        cell = values[position]
        if isinstance(period, periods.Refusal):
            buffer.add(_bad_period(row, period_source.label, period_cells[position], period))
            if filled(cell):  # the value is still read, for its own problem
                entries.append(Entry(position, cell, _NO_PERIOD, value_source.label, match, None))
            continue
        key = (period_cells[position], id(match.indicator))
        later = future.get(key)
        if later is None:
            later = future[key] = plausible.future(period, match.indicator, today)
        if later:
            shown = readers.text_of(period_cells[position])
            buffer.add(plausible.future_issue(row, period_source.label, shown, period, today))  # type: ignore[arg-type]
            shared = None
        if not filled(cell):
            buffer.add(
                report.said(
                    "empty-value",
                    translation.N_(
                        "No value on this row ({key}); it is skipped. Fill it in, or delete the"
                        " row to silence this."
                    ),
                    {"key": _key_text(match.ref, period)},
                    row,
                    value_source.label,
                    "",
                    report.phrase(decimals.A_NUMBER),
                    "warning",
                )
            )
            continue
        entries.append(Entry(position, cell, period, value_source.label, match, shared))
    return entries


_NO_PERIOD = periods.Period(dt.date.min, False)


def values(
    entries: list[Entry],
    numbers: Sequence[int],
    fmt: decimals.NumberFormat,
    buffer: report.Collector,
) -> tuple[dict[str, list[object]], dict[tuple[str, str, str, object], list[int]]]:
    """Read every value cell; the output columns and each key's rows."""
    seen: dict[tuple[str, str, str, object], list[int]] = {}
    fast = FAST.get(fmt.decimal) if fmt.confirmed and not fmt.mixed else None
    good: list[Entry] = []
    read: list[float] = []
    for entry in entries:
        cell = entry.cell
        if fast is not None and isinstance(cell, str) and fast.fullmatch(cell):
            number = decimals.digits(float(cell.replace(",", ".")))
        else:
            number = _number(cell, fmt)
        if number.value is not None and entry.shared is not None:
            # The value as stored, in the indicator's unit, must be within the bound too.
            number = decimals.finite(entry.shared.conversion.apply(number.value))
        if number.value is None:
            buffer.add(
                report.said(
                    number.code or "bad-number",
                    *_number_message(number, cell),
                    numbers[entry.position],
                    entry.label,
                    readers.text_of(cell),
                    report.phrase(number.expected) if number.expected else None,
                )
            )
            continue
        if entry.shared is not None:  # a row in error is read for its problems only
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
        "value": read,  # type: ignore[dict-item]
        "unit": [entry.match.indicator.unit for entry in good],  # type: ignore[union-attr]
        "source": [entry.shared.source for entry in good],  # type: ignore[union-attr]
        "note": [entry.shared.note for entry in good],  # type: ignore[union-attr]
        "method": [entry.shared.method for entry in good],  # type: ignore[union-attr]
        "row": rows,  # type: ignore[dict-item]
    }
    return out, seen


def _bad_period(
    row: int, label: str | None, cell: readers.Cell, refusal: periods.Refusal
) -> report.Issue:
    """The issue for a period that is not a year or ISO date."""
    shown = readers.text_of(cell)
    if refusal.template is None:
        return report.Issue(
            "bad-period", f"Period '{shown}' {refusal.reason}.", row, label, shown, periods.EXPECTED
        )
    values = {"shown": shown, **dict(refusal.values)}
    expected = report.phrase(periods.EXPECTED)
    return report.said("bad-period", refusal.template, values, row, label, shown, expected)


def _number(cell: readers.Cell, fmt: decimals.NumberFormat) -> decimals.Parsed:
    """A value cell as a number (spreadsheet numbers are already typed)."""
    if isinstance(cell, bool):
        return decimals.Parsed(None, "bad-number", decimals.A_NUMBER)
    if isinstance(cell, int | float):
        return decimals.number_of(cell)
    return decimals.parse(str(cell), fmt)


def _number_message(
    number: decimals.Parsed, cell: readers.Cell
) -> tuple[str, dict[str, str | int]]:
    """What to do about a value that is not read: a catalog template and its values."""
    shown = readers.text_of(cell)
    if len(shown) > 40:
        shown = f"{shown[:20]}…{shown[-10:]} ({len(shown):,} characters)"
    values: dict[str, str | int] = {"shown": shown, "expected": number.expected or ""}
    if number.code == "ambiguous-number":
        return translation.N_(
            "'{shown}' could be a thousands separator or a decimal mark; write the number"
            " without thousands separators, or choose the file's decimal mark."
        ), values
    if number.code == decimals.TOO_LARGE:
        return translation.N_(
            "'{shown}' is too large to store (in the indicator's unit); expected a number"
            " between -1e100 and 1e100. Check for extra digits or a wrong unit."
        ), values
    return NOT_A_NUMBER.get(
        number.expected or "", translation.N_("'{shown}' is not a number; expected {expected}.")
    ), values


# What a value that is no number should look like, as a whole sentence for each decimal mark.
NOT_A_NUMBER = {
    decimals.POINT_EXPECTED: translation.N_(
        "'{shown}' is not a number; expected a plain number with a decimal point and no"
        " thousands separators, like 1234.5."
    ),
    decimals.COMMA_EXPECTED: translation.N_(
        "'{shown}' is not a number; expected a plain number with a decimal comma and no"
        " thousands separators, like 1234,5."
    ),
}


def _key_text(ref: model.IndicatorRef | None, period: periods.Period) -> str:
    """A row's key in words, for messages."""
    written = periods.write(period.date, period.annual)
    return written if ref is None else f"{ref.indicator} {written}"


def filled(cell: readers.Cell) -> bool:
    """True for a cell holding something other than blanks."""
    return not isinstance(cell, str) or bool(cell.strip())
