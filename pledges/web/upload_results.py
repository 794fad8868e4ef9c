"""The Upload page's outcome widgets: the problems of a refused file, the preview, the commit."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from pledges import errors, model, service
from pledges.service import vocabulary
from pledges.views import columns, formatting
from pledges.views.upload import mapping_form as form
from pledges.views.upload import upload_preview, upload_problems, upload_rows
from pledges.web import widgets

PROBLEM_WIDTHS = {
    "code": st.column_config.TextColumn(),
    "row": st.column_config.NumberColumn(width=48),
    "column": st.column_config.TextColumn(width="small"),
    "value": st.column_config.TextColumn(width="small"),
    "message": st.column_config.TextColumn(width=560),
    "expected": st.column_config.TextColumn(width="small"),
}
ROW_WIDTHS = {
    "row": st.column_config.NumberColumn(width=48),
    "what changes": st.column_config.TextColumn(width="medium"),
}


def _widths(config: dict[str, object]) -> dict[str, object]:
    """The column widths under the headers the reader sees."""
    t = widgets.translator()
    return {columns.header(name, t): width for name, width in config.items()}


def show_problems(result: vocabulary.ImportResult, mode: str) -> None:
    """Why the file was refused: the sentence, the table, the messages in full, the warnings."""
    t = widgets.translator()
    st.error(upload_problems.refusal_sentence(result.report, t))
    if form.shows_mapping_hint(mode, result.report):
        st.info(t.gettext(form.MAPPING_HINT))
    st.dataframe(
        columns.shown(upload_problems.problems_table(result.report, t), t),
        hide_index=True,
        width="stretch",
        key="problems",
        column_config=_widths(PROBLEM_WIDTHS),
    )
    with st.expander(t.gettext("Read the messages in full")):
        for line in upload_problems.problem_lines(result.report, t=t):
            st.markdown("- " + formatting.plain(line))
    rest = upload_problems.rest_note(result.report, t)
    if rest:
        widgets.note(rest)
    st.download_button(
        t.gettext("Download the full report (CSV)"),
        result.report.to_csv(),
        file_name="upload-problems.csv",
        mime="text/csv",
    )
    noted = upload_problems.warnings_table(result.report, t=t)
    if not noted.empty:
        widgets.note(t.gettext("Also worth a look (these do not block):"))
        st.dataframe(
            columns.shown(noted, t),
            hide_index=True,
            width="stretch",
            key="notes",
            column_config=_widths(PROBLEM_WIDTHS),
        )


def show_preview(
    compared: vocabulary.Preview,
    earlier: model.Batch | None,
    result: vocabulary.ImportResult,
    full_names: Mapping[model.IndicatorRef, str] | None = None,
) -> bool:
    """What a commit would change: the sentence, the counts, the changes, the warnings."""
    t = widgets.translator()
    would_change, sentence = upload_preview.preview_sentence(compared, earlier, t)
    st.subheader(t.gettext("Preview"))
    if would_change:
        st.info(formatting.plain(sentence))
    else:
        st.warning(formatting.plain(sentence))
    st.dataframe(
        columns.shown(upload_preview.counts_table(compared), t),
        hide_index=True,
        width="stretch",
        key="counts",
    )
    if full_names is not None:
        with st.expander(t.gettext("Where the rows go (full names)")):
            for line in upload_preview.destinations(compared, full_names):
                st.markdown("- " + formatting.plain(line))
    preview_rows(compared)
    noted = upload_problems.warnings_table(result.report, compared, t=t)
    if not noted.empty:
        count = upload_problems.warning_count(result.report, compared)
        st.warning(upload_problems.notes_sentence(count, len(noted), t))
        st.dataframe(
            columns.shown(noted, t),
            hide_index=True,
            width="stretch",
            key="warnings",
            column_config=_widths(PROBLEM_WIDTHS),
        )
    return would_change


def confirm_jumps(compared: vocabulary.Preview) -> bool:
    """The values held for a tenfold jump and the tick box that lets them in (True: none held)."""
    if not compared.held:
        return True
    t = widgets.translator()
    st.error(upload_problems.held_sentence(compared, t))
    st.dataframe(
        columns.shown(upload_problems.held_table(compared, t), t),
        hide_index=True,
        width="stretch",
        key="held",
        column_config=_widths(PROBLEM_WIDTHS),
    )
    with st.expander(t.gettext("Read the held values' messages in full")):
        for line in upload_problems.held_lines(compared, t):
            st.markdown("- " + formatting.plain(line))
    return st.checkbox(t.gettext(upload_problems.JUMPS_CONFIRM), key="accept_jumps")


def commit(
    db: service.Store,
    actor: model.Actor,
    data: bytes,
    file_name: str,
    options: vocabulary.ImportOptions,
    accept_jumps: bool = False,
) -> str | None:
    """Import the file for real with a progress bar; the batch's sentence, or None if refused."""
    t = widgets.translator()
    bar = st.progress(0.0, text=t.gettext("Checking the file once more, then writing…"))

    def show_progress(written: int, total: int) -> None:
        """Move the bar as the store writes each chunk."""
        bar.progress(
            upload_preview.progress_fraction(written, total),
            text=form.writing_text(written, total, t),
        )

    try:
        committed = service.import_file(
            db,
            actor,
            data,
            file_name,
            options,
            on_progress=show_progress,
            accept_jumps=accept_jumps,
        )
    except (errors.NotAllowed, errors.StoreBusy) as exc:
        st.error(formatting.plain(exc))
        return None
    bar.progress(1.0, text=t.gettext("Done."))
    if committed.batch is None:
        st.error(upload_problems.refusal_sentence(committed.result.report, t))
        return None
    return upload_preview.batch_sentence(committed.batch, t)


def preview_rows(compared: vocabulary.Preview) -> None:
    """Each added, changed and unchanged row, old value beside new, a page at a time."""
    t = widgets.translator()
    if compared.rows.empty:
        if compared.added + compared.changed + compared.unchanged:
            widgets.note(t.gettext(upload_rows.NO_ROWS_NOTE))
        return
    st.markdown(t.gettext("**Rows** (old -> new; an old value is kept as a revision)"))
    left, right = st.columns([2, 1])
    option = left.selectbox(
        t.gettext("Show"),
        upload_rows.status_options(compared),
        key="preview_status",
        format_func=lambda choice: upload_rows.option_text(choice, t),
    )
    status = upload_rows.status_of(option)
    total = len(upload_rows.chosen_rows(compared, status))
    pages = upload_rows.page_count(total)
    page = int(
        right.number_input(
            t.gettext("Page"), min_value=1, max_value=pages, value=1, key="preview_page"
        )
    )
    widgets.note(upload_rows.page_note(page, pages, total, t=t))
    rows = upload_rows.rows_page(compared, status, page)
    rows["status"] = [t.gettext(word) for word in rows["status"]]
    st.dataframe(
        columns.shown(rows, t),
        hide_index=True,
        width="stretch",
        key="preview_rows",
        column_config=_widths(ROW_WIDTHS),
    )
