"""The council one-pager's content as plain values, shared by the briefing's page 1 and the app.

The rows live in `one_pager_rows`, the words both renderings show in `one_pager_text`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from pledges import service
from pledges.service import vocabulary
from pledges.views import formatting, goal_lines, one_pager_rows, one_pager_text
from pledges.views.goal_lines import GoalLine
from pledges.views.one_pager_rows import (
    GapGroup,
    GoalRow,
    Milestone,
    OwnerGap,
    PledgeLike,
    gap_groups,
    goal_row,
    milestones,
    owner_gaps,
)

METHODOLOGY = "docs/methodology.md of Pledge Tracker"
LETTER_COUNTRIES = frozenset({"united states", "united states of america", "usa", "us", "canada"})
pace_words = formatting.pace_words
pace_text = one_pager_rows.pace_text
peers_line = one_pager_text.peers_line
text_lines = one_pager_text.text_lines


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
    # One plain line per goal, worst first; the missing indicators grouped by their owner.
    lines: tuple[GoalLine, ...] = field(default=())
    owner_gaps: tuple[OwnerGap, ...] = field(default=())

    def as_json(self) -> dict[str, object]:
        """The content for anyone laying the page out themselves."""
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        return data


def paper_for(country: str | None) -> str:
    """US Letter for the United States and Canada, A4 elsewhere."""
    return "letter" if (country or "").strip().lower() in LETTER_COUNTRIES else "a4"


def change_lines(changes: Any, limit: int = 3) -> tuple[str, ...]:
    """The most important changes, one of each kind in turn: a pledge's state, a moved status,
    a changed target, a revised value (then new values, when nothing else changed)."""
    names = getattr(changes, "names", None)
    states = [
        f"{p.name}: {formatting.pledge_state(p, names)}"
        for p in getattr(changes, "pledge_states", ())
    ]
    moves = [
        f"{m.name}: status moved from {m.before} to {m.after}"
        for m in getattr(changes, "moves", ())
    ]
    targets = [
        f"{t.indicator}: {t.year} target {t.kind} ({t.old or 'none'} → {t.new or 'none'})"
        for t in getattr(changes, "targets", ())
    ]
    revisions = []
    for r in getattr(changes, "revisions", ()):
        old = formatting.stored_quantity(r.old, r.unit) if r.old is not None else "none"
        new = formatting.stored_quantity(r.new, r.unit) if r.new is not None else "removed"
        revisions.append(f"{r.indicator} {r.period.year} revised: {old} → {new}")
    kinds = [states, moves, targets, revisions]
    lines: list[str] = []
    for depth in range(max(map(len, kinds))):
        lines += [kind[depth] for kind in kinds if depth < len(kind)]
    if not lines and getattr(changes, "new_count", 0):
        lines.append(f"{changes.new_count} new values, none revising an earlier one")
    return tuple(lines[:limit])


def coverage(p: PledgeLike) -> dict[str, int]:
    """How many of the pledge's indicators with a target can be assessed, by status (and how
    many of its goals can be judged: the pledge's own status counts goals)."""
    items = [item.assessment for g in p.goals for item in g.items]
    with_targets = [a for a in items if a.has_targets]
    assessed = [a for a in with_targets if a.status in vocabulary.RANKED]
    out = {"assessed": len(assessed), "with_targets": len(with_targets), "indicators": len(items)}
    out["goals"] = len(p.goals)
    out["goals_judged"] = sum(1 for g in p.goals if g.rollup.status in vocabulary.RANKED)
    for word in vocabulary.RANKED:
        out[str(word)] = sum(1 for a in assessed if a.status == word)
    return out


def rollup_sentence(p: PledgeLike, cov: dict[str, int]) -> str:
    """The pledge's roll-up in one sentence, its counts saying what they count (goals, then
    indicators with a target)."""
    name = p.pledge.name
    goals = f"{cov.get('goals_judged', 0)} of its {cov.get('goals', 0)} goals can be judged"
    of = f"{goals}, and {cov['assessed']} of its {cov['with_targets']} indicators with a target"
    counts = ", ".join(f"{cov[str(w)]} {w}" for w in reversed(vocabulary.RANKED) if cov.get(str(w)))
    tail = f" Of those {cov['assessed']}: {counts}." if counts else ""
    word = goal_lines.status_word(p.rollup.status)
    if cov["with_targets"] == 0:
        return f"{name} has no indicator with a target and values, so it cannot be judged yet."
    if p.rollup.status is None or not service.is_judged(p.rollup.status):
        return f"{formatting.UNJUDGED_WORD.capitalize()} to judge {name} as a whole: {of}.{tail}"
    return f"{name} as a whole: {word}; {of}.{tail}"


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
    word = goal_lines.status_word(lead.rollup.status) if lead.rollup.status else "no goals"
    n = len(getattr(changes, "revisions", ())) + len(getattr(changes, "targets", ()))
    moved = len(getattr(changes, "moves", ()))
    pointer = (
        f"Every change since {changes.since:%d %B %Y} ({moved} moved statuses, {n} revised or"
        f" target changes, {getattr(changes, 'new_count', 0)} new values) is in the appendix,"
        " section 3. A moved status compares today's with the store assessed as it stood then"
        " (no status history is stored)."
    )
    return OnePager(
        city=city,
        as_of=as_of,
        pledge=lead.pledge.name,
        status=word,
        symbol=formatting.style_of(word).symbol if lead.rollup.status else "–",
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
        lines=goal_lines.goal_lines(lead.goals),
        owner_gaps=owner_gaps([lead], owners),
    )
