"""The Upload page's widget groups: how to read the file, the mapping form, problems, preview."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

import streamlit as st

from pledges import errors, ingest, model, service, store
from pledges.ingest import mapping as column_mapping
from pledges.ingest import presets
from pledges.ingest import preview as ingest_preview
from pledges.views import formatting, upload_flow, upload_preview, upload_problems
from pledges.views import mapping_form as form
from pledges.web import widgets

PROBLEM_WIDTHS = {
    "code": st.column_config.TextColumn(),
    "row": st.column_config.NumberColumn(width=48),
    "column": st.column_config.TextColumn(width="small"),
    "value": st.column_config.TextColumn(width="small"),
    "message": st.column_config.TextColumn(width=560),
    "expected": st.column_config.TextColumn(width="small"),
}


def apply_preset(folder: Path) -> None:
    """Fill the mapping form from the chosen preset, so it can be checked and changed."""
    name = form.preset_name(st.session_state.get("map_mode", form.NO_MAPPING))
    if name is None:
        st.session_state.pop("map_loaded", None)
        return
    loaded = presets.load_preset(folder, name)
    if loaded is None:
        return
    st.session_state["map_loaded"] = loaded
    st.session_state.update(form.preset_state(loaded))


def reading_choices(data: bytes) -> upload_flow.Choices:
    """The sheet picker and the "How to read the file" expander, as choices without a mapping."""
    sheet = None
    workbook_sheets = upload_flow.sheets(data)
    if workbook_sheets:
        sheet = st.selectbox("Sheet", workbook_sheets, key="upload_sheet")
    with st.expander("How to read the file (detected unless you choose)"):
        delimiter = None
        if not workbook_sheets:
            delimiter_label = st.selectbox("Delimiter", list(upload_flow.DELIMITERS))
            delimiter = upload_flow.DELIMITERS[delimiter_label]
        decimal_label = st.selectbox("Decimal mark", list(upload_flow.DECIMALS))
        rule_label = st.selectbox(
            "Periods that are ranges or fiscal years", upload_flow.PERIOD_RULES
        )
    return upload_flow.Choices(
        sheet=sheet,
        delimiter=delimiter,
        decimal=upload_flow.DECIMALS[decimal_label],
        period_rule=upload_flow.PERIOD_RULES[rule_label],
    )


def mapping_form(
    data: bytes, choices: upload_flow.Choices, mode: str, folder: Path, catalog: form.Catalog
) -> upload_flow.Choices:
    """The column mapping form (for any mode but "No mapping"), its mapping added to choices."""
    loaded: column_mapping.ColumnMapping | None = st.session_state.get("map_loaded")
    with st.expander("Column mapping form", expanded=form.preset_name(mode) is None):
        skip_rows = form.skip_rows_of(
            st.number_input(
                "Rows above the header (empty: find the header)",
                min_value=0,
                value=None,
                step=1,
                key="map_skip_rows",
            )
        )
        peeked = upload_flow.peek(data, choices.sheet, choices.delimiter, skip_rows)
        headers = form.form_headers(peeked, loaded)
        widgets.note(form.FORM_NOTE)
        columns: dict[str, str | None] = {}
        constants: dict[str, str | None] = {}
        for name in column_mapping.FIELDS:
            left, right = st.columns(2)
            columns[name] = form.column_of(
                left.selectbox(
                    f"{name}: column",
                    [form.NONE, *headers],
                    key=f"map_col_{name}",
                    help=form.FIELD_HELP[name],
                )
            )
            kind = form.constant_widget(name, columns[name])
            if kind == "select":
                current = st.session_state.get(f"map_const_{name}") or ""
                constants[name] = right.selectbox(
                    f"or one {name} for every row",
                    form.constant_options(form.known_values(name, catalog, constants), current),
                    key=f"map_const_{name}",
                    format_func=form.constant_label,
                )
            elif kind == "text":
                constants[name] = right.text_input(
                    f"or one {name} for every row", key=f"map_const_{name}"
                )
        unit = form.unit_default(columns, constants, catalog)
        if unit is not None:
            constants["unit"] = unit
            widgets.note(form.unit_note(unit))

        city_values: dict[str, str | None] = {}
        if columns["city"]:
            earlier = loaded.city_values if loaded else {}
            city_values = value_map(
                data,
                choices,
                skip_rows,
                mode,
                "city",
                columns["city"],
                form.cities(catalog),
                earlier,
            )
        indicator_values: dict[str, str | None] = {}
        skip_unmapped = False
        if columns["indicator"]:
            earlier = loaded.indicator_values if loaded else {}
            known = form.indicators(catalog)
            indicator_values = value_map(
                data, choices, skip_rows, mode, "indicator", columns["indicator"], known, earlier
            )
            skip_unmapped = st.checkbox(
                "Skip rows whose indicator is not mapped (they are counted)",
                key="map_skip_unmapped",
            )
        left, right = st.columns(2)
        filter_column = left.selectbox(
            "Keep only rows where column", [form.NONE, *headers], key="map_filter_column"
        )
        filter_values = right.text_input("holds one of (comma-separated)", key="map_filter_values")
        mapping = form.form_mapping(
            columns,
            constants,
            indicator_values,
            skip_rows,
            filter_column,
            filter_values,
            skip_unmapped,
            city_values,
        )
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        preset_name = left.text_input("Save this mapping as a preset named", key="preset_name")
        if right.button("Save preset", key="save_preset"):
            ok, message = form.saved_message(presets.save_preset(folder, preset_name, mapping))
            (st.success if ok else st.error)(message)
    return dataclasses.replace(choices, mapping=mapping)


def value_map(
    data: bytes,
    choices: upload_flow.Choices,
    skip_rows: int | None,
    mode: str,
    name: str,
    column: str,
    known: list[str],
    earlier: Mapping[str, str | None],
) -> dict[str, str | None]:
    """A table of the column's values, each mapped to a known city or indicator (or kept)."""
    found = upload_flow.distinct_values(data, column, choices.sheet, choices.delimiter, skip_rows)
    widgets.note(form.value_map_note(name, column))
    edited = st.data_editor(
        form.value_table(name, found, earlier),
        key=f"map_values_{column}_{mode}",
        hide_index=True,
        disabled=["in the file"],
        column_config={name: st.column_config.SelectboxColumn(options=["", *known])},
        width="stretch",
    )
    return dict(zip(edited["in the file"], edited[name], strict=True))


