"""The council one-pager's content as plain values, shared by the briefing's page 1 and the app."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from pledges import numbers
from pledges.progress import status as st
from pledges.views import formatting

METHODOLOGY = "docs/methodology.md of Pledge Tracker"
# Pace ratios said as fractions a reader hears, nearest first.
FRACTIONS = (
    (0.1, "a tenth"),
    (0.2, "a fifth"),
    (0.25, "a quarter"),
    (1 / 3, "a third"),
    (0.5, "half"),
    (2 / 3, "two thirds"),
    (0.75, "three quarters"),
)
LETTER_COUNTRIES = frozenset({"united states", "united states of america", "usa", "us", "canada"})


class Item(Protocol):
    """An indicator's assessment where it sits (service.IndicatorStatus)."""

    indicator: Any
    assessment: Any


class GoalLike(Protocol):
    """A goal, its roll-up and its indicators (briefing.content.GoalSection)."""

    goal: Any
    rollup: Any
    items: Sequence[Any]
    chart: Any


class PledgeLike(Protocol):
    """A pledge, its roll-up and its goals (briefing.content.PledgeSection)."""

    pledge: Any
    rollup: Any
    goals: Sequence[Any]


@dataclass(frozen=True, slots=True)
class GoalRow:
    """One goal as page 1 shows it."""

    goal: str
    status: str
    symbol: str
    evidence: str
    indicator: str
    latest: str
    pace: str
    pace_words: str
    years: tuple[int, ...] = ()
    values: tuple[float, ...] = ()
    path_years: tuple[int, ...] = ()
    path_values: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class Milestone:
    """A goal's next or last due milestone and its verdict."""

    goal: str
    which: str  # "next" or "last due"
    year: int
    target: str
    verdict: str


@dataclass(frozen=True, slots=True)
class GapGroup:
    """Unassessed indicators sharing one reason, each with its owner and due state."""

    reason: str
    indicators: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OnePager:
    """Everything page 1 says, in reading order."""

    city: str
    as_of: dt.date
    pledge: str
    status: str
    symbol: str
    sentence: str
    evidence_coverage: dict[str, int]
    goals: tuple[GoalRow, ...]
    milestones: tuple[Milestone, ...]
    gaps: tuple[GapGroup, ...]
    changes: tuple[str, ...]
    changes_pointer: str
    peers: str | None
    sources: str
    methodology: str = METHODOLOGY
    others: tuple[str, ...] = field(default=())

    def as_json(self) -> dict[str, object]:
        """The content for anyone laying the page out themselves."""
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        return data


def pace_words(ratio: float | None) -> str:
    """A pace ratio said in words ("at this pace, a fifth of what is needed")."""
    if ratio is None or not math.isfinite(ratio):
        return ""
    if ratio <= 0:
        return "moving away from the target"
    if ratio >= 1.15:
        times = "twice" if 1.8 <= ratio < 2.3 else f"{numbers.number(round(ratio, 1))} times"
        return f"at this pace, {times} what is needed"
    if ratio >= 0.9:
        return "at this pace, about what is needed"
    word = min(FRACTIONS, key=lambda pair: abs(pair[0] - ratio))[1]
    return f"at this pace, {word} of what is needed"


def paper_for(country: str | None) -> str:
    """US Letter for the United States and Canada, A4 elsewhere."""
    return "letter" if (country or "").strip().lower() in LETTER_COUNTRIES else "a4"


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + numbers.number(value)


def pace_text(a: Any) -> str:
    """ "+1.9 points a year; needs +4.5" from an assessment's slope and required pace."""
    if a.slope is None:
        return "no trend yet"
    text = formatting.pace_text(a.slope, a.unit)
    if a.required_pace is not None and math.isfinite(a.required_pace):
        text += f"; needs {_signed(a.required_pace)}"
    return text


def headline_item(g: GoalLike) -> Any:
    """The goal's headline indicator, else the one it charts, else its first."""
    key = getattr(g.goal, "headline", None)
    for item in g.items:
        if key is not None and item.indicator.key == key:
            return item
    return g.chart or (g.items[0] if g.items else None)


def goal_row(g: GoalLike) -> GoalRow:
    """One goal's row: status, grade, headline value, pace and sparkline data."""
    r = g.rollup
    word = str(r.status) if r.status is not None else "no indicators"
    symbol = r.symbol or "–"
    item = headline_item(g)
    if item is None:
        return GoalRow(g.goal.name, word, symbol, "–", "–", "no indicators", "–", "")
    a = item.assessment
    latest = (
        f"{formatting.quantity(a.latest_value, a.unit)} ({a.latest_year})"
        if a.latest_year is not None
        else "no value yet"
    )
    grade = getattr(r, "evidence", None) or a.evidence
    annual = a.annual
    path = a.required_path if a.has_targets and not annual.empty else None
    if path is not None:
        # The sparkline starts where the measured values do.
        path = path[path["year"] >= int(annual["year"].min())]
    return GoalRow(
        goal=g.goal.name,
        status=word,
        symbol=symbol,
        evidence=str(grade) if grade else "–",
        indicator=item.indicator.name,
        latest=latest,
        pace=pace_text(a),
        pace_words=pace_words(a.pace_ratio),
        years=tuple(int(y) for y in annual["year"]),
        values=tuple(float(v) for v in annual["value"]),
        path_years=tuple(int(y) for y in path["year"]) if path is not None else (),
        path_values=tuple(float(v) for v in path["value"]) if path is not None else (),
    )


