"""Methodology: how every number is computed (docs/methodology.md), with the live thresholds."""

import streamlit as st

from pledges import settings
from pledges.service import vocabulary
from pledges.web import widgets

DOC = settings.PROJECT_ROOT / "docs" / "methodology.md"

if DOC.exists():
    # The project's own document (not user text), rendered as markdown without HTML.
    st.markdown(DOC.read_text(encoding="utf-8"))
else:
    st.title("How progress is measured")
    st.info("The methodology document (docs/methodology.md) is missing from this installation.")

st.subheader("Statuses and settings in force in this app", anchor="in-force", divider="gray")
widgets.note("Read from the code that computes every page, so they cannot drift from it.")
rules = vocabulary.status_rules()
st.dataframe(
    {"status": [f"{symbol} {word}" for word, symbol, _ in rules], "rule": [r for *_, r in rules]},
    hide_index=True,
    width="stretch",
)
described = vocabulary.describe_thresholds()
st.dataframe(
    {"setting": [name for name, _ in described], "value": [value for _, value in described]},
    hide_index=True,
    width="stretch",
)
