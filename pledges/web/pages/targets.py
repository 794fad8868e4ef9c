"""Targets: every target of the city's pledges with its kind, source, verdict and history."""

import streamlit as st

from pledges import service
from pledges.views import formatting, summaries
from pledges.web import widgets

db, view = widgets.city_page("{city}: every target")
pledges = widgets.pledges(db, view)
pledged = service.summarise(pledges, widgets.assessed(db, view))
if not pledged:
    st.info(f"{formatting.plain(view.city)} has no pledges stored yet.")
    st.stop()

table = summaries.target_rows(pledged)
counts = table["verdict"].value_counts()
st.markdown(
    f"{len(table)} targets in {len(pledged)} pledges: "
    + ", ".join(f"{n} {word}" for word, n in counts.items())
    + f". [How verdicts are decided]({widgets.METHODOLOGY_LINK})"
)
for summary in pledged:
    pledge = summary.pledge
    widgets.pledge_heading(
        pledge, pledged, "Its targets are listed for the record and no longer count."
    )
    rows = table[table["pledge"] == pledge.name].drop(columns=["pledge", "pledge state"])
    if rows.empty:
        st.info("This pledge has no numeric targets.")
    else:
        st.dataframe(rows, hide_index=True, width="stretch")
    widgets.note(f"{formatting.adoption(pledge)}. Source: {formatting.plain(pledge.source)}")

st.header("How the targets have changed", divider="gray")
changes = summaries.target_changes(widgets.target_history(db, view.city), pledges)
if changes.empty:
    st.info("No target has changed since the definitions were first loaded.")
else:
    widgets.note("Every version of a target that changed, with when it was in force.")
    st.dataframe(changes, hide_index=True, width="stretch")
