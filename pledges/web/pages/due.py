"""Data due: every indicator's owner and whether its next value is fresh, due soon or late."""

import streamlit as st

from pledges import errors, model, numbers, service
from pledges.views import columns, formatting
from pledges.views.pages import due
from pledges.web import widgets

db = widgets.get_store()
view = widgets.sidebar(db)
if view.city is None:
    widgets.empty_city()
    st.stop()
t = view.t

today = service.today(db)
st.title(t.gettext("Data due: {city}", city=formatting.plain(view.city)))
widgets.note(
    t.gettext(
        "As of {day}. Each indicator's owner and cadence come from the pledge definitions; a "
        "value is due soon within the configured days of its due day.",
        day=numbers.short_day(today, t.lang),
    )
)
actor = widgets.current_actor()
items = widgets.due_items(db, view.city, today)
done = st.session_state.pop("stewardship_done", None)
if done:
    st.success(formatting.plain(done))
if not items:
    st.info(t.gettext("No indicator of this city has a reporting cadence set in its definition."))
    st.stop()

left, right = st.columns(2)
owner = left.selectbox(
    t.gettext("Owner"),
    due.owner_options(items),
    key="due_owner",
    format_func=lambda name: t.gettext(due.ALL_OWNERS) if name == due.ALL_OWNERS else name,
)
states = right.multiselect(
    t.gettext("State"),
    list(due.STATES),
    key="due_states",
    format_func=lambda state: due.state_word(state, t),
    placeholder=t.gettext("Choose options"),
)
shown = due.select(items, owner, states)
st.markdown(formatting.plain(due.counts_text(shown, t)))
unreachable = due.unreachable_sentence(shown, t)
if unreachable:
    st.warning(formatting.plain(unreachable))
table = columns.shown(due.table(shown, t), t)
st.dataframe(table, hide_index=True, width="stretch", key="due_table")

if actor.can_edit:
    with st.expander(t.gettext("Change an indicator's owner or due date")):
        choices = due.edit_choices(items)
        picked = choices[st.selectbox(t.gettext("Indicator"), list(choices), key="edit_indicator")]
        start = due.current_fields(picked)
        key = f"{picked.pledge.key}-{picked.indicator.key}"
        with st.form(f"stewardship-{key}"):
            name = st.text_input(t.gettext("Owner's name"), start["name"], key=f"owner_name-{key}")
            team = st.text_input(
                t.gettext("Team or department"), start["team"], key=f"owner_team-{key}"
            )
            email = st.text_input(t.gettext("E-mail"), start["email"], key=f"owner_email-{key}")
            every = st.selectbox(
                t.gettext("Every (discontinued: no value will come again, never late)"),
                list(due.CADENCES),
                index=list(due.CADENCES).index(start["every"]),
                key=f"every-{key}",
                format_func=lambda cadence: t.gettext(due.CADENCE_WORDS.get(cadence, cadence)),
            )
            due_day = st.text_input(
                t.gettext("Due (MM-DD after the period)"), start["due"], key=f"due-{key}"
            )
            saved = st.form_submit_button(t.gettext("Save owner and due date"), type="primary")
        widgets.note(
            t.gettext(
                "Saved here, these stay when {init} reloads the definition files; {init} says "
                "where a file disagrees.",
                init="`init`",
            )
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
                st.session_state["stewardship_done"] = t.ngettext(
                    "Saved: {count} field of {indicator} changed by {editor}.",
                    "Saved: {count} fields of {indicator} changed by {editor}.",
                    changed,
                    indicator=t.name(picked.indicator.name),
                    editor=actor.name,
                )
                st.rerun()
