"""Which way a target change went, in plain words, from the values and the indicator's direction.

A reader of the ledger wants to know whether a city asked more or less of itself. The words:
*added* and *withdrawn* (one side missing), *strengthened* and *weakened* (the level asked for
moved toward or away from the direction of progress), *moved earlier* and *moved later* (the
same level in another year) and *restated* (the same ambition in other words: a range written
as a value, a percentage from the baseline written as the level it resolves to, a new source).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from pledges import model, numbers, translation

EN = translation.ENGLISH

Change = Literal[
    "added", "withdrawn", "strengthened", "weakened", "moved earlier", "moved later", "restated"
]
CHANGES: tuple[Change, ...] = (
    "added",
    "withdrawn",
    "strengthened",
    "weakened",
    "moved earlier",
    "moved later",
    "restated",
)


def _compare(new: float, old: float) -> int:
    """+1 when `new` is larger, -1 when smaller, 0 when the same but for float noise."""
    if math.isclose(new, old, rel_tol=1e-9, abs_tol=1e-12):
        return 0
    return 1 if new > old else -1


def _ambition(target: model.Target, sign: int) -> tuple[float, float]:
    """How far a target asks to go (larger is more): its level, then a range's far edge."""
    far = target.value
    if target.kind == "range" and target.low is not None and target.high is not None:
        far = target.high if sign > 0 else target.low
    return sign * target.value, sign * far


def _pace(target: model.Target, baseline: model.Baseline | None, sign: int) -> float | None:
    """The progress a year a target asks for from the baseline (None without one before it)."""
    if baseline is None or target.year <= baseline.year:
        return None
    return sign * (target.value - baseline.value) / (target.year - baseline.year)


def classify(
    old: model.Target | None,
    new: model.Target | None,
    direction: model.Direction,
    baseline: model.Baseline | None = None,
) -> Change:
    """The change from `old` to `new` in one word.

    When the level and the year pull opposite ways (more, but later), the pace asked for
    from the baseline decides; without a baseline, or at the same pace, the level does.
    """
    if old is None and new is None:
        raise ValueError("a change needs an old or a new target")
    if old is None:
        return "added"
    if new is None:
        return "withdrawn"
    sign = 1 if direction == "higher" else -1
    old_level, new_level = _ambition(old, sign), _ambition(new, sign)
    level = _compare(new_level[0], old_level[0]) or _compare(new_level[1], old_level[1])
    earlier = _compare(old.year, new.year)  # +1: the new year comes first
    if level == 0:
        if earlier == 0:
            return "restated"
        return "moved earlier" if earlier > 0 else "moved later"
    if earlier in (0, level):
        return "strengthened" if level > 0 else "weakened"
    old_pace, new_pace = _pace(old, baseline, sign), _pace(new, baseline, sign)
    if old_pace is not None and new_pace is not None and _compare(new_pace, old_pace) != 0:
        return "strengthened" if new_pace > old_pace else "weakened"
    return "strengthened" if level > 0 else "weakened"


def classify_baseline(
    old: model.Baseline | None,
    new: model.Baseline | None,
    targets: Sequence[model.Target],
    direction: model.Direction,
) -> Change:
    """A new baseline judged by what it does to the targets relative to it (the last decides):
    with none, the promise is the same and the baseline is only restated."""
    if old is None and new is None:
        raise ValueError("a change needs an old or a new baseline")
    if old is None:
        return "added"
    if new is None:
        return "withdrawn"
    relative = [t for t in targets if t.kind == "change_pct"]
    if not relative:
        return "restated"
    last = max(relative, key=lambda t: t.year)
    moved = classify(last.rebased(old), last.rebased(new), direction)
    return moved if moved in ("strengthened", "weakened") else "restated"


def describe(target: model.Target | None, unit: str, t: translation.Translator = EN) -> str:
    """A target in words, in `t`'s language: "55 % by 2025", "900–1,500 MW by 2035"."""
    if target is None:
        return t.gettext("none")
    lang = t.lang
    if target.kind == "range" and target.low is not None and target.high is not None:
        low, high = numbers.number(target.low, lang), numbers.number(target.high, lang)
        span = f"{low}–{high} {unit}".strip()
        return t.gettext("{span} by {year}", span=span, year=target.year)
    level = numbers.quantity(target.value, unit, lang)
    if target.kind == "maintain":
        return t.gettext("hold {value} from {year}", value=level, year=target.year)
    if target.kind == "change_pct" and target.change_pct is not None:
        return t.gettext(
            "{change} % from the baseline ({level}) by {year}",
            change=numbers.signed(target.change_pct, lang),
            level=level,
            year=target.year,
        )
    return t.gettext("{level} by {year}", level=level, year=target.year)


def describe_baseline(
    baseline: model.Baseline | None, unit: str, t: translation.Translator = EN
) -> str:
    """A baseline in words, in `t`'s language: "baseline 131 gal/person/day in 2014"."""
    if baseline is None:
        return t.gettext("no baseline")
    level = numbers.quantity(baseline.value, unit, t.lang)
    return t.gettext("baseline {level} in {year}", level=level, year=baseline.year)
