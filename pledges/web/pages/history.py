"""History: every import batch (who, when, file, counts), undo for editors, and the CSV export."""

import streamlit as st

from pledges import errors, numbers, service, translation
from pledges.views import columns, formatting
from pledges.views.pages import history
from pledges.web import widgets

UNDO_SHOWN = 25
ALL_CITIES = translation.N_("All cities")

actor = widgets.current_actor()
db = widgets.get_store()
t = widgets.translator()
st.title(t.gettext("Import history"))
done = st.session_state.pop("undo_done", None)
if done:
    st.success(done)

batches = db.history()
scopes = db.batch_scopes() if batches else {}
if not batches:
    st.info(t.gettext("Nothing has been imported yet."))
else:
    st.dataframe(
        columns.shown(history.history_table(batches, scopes, t), t),
        hide_index=True,
        width="stretch",
        key="batches",
    )

if actor.can_edit and batches:
    st.subheader(t.gettext("Undo a batch"))
    widgets.note(
        t.gettext(
            "Undo adds a new batch that restores every value as it was before; the history "
            "keeps both."
        )
    )
    candidates = history.undoable(batches)
    if not candidates:
        widgets.note(t.gettext("No committed batch is left to undo."))
    pending = st.session_state.get("undo_pending")
    for batch in candidates[:UNDO_SHOWN]:
        with st.container(border=True):
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.markdown(
                formatting.plain(
                    t.gettext(
                        "Batch {id} · {file} · {user} · {when} UTC · {added} added, {changed} "
                        "changed · {scope}",
                        id=batch.id,
                        file=batch.file_name,
                        user=batch.user,
                        when=f"{batch.committed_at:%Y-%m-%d %H:%M}",
                        added=numbers.number(batch.added, t.lang),
                        changed=numbers.number(batch.changed, t.lang),
                        scope=history.scope_text(scopes.get(batch.id, ()), t),
                    )
                )
            )
            if right.button(t.gettext("Undo…"), key=f"undo_{batch.id}"):
                st.session_state["undo_pending"] = batch.id
                st.rerun()
            if pending == batch.id:
                try:
                    plan = db.undo_plan(batch.id)
                except errors.UnknownBatch as exc:
                    plan = None
                    st.error(formatting.plain(exc.say(t)))
                st.warning(formatting.plain(history.undo_question(batch, plan, t)))
                if plan is not None and len(plan):
                    undo_rows = columns.shown(history.undo_table(plan, t=t), t)
                    st.dataframe(undo_rows, hide_index=True, key="undo_plan")
                    more = history.undo_more(plan, t=t)
                    if more:
                        widgets.note(more)
                yes, no = st.columns(2)
                confirm = t.gettext("Yes, undo batch {id}", id=batch.id)
                if yes.button(confirm, key="undo_confirm", type="primary"):
                    st.session_state.pop("undo_pending", None)
                    try:
                        made = service.undo(db, actor, batch.id)
                    except errors.UnknownBatch as exc:
                        st.error(formatting.plain(exc.say(t)))
                    except (errors.NotAllowed, errors.StoreBusy) as exc:
                        st.error(formatting.plain(exc))
                    else:
                        st.session_state["undo_done"] = t.gettext(
                            "Batch {id} undone by batch {undo}: {restored} values restored, "
                            "{removed} removed.",
                            id=batch.id,
                            undo=made.id,
                            restored=numbers.number(made.changed, t.lang),
                            removed=numbers.number(made.removed, t.lang),
                        )
                        st.rerun()
                if no.button(t.gettext("Cancel"), key="undo_cancel"):
                    st.session_state.pop("undo_pending", None)
                    st.rerun()
    if len(candidates) > UNDO_SHOWN:
        widgets.note(
            t.ngettext(
                "{count} older batch can be undone with {command}.",
                "{count} older batches can be undone with {command}.",
                len(candidates) - UNDO_SHOWN,
                command="`python -m pledges undo BATCH`",
            )
        )

st.header(t.gettext("Export"))
widgets.note(
    t.gettext("The stored values in the upload format: an export re-imports to the same state.")
)
names = [city.name for city in db.cities()]
left, right = st.columns(2)
chosen = left.selectbox(
    t.gettext("City"),
    [ALL_CITIES, *names],
    key="export_city",
    format_func=lambda name: t.gettext(ALL_CITIES) if name == ALL_CITIES else name,
)
excel = right.checkbox(t.gettext("For Excel (UTF-8 with BOM)"), key="export_excel")
city = None if chosen == ALL_CITIES else chosen
st.download_button(
    t.gettext("Download CSV"),
    service.export_csv(db, city=city, excel=excel),
    file_name="pledges-export.csv",
    mime="text/csv",
    key="export_download",
)