def show_problems(result: ingest.Result, mode: str) -> None:
    """Why the file was refused: the sentence, the table, the messages in full, the warnings."""
    st.error(upload_problems.refusal_sentence(result.report))
    if form.shows_mapping_hint(mode, result.report):
        st.info(form.MAPPING_HINT)
    st.dataframe(
        upload_problems.problems_table(result.report),
        hide_index=True,
        width="stretch",
        key="problems",
        column_config=PROBLEM_WIDTHS,
    )
    with st.expander("Read the messages in full"):
        for line in upload_problems.problem_lines(result.report):
            st.markdown("- " + formatting.plain(line))
    rest = upload_problems.rest_note(result.report)
    if rest:
        widgets.note(rest)
    st.download_button(
        "Download the problems (CSV)",
        result.report.to_csv(),
        file_name="upload-problems.csv",
        mime="text/csv",
    )
    noted = upload_problems.warnings_table(result.report)
    if not noted.empty:
        widgets.note("Also worth a look (these do not block):")
        st.dataframe(
            noted, hide_index=True, width="stretch", key="notes", column_config=PROBLEM_WIDTHS
        )


def show_preview(
    compared: ingest_preview.Preview, earlier: model.Batch | None, result: ingest.Result
) -> bool:
    """What a commit would change: the sentence, the counts, the changes, the warnings."""
    would_change, sentence = upload_preview.preview_sentence(compared, earlier)
    st.subheader("Preview")
    if would_change:
        st.info(formatting.plain(sentence))
    else:
        st.warning(formatting.plain(sentence))
    st.dataframe(
        upload_preview.counts_table(compared), hide_index=True, width="stretch", key="counts"
    )
    if compared.changed:
        st.markdown("**Changed values** (old -> new; the old value is kept as a revision)")
        st.dataframe(
            upload_preview.changes_table(compared), hide_index=True, width="stretch", key="changes"
        )
    noted = upload_problems.warnings_table(result.report, compared)
    if not noted.empty:
        count = upload_problems.warning_count(result.report, compared)
        st.warning(upload_problems.notes_sentence(count, len(noted)))
        st.dataframe(
            noted, hide_index=True, width="stretch", key="warnings", column_config=PROBLEM_WIDTHS
        )
    return would_change


def commit(
    db: store.Store, actor: model.Actor, data: bytes, file_name: str, options: ingest.Options
) -> str | None:
    """Import the file for real with a progress bar; the batch's sentence, or None if refused."""
    bar = st.progress(0.0, text="Checking the file once more, then writing…")

    def show_progress(written: int, total: int) -> None:
        """Move the bar as the store writes each chunk."""
        bar.progress(
            upload_preview.progress_fraction(written, total),
            text=form.writing_text(written, total),
        )

    try:
        committed = service.import_file(
            db, actor, data, file_name, options, on_progress=show_progress
        )
    except errors.NotAllowed as exc:
        st.error(formatting.plain(exc))
        return None
    bar.progress(1.0, text="Done.")
    if committed.batch is None:
        st.error(upload_problems.refusal_sentence(committed.result.report))
        return None
    return upload_preview.batch_sentence(committed.batch)
