"""The one-pager's words, written once: page 1 of the briefing and the Overview both show these."""

from __future__ import annotations

import math
from typing import Any

from pledges.views import formatting

LEGEND = (
    "Worst goal first. Status is a word and a symbol: ✔ achieved, ▲ on track, ◆ needs"
    " acceleration, ▼ off track, ✖ wrong direction, ? insufficient data (cannot be judged: too"
    " few recent values, or too few of a goal's indicators with them)."
    " Grade: how strong the evidence under a status is (strong, moderate or weak)."
)
LINES_HEADING = "Each goal in one line, worst first"
GAPS_HEADING = "What we cannot tell yet, by owner"
GOAL_HEADERS = ("Status", "Goal", "Grade (evidence)", "Headline indicator: latest", "Pace")
MILESTONE_HEADERS = ("Goal", "Milestone", "Year", "Target", "Verdict")
NO_GAPS = "Every indicator with a target can be assessed."
NO_CHANGES = "No status moved, no value was revised and no target changed."
JOIN = " · "  # a table row as one line, on a screen too narrow for the table


def title(s: Any) -> str:
    """The page's heading."""
    return f"{s.city}: {s.pledge}, council briefing"


def as_of(s: Any) -> str:
    """The as-of line that opens the page."""
    return f"As of {s.as_of:%d %B %Y}. {LEGEND}"


def lead(s: Any) -> str:
    """The roll-up in one sentence, led by its status unless the sentence says it already."""
    if s.sentence.lower().startswith(s.status):
        return f"{s.symbol} {s.sentence}"
    return f"{s.symbol} {s.status}. {s.sentence}"


def goal_cells(g: Any) -> tuple[str, ...]:
    """One goal's cells: status, name, grade, headline value, pace it has against pace needed."""
    pace = f"{g.pace}; {g.pace_words}" if g.pace_words else g.pace
    return (f"{g.symbol} {g.status}", g.goal, g.evidence, f"{g.indicator}: {g.latest}", pace)


def milestone_cells(m: Any) -> tuple[str, ...]:
    """One milestone's cells."""
    return (m.goal, m.which, str(m.year), m.target, m.verdict)


def gap_line(g: Any) -> str:
    """One reason and the indicators it keeps from being assessed."""
    return f"{g.reason} ({len(g.indicators)}): {'; '.join(g.indicators)}"


def owner_line(g: Any) -> str:
    """One owner and the indicators with a target it has not given enough values for."""
    return f"{g.owner} ({len(g.indicators)}): {'; '.join(g.indicators)}"


def gap_lines(s: Any) -> list[str]:
    """The missing indicators by owner (by reason for a page made before owners were kept)."""
    owners = getattr(s, "owner_gaps", ())
    return [owner_line(g) for g in owners] if owners else [gap_line(g) for g in s.gaps]


def goal_texts(s: Any) -> list[str]:
    """Each goal's one line, worst first."""
    return [line.text for line in getattr(s, "lines", ())]


def peers(s: Any) -> str | None:
    """The peers line, when the panel holds the city."""
    return f"Peers: {s.peers}" if s.peers else None


def others(s: Any) -> str | None:
    """The other pledges the appendix covers."""
    return f"Also in the appendix: {'; '.join(s.others)}." if s.others else None


def footer(s: Any) -> str:
    """Sources and method."""
    return f"{s.sources} Method: {s.methodology}."


def text_lines(s: Any) -> list[str]:
    """Every line of page 1 that is prose, in reading order (tables apart: `goal_cells`)."""
    lines = [title(s), as_of(s), lead(s), *goal_texts(s)]
    lines += gap_lines(s) or [NO_GAPS]
    lines += list(s.changes) or [NO_CHANGES]
    lines.append(s.changes_pointer)
    lines += [line for line in (peers(s), others(s)) if line]
    lines.append(footer(s))
    return lines


def screen_lines(s: Any) -> list[str]:
    """What the Overview writes, in its order: the prose lines with each row as one line."""
    lines = [title(s), as_of(s), lead(s), *goal_texts(s)]
    lines += [JOIN.join(goal_cells(g)) for g in s.goals]
    lines += [JOIN.join(milestone_cells(m)) for m in s.milestones]
    return lines + text_lines(s)[3 + len(goal_texts(s)) :]


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
        f" {where} with a target and a trend ({formatting.pace_words(ratio)}; self-reported to"
        " CDP)."
    )
