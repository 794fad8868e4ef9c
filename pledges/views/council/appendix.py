"""The briefing appendix's text tables: changes, data gaps and sources, as `tables.Table` values.

Duck-typed on `briefing.content.Briefing` and `briefing.changes.Changes` (the renderer's data),
so this layer needs nothing from the one above it. Every caption, header and word is in the
reader's language (`t`); names, sources and reasons people wrote stay as written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pledges import numbers, translation
from pledges.views import formatting
from pledges.views.tables import Table, of

T = translation.Translator
EN = translation.ENGLISH

# The words a change or a moved status is named by (stored in English; shown in the reader's).
WORDS = (
    translation.N_("goal"),
    translation.N_("indicator"),
    translation.N_("added"),
    translation.N_("changed"),
    translation.N_("withdrawn"),
    translation.N_("strengthened"),
    translation.N_("weakened"),
    translation.N_("moved earlier"),
    translation.N_("moved later"),
    translation.N_("restated"),
)


def _day(day: dt.date | dt.datetime | None, t: T) -> str:
    if day is None:
        return ""
    return numbers.short_day(day.date() if isinstance(day, dt.datetime) else day, t.lang)


def _value(value: float | None, unit: str, t: T) -> str:
    return formatting.stored_quantity(value, unit, t) if value is not None else t.gettext("removed")


def moves(c: Any, t: T = EN) -> Table | None:
    """Goals and indicators whose status moved since the last briefing."""
    if not c.moves:
        return None
    return of(
        t.gettext("Statuses that moved ({count}): then -> now", count=len(c.moves)),
        (
            t.gettext("Goal or indicator"),
            t.gettext("Level"),
            t.gettext("Status then"),
            t.gettext("Status now"),
        ),
        (
            (
                t.name(m.name),
                t.gettext(m.level),
                formatting.status_word(m.before, t),
                formatting.status_word(m.after, t),
            )
            for m in c.moves
        ),
    )


def revisions(c: Any, t: T = EN) -> Table | None:
    """Revised values: old -> new, with the batch that changed them."""
    if not c.revisions:
        return None
    return of(
        t.gettext("Revised values ({count}): old -> new", count=len(c.revisions)),
        (
            t.gettext("Indicator"),
            t.gettext("Period"),
            t.gettext("Old value"),
            t.gettext("New value"),
            t.gettext("Changed by"),
        ),
        (
            (
                t.name(r.indicator),
                formatting.period_text(r.period),
                _value(r.old, r.unit, t),
                _value(r.new, r.unit, t),
                t.gettext(
                    "batch {batch} ({file}, {user}, {day})",
                    batch=r.batch_id,
                    file=r.batch_file,
                    user=r.batch_user,
                    day=_day(r.committed_at, t),
                ),
            )
            for r in c.revisions
        ),
        numeric=(2, 3),
    )


def new_values(c: Any, t: T = EN) -> Table | None:
    """New values, summarised by indicator."""
    if not c.new_values:
        return None

    def periods(n: Any) -> str:
        first = formatting.period_text(n.first_period)
        return f"{first}–{formatting.period_text(n.last_period)}" if n.count > 1 else first

    return of(
        t.gettext("New values ({count}), by indicator", count=c.new_count),
        (
            t.gettext("Indicator"),
            t.gettext("Values"),
            t.gettext("Periods"),
            t.gettext("Latest new value"),
            t.gettext("Batch"),
        ),
        (
            (
                t.name(n.indicator),
                numbers.number(n.count, t.lang),
                periods(n),
                formatting.stored_quantity(n.last_value, n.unit, t),
                ", ".join(n.batches),
            )
            for n in c.new_values
        ),
        numeric=(1, 3),
    )


def targets(c: Any, t: T = EN) -> Table | None:
    """Targets added, changed or withdrawn."""
    if not c.targets:
        return None
    return of(
        t.gettext("Targets added, changed or withdrawn"),
        (
            t.gettext("Indicator"),
            t.gettext("Year"),
            t.gettext("Change"),
            t.gettext("Before"),
            t.gettext("After"),
            t.gettext("When"),
        ),
        (
            (
                t.name(one.indicator),
                one.year,
                t.gettext(one.kind),
                one.old or "–",
                one.new or "–",
                _day(one.changed_at, t),
            )
            for one in c.targets
        ),
    )


def ledger(b: Any, t: T = EN) -> Table | None:
    """Every target change up to the briefing's date, newest first: which way, and who agreed."""
    if not b.ledger:
        return None
    return of(
        t.gettext("Every target change ({count}), newest first", count=len(b.ledger)),
        (
            t.gettext("Date"),
            t.gettext("Change"),
            t.gettext("Indicator"),
            t.gettext("Before"),
            t.gettext("After"),
            t.gettext("Why"),
            t.gettext("Approved by"),
        ),
        (
            (
                _day(e.date, t),
                t.gettext(e.change),
                t.name(e.indicator_name),
                e.old_in(t),
                e.new_in(t),
                e.reason,
                ", ".join(e.approved_by),
            )
            for e in reversed(b.ledger)
        ),
    )


def thin_gaps(gaps: Any, t: T = EN) -> Table | None:
    """Indicators with too few or too old values, and what is missing."""
    thin = [g for g in gaps if not g.no_values]
    if not thin:
        return None
    return of(
        t.ngettext(
            "Too few or too old values ({count} indicator)",
            "Too few or too old values ({count} indicators)",
            len(thin),
        ),
        (t.gettext("Indicator"), t.gettext("Goal"), t.gettext("What is missing")),
        ((t.name(g.indicator), t.name(g.goal), g.problem) for g in thin),
    )


def empty_by_goal(gaps: Any) -> dict[tuple[str, str], list[str]]:
    """Indicators with no values at all, by (pledge, goal)."""
    out: dict[tuple[str, str], list[str]] = {}
    for g in gaps:
        if g.no_values:
            out.setdefault((g.pledge, g.goal), []).append(g.indicator)
    return out


def sources(b: Any, t: T = EN) -> tuple[list[Table], list[str]]:
    """Per pledge, every figure and its numbered source; and the sources in number order."""
    numbered: dict[str, int] = {}
    rows: dict[str, dict[str, list[str]]] = {}
    for s in b.sources:
        n = numbered.setdefault(s.source, len(numbered) + 1)
        rows.setdefault(s.pledge, {}).setdefault(s.indicator, []).append(f"{s.figures} [{n}]")
    tables = [
        of(
            t.gettext(
                "{pledge}: every figure and its source (numbered in the list below)",
                pledge=t.name(pledge),
            ),
            (t.gettext("Indicator"), t.gettext("Figures [source]")),
            ((t.name(indicator), "; ".join(figures)) for indicator, figures in indicators.items()),
        )
        for pledge, indicators in rows.items()
    ]
    return tables, list(numbered)
