"""The Upload page's mapping widgets: how to read the file and the column mapping form."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from pathlib import Path

import streamlit as st

from pledges import numbers
from pledges.service import uploads, vocabulary
from pledges.views.upload import mapping_form as form
from pledges.views.upload import upload_flow, upload_names
from pledges.web import widgets


def apply_preset(folder: Path) -> None:
    """Fill the mapping form from the chosen preset, so it can be checked and changed."""
    name = form.preset_name(st.session_state.get("map_mode", form.NO_MAPPING))
    if name is None:
        st.session_state.pop("map_loaded", None)
        return
    loaded = uploads.load_preset(folder, name)
    if loaded is None:
        return
    st.session_state["map_loaded"] = loaded
    for key in [
        key for key in st.session_state if str(key).startswith(("map_state_", "map_view_"))
    ]:
        del st.session_state[key]  # the value tables start again from the preset's values
    st.session_state.update(form.preset_state(loaded))
    st.session_state.update(form.reading_state(uploads.reading_of(folder, name)))


def reading_choices(data: bytes) -> upload_flow.Choices:
    """The sheet picker and the "How to read the file" expander, as choices without a mapping."""
    t = widgets.translator()
    sheet = None
    workbook_sheets = uploads.sheets(data)
    if workbook_sheets:
        sheet = st.selectbox(t.gettext("Sheet"), workbook_sheets, key="upload_sheet")
    with st.expander(t.gettext("How to read the file (detected unless you choose)")):
        delimiter, encoding = None, None
        if not workbook_sheets:
            delimiter_label = st.selectbox(
                t.gettext("Delimiter"),
                list(upload_flow.DELIMITERS),
                key=form.READ_KEYS["delimiter"],
                format_func=t.gettext,
            )
            delimiter = upload_flow.DELIMITERS[delimiter_label]
            encoding_label = st.selectbox(
                t.gettext("Encoding"),
                list(upload_flow.ENCODINGS),
                key="read_encoding",
                format_func=t.gettext,
            )
            encoding = upload_flow.ENCODINGS[encoding_label]
        decimal_label = st.selectbox(
            t.gettext("Decimal mark"),
            list(upload_flow.DECIMALS),
            key=form.READ_KEYS["decimal"],
            format_func=t.gettext,
        )
        rule_label = st.selectbox(
            t.gettext("Periods that are ranges or fiscal years"),
            upload_flow.PERIOD_RULES,
            key=form.READ_KEYS["period_rule"],
            format_func=t.gettext,
        )
    return upload_flow.Choices(
        sheet=sheet,
        delimiter=delimiter,
        decimal=upload_flow.DECIMALS[decimal_label],
        period_rule=upload_flow.PERIOD_RULES[rule_label],
        encoding=encoding,
    )


def mapping_form(
    data: bytes,
    choices: upload_flow.Choices,
    mode: str,
    folder: Path,
    catalog: form.Catalog,
    names: upload_names.PledgeNames,
    goals: upload_names.GoalNames | None = None,
) -> upload_flow.Choices:
    """The column mapping form (for any mode but "No mapping"), its mapping added to choices."""
    t = widgets.translator()
    loaded: vocabulary.ColumnMapping | None = st.session_state.get("map_loaded")
    with st.expander(t.gettext("Column mapping form"), expanded=form.preset_name(mode) is None):
        fields, beside = st.columns([3, 2])
        with fields:
            skip_rows = form.skip_rows_of(
                st.number_input(
                    t.gettext("Rows above the header (empty: find the header)"),
                    min_value=0,
                    value=None,
                    step=1,
                    key="map_skip_rows",
                )
            )
        peeked = uploads.peek(data, choices.sheet, choices.delimiter, skip_rows)
        with beside:
            first_rows(peeked)
        headers = form.form_headers(peeked, loaded)
        reading = Reading(data, choices, skip_rows, mode)
        with fields:
            widgets.note(t.gettext(form.FORM_NOTE))
            columns, constants = field_pickers(headers, catalog, names, goals)
        indicator_city = constants.get("city")
        unit = form.unit_default(columns, constants, catalog)
        if unit is not None:
            constants["unit"] = unit
            widgets.note(form.unit_note(unit, t))

        city_values: dict[str, str | None] = {}
        if columns["city"]:
            earlier = loaded.city_values if loaded else {}
            known = form.cities(catalog)
            city_values = value_map(reading, "city", columns["city"], known, earlier)
        indicator_values: dict[str, str | None] = {}
        skip_unmapped = False
        if columns["indicator"]:
            earlier = loaded.indicator_values if loaded else {}
            labels = upload_names.indicator_labels(
                catalog, names, indicator_city, constants.get("pledge"), goals
            )
            indicator_values = value_map(
                reading, "indicator", columns["indicator"], list(labels), earlier, labels
            )
            skip_unmapped = st.checkbox(
                t.gettext("Skip rows whose indicator is not mapped (they are counted)"),
                key="map_skip_unmapped",
            )
        unit_values: dict[str, str | None] = {}
        if columns["unit"]:
            earlier = loaded.unit_values if loaded else {}
            known = upload_names.units_of(catalog, indicator_city)
            unit_values = value_map(reading, "unit", columns["unit"], known, earlier)
        filters = filter_pickers(reading, headers)
        mapping = upload_flow.build_mapping(
            columns,
            constants,
            indicator_values,
            skip_rows,
            filters,
            skip_unmapped,
            city_values,
            unit_values,
        )
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        preset_name = left.text_input(
            t.gettext("Save this mapping as a preset named"), key="preset_name"
        )
        if right.button(t.gettext("Save preset"), key="save_preset"):
            saved = uploads.save_preset(folder, preset_name, mapping)
            ok, message = form.saved_message(saved, t)
            (st.success if ok else st.error)(message)
    return dataclasses.replace(choices, mapping=mapping)


@dataclasses.dataclass(frozen=True)
class Reading:
    """The file and how it is read, as the form's value tables need them."""

    data: bytes
    choices: upload_flow.Choices
    skip_rows: int | None
    mode: str

    def values(self, column: str | tuple[str, ...], blanks: bool = False) -> list[str]:
        """The column's different values below the header."""
        return uploads.distinct_values(
            self.data,
            column,
            self.choices.sheet,
            self.choices.delimiter,
            self.skip_rows,
            blanks=blanks,
        )