def milestones(g: GoalLike, today: dt.date) -> list[Milestone]:
    """The headline indicator's last due and next milestone, with their verdicts."""
    item = headline_item(g)
    if item is None:
        return []
    a = item.assessment
    due = [v for v in a.verdicts if v.target.year <= today.year]
    ahead = [v for v in a.verdicts if v.target.year > today.year]
    out = []
    for which, v in (("last due", due[-1] if due else None), ("next", ahead[0] if ahead else None)):
        if v is not None:
            verdict = formatting.verdict_text(str(v.outcome), v.value, v.value_year, a.unit)
            if v.outcome == st.Outcome.AHEAD:
                # "ahead" is the engine's word for not yet due; a reader hears "ahead of plan".
                verdict = f"not yet due; {v.status} against it"
            out.append(
                Milestone(
                    g.goal.name,
                    which,
                    v.target.year,
                    formatting.target_text(v.target, a.unit),
                    verdict,
                )
            )
    return out


def gap_reason(a: Any) -> str | None:
    """Why an indicator cannot be assessed: no value ever, too old, too few (or None)."""
    if a.status != st.Status.INSUFFICIENT_DATA:
        return None
    if a.latest_year is None:
        return "no value ever"
    if a.today.year - a.latest_year > a.max_age:
        return "too old"
    return "too few values"


def gap_groups(sections: Sequence[PledgeLike], owners: Mapping[str, str]) -> tuple[GapGroup, ...]:
    """Unassessed indicators grouped by reason, with owner and due state where known."""
    groups: dict[str, list[str]] = {}
    for p in sections:
        for g in p.goals:
            for item in g.items:
                reason = gap_reason(item.assessment)
                if reason is None:
                    continue
                name = item.indicator.name
                a = item.assessment
                if reason == "too old":
                    name += f" (latest {a.latest_year})"
                elif reason == "too few values":
                    name += f" ({len(a.annual)} of {a.min_points} values needed)"
                who = owners.get(item.indicator.key)
                groups.setdefault(reason, []).append(f"{name}: {who}" if who else name)
    order = ("no value ever", "too old", "too few values")
    return tuple(GapGroup(reason, tuple(groups[reason])) for reason in order if reason in groups)


def change_lines(changes: Any, limit: int = 3) -> tuple[str, ...]:
    """The most important changes: pledge states, target changes, then revised values."""
    lines = [
        f"{p.name}: {formatting.pledge_state(p)}" for p in getattr(changes, "pledge_states", ())
    ]
    for t in getattr(changes, "targets", ()):
        before, after = t.old or "none", t.new or "none"
        lines.append(f"{t.indicator}: {t.year} target {t.kind} ({before} → {after})")
    for r in getattr(changes, "revisions", ()):
        old = formatting.quantity(r.old, r.unit) if r.old is not None else "none"
        new = formatting.quantity(r.new, r.unit) if r.new is not None else "removed"
        lines.append(f"{r.indicator} {r.period.year} revised: {old} → {new}")
    if not lines and getattr(changes, "new_count", 0):
        lines.append(f"{changes.new_count} new values, none revising an earlier one")
    return tuple(lines[:limit])


def coverage(p: PledgeLike) -> dict[str, int]:
    """How many of the pledge's indicators with a target can be assessed, by status."""
    items = [item.assessment for g in p.goals for item in g.items]
    with_targets = [a for a in items if a.has_targets]
    assessed = [a for a in with_targets if a.status in st.RANKED]
    out = {"assessed": len(assessed), "with_targets": len(with_targets), "indicators": len(items)}
    for word in st.RANKED:
        out[str(word)] = sum(1 for a in assessed if a.status == word)
    return out


def rollup_sentence(p: PledgeLike, cov: dict[str, int]) -> str:
    """The pledge's roll-up in one sentence with its counts and its evidence coverage."""
    name = p.pledge.name
    of = f"{cov['assessed']} of {cov['with_targets']} indicators can be assessed"
    counts = ", ".join(f"{cov[str(w)]} {w}" for w in reversed(st.RANKED) if cov.get(str(w)))
    tail = f" Of those: {counts}." if counts else ""
    word = p.rollup.status
    if cov["with_targets"] == 0:
        return f"{name} has no indicator with a target and values, so it cannot be judged yet."
    if word == st.Status.TOO_LITTLE_EVIDENCE or word is None:
        return f"Too little evidence to judge {name} as a whole: {of}.{tail}"
    return f"{name} as a whole: {word} ({p.rollup.counts_text}); {of}.{tail}"


