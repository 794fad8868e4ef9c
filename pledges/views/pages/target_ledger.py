"""The target ledger and waiting proposals as tables, and a proposal's effect in words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from pledges import service
from pledges.service import target_drafts
from pledges.views import formatting

LEDGER_COLUMNS = [
    "date",
    "change",
    "old",
    "new",
    "indicator",
    "pledge",
    "approved by",
    "reason",
    "source",
]
PENDING_COLUMNS = [
    "id",
    "change",
    "old",
    "new",
    "indicator",
    "pledge",
    "proposed by",
    "approvals",
    "reason",
    "source",
]


def _name(names: Mapping[str, str], key: str) -> str:
    return names.get(key, key)


def ledger_rows(
    entries: Sequence[service.LedgerEntry], pledge_names: Mapping[str, str]
) -> pd.DataFrame:
    """Every approved change, newest first: date, old -> new, which way, source, who agreed."""
    rows = [
        {
            "date": e.date,
            "pledge": _name(pledge_names, e.pledge),
            "indicator": e.indicator_name
            if e.subject == "target"
            else f"{e.indicator_name} (baseline)",
            "change": e.change,
            "old": e.old,
            "new": e.new,
            "source": e.source,
            "reason": e.reason,
            "approved by": ", ".join(e.approved_by),
        }
        for e in reversed(entries)
    ]
    return pd.DataFrame(rows, columns=LEDGER_COLUMNS)


def pending_rows(
    entries: Sequence[service.LedgerEntry], pledge_names: Mapping[str, str], needed: int
) -> pd.DataFrame:
    """Proposals waiting for review, oldest first, with how many approvals they have."""
    rows = [
        {
            "id": e.id,
            "pledge": _name(pledge_names, e.pledge),
            "indicator": e.indicator_name,
            "change": e.change,
            "old": e.old,
            "new": e.new,
            "source": e.source,
            "reason": e.reason,
            "proposed by": e.proposed_by,
            "approvals": f"{len(e.approved_by)} of {needed}",
        }
        for e in entries
    ]
    return pd.DataFrame(rows, columns=PENDING_COLUMNS)


def summary_line(entries: Sequence[service.LedgerEntry]) -> str:
    """How many changes of each kind, in the order the words are defined."""
    counts: dict[str, int] = {}
    for e in entries:
        counts[e.change] = counts.get(e.change, 0) + 1
    if not counts:
        return "No target change is recorded yet."
    parts = [f"{n} {word}" for word, n in counts.items()]
    return f"{len(entries)} target changes: " + ", ".join(parts) + "."


def effect_line(shown: target_drafts.Effect) -> str:
    """The status before and after, as "off track → needs acceleration"."""
    before = formatting.status_label(shown.before.status)
    after = formatting.status_label(shown.after.status)
    if before == after:
        return f"Status stays {before}."
    return f"Status: {before} → {after}."


def effect_rows(shown: target_drafts.Effect, unit: str) -> pd.DataFrame:
    """Each target's verdict without and with the change, side by side by year."""
    years = sorted(
        {v.target.year for v in shown.before.verdicts}
        | {v.target.year for v in shown.after.verdicts}
    )

    def by_year(verdicts: Sequence[Any]) -> dict[int, str]:
        return {
            v.target.year: f"{formatting.target_text(v.target, unit)}: "
            f"{formatting.status_label(v.status)}"
            for v in verdicts
        }

    now, then = by_year(shown.before.verdicts), by_year(shown.after.verdicts)
    return pd.DataFrame(
        {
            "year": years,
            "without the change": [now.get(y, "–") for y in years],
            "with the change": [then.get(y, "–") for y in years],
        }
    )
