"""Target rows of one account as a baseline, assessable targets, text-only targets, refusals.

Rules:
- Every target and the baseline carry their coverage: None for "all emissions sources
  included in city inventory", else the row's sector as written ("Transport", or the text
  after "Other, please specify:"). The engine judges only targets of the series' coverage.
- Base-year absolute targets become `change_pct` targets (minus the reduction percentage)
  from one baseline: the base year and base-year emissions of the row group covering "all
  emissions sources" if any, else of the group with most rows, else the latest base year.
  Rows with another baseline are kept as text, with their sector.
- Fixed-level targets become `value` targets (the target-year absolute emissions).
- Intensity and business-as-usual targets are kept as text, never assessed.
- The same target year and kind twice keeps the first row (all-sector rows first, then in
  file order) and refuses the others.
- "Percentage of target achieved so far" is kept as the city's own claim on its target.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pledges import translation
from pledges.sources import cdp_inventories, cdp_layouts

ABSOLUTE = "base year emissions (absolute) target"
FIXED = "fixed level target"
INTENSITY = "base year intensity target"
BAU = "baseline scenario (business as usual) target"
NO_TARGET = "no target"
ALL_SOURCES = "all emissions sources included in city inventory"
_OTHER = "other, please specify:"
NOT_STATED = "sector not stated"


_COVERS = re.compile(r"^(the )?(target )?covers\s+", re.IGNORECASE)
_ONLY = re.compile(r"\s+only\b.*$", re.IGNORECASE)
# A coverage naming an inventory's construction ("BASIC emissions") is that construction: it is
# compared with the series of that construction, never with a sector's.
_CONSTRUCTION = re.compile(r"^(BASIC\+?)(\s+emissions)?$", re.IGNORECASE)
SHORT = 60


def coverage_of(sector: str) -> str | None:
    """A row's coverage: None for all emissions sources, else its sector as written, short
    enough for "the 2030 target covers ... only" (past 60 characters cut at a word, with "…");
    a construction as the inventories name it ("Target covers BASIC emissions only, although
    ..." is "BASIC", "BASIC+ emissions" is "BASIC+")."""
    text = " ".join(sector.split())
    if text.lower() == ALL_SOURCES:
        return None
    if text.lower().startswith(_OTHER):
        text = text[len(_OTHER) :].strip()
    text = _ONLY.sub("", _COVERS.sub("", text)).strip(" ,;.")
    construction = _CONSTRUCTION.match(text)
    if construction:
        return construction.group(1).upper()
    if len(text) > SHORT:
        text = text[:SHORT].rsplit(" ", 1)[0].rstrip(" ,;.") + "…"
    return text or NOT_STATED


@dataclass(frozen=True, slots=True)
class Target:
    """One assessable target: a change from the baseline or a level, with the city's claim."""

    row: int
    year: int
    change_pct: float | None
    value: float | None
    claimed_pct: float | None
    coverage: str | None = None


@dataclass(frozen=True, slots=True)
class Baseline:
    """Base year and base-year emissions the change targets are relative to."""

    row: int
    year: int
    value: float
    coverage: str | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    """What one account's target rows give."""

    account: str
    baseline: Baseline | None
    targets: tuple[Target, ...]
    texts: tuple[str, ...]
    refused: tuple[cdp_inventories.Refused, ...]


BEFORE_BASELINE = translation.N_("target year not after the base year")
# A second target of one kind for a year: one whole sentence per kind.
SECOND_TARGET = {
    "change": translation.N_("a second change target for {year} (first in row {first})"),
    "level": translation.N_("a second level target for {year} (first in row {first})"),
}


def _year(record: cdp_layouts.Record, name: str) -> int | None:
    value = cdp_inventories.number(record.text(name))
    return int(value) if value is not None and value.is_integer() else None


def _num(record: cdp_layouts.Record, name: str) -> float | None:
    return cdp_inventories.number(record.text(name))


def _refuse(
    record: cdp_layouts.Record,
    code: str,
    template: str,
    column: str | None = None,
    **values: str | int,
) -> cdp_inventories.Refused:
    return cdp_inventories.refused(record.row, code, template, column, **values)


def _text(record: cdp_layouts.Record, kind: str) -> str:
    """A target that is not assessed, in words, from its own cells."""
    parts = [kind]
    if record.text("pct"):
        parts.append(f"{record.text('pct')} % reduction")
    if record.text("base_year"):
        parts.append(f"from base year {record.text('base_year')}")
    if record.text("intensity_unit"):
        parts.append(f"per {record.text('intensity_unit')}")
    if record.text("bau_emissions"):
        parts.append(f"against {record.text('bau_emissions')} t CO2e business as usual")
    if record.text("target_year"):
        parts.append(f"by {record.text('target_year')}")
    coverage = coverage_of(record.text("sector"))
    if coverage is not None:
        parts.append(f"(covers: {coverage})")
    return " ".join(parts) + f" (CDP row {record.row}; not assessed)"


def _baseline_key(record: cdp_layouts.Record) -> tuple[int, float] | None:
    year, value = _year(record, "base_year"), _num(record, "base_emissions")
    return (year, value) if year is not None and value is not None and value > 0 else None


def _choose_baseline(rows: Sequence[cdp_layouts.Record]) -> tuple[int, float] | None:
    groups: dict[tuple[int, float], list[cdp_layouts.Record]] = {}
    for record in rows:
        key = _baseline_key(record)
        if key is not None:
            groups.setdefault(key, []).append(record)
    if not groups:
        return None

    def rank(key: tuple[int, float]) -> tuple[bool, int, int]:
        members = groups[key]
        covers_all = any(r.text("sector").lower() == ALL_SOURCES for r in members)
        return covers_all, len(members), key[0]

    return max(groups, key=rank)


def plan(account: str, rows: Sequence[cdp_layouts.Record]) -> Plan:
    """Read one account's target rows by the rules in the module docstring."""
    absolute = [r for r in rows if r.text("target_type").lower() == ABSOLUTE]
    chosen = _choose_baseline(absolute)
    # The baseline's coverage is its group's: all emissions sources if any row of it says so.
    group = [r for r in absolute if _baseline_key(r) == chosen]
    chosen_coverage = (
        None
        if any(coverage_of(r.text("sector")) is None for r in group)
        else coverage_of(group[0].text("sector"))
        if group
        else None
    )
    baseline = None
    targets: list[Target] = []
    texts: list[str] = []
    refused: list[cdp_inventories.Refused] = []
    years: dict[tuple[int, str], int] = {}

    def add(record: cdp_layouts.Record, target: Target, kind: str) -> None:
        first = years.setdefault((target.year, kind), record.row)
        if first != record.row:
            refused.append(
                _refuse(
                    record,
                    "target-duplicate-year",
                    SECOND_TARGET[kind],
                    "target_year",
                    year=target.year,
                    first=first,
                )
            )
            return
        targets.append(target)

    # All-sector rows first: a sector's target never displaces the city-wide one of its year.
    for record in sorted(rows, key=lambda r: coverage_of(r.text("sector")) is not None):
        kind = record.text("target_type").lower()
        claim = _num(record, "achieved")
        target_year = _year(record, "target_year")
        coverage = coverage_of(record.text("sector"))
        if kind == ABSOLUTE:
            pct = _num(record, "pct")
            key = _baseline_key(record)
            if key is None or pct is None or target_year is None:
                refused.append(
                    _refuse(
                        record,
                        "target-incomplete",
                        translation.N_(
                            "base year, base-year emissions, percentage or target year is blank"
                        ),
                    )
                )
            elif key != chosen:
                texts.append(_text(record, "Absolute target from another baseline:"))
                refused.append(
                    _refuse(
                        record,
                        "target-other-baseline",
                        translation.N_("another base year or base value"),
                    )
                )
            elif target_year <= key[0]:
                refused.append(_refuse(record, "target-before-baseline", BEFORE_BASELINE))
            elif not 0 < pct <= 100:
                refused.append(
                    _refuse(
                        record,
                        "target-pct-out-of-range",
                        translation.N_("a {pct} % reduction"),
                        "pct",
                        pct=f"{pct:g}",
                    )
                )
            else:
                if baseline is None:
                    baseline = Baseline(record.row, key[0], key[1], chosen_coverage)
                add(record, Target(record.row, target_year, -pct, None, claim, coverage), "change")
        elif kind == FIXED:
            level = _num(record, "target_emissions")
            if level is None or target_year is None or level < 0:
                refused.append(
                    _refuse(
                        record,
                        "target-incomplete",
                        translation.N_("target year or target-year emissions is blank"),
                        "target_emissions",
                    )
                )
            else:
                add(record, Target(record.row, target_year, None, level, claim, coverage), "level")
        elif kind == INTENSITY:
            texts.append(_text(record, "Intensity target:"))
            refused.append(
                _refuse(
                    record, "target-intensity", translation.N_("intensity targets are not assessed")
                )
            )
        elif kind == BAU:
            texts.append(_text(record, "Business-as-usual target:"))
            refused.append(
                _refuse(
                    record,
                    "target-bau",
                    translation.N_("business-as-usual targets are not assessed"),
                )
            )
        elif kind == NO_TARGET:
            refused.append(
                _refuse(record, "no-target", translation.N_("the city reports no target"))
            )
        else:
            refused.append(
                _refuse(
                    record,
                    "target-type-missing",
                    translation.N_("the type of target is blank"),
                    "target_type",
                )
            )
    if baseline is not None:
        # A level target set before the base year cannot follow it on one path.
        kept = [t for t in targets if t.year > baseline.year]
        for t in targets:
            if t.year <= baseline.year:
                refused.append(
                    cdp_inventories.refused(t.row, "target-before-baseline", BEFORE_BASELINE)
                )
        targets = kept
    targets.sort(key=lambda t: (t.year, t.row))
    return Plan(account, baseline, tuple(targets), tuple(texts), tuple(refused))