def lead_section(sections: Sequence[PledgeLike]) -> PledgeLike | None:
    """The pledge page 1 speaks of: the active one with most indicators."""
    if not sections:
        return None
    active = [p for p in sections if getattr(p.pledge, "state", "active") == "active"] or list(
        sections
    )
    return max(active, key=lambda p: sum(len(g.items) for g in p.goals))


def build(
    city: str,
    as_of: dt.date,
    sections: Sequence[PledgeLike],
    changes: Any,
    owners: Mapping[str, str],
    peers: str | None,
    source_count: int,
) -> OnePager:
    """Page 1 of the briefing from the gathered sections (worst goal first)."""
    lead = lead_section(sections)
    if lead is None:
        return OnePager(
            city,
            as_of,
            "no pledge",
            "no pledge",
            "–",
            f"No pledge of {city} is recorded as of {as_of:%d %B %Y}.",
            {"assessed": 0, "with_targets": 0, "indicators": 0},
            (),
            (),
            (),
            (),
            "",
            peers,
            "Sources: none recorded.",
        )
    cov = coverage(lead)
    goals = tuple(goal_row(g) for g in lead.goals)
    stones = tuple(m for g in lead.goals for m in milestones(g, as_of))
    word = str(lead.rollup.status) if lead.rollup.status is not None else "no goals"
    n = len(getattr(changes, "revisions", ())) + len(getattr(changes, "targets", ()))
    pointer = (
        f"Every change since {changes.since:%d %B %Y} ({n} revised or target changes,"
        f" {getattr(changes, 'new_count', 0)} new values) is in the appendix, section 3."
    )
    return OnePager(
        city=city,
        as_of=as_of,
        pledge=lead.pledge.name,
        status=word,
        symbol=lead.rollup.symbol or "–",
        sentence=rollup_sentence(lead, cov),
        evidence_coverage=cov,
        goals=goals,
        milestones=stones,
        gaps=gap_groups([lead], owners),
        changes=change_lines(changes),
        changes_pointer=pointer,
        peers=peers,
        sources=(
            f"Sources: {source_count} cited documents and data files, each listed in the"
            " appendix, section 5."
        ),
        others=tuple(p.pledge.name for p in sections if p is not lead),
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _country(name: object) -> str:
    """A country name as the panel spells it in full ("US" -> "united states of america")."""
    text = str(name or "").strip().lower()
    return "united states of america" if text in {"us", "usa", "united states"} else text


def peers_line(table: Any, city: str) -> str | None:
    """The city's rank by greenhouse-gas pace among CDP cities of its region (else country)."""
    if table is None or len(table) == 0 or city not in set(table["city"]):
        return None
    me = table[table["city"] == city].iloc[0]
    ratio = float(me["pace_ratio"])
    if not math.isfinite(ratio):
        return None
    region = me["region"] if isinstance(me["region"], str) else None
    if region:
        group, where = table[table["region"] == region], region
    else:
        mine = _country(me["country"])
        group = table[[_country(c) == mine for c in table["country"]]]
        where = "the United States" if mine == "united states of america" else str(me["country"])
    ratios = [float(r) for r in group["pace_ratio"] if math.isfinite(float(r))]
    if len(ratios) < 3:
        return None
    rank = sum(1 for r in ratios if r > ratio) + 1
    return (
        f"{city}'s greenhouse-gas pace ranks {_ordinal(rank)} of {len(ratios)} CDP cities in"
        f" {where} with a target and a trend ({pace_words(ratio)}; self-reported to CDP)."
    )


def text_lines(s: OnePager) -> list[str]:
    """Page 1 as plain lines in reading order, for a screen that is not paper (the Overview)."""
    lines = [f"{s.pledge}: {s.symbol} {s.status}. {s.sentence}"]
    lines += [
        f"{g.symbol} {g.status}: {g.goal} ({g.evidence} evidence). {g.indicator}: {g.latest}."
        f" Pace: {g.pace}" + (f"; {g.pace_words}." if g.pace_words else ".")
        for g in s.goals
    ]
    lines += [
        f"Milestone, {m.which}: {m.goal}, {m.year}, target {m.target}: {m.verdict}."
        for m in s.milestones
    ]
    lines += [f"Cannot tell yet, {g.reason}: {'; '.join(g.indicators)}." for g in s.gaps]
    lines += [f"Changed: {c}." for c in s.changes]
    if s.peers:
        lines.append(f"Peers: {s.peers}")
    lines.append(f"As of {s.as_of:%d %B %Y}. {s.sources} Method: {s.methodology}.")
    return lines
