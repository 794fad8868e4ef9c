"""Data: the stored values with filters, where each came from, and a CSV of what is shown."""

import streamlit as st

from pledges import service, translation
from pledges.views import columns, formatting
from pledges.web import widgets

db, view = widgets.city_page(translation.N_("{city}: stored values"))
t = view.t
frame = widgets.observations(db, view)
if frame.empty:
    st.info(t.gettext("No values are stored for {city} yet.", city=formatting.plain(view.city)))
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
    t.gettext("Pledges"),
    pledge_keys,
    default=pledge_keys,
    key="data-pledges",
    bind="query-params",
    format_func=lambda key: t.name(pledge_names.get(key, key)),
    placeholder=t.gettext("Choose options"),
)
shown = frame[frame["pledge"].isin(chosen_pledges)]
indicator_names = sorted(shown["name"].unique())
chosen = right.multiselect(
    t.gettext("Indicators"),
    indicator_names,
    format_func=t.name,
    placeholder=t.gettext("All indicators"),
    key="data-indicators",
    bind="query-params",
)
if chosen:
    shown = shown[shown["name"].isin(chosen)]
if not shown.empty and shown["year"].min() < shown["year"].max():
    first, last = st.slider(
        t.gettext("Years"),
        int(shown["year"].min()),
        int(shown["year"].max()),
        (int(shown["year"].min()), int(shown["year"].max())),
        key="data-years",
        bind="query-params",
    )
    shown = shown[(shown["year"] >= first) & (shown["year"] <= last)]

batches = {batch.id: batch for batch in db.history()}
table = shown.assign(
    imported=[formatting.batch_label(b, batches.get(b), t) for b in shown["batch_id"]],
    period=formatting.period_texts(shown),
    method=shown["method"].fillna(""),
    note=shown["note"].fillna(""),
)
widgets.note(
    t.ngettext(
        "{shown} of {count} value. Each row keeps its source, method, note and the import it "
        "came from.",
        "{shown} of {count} values. Each row keeps its source, method, note and the import it "
        "came from.",
        len(frame),
        shown=len(shown),
    )
)
chosen_columns = [
    "name",
    "period",
    "value",
    "unit",
    "method",
    "source",
    "note",
    "imported",
    "pledge",
]
table = table.loc[:, chosen_columns].rename(columns={"name": "indicator"})
table["indicator"] = [t.name(name) for name in table["indicator"]]
st.dataframe(
    columns.shown(table, t),
    hide_index=True,
    width="stretch",
    # On a phone the value shows beside a narrower name; the rest scrolls on demand.
    column_config={columns.header("indicator", t): st.column_config.TextColumn(width="medium")},
)
st.download_button(
    t.gettext("Download these values as CSV"),
    service.export_frame(shown.drop(columns=["name", "year"])),
    file_name=f"{view.city.lower().replace(' ', '-')}-values.csv",
    mime="text/csv",
    icon=":material/download:",
)
widgets.note(t.gettext("The file is in the upload format: it re-imports to the same values."))

st.header(t.gettext("Values revised after they were first stored"))
revised = widgets.revisions(db, view.city)
if revised.empty:
    st.info(t.gettext("No stored value has been revised."))
else:
    revised = revised.assign(period=formatting.period_texts(revised))
    revised = revised.loc[
        :, ["pledge", "indicator", "period", "value", "new_value", "replaced_at", "replaced_file"]
    ].rename(columns={"value": "old value", "new_value": "new value"})
    st.dataframe(
        columns.shown(revised, t),
        hide_index=True,
        width="stretch",
    )
st.page_link(
    "pledges/web/pages/history.py", label=t.gettext("Import history"), icon=":material/history:"
)
