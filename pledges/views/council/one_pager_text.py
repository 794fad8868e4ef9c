"""The one-pager's words, written once: page 1 of the briefing and the Overview both show these.

Each function speaks the language the one-pager was built in (`s.lang`); the constants are
the catalog's English messages, shown through `say(s, ...)`.
"""

from __future__ import annotations

import math
from typing import Any

from pledges import numbers, translation
from pledges.views import formatting, pace_phrases

N_ = translation.N_

LEGEND = N_(
    "Worst goal first. Status is a word and a symbol: ✔ achieved, ▲ on track, ◆ needs"
    " acceleration, ▼ off track, ✖ wrong direction, ? insufficient data (cannot be judged: too"
    " few recent values, or too few of a goal's indicators with them)."
    " Grade: how strong the evidence under a status is (strong, moderate or weak)."
)
LINES_HEADING = N_("Each goal in one line, worst first")
GAPS_HEADING = N_("What we cannot tell yet, by owner")
GOALS_HEADING = N_("Goals, worst first")
MILESTONES_HEADING = N_("Milestones")
CHANGES_HEADING = N_("Changed since the last briefing")
TREND_HEADER = N_("Trend; dashed: needed")
GOAL_HEADERS = (
    N_("Status"),
    N_("Goal"),
    N_("Grade (evidence)"),
    N_("Headline indicator: latest"),
    N_("Pace"),
)
MILESTONE_HEADERS = (N_("Goal"), N_("Milestone"), N_("Year"), N_("Target"), N_("Verdict"))
NO_GAPS = N_("Every indicator with a target can be assessed.")
NO_CHANGES = N_("No status moved, no value was revised and no target changed.")
JOIN = " · "  # a table row as one line, on a screen too narrow for the table


def _t(s: Any) -> translation.Translator:
    return translation.translator(getattr(s, "lang", translation.DEFAULT))


def say(s: Any, message: str) -> str:
    """One of the constants above in the one-pager's language."""
    return _t(s).gettext(message)


def headers(s: Any, names: tuple[str, ...]) -> tuple[str, ...]:
    """A table's column names in the one-pager's language."""
    return tuple(say(s, name) for name in names)


def title(s: Any) -> str:
    """The page's heading."""
    return _t(s).gettext("{city}: {pledge}, council briefing", city=s.city, pledge=s.pledge)


def as_of(s: Any) -> str:
    """The as-of line that opens the page."""
    t = _t(s)
    day = f"{s.as_of:%d %B %Y}" if t.lang == translation.DEFAULT else numbers.day(s.as_of, t.lang)
    return t.gettext("As of {day}. {legend}", day=day, legend=t.gettext(LEGEND))


def lead(s: Any) -> str:
    """The roll-up in one sentence, led by its status unless the sentence says it already."""
    word = (
        formatting.status_word(s.status, _t(s))
        if s.status in formatting.STATUS_STYLES
        else s.status
    )
    if s.sentence.lower().startswith(word.lower()):
        return f"{s.symbol} {s.sentence}"
    return f"{s.symbol} {word}. {s.sentence}"


def goal_cells(g: Any, s: Any = None) -> tuple[str, ...]:
    """One goal's cells: status, name, grade, headline value, pace it has against pace needed."""
    pace = f"{g.pace}; {g.pace_words}" if g.pace_words else g.pace
    word = (
        formatting.status_word(g.status, _t(s))
        if g.status in formatting.STATUS_STYLES
        else g.status
    )
    if g.status == "no indicators":
        word = _t(s).gettext("no indicators")
    return (f"{g.symbol} {word}", g.goal, g.evidence, f"{g.indicator}: {g.latest}", pace)


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
    return _t(s).gettext("Peers: {peers}", peers=s.peers) if s.peers else None


def others(s: Any) -> str | None:
    """The other pledges the appendix covers."""
    if not s.others:
        return None
    return _t(s).gettext("Also in the appendix: {pledges}.", pledges="; ".join(s.others))


def footer(s: Any) -> str:
    """Sources and method."""
    t = _t(s)
    return t.gettext(
        "{sources} Method: {method}.", sources=s.sources, method=t.gettext(s.methodology)
    )


def text_lines(s: Any) -> list[str]:
    """Every line of page 1 that is prose, in reading order (tables apart: `goal_cells`)."""
    lines = [title(s), as_of(s), lead(s), *goal_texts(s)]
    lines += gap_lines(s) or [say(s, NO_GAPS)]
    lines += list(s.changes) or [say(s, NO_CHANGES)]
    lines.append(s.changes_pointer)
    lines += [line for line in (peers(s), others(s)) if line]
    lines.append(footer(s))
    return lines


def screen_lines(s: Any) -> list[str]:
    """What the Overview writes, in its order: the prose lines with each row as one line."""
    lines = [title(s), as_of(s), lead(s), *goal_texts(s)]
    lines += [JOIN.join(goal_cells(g, s)) for g in s.goals]
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
        f" {where} with a target and a trend ({pace_phrases.pace_words(ratio)}; self-reported to"
        " CDP)."
    )
