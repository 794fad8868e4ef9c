"""Upload (editors): drop a CSV or XLSX, see every problem or a preview, commit one batch."""

import functools

import streamlit as st

from pledges import service, settings
from pledges.service import uploads
from pledges.views.upload import mapping_form as form
from pledges.views.upload import upload_flow, upload_names
from pledges.web import upload_form, upload_results, widgets

actor = widgets.current_actor()
t = widgets.translator()
st.title(t.gettext("Upload data"))
if not actor.can_edit:
    st.info(t.gettext("Only editors can upload data. Sign in as an editor to use this page."))
    st.stop()

db = widgets.get_store()
conf = settings.load()
catalog = db.catalog_index()
defined = db.pledges()
names = upload_names.pledge_names(defined)
goals = upload_names.goal_names(defined)
st.session_state.setdefault("upload_round", 0)
done = st.session_state.pop("upload_done", None)
if done:
    st.success(form.done_message(done, t))

widgets.note(form.file_note(conf.max_upload_bytes, conf.max_upload_rows, t))
uploaded = st.file_uploader(
    t.gettext("CSV or Excel file"),
    type=["csv", "tsv", "txt", "xlsx", "xls"],
    key=f"upload_file_{st.session_state['upload_round']}",
    max_upload_size=form.upload_megabytes(conf.max_upload_bytes),
)
if uploaded is None:
    st.stop()
data = uploaded.getvalue()
file_name = uploaded.name

choices = upload_form.reading_choices(data)
mode = st.selectbox(
    t.gettext("Column mapping"),
    form.mode_options(uploads.preset_names(conf.presets_dir)),
    key="map_mode",
    on_change=functools.partial(upload_form.apply_preset, conf.presets_dir),
    format_func=lambda choice: form.mode_text(choice, t),
    help=t.gettext(
        "For files whose headers differ from the upload format. A saved preset fills the form."
    ),
)
if mode != form.NO_MAPPING:
    choices = upload_form.mapping_form(data, choices, mode, conf.presets_dir, catalog, names, goals)

options = upload_flow.options(choices, conf)
# Reruns (any click) reuse the check while the file, the choices and the store are the same.
check_key = upload_flow.check_key(data, file_name, options, db.latest_change())
cached = st.session_state.get("upload_check")
if cached is not None and cached[0] == check_key:
    outcome = cached[1]
else:
    with st.spinner(t.gettext("Reading the file and comparing it with the stored values…")):
        # Jumps are accepted here so the preview shows them; the commit holds them unless ticked.
        outcome = service.import_file(
            db, actor, data, file_name, options, dry_run=True, accept_jumps=True
        )
    st.session_state["upload_check"] = (check_key, outcome)
result = outcome.result

st.subheader(t.gettext("What was found"))
st.markdown(form.detected_line(result, t))

if not outcome.ok:
    upload_results.show_problems(result, mode)
    st.stop()

compared = outcome.preview
if compared is None:  # a file without errors always has a preview
    st.stop()
would_change = upload_results.show_preview(
    compared,
    db.find_committed(result.sha256),
    result,
    upload_names.full_names(catalog, names, goals),
)
accepted = upload_results.confirm_jumps(compared)

if st.button(
    form.commit_label(compared, t),
    type="primary",
    disabled=not would_change or not accepted,
    key="commit",
):
    sentence = upload_results.commit(db, actor, data, file_name, options, accepted)
    if sentence is None:
        st.stop()
    st.session_state.pop("upload_check", None)
    st.session_state["upload_done"] = sentence
    st.session_state["upload_round"] += 1
    st.rerun()
