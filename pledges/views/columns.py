"""Table headers in the reader's language: frames keep their English column names (code and
CSV exports rely on them), and a table is translated only where a page shows it."""

from __future__ import annotations

import pandas as pd

from pledges import translation

N_ = translation.N_

# Every column name a page's table shows, marked for the catalog. A name not listed is shown
# as it is (a city's or a year's), so the pseudo-locale still finds an unmarked English one.
HEADERS = frozenset(
    {
        # indicators, verdicts, sources (views.summaries) and the indicator page
        N_("indicator"),
        N_("status"),
        N_("latest"),
        N_("progress share"),
        N_("summary"),
        N_("year"),
        N_("target"),
        N_("verdict"),
        N_("detail"),
        N_("kind"),
        N_("source"),
        N_("pledge"),
        N_("pledge state"),
        N_("goal"),
        N_("in force from"),
        N_("replaced on"),
        N_("period"),
        N_("value"),
        N_("method"),
        N_("note"),
        N_("batch"),
        N_("unit"),
        N_("city"),
        N_("newest value"),
        N_("name"),
        # Compare and the CDP panel
        N_("country"),
        N_("region"),
        N_("population"),
        N_("active pledges"),
        N_("grade"),
        N_("indicators"),
        N_("pace ratio"),
        N_("latest year"),
        N_("base year"),
        N_("target year"),
        N_("values"),
        N_("construction"),
        N_("city's own claim"),
        N_("needed"),
        N_("actual"),
        # Data, History and the revision notice
        N_("imported"),
        N_("old value"),
        N_("new value"),
        N_("value then"),
        N_("value now"),
        N_("replaced_at"),
        N_("replaced_file"),
        N_("when (UTC)"),
        N_("who"),
        N_("file"),
        N_("cities"),
        N_("added"),
        N_("changed"),
        N_("unchanged"),
        N_("removed"),
        N_("now"),
        N_("after the undo"),
        # Targets: the ledger and the proposals
        N_("date"),
        N_("change"),
        N_("old"),
        N_("new"),
        N_("reason"),
        N_("approved by"),
        N_("id"),
        N_("proposed by"),
        N_("approvals"),
        N_("without the change"),
        N_("with the change"),
        # Data due
        N_("State"),
        N_("Owner"),
        N_("Indicator"),
        N_("Due"),
        N_("Days late"),
        N_("Value due"),
        N_("Latest period"),
        N_("Pledge"),
        N_("E-mail"),
        # Upload: the problems, the counts and the rows of a preview
        N_("code"),
        N_("row"),
        N_("column"),
        N_("message"),
        N_("expected"),
        N_("what changes"),
        # Methodology
        N_("rule"),
        N_("setting"),
    }
)


def header(name: object, t: translation.Translator) -> str:
    """One column's header as the reader reads it."""
    text = str(name)
    return t.gettext(text) if text in HEADERS else text


def shown(frame: pd.DataFrame, t: translation.Translator) -> pd.DataFrame:
    """The frame with its headers in the reader's language (its cells as they are)."""
    return frame.rename(columns={name: header(name, t) for name in frame.columns})
