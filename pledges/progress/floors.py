"""Floors: a quantity that cannot go below a level (gross tonnes below zero) is never projected
below it (revision 3)."""

from __future__ import annotations

import math
from collections.abc import Iterable

from pledges import model
from pledges.progress import trend


def effective_floor(indicator: model.Indicator, levels: Iterable[float]) -> float | None:
    """The definition's floor, unless a value, the baseline or a target lies below it.

    A quantity with a value or target below its floor is not the quantity the floor was
    written for (net emissions can go negative): the floor is then not applied.
    """
    floor = indicator.floor
    if floor is None or not math.isfinite(floor):
        return None
    references = [t.value for t in indicator.targets]
    references += [t.low for t in indicator.targets if t.low is not None]
    if indicator.baseline is not None:
        references.append(indicator.baseline.value)
    if any(level < floor for level in (*levels, *references)):
        return None
    return floor


def floor_year(line: trend.Fit | None, floor: float | None, decimals: int) -> int | None:
    """The first whole year in which a falling line reaches the floor (None if it never does)."""
    if line is None or floor is None or line.slope >= 0:
        return None
    return trend.crossing_year(line, floor, -1.0, decimals)
