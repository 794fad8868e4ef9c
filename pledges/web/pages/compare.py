"""Compare: peer cities side by side on progress share and status, never on raw values."""

import streamlit as st

from pledges import service
from pledges.views import columns, formatting, summaries
from pledges.views.pages import compare_cities, share_bars
from pledges.views.pages import panel as panel_view
from pledges.web import widgets

db = widgets.get_store()
view = widgets.sidebar(db)
if view.city is None:
    widgets.empty_city()
t = view.t

st.title(t.gettext("Compare cities"))
widgets.revision_notice(db, view)
widgets.note(
    t.gettext(
        "Cities are compared on progress share (how far from baseline to target) and status "
        "only. Raw values are never set side by side: cities count emissions, shares and "
        "boundaries differently. Abandoned and superseded pledges are left out."
    )
)

rows = []
# Until Compare works at the CDP panel's scale, its cities join only when chosen.
every_city = widgets.cities(db)
cities = [c for c in every_city if c.cdp_account is None or c.name == view.city]
if len(cities) < len(every_city):
    widgets.note(
        t.ngettext(
            "{count} city of the CDP–ICLEI panel (self-reported to CDP) is left out here; "
            "choose one in the sidebar to see it beside these.",
            "{count} cities of the CDP–ICLEI panel (self-reported to CDP) are left out here; "
            "choose one in the sidebar to see it beside these.",
            len(every_city) - len(cities),
        )
    )
for city in cities:
    items = widgets.assessed(db, view, city.name)
    pledged = service.summarise(widgets.pledges(db, view, city.name), items)
    rollup = service.city_rollup(pledged, city.name)
    rows.append((city, pledged, rollup, items))
rows.sort(key=lambda row: (row[0].name != view.city, row[0].name))


bars = compare_cities.bars(rows, t)
widgets.show_chart(
    share_bars.figure(bars, t=t),
    "compare-cities",
    share_bars.summary(bars, "city", t),
    share_bars.table(bars, t),
)

st.header(t.gettext("Side by side"))
side_by_side = compare_cities.side_by_side(rows, t)
st.dataframe(
    {columns.header(name, t): cells for name, cells in side_by_side.items()},
    hide_index=True,
    width="stretch",
)

st.header(t.gettext("Indicators several cities measure"))
widgets.note(
    t.gettext(
        "Same indicator id and unit in more than one city. Definitions may still differ; "
        "compare how far each has come, not the values."
    )
)
shared = summaries.shared_indicators([(city.name, items) for city, _, _, items in rows], t)
if shared.empty:
    st.info(t.gettext("No indicator is measured by more than one city."))
else:
    st.dataframe(columns.shown(shared, t), hide_index=True, width="stretch")
st.markdown(
    t.gettext("[How statuses and shares are computed]({link})", link=widgets.METHODOLOGY_LINK)
)

panel = panel_view.with_bands(widgets.panel_status(db, view))
if len(panel):
    st.header(t.gettext("Many cities: the CDP–ICLEI panel"))
    widgets.note(formatting.plain(t.gettext(panel_view.CITATION)))
    peers = panel_view.peer_sentence(panel, view.city, t) if view.city else None
    if peers:
        st.markdown(f"**{formatting.plain(view.city)}**: {formatting.plain(peers)}")
    left, middle, right = st.columns(3)
    # Streamlit's own placeholder is English: every multiselect names its own.
    choose = t.gettext("Choose options")
    regions = left.multiselect(
        t.gettext("Region"), sorted(panel["region"].dropna().unique()), placeholder=choose
    )
    bands = middle.multiselect(
        t.gettext("Population"),
        [name for _, name in panel_view.BANDS] + [panel_view.LARGEST],
        format_func=t.gettext,
        placeholder=choose,
    )
    statuses = right.multiselect(
        t.gettext("Status"),
        sorted(panel["status"].unique()),
        format_func=lambda word: formatting.status_label(word, t),
        placeholder=choose,
    )
    countries = left.multiselect(
        t.gettext("Country"), sorted(panel["country"].dropna().unique()), placeholder=choose
    )
    search = middle.text_input(t.gettext("Search a city"))
    grades = right.multiselect(
        t.gettext("Evidence grade"),
        [*panel_view.GRADES, panel_view.NO_GRADE],
        format_func=lambda grade: panel_view.grade_text(grade, t),
        placeholder=choose,
    )
    chosen = panel_view.choose(
        panel,
        panel_view.Filters(
            tuple(regions), tuple(countries), tuple(bands), tuple(statuses), search, tuple(grades)
        ),
    )
    points = panel_view.pace_points(chosen)
    widgets.show_chart(
        panel_view.pace_figure(points, view.city, t),
        "compare-panel-pace",
        panel_view.pace_summary(points, view.city, t),
        columns.shown(
            points.round(2).assign(
                status=[formatting.status_label(s, t) for s in points["status"]]
            ),
            t,
        ),
    )
    if left_out := panel_view.unreadable_note(chosen, t):
        widgets.note(formatting.plain(left_out))
    widgets.note(
        t.ngettext(
            "{shown} of {count} city; click a column to sort.",
            "{shown} of {count} cities; click a column to sort.",
            len(panel),
            shown=len(chosen),
        )
    )
    shown_panel = columns.shown(panel_view.display(chosen, t), t)
    st.dataframe(shown_panel, hide_index=True, width="stretch")
