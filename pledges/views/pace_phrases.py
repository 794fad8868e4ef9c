"""How fast, in words: a difference, a pace a year and a pace ratio ("needs 2.3 times the pace")."""

from __future__ import annotations

import math

from pledges import numbers, translation
from pledges.views import formatting

Translator = translation.Translator
EN = translation.ENGLISH


def difference(value: float | None, unit: str, t: Translator = EN) -> str:
    """A difference of two values: percentages differ by points, not by per cent."""
    if value is None or not math.isfinite(value):
        return "–"
    if unit.strip() == "%":
        amount = numbers.number(value, t.lang)
        count = 1 if amount == "1" else 2
        return t.ngettext("{amount} point", "{amount} points", count, amount=amount)
    return formatting.quantity(value, unit, t)


def pace_text(value: float | None, unit: str, t: Translator = EN) -> str:
    """A pace per year with its sign ("+4.1 points a year", "-20 kt a year")."""
    if value is None or not math.isfinite(value):
        return "–"
    sign = "+" if value > 0 else ""
    return t.gettext("{amount} a year", amount=f"{sign}{difference(value, unit, t)}")


# Pace ratios said as fractions a reader hears, nearest first.
FRACTIONS = (
    (0.1, translation.N_("a tenth")),
    (0.2, translation.N_("a fifth")),
    (0.25, translation.N_("a quarter")),
    (1 / 3, translation.N_("a third")),
    (0.5, translation.N_("half")),
    (2 / 3, translation.N_("two thirds")),
    (0.75, translation.N_("three quarters")),
)


def pace_words(ratio: float | None, t: Translator = EN) -> str:
    """A pace ratio said in words ("at this pace, a fifth of what is needed")."""
    if ratio is None or not math.isfinite(ratio):
        return ""
    if ratio <= 0:
        return t.gettext("moving away from the target")
    if ratio >= 1.15:
        if 1.8 <= ratio < 2.3:
            return t.gettext("at this pace, twice what is needed")
        times = numbers.number(round(ratio, 1), t.lang)
        return t.gettext("at this pace, {times} times what is needed", times=times)
    if ratio >= 0.9:
        return t.gettext("at this pace, about what is needed")
    word = t.gettext(min(FRACTIONS, key=lambda pair: abs(pair[0] - ratio))[1])
    return t.gettext("at this pace, {fraction} of what is needed", fraction=word)


def ratio_text(value: float | None, t: Translator = EN) -> str:
    """A pace ratio in words: how many times today's pace is needed ("needs 2.3 times the pace")."""
    if value is None or not math.isfinite(value):
        return "–"
    if value <= 0 or value >= 0.9:
        return pace_words(value, t)
    return t.gettext(
        "needs {times} times the pace it has ({words})",
        times=numbers.number(round(1 / value, 1), t.lang),
        words=pace_words(value, t),
    )