def first_rows(peeked: uploads.Peek | None) -> None:
    """The file's first rows beside the form, so each column can be told by its values."""
    table = form.first_rows(peeked)
    if peeked is None or not table:
        return
    widgets.note(form.first_rows_note(peeked, widgets.translator()))
    st.dataframe(table, hide_index=True, width="stretch", key="first_rows")


def field_pickers(
    headers: list[str],
    catalog: form.Catalog,
    names: upload_names.PledgeNames,
    goals: upload_names.GoalNames | None = None,
) -> tuple[dict[str, str | tuple[str, ...] | None], dict[str, str | None]]:
    """A column picker for each field, or one value for every row (names, not ids)."""
    t = widgets.translator()
    columns: dict[str, str | tuple[str, ...] | None] = {}
    constants: dict[str, str | None] = {}
    for name in vocabulary.MAPPING_FIELDS:
        left, right = st.columns(2)
        columns[name] = form.column_of(
            left.selectbox(
                t.gettext("{field}: column", field=name),
                [form.NONE, *headers],
                key=f"map_col_{name}",
                help=t.gettext(form.FIELD_HELP[name]),
            )
        )
        if name == "indicator" and columns[name]:
            second = right.selectbox(
                t.gettext("and column (joined: 'Units | Sector')"),
                [form.NONE, *headers],
                key=form.SECOND_INDICATOR,
                help=t.gettext(
                    "For files whose series is named by two columns; an empty cell is left out."
                ),
            )
            columns[name] = form.indicator_columns(columns[name], form.column_of(second))
        kind = form.constant_widget(name, columns[name])  # type: ignore[arg-type]
        if kind == "select":
            current = st.session_state.get(f"map_const_{name}") or ""
            known = form.known_values(name, catalog, constants)
            label = picker_label(name, catalog, names, constants, goals)
            constants[name] = right.selectbox(
                t.gettext("or one {field} for every row (type to search)", field=name),
                form.constant_options(known, current),
                key=f"map_const_{name}",
                format_func=label,
            )
            if name == "indicator" and constants[name]:  # the picker may cut a long name
                widgets.note(form.chosen_note(label(constants[name] or ""), t))
        elif kind == "text":
            constants[name] = right.text_input(
                t.gettext("or one {field} for every row", field=name), key=f"map_const_{name}"
            )
    return columns, constants


