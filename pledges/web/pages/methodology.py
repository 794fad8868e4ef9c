"""Methodology: how every number is computed (docs/methodology.md, or its translation beside
it), with the live thresholds."""

import streamlit as st

from pledges import settings
from pledges.service import vocabulary
from pledges.views import columns
from pledges.views.pages import methodology_doc
from pledges.web import widgets

DOCS = settings.PROJECT_ROOT / "docs"

t = widgets.translator()
doc = methodology_doc.document(DOCS, t.lang)
english = DOCS / "methodology.md"
if not doc.exists():
    st.title(t.gettext("How progress is measured"))
    st.info(
        t.gettext(
            "The methodology document ({path}) is missing from this installation.",
            path="docs/methodology.md",
        )
    )
elif doc == english:
    if t.lang != "en":
        widgets.note(t.gettext("This document has no translation yet: it is shown in English."))
    # The project's own document (not user text), rendered as markdown without HTML.
    st.markdown(doc.read_text(encoding="utf-8"))
else:
    # A translation: each section keeps the English anchor the app's links point at.
    text, original = doc.read_text(encoding="utf-8"), english.read_text(encoding="utf-8")
    for section in methodology_doc.sections(text, original):
        if section.heading:
            st.header(section.heading, anchor=section.anchor or None)
        st.markdown(section.body)

st.subheader(
    t.gettext("Statuses and settings in force in this app"), anchor="in-force", divider="gray"
)
widgets.note(
    t.gettext("Read from the code that computes every page, so they cannot drift from it.")
)
rules = vocabulary.status_rules(t=t)
st.dataframe(
    {
        columns.header("status", t): [f"{symbol} {t.gettext(word)}" for word, symbol, _ in rules],
        columns.header("rule", t): [r for *_, r in rules],
    },
    hide_index=True,
    width="stretch",
)
described = vocabulary.describe_thresholds(t=t)
st.dataframe(
    {
        columns.header("setting", t): [name for name, _ in described],
        columns.header("value", t): [value for _, value in described],
    },
    hide_index=True,
    width="stretch",
)
