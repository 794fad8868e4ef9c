"""Data due: every indicator's owner and whether its next value is fresh, due soon or late."""

import streamlit as st

from pledges import errors, model, service
from pledges.views import formatting
from pledges.views.pages import due
from pledges.web import widgets

db = widgets.get_store()
view = widgets.sidebar(db)
if view.city is None:
    widgets.empty_city()
    st.stop()

today = service.today(db)
st.title(f"Data due: {formatting.plain(view.city)}")
widgets.note(
    f"As of {today:%d %b %Y}. Each indicator's owner and cadence come from the pledge "
    "definitions; a value is due soon within the configured days of its due day."
)
actor = widgets.current_actor()
items = widgets.due_items(db, view.city, today)
done = st.session_state.pop("stewardship_done", None)
if done:
    st.success(formatting.plain(done))
if not items:
    st.info("No indicator of this city has a reporting cadence set in its definition.")
    st.stop()

left, right = st.columns(2)
owner = left.selectbox("Owner", due.owner_options(items), key="due_owner")
states = right.multiselect("State", list(due.STATES), key="due_states")
shown = due.select(items, owner, states)
st.markdown(formatting.plain(due.counts_text(shown)))
unreachable = due.unreachable_sentence(shown)
if unreachable:
    st.warning(formatting.plain(unreachable))
st.dataframe(due.table(shown), hide_index=True, width="stretch", key="due_table")

if actor.can_edit:
    with st.expander("Change an indicator's owner or due date"):
        choices = due.edit_choices(items)
        picked = choices[st.selectbox("Indicator", list(choices), key="edit_indicator")]
        start = due.current_fields(picked)
        key = f"{picked.pledge.key}-{picked.indicator.key}"
        with st.form(f"stewardship-{key}"):
            name = st.text_input("Owner's name", start["name"], key=f"owner_name-{key}")
            team = st.text_input("Team or department", start["team"], key=f"owner_team-{key}")
            email = st.text_input("E-mail", start["email"], key=f"owner_email-{key}")
            every = st.selectbox(
                "Every (discontinued: no value will come again, never late)",
                list(due.CADENCES),
                index=list(due.CADENCES).index(start["every"]),
                key=f"every-{key}",
            )
            due_day = st.text_input("Due (MM-DD after the period)", start["due"], key=f"due-{key}")
            saved = st.form_submit_button("Save owner and due date", type="primary")
        widgets.note(
            "Saved here, these stay when `init` reloads the definition files; `init` says "
            "where a file disagrees."
        )
        if saved:
            ref = model.IndicatorRef(picked.city, picked.pledge.key, picked.indicator.key)
            try:
                changed = service.set_stewardship(
                    db,
                    actor,
                    ref,
                    {"name": name, "team": team, "email": email},
                    {"every": every, "due": due_day},
                )
            except errors.CatalogError as exc:
                for problem in exc.problems:
                    st.error(formatting.plain(problem))
            else:
                widgets.forget_definitions()
                st.session_state["stewardship_done"] = (
                    f"Saved: {changed} field(s) of {picked.indicator.name} changed by {actor.name}."
                )
                st.rerun()
