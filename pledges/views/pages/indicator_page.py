"""The indicator page's numbers as words: one assessment's facts, in the order a reader asks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pledges import numbers, service
from pledges.service import vocabulary
from pledges.views import formatting, pace_phrases


def _with_year(value: float | None, unit: str, year: int | None) -> str:
    return formatting.stored_quantity(value, unit) + ("" if year is None else f" in {year}")


def _baseline_text(a: Any, unit: str) -> str:
    """The baseline, said to be a reference where it is not a measured point (revision 3)."""
    if a.baseline_note:
        return a.baseline_note
    text = _with_year(a.baseline_value, unit, a.baseline_year)
    if a.baseline_year is None:
        return text
    if a.baseline_definitional:
        return f"{text} (by definition: a reference, not a value)"
    if a.baseline_after_data:
        return f"{text} (dated after the values: a reference only)"
    return text


def facts(a: Any, unit: str, own: str | None = None) -> dict[str, str]:
    """Measure -> value for "The numbers" table (pace ratio in words, never "-52 %")."""
    out = {
        "latest value": formatting.latest_text(a, unit, own),
        "baseline": _baseline_text(a, unit),
        "progress share": a.share_note
        if a.progress_share is None and a.share_note
        else formatting.share(a.progress_share),
        "gap to the required path": "–"
        if a.gap_to_path is None
        else pace_phrases.difference(abs(a.gap_to_path), unit)
        + (" ahead" if a.gap_to_path >= 0 else " behind"),
        "trend": f"no trend (no series has {a.min_points} values at most {a.max_age} years old)"
        if a.slope is None
        else pace_phrases.pace_text(a.slope, unit)
        + ("" if a.slope_se is None else f" (± {numbers.number(a.slope_se)})")
        + f", from {a.points} values"
        + (f" and the {a.baseline_year} baseline" if a.baseline_in_line else ""),
        "required pace": pace_phrases.pace_text(a.required_pace, unit),
        "pace ratio": pace_phrases.ratio_text(a.pace_ratio),
        **arrivals(a),
        "evidence": vocabulary.evidence_text(a) or "–",
        "method of the values the trend uses": a.basis_method or "–",
    }
    if a.path_note:
        out["required path"] = a.path_note
    return out


def arrivals(a: Any) -> dict[str, str]:
    """When the trend reaches the target the status speaks of, and the final one, each named by
    its year, so "on time for 2026" never sits beside an unnamed "2049"."""
    out: dict[str, str] = {}
    nearer, final = a.next_target, a.final_target
    if nearer is not None and nearer != final:
        arrival = a.next_projected_year
        out[f"projected arrival at the {nearer.year} target"] = (
            "–" if arrival is None else str(arrival)
        )
    year = f" ({final.year})" if final is not None else ""
    arrival = a.projected_year
    out[f"projected arrival at the final target{year}"] = "–" if arrival is None else str(arrival)
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
