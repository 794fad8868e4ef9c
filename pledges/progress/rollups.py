"""The one roll-up rule (revision 2) for goals, pledges and cities, with the counts beside it."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pledges import translation
from pledges.progress import status as st

# Best first, as the counts read ("1 on track, 1 off track").
COUNT_ORDER = tuple(reversed(st.RANKED))


class Rated(Protocol):
    """Anything with a status and a progress share: an Assessment or a Rollup."""

    @property
    def status(self) -> str | None: ...

    @property
    def progress_share(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class Rollup:
    """A goal, pledge or city summarised from its parts.

    `assessed` and `with_targets` count parts (indicators of a goal, goals of a pledge);
    `needed` is how many more parts must be assessed before the worst status may speak.
    """

    name: str
    status: st.Status | None
    symbol: str | None
    progress_share: float | None
    counts: dict[str, int] = field(hash=False)
    counts_text: str = ""
    total: int = 0
    evidence: st.Grade | None = None
    headline: str | None = None
    assessed: int = 0
    with_targets: int = 0
    needed: int = 0
    noun: str = "indicators"


def clip(share: float) -> float:
    """A share clipped to 0-100 %, as the roll-up uses it."""
    return min(1.0, max(0.0, share))


def counts_text(counts: dict[str, int], assessed: int, with_targets: int, noun: str) -> str:
    """ "2 of 4 indicators assessed: 1 on track, 1 off track" (the counts beside the word)."""
    if not with_targets:
        without = sum(counts.values())
        return f"no {noun} with a target" + (f" ({without} trend only)" if without else "")
    parts = [f"{counts[word]} {word}" for word in COUNT_ORDER if counts.get(word)]
    text = f"{assessed} of {with_targets} {noun} assessed"
    return f"{text}: {', '.join(parts)}" if parts else text


def weakest(grades: list[st.Grade | None]) -> st.Grade | None:
    """The weakest of several evidence grades."""
    for grade in (st.Grade.WEAK, st.Grade.MODERATE, st.Grade.STRONG):
        if grade in grades:
            return grade
    return None


def rollup(
    items: Sequence[tuple[str, Rated]],
    name: str = "",
    headline: str | None = None,
    noun: str | None = None,
) -> Rollup:
    """Roll up named parts by the one rule: a headline part, else the worst status when at
    least half of the parts with targets are assessed, else "too little evidence"."""
    if noun is None:
        noun = "goals" if items and all(isinstance(p, Rollup) for _, p in items) else "indicators"
    statuses = [part.status for _, part in items]
    counts = {str(word): statuses.count(word) for word in st.Status if word in statuses}
    with_targets = [p for _, p in items if p.status not in (None, st.Status.TREND_ONLY)]
    assessed = [p for p in with_targets if p.status in st.RANKED]
    shares = [clip(p.progress_share) for p in assessed if p.progress_share is not None]
    share = sum(shares) / len(shares) if shares else None
    lead = next(
        (p for key, p in items if headline is not None and getattr(p, "key", key) == headline),
        None,
    )
    needed = max(0, math.ceil(len(with_targets) / 2) - len(assessed), 1 - len(assessed))
    if lead is not None:
        word, grade = lead.status, getattr(lead, "evidence", None)
    elif not with_targets:
        word, grade = (st.Status.TREND_ONLY if items else None), None
    elif needed == 0:
        word = st.Status(st.worst([p.status for p in assessed]))
        grade = weakest([getattr(p, "evidence", None) for p in assessed])
    else:
        word, grade = st.Status.TOO_LITTLE_EVIDENCE, None
    word = None if word is None else st.Status(word)
    return Rollup(
        name=name,
        status=word,
        symbol=None if word is None else st.SYMBOL_OF[word],
        progress_share=share,
        counts=counts,
        counts_text=counts_text(counts, len(assessed), len(with_targets), noun),
        total=len(items),
        evidence=grade,
        headline=headline if lead is not None else None,
        assessed=len(assessed),
        with_targets=len(with_targets),
        needed=0 if lead is not None else needed,
        noun=noun,
    )


# The English keeps the roll-up's plural noun whatever the count, as it always has.
_UNASSESSED = {
    "indicators": translation.NP_(
        "values since {year} for {needed} of the {count} unassessed indicators",
        "values since {year} for {needed} of the {count} unassessed indicators",
    ),
    "goals": translation.NP_(
        "values since {year} for {needed} of the {count} unassessed goals",
        "values since {year} for {needed} of the {count} unassessed goals",
    ),
}


def what_would_change(
    result: Rollup, since_year: int, t: translation.Translator = translation.ENGLISH
) -> str:
    """For "too little evidence": what would let the roll-up speak, said plainly."""
    if result.status != st.Status.TOO_LITTLE_EVIDENCE:
        return ""
    unassessed = result.with_targets - result.assessed
    template = _UNASSESSED.get(result.noun, _UNASSESSED["indicators"])
    return t.ngettext(*template, unassessed, year=since_year, needed=result.needed)


@dataclass(frozen=True, slots=True)
class Need:
    """How few unassessed indicators, given values, would give a roll-up a status; of how many."""

    indicators: int
    unassessed: int


def goal_need(goal: Rollup) -> Need:
    """A goal's need: its `needed` indicators, or its one headline while that is unassessed."""
    unassessed = goal.with_targets - goal.assessed
    if goal.status == st.Status.TOO_LITTLE_EVIDENCE:
        return Need(goal.needed, unassessed)
    if goal.headline is not None and goal.status in st.UNASSESSED:
        return Need(1, unassessed)
    return Need(0, unassessed)


def combined_need(result: Rollup, parts: Sequence[Need]) -> Need:
    """A pledge's need over its goals' (a city's over its pledges'): the `needed` cheapest parts."""
    unassessed = sum(part.unassessed for part in parts)
    if result.status != st.Status.TOO_LITTLE_EVIDENCE:
        return Need(0, unassessed)
    pending = sorted(part.indicators for part in parts if part.indicators > 0)
    return Need(sum(pending[: result.needed]), unassessed)


def would_change(
    need: Need, since_year: int, name: str, t: translation.Translator = translation.ENGLISH
) -> str:
    """ "values since 2020 for 5 of the 8 unassessed indicators would give X a status" (or "")."""
    if need.indicators <= 0:
        return ""
    return t.ngettext(
        "values since {year} for {needed} of the {count} unassessed indicator would give "
        "{name} a status",
        "values since {year} for {needed} of the {count} unassessed indicators would give "
        "{name} a status",
        need.unassessed,
        year=since_year,
        needed=need.indicators,
        name=t.name(name),
    )


def goal_rollup(name: str, headline: str | None, parts: Sequence[Rated]) -> Rollup:
    """A goal over its indicators' assessments (the headline named in its definition wins)."""
    return rollup([(getattr(p, "key", ""), p) for p in parts], name, headline, "indicators")


def pledge_rollup(name: str, goals: Sequence[Rollup]) -> Rollup:
    """A pledge over its goals' roll-ups, by the same rule."""
    return rollup([(goal.name, goal) for goal in goals], name, noun="goals")


def city_rollup(name: str, active_pledges: Sequence[Rollup]) -> Rollup:
    """A city over its active pledges' roll-ups (superseded and abandoned ones stay out)."""
    return rollup([(pledge.name, pledge) for pledge in active_pledges], name, noun="pledges")
