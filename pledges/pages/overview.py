"""Overview: the chosen city's pledges, goals and indicators with their latest values."""

import streamlit as st

from pledges import service
from pledges.ui import widgets

db = widgets.get_store()
st.title("Pledge Tracker")
city = widgets.choose_city(db)
if city is None:
    st.info("No city is loaded yet. Run `python -m pledges init` to load the pledges in data/.")
    st.stop()

items = service.assess(db, city=city)
for pledge in {i.pledge.key: i.pledge for i in items}.values():
    st.header(pledge.name)
    st.caption(f"Adopted {pledge.adopted} · source: {pledge.source}")
    for goal in pledge.goals:
        st.subheader(goal.name)
        rows = []
        for i in items:
            if i.pledge.key != pledge.key or i.goal.key != goal.key:
                continue
            a = i.assessment
            rows.append(
                {
                    "Indicator": i.indicator.name,
                    "Latest": "no data"
                    if a.latest_year is None
                    else f"{a.latest_value:,.4g} {i.indicator.unit}",
                    "Year": a.latest_year,
                    "Status": f"{a.symbol} {a.status}",
                    "Source": "" if i.observations.empty else i.observations["source"].iloc[-1],
                }
            )
        st.dataframe(rows, hide_index=True, use_container_width=True)
