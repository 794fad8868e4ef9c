"""A row's names and provenance: value maps applied, catalog matched, unit and source checked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pledges import model, translation
from pledges.ingest import report
from pledges.ingest.checking import matching, plausible, units
from pledges.ingest.reading import readers

if TYPE_CHECKING:
    from pledges.ingest.checking.validate import Plan


CELLS = translation.NP_("{count} cell", "{count} cells")  # what a row should hold


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a (city, pledge, indicator) triple of a file stands for, found once per triple."""

    match: matching.Match
    ident: Mapping[str, str]
    skip: str | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    """The per-row text columns that travel with every value of a row."""

    units: list[str]
    sources: list[str]
    notes: list[str]
    methods: list[str]


@dataclass(frozen=True, slots=True)
class Shared:
    """What a row gives every one of its values: unit conversion and provenance."""

    conversion: units.Conversion
    source: str
    note: str | None
    method: str | None
    unit_kind: tuple[str | None, str, report.Phrase] | None = None  # (column, unit, why)


def resolve(ident: tuple[str, str, str], plan: Plan, index: matching.Index) -> Resolution:
    """Apply the mapping's value maps to a triple and find it in the catalog."""
    names = {"city": ident[0], "pledge": ident[1], "indicator": ident[2]}
    skipped: dict[str, int] = {}
    raw_indicator = names["indicator"]
    if not translate(names, "indicator", plan.indicator_values, skipped):
        return Resolution(matching.Match(None, None), names, raw_indicator)
    if plan.skip_unmapped and raw_indicator not in plan.indicator_values:
        return Resolution(matching.Match(None, None), names, raw_indicator)
    if not translate(names, "city", plan.city_values, skipped):
        return Resolution(matching.Match(None, None), names, names["city"])
    return Resolution(index.find(names["city"], names["pledge"], names["indicator"]), names)


def translate(
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


def shared_of(
    position: int,
    row: int,
    plan: Plan,
    indicator: model.Indicator,
    provenance: Provenance,
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
            report.said(
                "empty-value",
                translation.N_(
                    "No unit; the indicator '{indicator}' is measured in '{unit}'. Give the unit,"
                    " or choose it in the column mapping."
                ),
                {"indicator": indicator.key, "unit": indicator.unit},
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
        if conversion.code and conversion.template:
            collector.add(
                report.said(
                    conversion.code,
                    conversion.template,
                    dict(conversion.values),
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
            report.said(
                "empty-value",
                translation.N_(
                    "No source; every value needs one (publisher and document). Fill it in, or"
                    " set a source for the whole file in the column mapping."
                ),
                {},
                row,
                source_label,
                "",
                report.phrase(translation.N_("the publisher and document of the value")),
            )
        )
        ok = False
    if not ok:
        return None
    note = provenance.notes[position] or None
    method = provenance.methods[position] or None
    kind = plausible.unit_kind(unit, indicator.unit)
    return Shared(conversion, source, note, method, (label, unit, kind) if kind else None)


def unknown(
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
    code, template = match.code or f"unknown-{name}", match.template
    values = dict(match.values)
    if name == "indicator" and plausible.TARGET.search(given):
        code = "target-not-observation"
        template = translation.N_(
            "'{given}' is a target, not an observation; targets belong in the pledge definition."
            " Delete this row or map it to be skipped."
        )
        values = {"given": given}
    elif name == "indicator" and plan.indicator_values and match.hint is not None:
        template = matching.UNKNOWN[(name, match.hint, True)]
    if template is None:
        collector.add(report.Issue(code, match.message or "", row, label, given, match.expected))
        return
    collector.add(report.said(code, template, values, row, label, given, match.expected))


def unread(
    row: int, cells: Sequence[readers.Cell], plan: Plan, collector: report.Collector
) -> None:
    """Report values nothing imports: past the header's end (an error), or under no name."""
    unnamed = [p for p in plan.unnamed if p < len(cells) and _filled(cells[p])]
    beyond = [p for p in range(plan.width, len(cells)) if _filled(cells[p])] if plan.width else []
    if beyond:
        shown = shown_cells(cells, beyond)
        collector.add(
            report.said(
                "extra-cells",
                translation.N_(
                    "This row has {cells} cells but the header only {width} ({shown}); a value"
                    " probably holds an unquoted delimiter, like a thousands separator. Quote it"
                    " or remove the separator."
                ),
                {"cells": len(cells), "width": plan.width, "shown": shown},
                row,
                None,
                shown,
                report.phrase(CELLS[0], None, CELLS[1], plan.width),
            )
        )
    if unnamed:
        shown = shown_cells(cells, unnamed)
        collector.add(
            report.said(
                "unread-cells",
                translation.N_(
                    "Values in columns without a header are not imported ({shown}). Give the"
                    " column a header, or delete the values."
                ),
                {"shown": shown},
                row,
                None,
                shown,
                None,
                "warning",
            )
        )


def shown_cells(cells: Sequence[readers.Cell], positions: list[int]) -> str:
    """A few cells by column number ("#8: '9'"), for a message in any language."""
    return ", ".join(f"#{p + 1}: '{readers.text_of(cells[p])[:30]}'" for p in positions[:3])


def _filled(cell: readers.Cell) -> bool:
    """True for a cell holding something other than blanks."""
    return not isinstance(cell, str) or bool(cell.strip())
