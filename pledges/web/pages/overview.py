"""Overview: the city's pledges, each goal's status, progress and sentence, worst first."""

import streamlit as st

from pledges import service, translation
from pledges.service import vocabulary
from pledges.views import formatting, rollup_counts, summaries
from pledges.views.pages import overview as ov
from pledges.views.pages import share_bars
from pledges.web import one_pager, one_pager_download, widgets

db, view = widgets.city_page(translation.N_("{city}: climate pledges"))
t = view.t
items = widgets.assessed(db, view)
pledged = service.summarise(widgets.pledges(db, view), items)
if not pledged:
    st.info(t.gettext("{city} has no pledges stored yet.", city=formatting.plain(view.city)))
    st.stop()

# The council one-pager first, word for word as page 1 of the briefing says it.
page_one = widgets.one_pager_summary(db, view)
if page_one is not None:
    one_pager_download.offer(db, view, "overview")
    one_pager.show(page_one)

city = service.city_rollup(pledged, view.city)
today = view.as_of or service.today(db)
st.markdown(
    f"{widgets.status_markdown(city.status, link=False)}  \n"
    + t.gettext(
        "Across active pledges: {counts}.",
        counts=formatting.plain(rollup_counts.counts_text(city, t)),
    )
)
widgets.methodology_note(t.gettext("statuses"))
if change := service.would_change(
    pledged, view.city, today.year - vocabulary.DEFAULT_THRESHOLDS.max_age, t
):
    widgets.note(formatting.plain(change))
widgets.note(
    formatting.freshness(summaries.latest_year(items), db.latest_change(), today, t)
    + summaries.stale_note(items, vocabulary.DEFAULT_THRESHOLDS.stale_after, t)
)

bars = ov.goal_bars(pledged, t)
if bars:
    st.header(t.gettext("Where each goal stands"))
    widgets.show_chart(
        share_bars.figure(bars, t=t),
        "overview-goals",
        share_bars.summary(bars, "goal", t),
        share_bars.table(bars, t),
    )

for summary in pledged:
    pledge = summary.pledge
    widgets.pledge_heading(
        pledge, pledged, t.gettext("Shown for the record; not counted in the city's status.")
    )
    for line in ov.as_reported_lines(summary, pledged, t) + ov.repeat_lines(summary, t):
        widgets.note(formatting.plain(line))
    # A superseded or abandoned pledge is shown as such, never with a status of its own.
    badge = (
        widgets.status_markdown(summary.rollup.status, link=False)
        if summary.active
        else f":gray-badge[{t.gettext(formatting.STATE_WORDS.get(pledge.state, pledge.state))}]"
    )
    st.markdown(
        f"{badge}  \n{formatting.adoption(pledge, t)} · "
        + formatting.plain(rollup_counts.counts_text(summary.rollup, t))
    )
    if summary.active:
        widgets.methodology_note(t.gettext("this pledge's statuses"))
    if not summary.goals:
        st.info(t.gettext("This pledge has no goals defined."))
    for goal in summary.goals:
        with st.container(border=True):
            st.subheader(formatting.plain(t.name(goal.goal.name)))
            st.markdown(
                f"{widgets.status_markdown(goal.rollup.status, link=False)} · "
                + formatting.plain(ov.goal_facts(goal, t))
            )
            # Said plainly: what would let the goal speak (revision 2 roll-up).
            since = today.year - vocabulary.DEFAULT_THRESHOLDS.max_age
            change = vocabulary.what_would_change(goal.rollup, since, t)
            if change:
                unjudged = t.gettext(formatting.UNJUDGED_WORD).capitalize()
                widgets.note(
                    t.gettext(
                        "{unjudged} to judge this goal: it needs {change}.",
                        unjudged=unjudged,
                        change=change,
                    )
                )
            if ov.share_line(goal, t) is not None:
                st.progress(
                    formatting.bar_fraction(goal.rollup.progress_share), ov.share_line(goal, t)
                )
            if not goal.items:
                widgets.note(t.gettext("No indicators are defined for this goal."))
            shown, empty = ov.split_by_values(goal)
            for item in shown:
                a = item.assessment
                st.page_link(
                    "pledges/web/pages/indicator.py",
                    label=formatting.plain(t.name(item.indicator.name)),
                    icon=":material/show_chart:",
                    query_params=ov.link_params(view.city, pledge.key, item, view.as_of),
                )
                evidence = vocabulary.evidence_text(a, t)
                st.markdown(
                    f"{widgets.status_markdown(a.status, a.stale, link=False)}"
                    + (f" · {formatting.plain(evidence)}" if evidence else "")
                    + f"  \n{formatting.plain(vocabulary.compose_sentence(a, t))}"
                )
            if empty:
                widgets.note(
                    t.gettext(
                        "No values yet ({count}): {names}.",
                        count=len(empty),
                        names=formatting.plain("; ".join(empty)),
                    )
                )
