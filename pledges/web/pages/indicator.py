"""Pledge and indicator: one indicator's chart, numbers, milestones, reason and sources."""

import streamlit as st

from pledges import service
from pledges.service import vocabulary
from pledges.views import chart_alternatives, charts, columns, formatting, rollup_counts, summaries
from pledges.views.pages import due, indicator_page
from pledges.web import embed_widget, widgets

db = widgets.get_store()
view = widgets.sidebar(db)
t = view.t
if view.city is None:
    widgets.empty_city()

heading = st.container()
items = widgets.assessed(db, view)
city_pledges = widgets.pledges(db, view)
pledge = widgets.pick_pledge(city_pledges)
if pledge is None:
    heading.title(formatting.plain(view.city))
    st.info(t.gettext("{city} has no pledges stored yet.", city=formatting.plain(view.city)))
    st.stop()

heading.title(formatting.plain(t.name(pledge.name)))
widgets.revision_notice(db, view)
state = formatting.pledge_state(pledge, {p.key: t.name(p.name) for p in city_pledges}, t)
if state:
    st.warning(
        t.gettext("{state} Its indicators are shown for the record.", state=formatting.plain(state))
    )
mine = indicator_page.reading_order([item for item in items if item.pledge.key == pledge.key])
summary = service.summarise([pledge], mine)[0]
counts = formatting.plain(rollup_counts.counts_text(summary.rollup, t))
st.markdown(
    f"{widgets.status_markdown(summary.rollup.status)}  \n"
    f"{formatting.adoption(pledge, t)} · {counts}  \n"
    + t.gettext("Source: {source}", source=formatting.plain(pledge.source))
)
if not mine:
    st.info(t.gettext("This pledge has no indicators defined."))
    st.stop()
with st.expander(
    t.ngettext(
        "The {count} indicator of this pledge", "All {count} indicators of this pledge", len(mine)
    )
):
    rows = columns.shown(summaries.indicator_rows(mine, t), t)
    st.dataframe(rows, hide_index=True, width="stretch")

item = widgets.pick_indicator(mine)
a = item.assessment
unit = item.indicator.unit
st.header(formatting.plain(t.name(item.indicator.name)))
widgets.note(t.gettext("Goal: {goal}", goal=formatting.plain(t.name(item.goal.name))))
widgets.show_status(a.status, a.stale)
evidence = vocabulary.evidence_text(a, t)
if evidence:
    widgets.note(formatting.plain(evidence))
today = service.today(db)
stewardship = {
    (d.pledge.key, d.indicator.key): d for d in widgets.due_items(db, view.city, today)
}.get((pledge.key, item.indicator.key))
if stewardship is not None:
    state = stewardship.status.state
    badge = t.gettext("data {state}", state=due.state_word(state, t))
    widgets.note(
        f":{due.BADGES[state]}-badge[{badge}] "
        + t.gettext(
            "{due} · owner {owner} · [all data due](due)",
            due=formatting.plain(due.due_text(stewardship, today, t)),
            owner=formatting.plain(stewardship.owner.label),
        )
    )
st.markdown(f"**{formatting.plain(vocabulary.compose_sentence(a, t))}**")
st.markdown(t.gettext("Why: {reason}", reason=formatting.plain(vocabulary.status_reason(a, t))))

revised = indicator_page.revised_here(
    widgets.revisions(db, view.city),
    pledge.key,
    item.indicator.key,
    service.as_moment(view.as_of) if view.as_of is not None else None,
)
widgets.show_chart(
    charts.indicator_figure(item.indicator, a, revised, t=t),
    f"chart-{pledge.key}-{item.indicator.key}",
    chart_alternatives.indicator_summary(item.indicator, a, t),
    chart_alternatives.chart_table(a, t),
)
embed_widget.show(
    view.city,
    pledge.key,
    item.indicator.key,
    item.indicator.name,
    [city.name for city in widgets.cities(db)],
    t,
)

left, middle, right = st.columns(3)
latest_year, latest_value, _ = formatting.latest_point(a)
left.metric(
    t.gettext("Latest"),
    formatting.stored_quantity(latest_value, unit, t),
    help=None if latest_year is None else formatting.latest_text(a, unit, t),
    border=True,
)
middle.metric(t.gettext("Progress share"), formatting.share(a.progress_share, t), border=True)
# The arrival at the target the status and sentence speak of, named by its year.
arrival, arrival_year = next(iter(indicator_page.arrivals(a, t).items()))
right.metric(arrival[0].upper() + arrival[1:], arrival_year, border=True)
facts = indicator_page.facts(a, unit, t)
st.subheader(t.gettext("The numbers"))
st.dataframe(
    {t.gettext("measure"): list(facts), t.gettext("value"): list(facts.values())},
    hide_index=True,
    width="stretch",
)

st.subheader(t.gettext("Every milestone"))
verdicts = summaries.verdict_rows(item, t)
if verdicts.empty:
    st.info(t.gettext("No numeric target: the trend is shown, with no status."))
else:
    st.dataframe(columns.shown(verdicts, t), hide_index=True, width="stretch")

st.subheader(t.gettext("Where every value comes from"))
if item.indicator.note:
    widgets.note(formatting.plain(item.indicator.note))
if item.indicator.baseline is not None:
    widgets.note(
        t.gettext(
            "Baseline source: {source}", source=formatting.plain(item.indicator.baseline.source)
        )
    )
sources = summaries.sources_rows(item.observations)
if sources.empty:
    st.info(t.gettext("No values are stored for this indicator yet."))
else:
    st.dataframe(columns.shown(sources, t), hide_index=True, width="stretch")
