"""Pledge and indicator: one indicator's chart, numbers, milestones, reason and sources."""

import streamlit as st

from pledges import clock, progress
from pledges.views import charts, due, formatting, indicator_page, summaries
from pledges.web import embed_widget, widgets

db = widgets.get_store()
view = widgets.sidebar(db)
if view.city is None:
    widgets.empty_city()

heading = st.container()
items = widgets.assessed(db, view)
city_pledges = widgets.pledges(db, view)
pledge = widgets.pick_pledge(city_pledges)
if pledge is None:
    heading.title(formatting.plain(view.city))
    st.info(f"{formatting.plain(view.city)} has no pledges stored yet.")
    st.stop()

heading.title(formatting.plain(pledge.name))
widgets.revision_notice(db, view)
state = formatting.pledge_state(pledge, {p.key: p.name for p in city_pledges})
if state:
    st.warning(f"{formatting.plain(state)} Its indicators are shown for the record.")
mine = indicator_page.reading_order([item for item in items if item.pledge.key == pledge.key])
summary = summaries.summarise([pledge], mine)[0]
st.markdown(
    f"{widgets.status_markdown(summary.rollup.status)}  \n"
    f"{formatting.adoption(pledge)} · {formatting.plain(summary.rollup.counts_text)}  \n"
    f"Source: {formatting.plain(pledge.source)}"
)
if not mine:
    st.info("This pledge has no indicators defined.")
    st.stop()
with st.expander(f"All {len(mine)} indicators of this pledge"):
    st.dataframe(summaries.indicator_rows(mine), hide_index=True, width="stretch")

item = widgets.pick_indicator(mine)
a = item.assessment
unit = item.indicator.unit
st.header(formatting.plain(item.indicator.name))
widgets.note(f"Goal: {formatting.plain(item.goal.name)}")
widgets.show_status(a.status, a.stale)
evidence = progress.sentence.evidence_text(a)
if evidence:
    widgets.note(formatting.plain(evidence))
today = clock.today()
stewardship = {
    (d.pledge.key, d.indicator.key): d for d in widgets.due_items(db, view.city, today)
}.get((pledge.key, item.indicator.key))
if stewardship is not None:
    widgets.note(
        f":{due.BADGES[stewardship.status.state]}-badge[data {stewardship.status.state}] "
        f"{formatting.plain(due.due_text(stewardship, today))} · owner "
        f"{formatting.plain(stewardship.owner.label)} · [all data due](due)"
    )
st.markdown(f"**{formatting.plain(a.sentence)}**")
st.markdown(f"Why: {formatting.plain(a.reason)}")

revised = indicator_page.revised_here(
    widgets.revisions(db, view.city),
    pledge.key,
    item.indicator.key,
    widgets.store.as_moment(view.as_of) if view.as_of is not None else None,
)
widgets.show_chart(
    charts.indicator_figure(item.indicator, a, revised),
    f"chart-{pledge.key}-{item.indicator.key}",
    charts.indicator_summary(item.indicator, a),
    charts.chart_table(a),
)
embed_widget.show(
    view.city,
    pledge.key,
    item.indicator.key,
    item.indicator.name,
    [city.name for city in widgets.cities(db)],
)

left, middle, right = st.columns(3)
left.metric(
    "Latest",
    formatting.quantity(a.latest_value, unit),
    help=None if a.latest_year is None else f"in {a.latest_year}",
    border=True,
)
middle.metric("Progress share", formatting.share(a.progress_share), border=True)
right.metric(
    "Projected arrival",
    "–" if a.projected_year is None else str(a.projected_year),
    border=True,
)
facts = indicator_page.facts(a, unit)
st.subheader("The numbers")
st.dataframe(
    {"measure": list(facts), "value": list(facts.values())}, hide_index=True, width="stretch"
)

st.subheader("Every milestone")
verdicts = summaries.verdict_rows(item)
if verdicts.empty:
    st.info("No numeric target: the trend is shown, with no status.")
else:
    st.dataframe(verdicts, hide_index=True, width="stretch")

st.subheader("Where every value comes from")
if item.indicator.note:
    widgets.note(formatting.plain(item.indicator.note))
if item.indicator.baseline is not None:
    widgets.note(f"Baseline source: {formatting.plain(item.indicator.baseline.source)}")
sources = summaries.sources_rows(item.observations)
if sources.empty:
    st.info("No values are stored for this indicator yet.")
else:
    st.dataframe(sources, hide_index=True, width="stretch")
