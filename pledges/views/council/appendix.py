"""The briefing appendix's text tables: changes, data gaps and sources, as `tables.Table` values.

Duck-typed on `briefing.content.Briefing` and `briefing.changes.Changes` (the renderer's data),
so this layer needs nothing from the one above it.
"""

from __future__ import annotations

from typing import Any

from pledges.views import formatting
from pledges.views.tables import Table, of


def _value(value: float | None, unit: str) -> str:
    return formatting.stored_quantity(value, unit) if value is not None else "removed"


def moves(c: Any) -> Table | None:
    """Goals and indicators whose status moved since the last briefing."""
    if not c.moves:
        return None
    return of(
        f"Statuses that moved ({len(c.moves)}): then -> now",
        ("Goal or indicator", "Level", "Status then", "Status now"),
        ((m.name, m.level, m.before, m.after) for m in c.moves),
    )


def revisions(c: Any) -> Table | None:
    """Revised values: old -> new, with the batch that changed them."""
    if not c.revisions:
        return None
    return of(
        f"Revised values ({len(c.revisions)}): old -> new",
        ("Indicator", "Period", "Old value", "New value", "Changed by"),
        (
            (
                r.indicator,
                formatting.period_text(r.period),
                _value(r.old, r.unit),
                _value(r.new, r.unit),
                f"batch {r.batch_id} ({r.batch_file}, {r.batch_user}, {r.committed_at:%d %b %Y})",
            )
            for r in c.revisions
        ),
        numeric=(2, 3),
    )


def new_values(c: Any) -> Table | None:
    """New values, summarised by indicator."""
    if not c.new_values:
        return None

    def periods(n: Any) -> str:
        first = formatting.period_text(n.first_period)
        return f"{first}–{formatting.period_text(n.last_period)}" if n.count > 1 else first

    return of(
        f"New values ({c.new_count}), by indicator",
        ("Indicator", "Values", "Periods", "Latest new value", "Batch"),
        (
            (
                n.indicator,
                n.count,
                periods(n),
                formatting.stored_quantity(n.last_value, n.unit),
                ", ".join(n.batches),
            )
            for n in c.new_values
        ),
        numeric=(1, 3),
    )


def targets(c: Any) -> Table | None:
    """Targets added, changed or withdrawn."""
    if not c.targets:
        return None
    return of(
        "Targets added, changed or withdrawn",
        ("Indicator", "Year", "Change", "Before", "After", "When"),
        (
            (t.indicator, t.year, t.kind, t.old or "–", t.new or "–", f"{t.changed_at:%d %b %Y}")
            for t in c.targets
        ),
    )


def ledger(b: Any) -> Table | None:
    """Every target change up to the briefing's date, newest first: which way, and who agreed."""
    if not b.ledger:
        return None
    return of(
        f"Every target change ({len(b.ledger)}), newest first",
        ("Date", "Change", "Indicator", "Before", "After", "Why", "Approved by"),
        (
            (
                f"{e.date:%d %b %Y}" if e.date else "",
                e.change,
                e.indicator_name,
                e.old,
                e.new,
                e.reason,
                ", ".join(e.approved_by),
            )
            for e in reversed(b.ledger)
        ),
    )


def thin_gaps(gaps: Any) -> Table | None:
    """Indicators with too few or too old values, and what is missing."""
    thin = [g for g in gaps if not g.no_values]
    if not thin:
        return None
    return of(
        f"Too few or too old values ({len(thin)} indicators)",
        ("Indicator", "Goal", "What is missing"),
        ((g.indicator, g.goal, g.problem) for g in thin),
    )


def empty_by_goal(gaps: Any) -> dict[tuple[str, str], list[str]]:
    """Indicators with no values at all, by (pledge, goal)."""
    out: dict[tuple[str, str], list[str]] = {}
    for g in gaps:
        if g.no_values:
            out.setdefault((g.pledge, g.goal), []).append(g.indicator)
    return out


def sources(b: Any) -> tuple[list[Table], list[str]]:
    """Per pledge, every figure and its numbered source; and the sources in number order."""
    numbers: dict[str, int] = {}
    rows: dict[str, dict[str, list[str]]] = {}
    for s in b.sources:
        n = numbers.setdefault(s.source, len(numbers) + 1)
        rows.setdefault(s.pledge, {}).setdefault(s.indicator, []).append(f"{s.figures} [{n}]")
    tables = [
        of(
            f"{pledge}: every figure and its source (numbered in the list below)",
            ("Indicator", "Figures [source]"),
            ((indicator, "; ".join(figures)) for indicator, figures in indicators.items()),
        )
        for pledge, indicators in rows.items()
    ]
    return tables, list(numbers)