def picker_label(
    name: str,
    catalog: form.Catalog,
    names: upload_names.PledgeNames,
    constants: Mapping[str, str | None],
    goals: upload_names.GoalNames | None = None,
) -> Callable[[str], str]:
    """How a constant picker writes its choices: pledges and indicators by name."""
    city = constants.get("city")
    if name == "pledge":
        return lambda key: upload_names.pledge_label(key, names, city) or form.NONE
    if name == "indicator":
        labels = upload_names.indicator_labels(catalog, names, city, constants.get("pledge"), goals)
        return lambda key: upload_names.label_of(labels, key) or form.NONE
    return form.constant_label


def filter_pickers(reading: Reading, headers: list[str]) -> dict[str, list[str]]:
    """Filters on any number of columns, each keeping the whole cell values picked."""
    t = widgets.translator()
    chosen_columns = st.multiselect(
        t.gettext("Keep only rows where these columns hold chosen values"),
        headers,
        key=form.FILTER_COLUMNS,
        help=t.gettext("Values are matched whole and exactly, commas and quotes included."),
        placeholder=t.gettext("Choose options"),
    )
    filters: dict[str, list[str]] = {}
    for column in chosen_columns:
        key = form.filter_key(column)
        current = [str(value) for value in st.session_state.get(key, [])]
        found = reading.values(column, blanks=True)
        filters[column] = st.multiselect(
            t.gettext(
                "'{column}' is one of (type to search all {count} values)",
                column=column,
                count=numbers.number(len(found), t.lang),
            ),
            form.filter_options(found, current),
            key=key,
            format_func=form.filter_label,
            placeholder=t.gettext("Choose options"),
        )
        if len(found) >= uploads.VALUE_LIMIT:
            st.warning(form.filter_cap_note(column, uploads.VALUE_LIMIT, t))
    return filters


def value_map(
    reading: Reading,
    name: str,
    column: str | tuple[str, ...],
    known: list[str],
    earlier: Mapping[str, str | None],
    labels: Mapping[str, str] | None = None,
) -> dict[str, str | None]:
    """A table of the column's values, each mapped to a known city, indicator or unit (or kept),
    with a search, "only what is left to map", and the full names of what was picked."""
    t = widgets.translator()
    in_file = t.gettext(form.IN_FILE)
    found = reading.values(column)
    shown = column if isinstance(column, str) else " | ".join(column)
    widgets.note(form.value_map_note(name, shown, t))
    editor_key = f"map_values_{shown}_{reading.mode}"
    chosen: dict[str, str | None] = st.session_state.setdefault(f"map_state_{editor_key}", {})
    for value in found:
        chosen.setdefault(value, earlier.get(value) or "")
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    search = left.text_input(
        t.gettext("Search the file's {field} values", field=name), key=f"{editor_key}_search"
    )
    only_left = right.checkbox(t.gettext("Show only what is left to map"), key=f"{editor_key}_left")
    view_key = f"map_view_{editor_key}"
    wanted = (search, only_left, tuple(found))
    view = st.session_state.get(view_key)
    if view is None or view[0] != wanted:  # the rows shown stay put while they are edited
        view = (wanted, form.values_shown(found, chosen, search, only_left))
        st.session_state[view_key] = view
    subset: list[str] = view[1]
    widgets.note(form.left_note(found, chosen, len(subset), t))
    if search or only_left:
        editor_key += f"_{abs(hash(wanted))}"
    edited = st.data_editor(
        form.value_table(name, subset, chosen, t),
        key=editor_key,
        hide_index=True,
        disabled=[in_file],
        column_config={
            in_file: st.column_config.TextColumn(width="large"),
            name: st.column_config.SelectboxColumn(
                width="large",
                options=["", *known],
                format_func=(lambda key: upload_names.label_of(labels, key)) if labels else None,
            ),
        },
        width="stretch",
    )
    chosen.update(zip(edited[in_file], edited[name], strict=True))
    if labels:
        meaning = form.meaning_lines(chosen, labels)
        if meaning:
            with st.expander(
                t.gettext("What each mapped value means here ({count})", count=len(meaning))
            ):
                for line in meaning:  # written out: a table cell would cut a long name
                    st.markdown("- " + line)
    return {value: chosen.get(value) for value in found}
