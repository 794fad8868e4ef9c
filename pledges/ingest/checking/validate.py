"""Rows to observations: every cell checked, every problem of a row recorded, nothing guessed.

The steps live beside this module: `row_checks` (names, unit, source), `cells` (periods and
values), `plausible` (future, target and unit-kind rows), `keys` (repeated keys, skipped rows).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass, field

import pandas as pd

from pledges.ingest import report
from pledges.ingest.checking import diagnose, keys, matching, plausible
from pledges.ingest.checking import row_checks as checks
from pledges.ingest.frame import FRAME_COLUMNS, cell_text, empty_frame, long_frame
from pledges.ingest.reading import cells, decimals, periods, readers

__all__ = [
    "FRAME_COLUMNS",
    "Plan",
    "Source",
    "YearColumn",
    "cell_text",
    "empty_frame",
    "long_frame",
    "observations",
]


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


def observations(
    numbered: Iterable[tuple[int, Sequence[readers.Cell]]],
    plan: Plan,
    index: matching.Index,
    collector: report.Collector,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """Validate every row; the long frame when no error was found, else an empty one.

    Work is done column by column, each distinct name, unit and period checked once, so a
    200,000-row file is read in about a second. A row with an error still has its other cells
    read, so one problem never hides another on the same row; row issues are gathered, then
    added in row order so the report's cap keeps the first rows' problems. `today` (from the
    caller's clock) refuses periods after it.
    """
    pairs = list(numbered)
    blanks = _blanks([row_cells for _, row_cells in pairs])
    kept = [pair for pair, blank in zip(pairs, blanks, strict=True) if not blank]
    numbers = [row for row, _ in kept]
    rows = [row_cells for _, row_cells in kept]
    buffer = report.Collector(cap=sys.maxsize)
    if plan.unnamed or any(len(row_cells) > plan.width for row_cells in rows):
        for row, row_cells in kept:
            checks.unread(row, row_cells, plan, buffer)
    texts: dict[readers.Cell, str] = {}
    idents = list(
        zip(
            _texts(plan, "city", rows, texts),
            _texts(plan, "pledge", rows, texts),
            _texts(plan, "indicator", rows, texts),
            strict=True,
        )
    )
    resolved = {ident: checks.resolve(ident, plan, index) for ident in set(idents)}
    provenance = checks.Provenance(
        _texts(plan, "unit", rows, texts),
        _texts(plan, "source", rows, texts),
        _texts(plan, "note", rows, texts),
        _texts(plan, "method", rows, texts),
    )
    skipped: dict[str, int] = {}
    live: list[tuple[int, matching.Match, checks.Shared]] = []
    broken: list[tuple[int, matching.Match]] = []  # rows with an error: cells still read
    conversions: dict[tuple[str, str], object] = {}
    shared_rows: dict[tuple[str, ...], checks.Shared] = {}
    for position, ident in enumerate(idents):
        resolution = resolved[ident]
        if resolution.skip is not None:
            skipped[resolution.skip] = skipped.get(resolution.skip, 0) + 1
            continue
        match = resolution.match
        if match.ref is None or match.indicator is None:
            checks.unknown(buffer, numbers[position], plan, match, resolution.ident)
            broken.append((position, match))
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
            shared = checks.shared_of(
                position, numbers[position], plan, match.indicator, provenance, conversions, buffer
            )
            if shared is None:  # not remembered: every row with the problem gets its own issue
                broken.append((position, match))
                continue
            shared_rows[known] = shared
        if shared.unit_kind:
            buffer.add(plausible.unit_issue(numbers[position], *shared.unit_kind))
        live.append((position, match, shared))
    _targets(plan, rows, live, numbers, buffer)
    entries = cells.entries(live, broken, rows, numbers, plan, buffer, today)
    out, seen = cells.values(entries, numbers, plan.number_format, buffer)
    indicators = {match.ref: match.indicator for _, match, _ in live}
    for issue in plausible.out_of_bounds(out, indicators):
        buffer.add(issue)
    for issue in diagnose.whole_file(buffer.kept, len(kept)):
        collector.add(issue)  # one line for the whole file first, then the rows
    for issue in sorted(buffer.kept, key=lambda issue: issue.row or 0):
        collector.add(issue)
    keys.duplicates(seen, collector)
    keys.skipped(skipped, collector)
    if collector.has_errors:
        return empty_frame()
    return long_frame(out)


def _targets(
    plan: Plan,
    rows: Sequence[Sequence[readers.Cell]],
    live: Sequence[tuple[int, matching.Match, checks.Shared]],
    numbers: Sequence[int],
    buffer: report.Collector,
) -> None:
    """Warn on each kept row whose labels say target, column by column (each distinct cell
    searched once). Labels are the name columns and the columns no field reads (a filter's
    MERKMAL, a "Type of target"); a catalog's own key, a source, a unit, numbers and the
    editor's prose in note and method are not labels ("exceeding our goal" is an observation)."""
    skip = {
        column
        for name in ("source", "value", "period", "unit", "note", "method")
        if name in plan.sources
        for column in plan.sources[name].columns
    } | {year.index for year in plan.years}
    keys = {part for _, match, _ in live if match.ref for part in astuple(match.ref)}
    labels = {c: item.label for name, item in plan.sources.items() for c in item.columns}
    positions = [position for position, _, _ in live]
    hits: dict[int, tuple[str | None, str]] = {}
    width = max((len(row) for row in rows), default=0)
    for column in range(width):
        if column in skip:
            continue
        distinct = {row[column] for row in rows if column < len(row)}
        said = {
            cell
            for cell in distinct
            if isinstance(cell, str)
            and cell_text(cell) not in keys
            and plausible.target_text([cell])
        }
        if not said:
            continue
        for position in positions:
            row = rows[position]
            cell = row[column] if column < len(row) else ""
            if cell in said and position not in hits:
                hits[position] = (labels.get(column), cell_text(cell))
    for position in positions:
        found = hits.get(position)
        if found:
            buffer.add(plausible.target_issue(numbers[position], found[0], found[1]))


def _blanks(rows: Sequence[Sequence[readers.Cell]]) -> list[bool]:
    """Which rows hold nothing but blanks (text rows checked in one join each)."""
    try:
        return [not "".join(cells).strip() for cells in rows]  # type: ignore[arg-type]
    except TypeError:
        return [not any(cells.filled(cell) for cell in row) for row in rows]


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
        [row[column] if column < len(row) else "" for row in rows] for column in source.columns
    ]
    cleaned = []
    for raw_cells in columns:
        for raw in set(raw_cells) - texts.keys():
            texts[raw] = cell_text(raw)
        cleaned.append([texts[raw] for raw in raw_cells])
    if len(cleaned) == 1:
        return cleaned[0]
    return [" | ".join(part for part in parts if part) for parts in zip(*cleaned, strict=True)]
