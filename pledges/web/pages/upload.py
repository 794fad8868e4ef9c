"""Upload (editors): drop a CSV or XLSX, see every problem or a preview, commit one batch."""

import streamlit as st

from pledges import errors, service, settings
from pledges.ingest import mapping as column_mapping
from pledges.ingest import presets
from pledges.views import formatting, upload_flow
from pledges.web import widgets

NONE = "—"
NO_MAPPING = "No mapping: the file has the upload format's headers"
NEW_MAPPING = "Map my columns"
PRESET = "Preset: "
MEGABYTE = 1024 * 1024
FIELD_HELP = {
    "city": "the city each row is about",
    "pledge": "the pledge's id (e.g. five-zeroes)",
    "indicator": "the indicator's id or name",
    "period": "a year or an ISO date (leave empty for a wide file)",
    "value": "the number (leave empty for a wide file)",
    "unit": "the unit of the value",
    "source": "where the number comes from",
    "note": "a free note (optional)",
    "method": "inventory method or edition (optional)",
}

PROBLEM_WIDTHS = {
    "code": st.column_config.TextColumn(),
    "row": st.column_config.NumberColumn(width=48),
    "column": st.column_config.TextColumn(width="small"),
    "value": st.column_config.TextColumn(width="small"),
    "message": st.column_config.TextColumn(width=560),
    "expected": st.column_config.TextColumn(width="small"),
}

actor = widgets.current_actor()
st.title("Upload data")
if not actor.can_edit:
    st.info("Only editors can upload data. Sign in as an editor to use this page.")
    st.stop()

db = widgets.get_store()
conf = settings.load()
catalog = db.catalog_index()
st.session_state.setdefault("upload_round", 0)
done = st.session_state.pop("upload_done", None)
if done:
    st.success(done + " It is listed in History, where it can be undone.")

