"""The History page's decisions as plain functions: batches in, tables and questions out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from pledges import model, numbers
from pledges.views import formatting

Scopes = Mapping[int, Sequence[model.IndicatorRef]]
PLAN_SHOWN = 20


def history_table(batches: Sequence[model.Batch], scopes: Scopes | None = None) -> pd.DataFrame:
    """Batches newest first: who, when, file, the cities and indicators touched, counts, status."""
    scopes = scopes or {}
    out = [
        {
            "batch": batch.id,
            "when (UTC)": batch.committed_at.strftime("%Y-%m-%d %H:%M:%S"),
            "who": batch.user,
            "file": batch.file_name,
            "cities": cities_of(scopes.get(batch.id, ())),
            "indicators": indicators_of(scopes.get(batch.id, ())),
            "added": batch.added,
            "changed": batch.changed,
            "unchanged": batch.unchanged,
            "removed": batch.removed,
            "status": status_word(batch),
        }
        for batch in batches
    ]
    columns = ["batch", "when (UTC)", "who", "file", "cities", "indicators"]
    columns += ["added", "changed", "unchanged", "removed"]
    return pd.DataFrame(out, columns=[*columns, "status"])


def cities_of(refs: Sequence[model.IndicatorRef]) -> str:
    """The cities a batch touched, in the order of its indicators, each once."""
    return ", ".join(dict.fromkeys(ref.city for ref in refs))


def indicators_of(refs: Sequence[model.IndicatorRef]) -> str:
    """The indicators a batch touched (city named when it touched several cities)."""
    several = len({ref.city for ref in refs}) > 1
    return ", ".join(f"{ref.city}: {ref.indicator}" if several else ref.indicator for ref in refs)


def scope_text(refs: Sequence[model.IndicatorRef]) -> str:
    """A batch's cities and indicators in one line ("Los Angeles: coal-share, renewable-share")."""
    by_city: dict[str, list[str]] = {}
    for ref in refs:
        by_city.setdefault(ref.city, []).append(ref.indicator)
    lines = [f"{city}: {', '.join(names)}" for city, names in by_city.items()]
    return "; ".join(lines) or "no values"


def status_word(batch: model.Batch) -> str:
    """A batch's status in words (an undo names the batch it undid)."""
    if batch.status == "undo" and batch.undoes is not None:
        return f"undo of batch {batch.undoes}"
    return batch.status


def undoable(batches: Sequence[model.Batch]) -> list[model.Batch]:
    """Batches an editor may undo: committed ones (the store refuses one changed later)."""
    return [batch for batch in batches if batch.status == "committed"]


def undo_question(batch: model.Batch, plan: pd.DataFrame | None = None) -> str:
    """The confirmation asked before undoing a batch, counting what it restores and removes."""
    if plan is None:
        effect = f"{batch.added:,} added, {batch.changed:,} changed"
    else:
        restore = int((plan["action"] == "restore").sum())
        remove = int((plan["action"] == "remove").sum())
        effect = f"restores {_values(restore)} and removes {_values(remove)}"
    return (
        f"Undo batch {batch.id} ({batch.file_name}, {effect})? A new batch restores every value "
        "as it was before; nothing is deleted from the history."
    )


def undo_table(plan: pd.DataFrame, limit: int = PLAN_SHOWN) -> pd.DataFrame:
    """The values an undo restores or removes, as the page lists them (the first `limit`)."""
    shown = plan.head(limit)
    out = [
        {
            "city": item.city,
            "indicator": item.indicator,
            "period": formatting.period_text(item.period, item.annual),
            "now": numbers.exact(item.current_value),
            "after the undo": "removed"
            if item.action == "remove"
            else numbers.exact(item.restored_value),
        }
        for item in shown.itertuples(index=False)
    ]
    return pd.DataFrame(out, columns=["city", "indicator", "period", "now", "after the undo"])


def undo_more(plan: pd.DataFrame, limit: int = PLAN_SHOWN) -> str | None:
    """The note for values past the listed ones, if any."""
    left = len(plan) - limit
    return f"…and {left:,} more values." if left > 0 else None


def _values(count: int) -> str:
    """A count of values in words ("1 value", "3 values")."""
    return f"{count:,} value" if count == 1 else f"{count:,} values"
