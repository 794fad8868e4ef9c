"""The History page's decisions as plain functions: batches in, tables and questions out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from pledges import model, numbers, translation
from pledges.views import formatting

EN = translation.ENGLISH
# A batch's status in words (the stored code stays English).
BATCH_STATES = {
    "committed": translation.N_("committed"),
    "undo": translation.N_("undo"),
    "undone": translation.N_("undone"),
    "retired": translation.N_("retired"),
}

Scopes = Mapping[int, Sequence[model.IndicatorRef]]
PLAN_SHOWN = 20


def history_table(
    batches: Sequence[model.Batch], scopes: Scopes | None = None, t: translation.Translator = EN
) -> pd.DataFrame:
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
            "status": status_word(batch, t),
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


def scope_text(refs: Sequence[model.IndicatorRef], t: translation.Translator = EN) -> str:
    """A batch's cities and indicators in one line ("Los Angeles: coal-share, renewable-share")."""
    by_city: dict[str, list[str]] = {}
    for ref in refs:
        by_city.setdefault(ref.city, []).append(ref.indicator)
    lines = [f"{city}: {', '.join(names)}" for city, names in by_city.items()]
    return "; ".join(lines) or t.gettext("no values")


def status_word(batch: model.Batch, t: translation.Translator = EN) -> str:
    """A batch's status in words (an undo names the batch it undid)."""
    if batch.status == "undo" and batch.undoes is not None:
        return t.gettext("undo of batch {id}", id=batch.undoes)
    return t.gettext(BATCH_STATES[batch.status]) if batch.status in BATCH_STATES else batch.status


def undoable(batches: Sequence[model.Batch]) -> list[model.Batch]:
    """Batches an editor may undo: committed ones (the store refuses one changed later)."""
    return [batch for batch in batches if batch.status == "committed"]


def undo_question(
    batch: model.Batch, plan: pd.DataFrame | None = None, t: translation.Translator = EN
) -> str:
    """The confirmation asked before undoing a batch, counting what it restores and removes."""
    if plan is None:
        effect = t.gettext(
            "{added} added, {changed} changed",
            added=numbers.number(batch.added, t.lang),
            changed=numbers.number(batch.changed, t.lang),
        )
    else:
        restore = int((plan["action"] == "restore").sum())
        remove = int((plan["action"] == "remove").sum())
        effect = t.gettext(
            "restores {restored} and removes {removed}",
            restored=_values(restore, t),
            removed=_values(remove, t),
        )
    return t.gettext(
        "Undo batch {id} ({file}, {effect})? A new batch restores every value as it was "
        "before; nothing is deleted from the history.",
        id=batch.id,
        file=batch.file_name,
        effect=effect,
    )


def undo_table(
    plan: pd.DataFrame, limit: int = PLAN_SHOWN, t: translation.Translator = EN
) -> pd.DataFrame:
    """The values an undo restores or removes, as the page lists them (the first `limit`)."""
    shown = plan.head(limit)
    out = [
        {
            "city": item.city,
            "indicator": item.indicator,
            "period": formatting.period_text(item.period, item.annual),
            "now": numbers.exact(item.current_value, t.lang),
            "after the undo": t.gettext("removed")
            if item.action == "remove"
            else numbers.exact(item.restored_value, t.lang),
        }
        for item in shown.itertuples(index=False)
    ]
    return pd.DataFrame(out, columns=["city", "indicator", "period", "now", "after the undo"])


def undo_more(
    plan: pd.DataFrame, limit: int = PLAN_SHOWN, t: translation.Translator = EN
) -> str | None:
    """The note for values past the listed ones, if any."""
    left = len(plan) - limit
    if left <= 0:
        return None
    return t.ngettext(
        "…and {shown} more value.",
        "…and {shown} more values.",
        left,
        shown=numbers.number(left, t.lang),
    )


def _values(count: int, t: translation.Translator = EN) -> str:
    """A count of values in words ("1 value", "3 values")."""
    return t.ngettext("{shown} value", "{shown} values", count, shown=numbers.number(count, t.lang))
