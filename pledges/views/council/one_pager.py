"""The council one-pager's content as plain values, shared by the briefing's page 1 and the app.

The rows live in `one_pager_rows`, the words both renderings show in `one_pager_text`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from pledges import numbers, service, translation
from pledges.service import vocabulary
from pledges.views import formatting, pace_phrases, rollup_counts
from pledges.views.council import goal_lines, one_pager_rows, one_pager_text
from pledges.views.council.goal_lines import GoalLine
from pledges.views.council.one_pager_rows import (
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

METHODOLOGY = translation.N_("docs/methodology.md of Pledge Tracker")
LETTER_COUNTRIES = frozenset({"united states", "united states of america", "usa", "us", "canada"})
pace_words = pace_phrases.pace_words
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
    # The language every word above is in (`status` stays the English word, the style's key).
    lang: str = translation.DEFAULT

    def as_json(self) -> dict[str, object]:
        """The content for anyone laying the page out themselves."""
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        return data


def paper_for(country: str | None) -> str:
    """US Letter for the United States and Canada, A4 elsewhere."""
    return "letter" if (country or "").strip().lower() in LETTER_COUNTRIES else "a4"


def change_lines(
    changes: Any, limit: int = 3, t: translation.Translator = translation.ENGLISH
) -> tuple[str, ...]:
    """The most important changes, one of each kind in turn: a pledge's state, a moved status,
    a changed target, a revised value (then new values, when nothing else changed)."""
    names = getattr(changes, "names", None)
    none = t.gettext("none")
    states = [
        f"{t.name(p.name)}: {formatting.pledge_state(p, names, t)}"
        for p in getattr(changes, "pledge_states", ())
    ]
    moves = [
        t.gettext(
            "{name}: status moved from {before} to {after}",
            name=m.name,
            before=formatting.status_word(m.before, t),
            after=formatting.status_word(m.after, t),
        )
        for m in getattr(changes, "moves", ())
    ]
    targets = [
        t.gettext(
            "{indicator}: {year} target {kind} ({old} → {new})",
            indicator=c.indicator,
            year=c.year,
            kind=t.gettext(c.kind),
            old=c.old or none,
            new=c.new or none,
        )
        for c in getattr(changes, "targets", ())
    ]
    revisions = []
    for r in getattr(changes, "revisions", ()):
        old = formatting.stored_quantity(r.old, r.unit, t) if r.old is not None else none
        new = (
            formatting.stored_quantity(r.new, r.unit, t)
            if r.new is not None
            else t.gettext("removed")
        )
        revisions.append(
            t.gettext(
                "{indicator} {year} revised: {old} → {new}",
                indicator=r.indicator,
                year=r.period.year,
                old=old,
                new=new,
            )
        )
    kinds = [states, moves, targets, revisions]
    lines: list[str] = []
    for depth in range(max(map(len, kinds))):
        lines += [kind[depth] for kind in kinds if depth < len(kind)]
    if not lines and getattr(changes, "new_count", 0):
        lines.append(
            t.ngettext(
                "{count} new value, none revising an earlier one",
                "{count} new values, none revising an earlier one",
                changes.new_count,
            )
        )
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


def rollup_sentence(
    p: PledgeLike, cov: dict[str, int], t: translation.Translator = translation.ENGLISH
) -> str:
    """The pledge's roll-up in one sentence, its counts saying what they count (goals, then
    indicators with a target)."""
    name = t.name(p.pledge.name)
    goals = t.ngettext(
        "{judged} of its {count} goal can be judged",
        "{judged} of its {count} goals can be judged",
        cov.get("goals", 0),
        judged=cov.get("goals_judged", 0),
    )
    of = t.ngettext(
        "{goals}, and {assessed} of its {count} indicator with a target",
        "{goals}, and {assessed} of its {count} indicators with a target",
        cov["with_targets"],
        goals=goals,
        assessed=cov["assessed"],
    )
    counts = ", ".join(
        f"{cov[str(w)]} {w}"
        if t.lang == translation.DEFAULT  # the engine's own words, as before
        else rollup_counts.counted(cov[str(w)], str(w), t)
        for w in reversed(vocabulary.RANKED)
        if cov.get(str(w))
    )
    tail = (
        " " + t.gettext("Of those {count}: {counts}.", count=cov["assessed"], counts=counts)
        if counts
        else ""
    )
    word = goal_lines.status_word(p.rollup.status, t)
    if cov["with_targets"] == 0:
        return t.gettext(
            "{name} has no indicator with a target and values, so it cannot be judged yet.",
            name=name,
        )
    if p.rollup.status is None or not service.is_judged(p.rollup.status):
        unjudged = t.gettext(formatting.UNJUDGED_WORD).capitalize()
        return (
            t.gettext(
                "{unjudged} to judge {name} as a whole: {of}.", unjudged=unjudged, name=name, of=of
            )
            + tail
        )
    return t.gettext("{name} as a whole: {word}; {of}.", name=name, word=word, of=of) + tail


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
    t: translation.Translator = translation.ENGLISH,
) -> OnePager:
    """Page 1 of the briefing from the gathered sections (worst goal first), in `t`'s language."""
    lead = lead_section(sections)
    day = numbers.day(as_of, t.lang) if t.lang != translation.DEFAULT else f"{as_of:%d %B %Y}"
    if lead is None:
        return OnePager(
            city,
            as_of,
            t.gettext("no pledge"),
            "no pledge",
            "–",
            t.gettext("No pledge of {city} is recorded as of {day}.", city=city, day=day),
            {"assessed": 0, "with_targets": 0, "indicators": 0},
            (),
            (),
            (),
            (),
            "",
            peers,
            t.gettext("Sources: none recorded."),
            lang=t.lang,
        )
    cov = coverage(lead)
    goals = tuple(goal_row(g, t) for g in lead.goals)
    stones = tuple(m for g in lead.goals for m in milestones(g, as_of, t))
    word = goal_lines.status_word(lead.rollup.status) if lead.rollup.status else "no goals"
    n = len(getattr(changes, "revisions", ())) + len(getattr(changes, "targets", ()))
    moved = len(getattr(changes, "moves", ()))
    since = (
        numbers.day(changes.since, t.lang)
        if t.lang != translation.DEFAULT
        else f"{changes.since:%d %B %Y}"
    )
    pointer = t.gettext(
        "Every change since {since} ({moved} moved statuses, {changed} revised or target "
        "changes, {new} new values) is in the appendix, section 3. A moved status compares "
        "today's with the store assessed as it stood then (no status history is stored).",
        since=since,
        moved=moved,
        changed=n,
        new=getattr(changes, "new_count", 0),
    )
    return OnePager(
        city=city,
        as_of=as_of,
        pledge=t.name(lead.pledge.name),
        status=word,
        symbol=formatting.style_of(word).symbol if lead.rollup.status else "–",
        sentence=rollup_sentence(lead, cov, t),
        evidence_coverage=cov,
        goals=goals,
        milestones=stones,
        gaps=gap_groups([lead], owners),
        changes=change_lines(changes, t=t),
        changes_pointer=pointer,
        peers=peers,
        sources=t.ngettext(
            "Sources: {count} cited document or data file, listed in the appendix, section 5.",
            "Sources: {count} cited documents and data files, each listed in the appendix, "
            "section 5.",
            source_count,
        ),
        others=tuple(t.name(p.pledge.name) for p in sections if p is not lead),
        lines=goal_lines.goal_lines(lead.goals, t=t),
        owner_gaps=owner_gaps([lead], owners, t),
        lang=t.lang,
    )