widgets.note(
    f"A CSV (UTF-8 or Windows-1252; comma, semicolon or tab) or an Excel .xlsx workbook, long "
    f"(city, pledge, indicator, period, value, unit, source) or wide (one column per year). "
    f"Up to {conf.max_upload_bytes / MEGABYTE:g} MB and {conf.max_upload_rows:,} rows."
)
uploaded = st.file_uploader(
    "CSV or Excel file",
    type=["csv", "tsv", "txt", "xlsx", "xls"],
    key=f"upload_file_{st.session_state['upload_round']}",
    max_upload_size=max(1, conf.max_upload_bytes // MEGABYTE),
)
if uploaded is None:
    st.stop()
data = uploaded.getvalue()
file_name = uploaded.name


def apply_preset() -> None:
    """Fill the mapping form from the chosen preset, so it can be checked and changed."""
    choice = st.session_state.get("map_mode", NO_MAPPING)
    if not choice.startswith(PRESET):
        st.session_state.pop("map_loaded", None)
        return
    loaded = presets.load_preset(conf.presets_dir, choice.removeprefix(PRESET))
    if loaded is None:
        return
    st.session_state["map_loaded"] = loaded
    for name in column_mapping.FIELDS:
        headers = loaded.headers(name)
        st.session_state[f"map_col_{name}"] = headers[0] if headers else NONE
        if name in column_mapping.CONSTANT_FIELDS:
            st.session_state[f"map_const_{name}"] = loaded.constants.get(name, "")
    st.session_state["map_skip_rows"] = loaded.skip_rows
    st.session_state["map_skip_unmapped"] = loaded.skip_unmapped
    first = next(iter(loaded.filters.items()), None)
    st.session_state["map_filter_column"] = first[0] if first else NONE
    st.session_state["map_filter_values"] = ", ".join(first[1]) if first else ""


def value_map(
    name: str, column: str, known: list[str], earlier: dict[str, str | None]
) -> dict[str, str | None]:
    """A table of the column's values, each mapped to a known city or indicator (or kept)."""
    found_values = upload_flow.distinct_values(data, column, sheet, delimiter, skip_rows)
    widgets.note(
        f"Which {name} each value of '{formatting.plain(column)}' means (leave empty where "
        f"the file already uses the {name}'s name)."
    )
    edited = st.data_editor(
        {"in the file": found_values, name: [earlier.get(v) or "" for v in found_values]},
        key=f"map_values_{column}_{mode}",
        hide_index=True,
        disabled=["in the file"],
        column_config={name: st.column_config.SelectboxColumn(options=["", *known])},
        width="stretch",
    )
    return dict(zip(edited["in the file"], edited[name], strict=True))


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
    rule_label = st.selectbox("Periods that are ranges or fiscal years", upload_flow.PERIOD_RULES)

saved_presets = presets.preset_names(conf.presets_dir)
mode = st.selectbox(
    "Column mapping",
    [NO_MAPPING, NEW_MAPPING, *(PRESET + name for name in saved_presets)],
    key="map_mode",
    on_change=apply_preset,
    help="For files whose headers differ from the upload format. A saved preset fills the form.",
)

mapping = None
if mode != NO_MAPPING:
    loaded: column_mapping.ColumnMapping | None = st.session_state.get("map_loaded")
    with st.expander("Column mapping form", expanded=not mode.startswith(PRESET)):
        skip_rows = st.number_input(
            "Rows above the header (empty: find the header)",
            min_value=0,
            value=None,
            step=1,
            key="map_skip_rows",
        )
        peeked = upload_flow.peek(data, sheet, delimiter, None if skip_rows is None else skip_rows)
        headers = list(peeked.headers) if peeked else []
        if loaded is not None:
            headers += sorted(h for h in loaded.named_headers() if h not in headers)
        widgets.note(
            "Choose the column that holds each field, or one value for every row. Leave "
            "period and value empty for a wide file (one column per year)."
        )
        cities = sorted({ref.city for ref in catalog})
        columns: dict[str, str | None] = {}
        constants: dict[str, str | None] = {}
        for name in column_mapping.FIELDS:
            left, right = st.columns(2)
            picked = left.selectbox(
                f"{name}: column", [NONE, *headers], key=f"map_col_{name}", help=FIELD_HELP[name]
            )
            columns[name] = None if picked == NONE else picked
            if name not in column_mapping.CONSTANT_FIELDS or columns[name]:
                continue
            if name in ("city", "pledge", "indicator"):
                known = {
                    "city": cities,
                    "pledge": sorted(
                        {r.pledge for r in catalog if r.city == constants.get("city")}
                        or {r.pledge for r in catalog}
                    ),
                    "indicator": sorted(
                        {
                            r.indicator
                            for r in catalog
                            if r.city == constants.get("city")
                            and r.pledge == constants.get("pledge")
                        }
                        or {r.indicator for r in catalog}
                    ),
                }[name]
                current = st.session_state.get(f"map_const_{name}") or ""
                offered = ["", *known, *([current] if current and current not in known else [])]
                constants[name] = right.selectbox(
                    f"or one {name} for every row",
                    offered,
                    key=f"map_const_{name}",
                    format_func=lambda v: v or NONE,
                )
            else:
                constants[name] = right.text_input(
                    f"or one {name} for every row", key=f"map_const_{name}"
                )
        if not columns["unit"] and not constants.get("unit"):
            unit = upload_flow.default_unit(catalog, constants)
            if unit is not None:
                constants["unit"] = unit
                widgets.note(f"Unit: the indicator's own ({formatting.plain(unit)}).")
        city_values: dict[str, str | None] = {}
        if columns["city"]:
            city_values = value_map(
                "city", columns["city"], cities, loaded.city_values if loaded else {}
            )
        indicator_values: dict[str, str | None] = {}
        skip_unmapped = False
        if columns["indicator"]:
            indicator_values = value_map(
                "indicator",
                columns["indicator"],
                sorted({r.indicator for r in catalog}),
                loaded.indicator_values if loaded else {},
            )
            skip_unmapped = st.checkbox(
                "Skip rows whose indicator is not mapped (they are counted)",
                key="map_skip_unmapped",
            )
        left, right = st.columns(2)
        filter_column = left.selectbox(
            "Keep only rows where column", [NONE, *headers], key="map_filter_column"
        )
        filter_values = right.text_input("holds one of (comma-separated)", key="map_filter_values")
        mapping = upload_flow.build_mapping(
            columns,
            constants,
            indicator_values,
            None if skip_rows is None else int(skip_rows),
            None if filter_column == NONE else filter_column,
            filter_values,
            skip_unmapped,
            city_values,
        )
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        preset_name = left.text_input("Save this mapping as a preset named", key="preset_name")
        if right.button("Save preset", key="save_preset"):
            saved = presets.save_preset(conf.presets_dir, preset_name, mapping)
            if saved is None:
                st.error("Give the preset a name with letters or digits.")
            else:
                st.success(f"Saved preset '{formatting.plain(saved.stem)}'.")

choices = upload_flow.Choices(
    sheet=sheet,
    delimiter=delimiter,
    decimal=upload_flow.DECIMALS[decimal_label],
    period_rule=upload_flow.PERIOD_RULES[rule_label],
    mapping=mapping,
)
options = upload_flow.options(choices, conf)
# Reruns (any click) reuse the check while the file, the choices and the store are the same.
check_key = upload_flow.check_key(data, file_name, options, db.latest_change())
cached = st.session_state.get("upload_check")
if cached is not None and cached[0] == check_key:
    outcome = cached[1]
else:
    with st.spinner("Reading the file and comparing it with the stored values…"):
        outcome = service.import_file(db, actor, data, file_name, options, dry_run=True)
    st.session_state["upload_check"] = (check_key, outcome)
result = outcome.result

st.subheader("What was found")
st.markdown(
    " · ".join(
        f"**{label}** {formatting.plain(value)}"
        for label, value in upload_flow.detected(result).items()
    )
)

if not outcome.ok:
    st.error(upload_flow.refusal_sentence(result.report))
    if mode == NO_MAPPING and upload_flow.needs_mapping(result.report):
        st.info(
            "The headers differ from the upload format: choose **Map my columns** (or a saved "
            "preset) under Column mapping above."
        )
    st.dataframe(
        upload_flow.problems_table(result.report),
        hide_index=True,
        width="stretch",
        key="problems",
        column_config=PROBLEM_WIDTHS,
    )
    with st.expander("Read the messages in full"):
        for line in upload_flow.problem_lines(result.report):
            st.markdown("- " + formatting.plain(line))
    rest = upload_flow.rest_note(result.report)
    if rest:
        widgets.note(rest)
    st.download_button(
        "Download the problems (CSV)",
        result.report.to_csv(),
        file_name="upload-problems.csv",
        mime="text/csv",
    )
    noted = upload_flow.warnings_table(result.report)
    if not noted.empty:
        widgets.note("Also worth a look (these do not block):")
        st.dataframe(
            noted, hide_index=True, width="stretch", key="notes", column_config=PROBLEM_WIDTHS
        )
    st.stop()

compared = outcome.preview
if compared is None:  # a file without errors always has a preview
    st.stop()
earlier = db.find_committed(result.sha256)
would_change, sentence = upload_flow.preview_sentence(compared, earlier)
st.subheader("Preview")
if would_change:
    st.info(formatting.plain(sentence))
else:
    st.warning(formatting.plain(sentence))
st.dataframe(upload_flow.counts_table(compared), hide_index=True, width="stretch", key="counts")
if compared.changed:
    st.markdown("**Changed values** (old -> new; the old value is kept as a revision)")
    st.dataframe(
        upload_flow.changes_table(compared), hide_index=True, width="stretch", key="changes"
    )
noted = upload_flow.warnings_table(result.report, compared)
if not noted.empty:
    st.warning(
        upload_flow.notes_sentence(upload_flow.warning_count(result.report, compared), len(noted))
    )
    st.dataframe(
        noted, hide_index=True, width="stretch", key="warnings", column_config=PROBLEM_WIDTHS
    )

if st.button(
    f"Commit {compared.added + compared.changed:,} rows as one batch",
    type="primary",
    disabled=not would_change,
    key="commit",
):
    bar = st.progress(0.0, text="Checking the file once more, then writing…")

    def show_progress(written: int, total: int) -> None:
        """Move the bar as the store writes each chunk."""
        bar.progress(
            upload_flow.progress_fraction(written, total),
            text=f"Writing {written:,} of {total:,} rows…",
        )

    try:
        committed = service.import_file(
            db, actor, data, file_name, options, on_progress=show_progress
        )
    except errors.NotAllowed as exc:
        st.error(formatting.plain(exc))
        st.stop()
    bar.progress(1.0, text="Done.")
    if committed.batch is None:
        st.error(upload_flow.refusal_sentence(committed.result.report))
        st.stop()
    st.session_state.pop("upload_check", None)
    st.session_state["upload_done"] = upload_flow.batch_sentence(committed.batch)
    st.session_state["upload_round"] += 1
    st.rerun()
