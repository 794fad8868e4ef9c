"""The indicator page's numbers as words: one assessment's facts, in the order a reader asks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pledges import numbers, service, translation
from pledges.service import vocabulary
from pledges.views import formatting, pace_phrases

EN = translation.ENGLISH
Translator = translation.Translator


def _with_year(value: float | None, unit: str, year: int | None, t: Translator = EN) -> str:
    quantity = formatting.stored_quantity(value, unit, t)
    return quantity if year is None else t.gettext("{value} in {year}", value=quantity, year=year)


def _baseline_text(a: Any, unit: str, t: Translator = EN) -> str:
    """The baseline, said to be a reference where it is not a measured point (revision 3)."""
    if a.baseline_why is not None:
        return a.baseline_why.say(t)
    text = _with_year(a.baseline_value, unit, a.baseline_year, t)
    if a.baseline_year is None:
        return text
    if a.baseline_definitional:
        return t.gettext("{value} (by definition: a reference, not a value)", value=text)
    if a.baseline_after_data:
        return t.gettext("{value} (dated after the values: a reference only)", value=text)
    return text


def _gap_text(a: Any, unit: str, t: Translator = EN) -> str:
    if a.gap_to_path is None:
        return "–"
    gap = pace_phrases.difference(abs(a.gap_to_path), unit, t)
    if a.gap_to_path >= 0:
        return t.gettext("{gap} ahead", gap=gap)
    return t.gettext("{gap} behind", gap=gap)


def _trend_text(a: Any, unit: str, t: Translator = EN) -> str:
    if a.slope is None:
        return t.gettext(
            "no trend (no series has {points} values at most {years} years old)",
            points=a.min_points,
            years=a.max_age,
        )
    pace = pace_phrases.pace_text(a.slope, unit, t)
    if a.slope_se is not None:
        pace += f" (± {numbers.number(a.slope_se, t.lang)})"
    if a.baseline_in_line:
        return t.ngettext(
            "{pace}, from {count} value and the {year} baseline",
            "{pace}, from {count} values and the {year} baseline",
            a.points,
            pace=pace,
            year=a.baseline_year,
        )
    return t.ngettext(
        "{pace}, from {count} value", "{pace}, from {count} values", a.points, pace=pace
    )


def facts(a: Any, unit: str, t: Translator = EN) -> dict[str, str]:
    """Measure -> value for "The numbers" table (pace ratio in words, never "-52 %")."""
    out = {
        t.gettext("latest value"): formatting.latest_text(a, unit, t),
        t.gettext("baseline"): _baseline_text(a, unit, t),
        t.gettext("progress share"): a.share_why.say(t)
        if a.progress_share is None and a.share_why is not None
        else formatting.share(a.progress_share, t),
        t.gettext("gap to the required path"): _gap_text(a, unit, t),
        t.gettext("trend"): _trend_text(a, unit, t),
        t.gettext("required pace"): pace_phrases.pace_text(a.required_pace, unit, t),
        t.gettext("pace ratio"): pace_phrases.ratio_text(a.pace_ratio, t),
        **arrivals(a, t),
        t.gettext("evidence"): vocabulary.evidence_text(a, t) or "–",
        t.gettext("method of the values the trend uses"): a.basis_method or "–",
    }
    if a.path_why is not None:
        out[t.gettext("required path")] = a.path_why.say(t)
    return out


def arrivals(a: Any, t: Translator = EN) -> dict[str, str]:
    """When the trend reaches the target the status speaks of, and the final one, each named by
    its year, so "on time for 2026" never sits beside an unnamed "2049"."""
    out: dict[str, str] = {}
    nearer, final = a.next_target, a.final_target
    if nearer is not None and nearer != final:
        arrival = a.next_projected_year
        label = t.gettext("projected arrival at the {year} target", year=nearer.year)
        out[label] = "–" if arrival is None else str(arrival)
    arrival = a.projected_year
    if final is not None:
        label = t.gettext("projected arrival at the final target ({year})", year=final.year)
    else:
        label = t.gettext("projected arrival at the final target")
    out[label] = "–" if arrival is None else str(arrival)
    return out


def revised_here(revised: Any, pledge_key: str, indicator_key: str, until: Any) -> Any:
    """The revisions of one indicator, up to a moment (None: all of them)."""
    if revised.empty:
        return revised
    mine = revised[(revised["pledge"] == pledge_key) & (revised["indicator"] == indicator_key)]
    return mine if until is None else mine[mine["replaced_at"] <= until]


def reading_order(items: Sequence[service.IndicatorStatus]) -> list[service.IndicatorStatus]:
    """Worst first, by name within a status, so a reader meets the trouble first; the worst
    assessed headline indicator leads, since the goal's row on the Overview speaks for it."""

    def key(item: service.IndicatorStatus) -> tuple[int, str]:
        return vocabulary.status_rank(item.assessment.status), item.indicator.name.casefold()

    ordered = sorted(items, key=key)
    headlines = [
        item
        for item in ordered
        if item.goal.headline == item.indicator.key and item.assessment.status in vocabulary.RANKED
    ]
    if headlines:
        ordered.remove(headlines[0])
        ordered.insert(0, headlines[0])
    return ordered
