"""Data: the stored values with filters, where each came from, and a CSV of what is shown."""

import streamlit as st

from pledges import service
from pledges.views import formatting
from pledges.web import widgets

db, view = widgets.city_page("{city}: stored values")
frame = widgets.observations(db, view)
if frame.empty:
    st.info(f"No values are stored for {formatting.plain(view.city)} yet.")
    st.stop()

names = {(p.key, i.key): i.name for p in widgets.pledges(db, view) for _, i in p.indicators()}
frame = frame.assign(
    name=[names.get(key, key[1]) for key in zip(frame["pledge"], frame["indicator"], strict=True)],
    year=[period.year for period in frame["period"]],
)
left, right = st.columns(2)
pledge_keys = sorted(frame["pledge"].unique())
pledge_names = {p.key: p.name for p in widgets.pledges(db, view)}
chosen_pledges = left.multiselect(
    "Pledges",
    pledge_keys,
    default=pledge_keys,
    key="data-pledges",
    bind="query-params",
    format_func=lambda key: pledge_names.get(key, key),
)
shown = frame[frame["pledge"].isin(chosen_pledges)]
indicator_names = sorted(shown["name"].unique())
chosen = right.multiselect(
    "Indicators",
    indicator_names,
    placeholder="All indicators",
    key="data-indicators",
    bind="query-params",
)
if chosen:
    shown = shown[shown["name"].isin(chosen)]
if not shown.empty and shown["year"].min() < shown["year"].max():
    first, last = st.slider(
        "Years",
        int(shown["year"].min()),
        int(shown["year"].max()),
        (int(shown["year"].min()), int(shown["year"].max())),
        key="data-years",
        bind="query-params",
    )
    shown = shown[(shown["year"] >= first) & (shown["year"] <= last)]

batches = {batch.id: batch for batch in db.history()}
table = shown.assign(
    imported=[formatting.batch_label(b, batches.get(b)) for b in shown["batch_id"]],
    period=formatting.period_texts(shown),
    method=shown["method"].fillna(""),
    note=shown["note"].fillna(""),
)
widgets.note(
    f"{len(shown)} of {len(frame)} values. Each row keeps its source, method, note and the "
    "import it came from."
)
st.dataframe(
    table.loc[
        :,
        ["name", "period", "value", "unit", "method", "source", "note", "imported", "pledge"],
    ].rename(columns={"name": "indicator"}),
    hide_index=True,
    width="stretch",
    # On a phone the value shows beside a narrower name; the rest scrolls on demand.
    column_config={"indicator": st.column_config.TextColumn(width="medium")},
)
st.download_button(
    "Download these values as CSV",
    service.export_frame(shown.drop(columns=["name", "year"])),
    file_name=f"{view.city.lower().replace(' ', '-')}-values.csv",
    mime="text/csv",
    icon=":material/download:",
)
widgets.note("The file is in the upload format: it re-imports to the same values.")

st.header("Values revised after they were first stored")
revised = widgets.revisions(db, view.city)
if revised.empty:
    st.info("No stored value has been revised.")
else:
    revised = revised.assign(period=formatting.period_texts(revised))
    st.dataframe(
        revised.loc[
            :,
            ["pledge", "indicator", "period", "value", "new_value", "replaced_at", "replaced_file"],
        ].rename(columns={"value": "old value", "new_value": "new value"}),
        hide_index=True,
        width="stretch",
    )
st.page_link("pledges/web/pages/history.py", label="Import history", icon=":material/history:")
