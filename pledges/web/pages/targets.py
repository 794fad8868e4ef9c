"""Targets: every target of the city's pledges with its verdict, the ledger of changes, and
(for editors) proposals and their review."""

import streamlit as st

from pledges import service, translation
from pledges.service import targets
from pledges.views import columns, formatting, summaries
from pledges.views.pages import target_ledger as ledger_view
from pledges.web import target_form, widgets

db, view = widgets.city_page(translation.N_("{city}: every target"))
t = view.t
actor = widgets.current_actor()
if done := st.session_state.pop(target_form.DONE, None):
    st.success(formatting.plain(done))
pledges = widgets.pledges(db, view)
pledged = service.summarise(pledges, widgets.assessed(db, view))
if not pledged:
    st.info(t.gettext("{city} has no pledges stored yet.", city=formatting.plain(view.city)))
    st.stop()

table = summaries.target_rows(pledged, t)
counts = table["verdict"].value_counts()
st.markdown(
    t.ngettext(
        "{count} target in {pledges} pledges: {verdicts}.",
        "{count} targets in {pledges} pledges: {verdicts}.",
        len(table),
        pledges=len(pledged),
        verdicts=", ".join(f"{n} {word}" for word, n in counts.items()),
    )
    + " "
    + t.gettext("[How verdicts are decided]({link})", link=widgets.METHODOLOGY_LINK)
)
for summary in pledged:
    pledge = summary.pledge
    widgets.pledge_heading(
        pledge, pledged, t.gettext("Its targets are listed for the record and no longer count.")
    )
    rows = table[table["pledge"] == pledge.name].drop(columns=["pledge", "pledge state"])
    if rows.empty:
        st.info(t.gettext("This pledge has no numeric targets."))
    else:
        st.dataframe(columns.shown(rows, t), hide_index=True, width="stretch")
    widgets.note(
        t.gettext(
            "{adopted}. Source: {source}",
            adopted=formatting.adoption(pledge, t),
            source=formatting.plain(pledge.source),
        )
    )

names = {p.key: p.name for p in pledges}
st.header(t.gettext("Target changes waiting for review"), divider="gray")
waiting = targets.proposals(db, view.city, "pending")
if waiting:
    needed = targets.approvals_needed()
    rows = ledger_view.pending_rows(waiting, names, needed, t)
    st.dataframe(columns.shown(rows, t), hide_index=True, width="stretch")
else:
    st.markdown(t.gettext("No change waits for review."))
if actor.can_edit and view.as_of is None:
    target_form.review(db, actor, waiting, t)
    target_form.propose(db, actor, [s.pledge for s in pledged if s.active], t)
elif not actor.can_edit:
    widgets.note(
        t.gettext("Editors propose target changes here and another editor approves each one.")
    )
else:
    widgets.note(
        t.gettext("Target changes are proposed and reviewed on today's view: clear the date.")
    )

st.header(t.gettext("The ledger: every target change"), divider="gray")
recorded = targets.ledger(db, view.city, as_of=view.as_of)
widgets.note(formatting.plain(ledger_view.summary_line(recorded, t)))
if recorded:
    shown = ledger_view.ledger_rows(recorded, names, t)
    st.dataframe(columns.shown(shown, t), hide_index=True, width="stretch")
with st.expander(t.gettext("Every version of a target, with when it was in force")):
    changes = summaries.target_changes(widgets.target_history(db, view.city), pledges)
    if changes.empty:
        st.markdown(t.gettext("No target has changed since the definitions were first loaded."))
    else:
        st.dataframe(columns.shown(changes, t), hide_index=True, width="stretch")
