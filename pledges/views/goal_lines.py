"""One plain line per goal, the first thing a council member reads: where it stands, how far
from the milestone due now or next, and the pace it needs (or what one value would change).

Built only from the engine's results (through `service`), so the engine's rules speak here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from pledges import numbers, service
from pledges.views import formatting

Wanted = Callable[[Any, int], int]
COUNT_WORDS = {2: "two", 3: "three", 4: "four"}


class GoalLike(Protocol):
    """A goal, its roll-up and its assessed indicators (briefing or overview sections)."""

    goal: Any
    rollup: Any
    items: Sequence[Any]


@dataclass(frozen=True, slots=True)
class GoalLine:
    """One goal in one sentence, and whether it could be judged."""

    goal: str
    status: str
    judged: bool
    text: str


def status_word(status: object) -> str:
    """The one word every page shows for a status ("insufficient data" for any unjudged one)."""
    return formatting.style_of(None if status is None else str(status)).word


def headline_item(g: GoalLike) -> Any:
    """The goal's headline indicator, else its first indicator with a target, else its first."""
    key = getattr(g.goal, "headline", None)
    for item in g.items:
        if key is not None and item.indicator.key == key:
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


def _amount(value: float, unit: str) -> str:
    return formatting.difference(value, unit)


def newest(a: Any) -> str:
    """The newest figure with its year, and "another definition" when it is not the basis'."""
    text = f"{formatting.quantity(a.latest_value, a.unit)} in {a.latest_year}"
    other = a.basis_method is not None or a.basis_to is not None
    if other and (a.latest_method or None) != (a.basis_method or None):
        text += " (another definition)"
    return text


def distance(a: Any, target: Any) -> str:
    """ "14.3 points short", "9.5 gal/person/day above it", or that the milestone is met."""
    apart = gap(a, target)
    if apart <= 0:
        return f"met, {_amount(-apart, a.unit)} beyond it" if apart < 0 else "met"
    return f"{_amount(apart, a.unit)} " + ("short" if a.direction > 0 else "above it")


def pace(a: Any) -> str:
    """The pace needed to the next milestone against the pace the trend has, said plainly."""
    need, have = a.required_pace, a.slope
    if need is None or not math.isfinite(need) or have is None:
        return ""
    need, have = a.direction * need, a.direction * have
    if need <= 0:
        return "no faster pace is needed"
    wanted = f"{_amount(need, a.unit)} a year"
    if have >= need:
        return f"the pace of {_amount(have, a.unit)} a year is enough ({wanted} needed)"
    if have > 0:
        return f"the pace must rise to {wanted} (it has been {numbers.number(have)})"
    verb = "rise" if a.direction > 0 else "fall"
    moving = "flat" if have == 0 else f"going the other way, {numbers.number(-have)} a year"
    return f"it must {verb} {wanted}; it has been {moving}"


def judged_line(name: str, word: str, a: Any) -> str:
    """A judged goal: newest figure, milestone, distance and pace."""
    target = milestone(a)
    text = f"{name}, {word}: {newest(a)} against {formatting.target_text(target, a.unit)}"
    text += f" due in {target.year}: {distance(a, target)}"
    speed = pace(a)
    ahead = a.next_target
    if speed and ahead is not None and ahead != target:
        speed = f"for {formatting.target_text(ahead, a.unit)} by {ahead.year} {speed}"
    return f"{text}; {speed}." if speed else f"{text}."


def lowered(name: str) -> str:
    """An indicator's name inside a sentence ("Landfill diversion rate" -> "landfill ...")."""
    if len(name) > 1 and name[1].isupper():
        return name  # an acronym: "EV chargers"
    return name[:1].lower() + name[1:]


def why_not(a: Any) -> str:
    """Why the headline cannot be judged, from its newest figure."""
    if a.latest_year is None:
        return "no value yet"
    age = a.today.year - a.latest_year
    figure = f"the newest figure, {formatting.quantity(a.latest_value, a.unit)} in {a.latest_year},"
    if age > a.max_age:
        return f"{figure} is {age} years old"
    return f"{figure} has no earlier value of its kind"


def unjudged_line(name: str, word: str, item: Any, wanted: Wanted) -> str:
    """A goal that cannot be judged: why, and the fewest values that would give it a status."""
    a = item.assessment
    year = a.today.year - 1
    count = wanted(item, year)
    what = lowered(item.indicator.name)
    if count == 1:
        change = f"one {year} value of {what} would give {name} a status"
    else:
        many = COUNT_WORDS.get(count, str(count))
        change = f"{many} values of {what}, the newer for {year}, would give {name} a status"
    return f"{name}, {word}: {why_not(a)}; {change}."


def rollup_line(g: GoalLike, name: str, word: str) -> str:
    """A goal without a headline whose roll-up has too little evidence: its counts."""
    r = g.rollup
    return (
        f"{name}, {word}: {r.assessed} of {r.with_targets} indicators with targets can be"
        f" judged; values for {r.needed} more would give it a status."
    )


def goal_line(g: GoalLike, wanted: Wanted = service.values_wanted) -> GoalLine:
    """The goal's one line, from its headline indicator's assessment."""
    name, status = g.goal.name, g.rollup.status
    word = status_word(status)
    item = headline_item(g)
    if item is None:
        return GoalLine(name, word, False, f"{name}: no indicators are defined.")
    a = item.assessment
    if service.is_judged(status) and service.is_judged(a.status) and a.latest_year is not None:
        return GoalLine(name, word, True, judged_line(name, word, a))
    if not a.has_targets:
        return GoalLine(name, word, False, f"{name}, {word}: no numeric target to judge against.")
    if getattr(g.goal, "headline", None) is None and getattr(g.rollup, "needed", 0) > 0:
        return GoalLine(name, word, False, rollup_line(g, name, word))
    return GoalLine(name, word, False, unjudged_line(name, word, item, wanted))


def goal_lines(
    goals: Sequence[GoalLike], wanted: Wanted = service.values_wanted
) -> tuple[GoalLine, ...]:
    """Every goal's line, worst first as the sections are ordered; unjudged goals last."""
    lines = [goal_line(g, wanted) for g in goals]
    return tuple(
        sorted(lines, key=lambda line: (not line.judged, formatting.status_rank(line.status)))
    )
