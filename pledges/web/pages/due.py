"""Data due: every indicator's owner and whether its next value is fresh, due soon or late."""

import streamlit as st

from pledges import clock
from pledges.views import due, formatting
from pledges.web import widgets

db = widgets.get_store()
view = widgets.sidebar(db)
if view.city is None:
    widgets.empty_city()
    st.stop()

today = clock.today()
st.title(f"Data due: {formatting.plain(view.city)}")
widgets.note(
    f"As of {today:%d %b %Y}. Each indicator's owner and cadence come from the pledge "
    "definitions; a value is due soon within the configured days of its due day."
)
items = widgets.due_items(db, view.city, today)
if not items:
    st.info("No indicator of this city has a reporting cadence set in its definition.")
    st.stop()

left, right = st.columns(2)
owner = left.selectbox("Owner", due.owner_options(items), key="due_owner")
states = right.multiselect(
    "State", ["late", "never reported", "due soon", "fresh"], key="due_states"
)
shown = due.select(items, owner, states)
st.markdown(formatting.plain(due.counts_text(shown)))
st.dataframe(due.table(shown), hide_index=True, width="stretch", key="due_table")
