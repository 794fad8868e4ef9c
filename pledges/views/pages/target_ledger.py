"""The target ledger and waiting proposals as tables, and a proposal's effect in words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from pledges import service, translation
from pledges.service import target_drafts
from pledges.views import formatting

EN = translation.ENGLISH
# A change's word (the stored one stays English: the ledger's files are an interface).
CHANGE_WORDS = {
    "added": translation.N_("added"),
    "withdrawn": translation.N_("withdrawn"),
    "strengthened": translation.N_("strengthened"),
    "weakened": translation.N_("weakened"),
    "moved earlier": translation.N_("moved earlier"),
    "moved later": translation.N_("moved later"),
    "restated": translation.N_("restated"),
}

# A count of changes of one kind ("2 strengthened", "2 reforzados"): the word agrees with it.
COUNTED_CHANGES = {
    "added": translation.NP_("{count} added", "{count} added"),
    "withdrawn": translation.NP_("{count} withdrawn", "{count} withdrawn"),
    "strengthened": translation.NP_("{count} strengthened", "{count} strengthened"),
    "weakened": translation.NP_("{count} weakened", "{count} weakened"),
    "moved earlier": translation.NP_("{count} moved earlier", "{count} moved earlier"),
    "moved later": translation.NP_("{count} moved later", "{count} moved later"),
    "restated": translation.NP_("{count} restated", "{count} restated"),
}

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


def change_word(change: str, t: translation.Translator = EN) -> str:
    """A change's word in the reader's language."""
    return t.gettext(CHANGE_WORDS[change]) if change in CHANGE_WORDS else change


def ledger_rows(
    entries: Sequence[service.LedgerEntry],
    pledge_names: Mapping[str, str],
    t: translation.Translator = EN,
) -> pd.DataFrame:
    """Every approved change, newest first: date, old -> new, which way, source, who agreed."""
    rows = [
        {
            "date": e.date,
            "pledge": t.name(_name(pledge_names, e.pledge)),
            "indicator": t.name(e.indicator_name)
            if e.subject == "target"
            else t.gettext("{indicator} (baseline)", indicator=t.name(e.indicator_name)),
            "change": change_word(e.change, t),
            "old": e.old_in(t),
            "new": e.new_in(t),
            "source": e.source,
            "reason": e.reason,
            "approved by": ", ".join(e.approved_by),
        }
        for e in reversed(entries)
    ]
    return pd.DataFrame(rows, columns=LEDGER_COLUMNS)


def pending_rows(
    entries: Sequence[service.LedgerEntry],
    pledge_names: Mapping[str, str],
    needed: int,
    t: translation.Translator = EN,
) -> pd.DataFrame:
    """Proposals waiting for review, oldest first, with how many approvals they have."""
    rows = [
        {
            "id": e.id,
            "pledge": t.name(_name(pledge_names, e.pledge)),
            "indicator": t.name(e.indicator_name),
            "change": change_word(e.change, t),
            "old": e.old_in(t),
            "new": e.new_in(t),
            "source": e.source,
            "reason": e.reason,
            "proposed by": e.proposed_by,
            "approvals": t.gettext(
                "{approvals} of {needed}", approvals=len(e.approved_by), needed=needed
            ),
        }
        for e in entries
    ]
    return pd.DataFrame(rows, columns=PENDING_COLUMNS)


def summary_line(entries: Sequence[service.LedgerEntry], t: translation.Translator = EN) -> str:
    """How many changes of each kind, in the order the words are defined."""
    counts: dict[str, int] = {}
    for e in entries:
        counts[e.change] = counts.get(e.change, 0) + 1
    if not counts:
        return t.gettext("No target change is recorded yet.")
    parts = ", ".join(
        t.ngettext(*COUNTED_CHANGES[word], n) if word in COUNTED_CHANGES else f"{n} {word}"
        for word, n in counts.items()
    )
    return t.ngettext(
        "{count} target change: {parts}.",
        "{count} target changes: {parts}.",
        len(entries),
        parts=parts,
    )


def effect_line(shown: target_drafts.Effect, t: translation.Translator = EN) -> str:
    """The status before and after, as "off track → needs acceleration"."""
    before = formatting.status_label(shown.before.status, t)
    after = formatting.status_label(shown.after.status, t)
    if before == after:
        return t.gettext("Status stays {status}.", status=before)
    return t.gettext("Status: {before} → {after}.", before=before, after=after)


def effect_rows(
    shown: target_drafts.Effect, unit: str, t: translation.Translator = EN
) -> pd.DataFrame:
    """Each target's verdict without and with the change, side by side by year."""
    years = sorted(
        {v.target.year for v in shown.before.verdicts}
        | {v.target.year for v in shown.after.verdicts}
    )

    def by_year(verdicts: Sequence[Any]) -> dict[int, str]:
        return {
            v.target.year: f"{formatting.target_text(v.target, unit, t)}: "
            f"{formatting.status_label(v.status, t)}"
            for v in verdicts
        }

    now, then = by_year(shown.before.verdicts), by_year(shown.after.verdicts)
    return pd.DataFrame(
        {
            t.gettext("year"): years,
            t.gettext("without the change"): [now.get(y, "–") for y in years],
            t.gettext("with the change"): [then.get(y, "–") for y in years],
        }
    )
