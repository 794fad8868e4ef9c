"""One plain line per goal, the first thing a council member reads: where it stands, how far
from the milestone due now or next, and the pace it needs (or what one value would change).

Built only from the engine's results (through `service`), so the engine's rules speak here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from pledges import numbers, service, translation
from pledges.views import formatting, pace_phrases

Wanted = Callable[[Any, int], int]
T = formatting.Translator
# Small counts said in words, as a reader hears them (translated where they are shown).
COUNT_WORDS = {2: translation.N_("two"), 3: translation.N_("three"), 4: translation.N_("four")}
EN = formatting.EN


class GoalLike(Protocol):
    """A goal, its roll-up and its assessed indicators (briefing or overview sections)."""

    goal: Any
    rollup: Any
    items: Sequence[Any]


@dataclass(frozen=True, slots=True)
class GoalLine:
    """One goal in one sentence, and whether it could be judged."""

    goal: str
    status: str  # the English word, the key of the status's style
    judged: bool
    text: str


def status_word(status: object, t: formatting.Translator = formatting.EN) -> str:
    """The one word every page shows for a status ("insufficient data" for any unjudged one)."""
    return formatting.status_word(None if status is None else str(status), t)


def headline_item(g: GoalLike) -> Any:
    """The goal's headline indicator, else the first whose status is the goal's (the worst, as
    the roll-up takes it, so the line's numbers and its word agree), else its first indicator
    with a target, else its first."""
    key = getattr(g.goal, "headline", None)
    for item in g.items:
        if key is not None and item.indicator.key == key:
            return item
    status = g.rollup.status
    if service.is_judged(status):
        for item in g.items:
            if str(item.assessment.status) == str(status):
                return item
    with_targets = [item for item in g.items if item.assessment.has_targets]
    return (with_targets or list(g.items) or [None])[0]


def milestone(a: Any) -> Any:
    """The milestone due now or next: the latest one due (its year reached) that the newest
    value does not meet, else the first still ahead, else the final target."""
    targets = [v.target for v in a.verdicts]
    due = [t for t in targets if t.year <= a.today.year]
    if due and a.latest_value is not None and gap(a, due[-1]) > 0:
        return due[-1]
    ahead = [t for t in targets if t.year > a.today.year]
    return ahead[0] if ahead else a.final_target


def gap(a: Any, target: Any) -> float:
    """How far the newest value is from a target, in the indicator's unit (> 0: not there)."""
    return a.direction * (target.value - a.latest_value)


def _amount(value: float, unit: str, t: T) -> str:
    return pace_phrases.difference(value, unit, t)


def newest(a: Any, t: T = EN) -> str:
    """The newest figure with its year, and "another definition" when it is not the basis'."""
    values = {"value": formatting.quantity(a.latest_value, a.unit, t), "year": a.latest_year}
    other = a.basis_method is not None or a.basis_to is not None
    if other and (a.latest_method or None) != (a.basis_method or None):
        return t.gettext("{value} in {year} (another definition)", **values)
    return t.gettext("{value} in {year}", **values)


def distance(a: Any, target: Any, t: T = EN) -> str:
    """ "14.3 points short", "9.5 gal/person/day above it", or that the milestone is met."""
    apart = gap(a, target)
    if apart < 0:
        return t.gettext("met, {amount} beyond it", amount=_amount(-apart, a.unit, t))
    if apart == 0:
        return t.gettext("met")
    if a.direction > 0:
        return t.gettext("{amount} short", amount=_amount(apart, a.unit, t))
    return t.gettext("{amount} above it", amount=_amount(apart, a.unit, t))


def pace(a: Any, t: T = EN) -> str:
    """The pace needed to the next milestone against the pace the trend has, said plainly."""
    need, have = a.required_pace, a.slope
    if need is None or not math.isfinite(need) or have is None:
        return ""
    need, have = a.direction * need, a.direction * have
    if need <= 0:
        return t.gettext("no faster pace is needed")
    wanted = _amount(need, a.unit, t)
    if have >= need:
        return t.gettext(
            "the pace of {have} a year is enough ({wanted} a year needed)",
            have=_amount(have, a.unit, t),
            wanted=wanted,
        )
    if have > 0:
        return t.gettext(
            "the pace must rise to {wanted} a year (it has been {have})",
            wanted=wanted,
            have=numbers.number(have, t.lang),
        )
    if have == 0:
        if a.direction > 0:
            return t.gettext("it must rise {wanted} a year; it has been flat", wanted=wanted)
        return t.gettext("it must fall {wanted} a year; it has been flat", wanted=wanted)
    values = {"wanted": wanted, "have": numbers.number(-have, t.lang)}
    if a.direction > 0:
        return t.gettext(
            "it must rise {wanted} a year; it has been going the other way, {have} a year",
            **values,
        )
    return t.gettext(
        "it must fall {wanted} a year; it has been going the other way, {have} a year", **values
    )


def judged_line(name: str, word: str, a: Any, t: T = EN) -> str:
    """A judged goal: newest figure, milestone, distance and pace."""
    target = milestone(a)
    values = {
        "name": name,
        "word": word,
        "newest": newest(a, t),
        "target": formatting.target_text(target, a.unit, t),
        "year": target.year,
        "distance": distance(a, target, t),
    }
    speed = pace(a, t)
    ahead = a.next_target
    if not speed:
        return t.gettext(
            "{name}, {word}: {newest} against {target} due in {year}: {distance}.", **values
        )
    if ahead is not None and ahead != target:
        return t.gettext(
            "{name}, {word}: {newest} against {target} due in {year}: {distance}; "
            "for {ahead} by {ahead_year} {pace}.",
            ahead=formatting.target_text(ahead, a.unit, t),
            ahead_year=ahead.year,
            pace=speed,
            **values,
        )
    return t.gettext(
        "{name}, {word}: {newest} against {target} due in {year}: {distance}; {pace}.",
        pace=speed,
        **values,
    )


def lowered(name: str) -> str:
    """An indicator's name inside a sentence ("Landfill diversion rate" -> "landfill ...")."""
    if len(name) > 1 and name[1].isupper():
        return name  # an acronym: "EV chargers"
    return name[:1].lower() + name[1:]


def why_not(a: Any, t: T = EN) -> str:
    """Why the headline cannot be judged, from its newest figure."""
    if a.latest_year is None:
        return t.gettext("no value yet")
    age = a.today.year - a.latest_year
    values = {"value": formatting.quantity(a.latest_value, a.unit, t), "year": a.latest_year}
    if age > a.max_age:
        return t.ngettext(
            "the newest figure, {value} in {year}, is {count} year old",
            "the newest figure, {value} in {year}, is {count} years old",
            age,
            **values,
        )
    return t.gettext(
        "the newest figure, {value} in {year}, has no earlier value of its kind", **values
    )


def indicator_name(item: Any, t: T = EN) -> str:
    """An indicator's name from a definition, lowered inside a sentence in English only."""
    if t.lang == translation.DEFAULT:
        return lowered(item.indicator.name)
    return t.name(item.indicator.name)


def unjudged_line(name: str, word: str, item: Any, wanted: Wanted, t: T = EN) -> str:
    """A goal that cannot be judged: why, and the fewest values that would give it a status."""
    a = item.assessment
    year = a.today.year - 1
    count = wanted(item, year)
    values = {"name": name, "word": word, "why": why_not(a, t), "year": year}
    values["what"] = indicator_name(item, t)
    if count == 1:
        return t.gettext(
            "{name}, {word}: {why}; one {year} value of {what} would give {name} a status.",
            **values,
        )
    values["many"] = t.gettext(COUNT_WORDS[count]) if count in COUNT_WORDS else str(count)
    return t.ngettext(
        "{name}, {word}: {why}; {many} value of {what}, the newer for {year}, would give {name} "
        "a status.",
        "{name}, {word}: {why}; {many} values of {what}, the newer for {year}, would give {name} "
        "a status.",
        count,
        **values,
    )


def rollup_line(g: GoalLike, name: str, word: str, t: T = EN) -> str:
    """A goal without a headline whose roll-up has too little evidence: its counts."""
    r = g.rollup
    return t.ngettext(
        "{name}, {word}: {assessed} of {count} indicator with targets can be judged; values for "
        "{needed} more would give it a status.",
        "{name}, {word}: {assessed} of {count} indicators with targets can be judged; values for "
        "{needed} more would give it a status.",
        r.with_targets,
        name=name,
        word=word,
        assessed=r.assessed,
        needed=r.needed,
    )


def goal_line(g: GoalLike, wanted: Wanted = service.values_wanted, t: T = EN) -> GoalLine:
    """The goal's one line, from its headline indicator's assessment."""
    name, status = t.name(g.goal.name), g.rollup.status
    word, key = status_word(status, t), status_word(status)
    item = headline_item(g)
    if item is None:
        return GoalLine(
            name, key, False, t.gettext("{name}: no indicators are defined.", name=name)
        )
    a = item.assessment
    if service.is_judged(status) and service.is_judged(a.status) and a.latest_year is not None:
        if str(a.status) != str(status):
            # The described indicator's status is not the goal's: both are named, plainly.
            word = t.gettext(
                "{word} for the goal, {own} for {what}",
                word=word,
                own=status_word(a.status, t),
                what=indicator_name(item, t),
            )
        return GoalLine(name, key, True, judged_line(name, word, a, t))
    if not a.has_targets:
        text = t.gettext(
            "{name}, {word}: no numeric target to judge against.", name=name, word=word
        )
        return GoalLine(name, key, False, text)
    if a.final_target is None and a.set_aside:
        # Every target set aside (another coverage, a data problem): no value would do.
        text = t.gettext(
            "{name}, {word}: no target is comparable with the values; each is named on its page.",
            name=name,
            word=word,
        )
        return GoalLine(name, key, False, text)
    if getattr(g.goal, "headline", None) is None and getattr(g.rollup, "needed", 0) > 0:
        return GoalLine(name, key, False, rollup_line(g, name, word, t))
    return GoalLine(name, key, False, unjudged_line(name, word, item, wanted, t))


def goal_lines(
    goals: Sequence[GoalLike], wanted: Wanted = service.values_wanted, t: T = EN
) -> tuple[GoalLine, ...]:
    """Every goal's line, worst first as the sections are ordered; unjudged goals last."""
    lines = [goal_line(g, wanted, t) for g in goals]
    return tuple(
        sorted(lines, key=lambda line: (not line.judged, formatting.status_rank(line.status)))
    )
