"""Hypothesis strategies for whole indicators: definitions and the values a store can hold.

Extend here: every strategy draws what a real definition file or upload could carry (target
kinds, directions, methods, coverages, floors; annual, quarterly and monthly periods, gaps,
negatives, slips, a x100 typo, 1e200), so the invariant tests range over all of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import hypothesis.strategies as st
import pandas as pd

from pledges import model

SOURCE = "generated"
# Ordinary levels, and the ones a store can hold that no city measures.
ORDINARY = st.integers(min_value=-50, max_value=500).map(float)
EXTREME = st.sampled_from([0.0, 1e-300, -1e-300, 1e200, -1e200, 1e300, 5e-324, 1e15, -7.5e8])
LEVELS = st.one_of(ORDINARY, ORDINARY, ORDINARY, EXTREME)
METHODS = st.sampled_from([None, "A", "B"])
COVERAGES = st.sampled_from([None, None, None, "Transport", "city-wide"])
YEARS = st.integers(2005, 2035)


@dataclass(frozen=True)
class Case:
    """One generated indicator and its values (indicator, period, annual, value, method)."""

    indicator: model.Indicator
    frame: pd.DataFrame


@st.composite
def baselines(draw: st.DrawFn) -> model.Baseline | None:
    """No baseline, a measured one (on a method or not), or one true by definition."""
    kind = draw(st.sampled_from(["none", "measured", "measured", "definitional"]))
    if kind == "none":
        return None
    return model.Baseline(
        year=draw(st.integers(1990, 2030)),
        value=0.0 if kind == "definitional" and draw(st.booleans()) else draw(LEVELS),
        source=SOURCE,
        method=draw(METHODS),
        coverage=draw(COVERAGES),
        definitional=kind == "definitional",
    )


@st.composite
def targets(
    draw: st.DrawFn, direction: model.Direction, baseline: model.Baseline | None
) -> tuple[model.Target, ...]:
    """None to four targets of the four kinds, resolved as the catalog resolves them."""
    kinds = ["value", "range", "maintain"] + (["change_pct"] if baseline is not None else [])
    found = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(kinds))
        year = draw(st.integers(2000, 2060))
        coverage = draw(COVERAGES)
        if kind == "range":
            low, high = sorted((draw(LEVELS), draw(LEVELS)))
            value = low if direction == "higher" else high
            found.append(model.Target(year, kind, value, SOURCE, low, high, coverage=coverage))
        elif kind == "change_pct":
            pct = draw(st.sampled_from([-100.0, -90.0, -50.0, -25.0, 0.0, 20.0, 100.0]))
            value = baseline.value * (1 + pct / 100)
            found.append(model.Target(year, kind, value, SOURCE, change_pct=pct, coverage=coverage))
        else:
            found.append(model.Target(year, kind, draw(LEVELS), SOURCE, coverage=coverage))
    return tuple(sorted(found, key=lambda target: target.year))


@st.composite
def indicators(draw: st.DrawFn, key: str = "generated") -> model.Indicator:
    """A definition: direction, path, aggregation, baseline, targets, coverage and floor."""
    direction = draw(st.sampled_from(["higher", "lower"]))
    baseline = draw(baselines())
    return model.Indicator(
        key=key,
        name=f"Generated {key}",
        unit=draw(st.sampled_from(["t", "%", "kt CO2e", ""])),
        direction=direction,
        path=draw(st.sampled_from(["linear", "constant-rate"])),
        aggregation=draw(st.sampled_from(["last", "mean", "sum"])),
        baseline=baseline,
        targets=draw(targets(direction, baseline)),
        coverage=draw(st.sampled_from([None, None, "city-wide"])),
        floor=draw(st.sampled_from([None, None, 0.0])),
    )


@st.composite
def year_values(draw: st.DrawFn, year: int, level: float) -> list[tuple[dt.date, bool, float]]:
    """One year's rows: an annual value, or quarters or months (some missing at its end)."""
    cadence = draw(st.sampled_from(["annual", "annual", "quarterly", "monthly"]))
    if cadence == "annual":
        return [(dt.date(year, 1, 1), True, level)]
    step = 3 if cadence == "quarterly" else 1
    months = list(range(1, 13, step))
    months = months[: draw(st.integers(1, len(months)))]
    return [(dt.date(year, month, 1), False, level) for month in months]


@st.composite
def observations(draw: st.DrawFn, key: str = "generated") -> pd.DataFrame:
    """Values of one to three methods over years with gaps, negatives, slips and typos."""
    rows: list[tuple[str, dt.date, bool, float, str | None]] = []
    for method in draw(st.lists(METHODS, min_size=0, max_size=3, unique=True)):
        first = draw(st.integers(2000, 2030))
        level = draw(LEVELS)
        step = draw(st.sampled_from([0.0, 1.0, -1.0, 5.0, -20.0, 0.5]))
        for offset in range(draw(st.integers(1, 8))):
            if draw(st.integers(0, 4)) == 0:
                continue  # a gap
            value = level + step * offset
            twist = draw(st.sampled_from(["", "", "", "", "slip", "typo", "extreme"]))
            if twist == "slip":
                value = -value
            elif twist == "typo":
                value = value * 100
            elif twist == "extreme":
                value = draw(EXTREME)
            for period, annual, part in draw(year_values(first + offset, value)):
                rows.append((key, period, annual, part, method))
    return pd.DataFrame(rows, columns=["indicator", "period", "annual", "value", "method"])


@st.composite
def cases(draw: st.DrawFn, key: str = "generated") -> Case:
    """One indicator with its values."""
    return Case(draw(indicators(key)), draw(observations(key)))


@st.composite
def cities(draw: st.DrawFn, size: int = 20) -> list[Case]:
    """Several indicators assessed together, as a city's are (one frame, one call)."""
    count = draw(st.integers(1, size))
    return [draw(cases(f"i{number}")) for number in range(count)]


TODAYS = st.dates(dt.date(2012, 1, 1), dt.date(2040, 12, 31))
