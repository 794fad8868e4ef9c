"""History: every import batch (who, when, file, counts), undo for editors, and the CSV export."""

import streamlit as st

from pledges import errors, service
from pledges.views import formatting
from pledges.views.pages import history
from pledges.web import widgets

UNDO_SHOWN = 25
ALL_CITIES = "All cities"

actor = widgets.current_actor()
db = widgets.get_store()
st.title("Import history")
done = st.session_state.pop("undo_done", None)
if done:
    st.success(done)

batches = db.history()
scopes = db.batch_scopes() if batches else {}
if not batches:
    st.info("Nothing has been imported yet.")
else:
    st.dataframe(
        history.history_table(batches, scopes),
        hide_index=True,
        width="stretch",
        key="batches",
    )

if actor.can_edit and batches:
    st.subheader("Undo a batch")
    widgets.note(
        "Undo adds a new batch that restores every value as it was before; the history keeps both."
    )
    candidates = history.undoable(batches)
    if not candidates:
        widgets.note("No committed batch is left to undo.")
    pending = st.session_state.get("undo_pending")
    for batch in candidates[:UNDO_SHOWN]:
        with st.container(border=True):
            left, right = st.columns([4, 1], vertical_alignment="center")
            left.markdown(
                formatting.plain(
                    f"Batch {batch.id} · {batch.file_name} · {batch.user} · "
                    f"{batch.committed_at:%Y-%m-%d %H:%M} UTC · {batch.added:,} added, "
                    f"{batch.changed:,} changed · "
                    f"{history.scope_text(scopes.get(batch.id, ()))}"
                )
            )
            if right.button("Undo…", key=f"undo_{batch.id}"):
                st.session_state["undo_pending"] = batch.id
                st.rerun()
            if pending == batch.id:
                try:
                    plan = db.undo_plan(batch.id)
                except errors.UnknownBatch as exc:
                    plan = None
                    st.error(formatting.plain(exc))
                st.warning(formatting.plain(history.undo_question(batch, plan)))
                if plan is not None and len(plan):
                    st.dataframe(history.undo_table(plan), hide_index=True, key="undo_plan")
                    more = history.undo_more(plan)
                    if more:
                        widgets.note(more)
                yes, no = st.columns(2)
                if yes.button(f"Yes, undo batch {batch.id}", key="undo_confirm", type="primary"):
                    st.session_state.pop("undo_pending", None)
                    try:
                        made = service.undo(db, actor, batch.id)
                    except (errors.UnknownBatch, errors.NotAllowed, errors.StoreBusy) as exc:
                        st.error(formatting.plain(exc))
                    else:
                        st.session_state["undo_done"] = (
                            f"Batch {batch.id} undone by batch {made.id}: {made.changed:,} "
                            f"values restored, {made.removed:,} removed."
                        )
                        st.rerun()
                if no.button("Cancel", key="undo_cancel"):
                    st.session_state.pop("undo_pending", None)
                    st.rerun()
    if len(candidates) > UNDO_SHOWN:
        widgets.note(
            f"{len(candidates) - UNDO_SHOWN} older batches can be undone with "
            "`python -m pledges undo BATCH`."
        )

st.header("Export")
widgets.note("The stored values in the upload format: an export re-imports to the same state.")
names = [city.name for city in db.cities()]
left, right = st.columns(2)
chosen = left.selectbox("City", [ALL_CITIES, *names], key="export_city")
excel = right.checkbox("For Excel (UTF-8 with BOM)", key="export_excel")
city = None if chosen == ALL_CITIES else chosen
st.download_button(
    "Download CSV",
    service.export_csv(db, city=city, excel=excel),
    file_name="pledges-export.csv",
    mime="text/csv",
    key="export_download",
)
