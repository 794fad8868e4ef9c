"""The Upload form's decisions as plain values: choices, defaults, catalog narrowing, messages."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pledges import model
from pledges.ingest import report as upload_report
from pledges.ingest.checking import preview as ingest_preview
from pledges.ingest.reading import mapping as column_mapping
from pledges.service import uploads
from pledges.views.upload import mapping_form as form
from pledges.views.upload import upload_flow


def indicator(key: str, unit: str) -> model.Indicator:
    return model.Indicator(key=key, name=key, unit=unit, direction="lower")


# Two cities; "emissions" is in both (kt), "solar" only in Bigtown's second pledge (MW).
CATALOG = {
    model.IndicatorRef("Testville", "green-deal", "emissions"): indicator("emissions", "kt"),
    model.IndicatorRef("Testville", "green-deal", "renewable-share"): indicator(
        "renewable-share", "%"
    ),
    model.IndicatorRef("Bigtown", "net-zero", "emissions"): indicator("emissions", "kt"),
    model.IndicatorRef("Bigtown", "sun-city", "solar"): indicator("solar", "MW"),
}


def test_file_note_writes_the_limits_in_megabytes_and_rows() -> None:
    note = form.file_note(25 * 1024 * 1024, 200_000)
    assert note.endswith("Up to 25 MB and 200,000 rows.")
    # 1.5 MB is written as it is, not rounded.
    assert "Up to 1.5 MB and 10 rows." in form.file_note(3 * 512 * 1024, 10)


@pytest.mark.parametrize(
    ("max_bytes", "megabytes"),
    [(25 * 1024 * 1024, 25), (3 * 512 * 1024, 1), (1000, 1), (0, 1)],
    ids=["whole", "rounded-down", "under-one", "zero"],
)
def test_upload_megabytes_is_whole_and_at_least_one(max_bytes: int, megabytes: int) -> None:
    assert form.upload_megabytes(max_bytes) == megabytes


def test_mode_options_put_none_and_new_before_the_presets() -> None:
    assert form.mode_options([]) == [form.NO_MAPPING, form.NEW_MAPPING]
    assert form.mode_options(["office", "rus"]) == [
        "No mapping: the file has the upload format's headers",
        "Map my columns",
        "Preset: office",
        "Preset: rus",
    ]


@pytest.mark.parametrize(
    ("mode", "name"),
    [
        ("Preset: office", "office"),
        ("Preset: Preset: x", "Preset: x"),
        ("Map my columns", None),
        ("No mapping: the file has the upload format's headers", None),
    ],
    ids=["preset", "only-the-first-prefix", "new", "none"],
)
def test_preset_name_of_a_mode(mode: str, name: str | None) -> None:
    assert form.preset_name(mode) == name


def test_preset_state_fills_every_column_constant_and_every_filter() -> None:
    loaded = column_mapping.ColumnMapping(
        columns={"period": "Year", "value": ("Total", "Sum")},
        constants={"city": "Testville", "source": "RUS"},
        filters={"Sector": ("All", "Roads"), "Other": ("x",)},
        skip_rows=2,
        skip_unmapped=True,
    )
    state = form.preset_state(loaded)
    # Nine column pickers and the second indicator column, seven constants (period and value
    # have none), skip rows, skip unmapped, the filter columns and one list per filter column.
    assert len(state) == 10 + 7 + 3 + 2
    assert state["map_col_period"] == "Year"
    assert state["map_col_value"] == "Total"
    assert state["map_col_city"] == "—"
    assert state["map_const_city"] == "Testville"
    assert state["map_const_source"] == "RUS"
    assert state["map_const_unit"] == ""
    assert "map_const_period" not in state
    assert state["map_skip_rows"] == 2
    assert state["map_skip_unmapped"] is True
    assert state["map_filter_columns"] == ["Sector", "Other"]
    assert state["map_filter_Sector"] == ["All", "Roads"]
    assert state["map_filter_Other"] == ["x"]


def test_preset_state_without_filters_clears_the_filter() -> None:
    state = form.preset_state(column_mapping.ColumnMapping())
    assert state["map_filter_columns"] == []
    assert state["map_col_indicator_2"] == "—"
    assert state["map_skip_rows"] is None


@pytest.mark.parametrize(
    ("peeked", "loaded", "headers"),
    [
        (None, None, []),
        (uploads.Peek(("Year", "Kommun"), 1), None, ["Year", "Kommun"]),
        (
            uploads.Peek(("Year", "Kommun"), 1),
            column_mapping.ColumnMapping(
                columns={"period": "Year", "value": "Total"}, filters={"Area": ("x",)}
            ),
            ["Year", "Kommun", "Area", "Total"],
        ),
        (None, column_mapping.ColumnMapping(columns={"city": "Town"}), ["Town"]),
    ],
    ids=["nothing", "file-only", "preset-adds-missing-sorted", "unreadable-file"],
)
def test_form_headers_are_the_files_then_the_presets_missing_ones(
    peeked: uploads.Peek | None,
    loaded: column_mapping.ColumnMapping | None,
    headers: list[str],
) -> None:
    assert form.form_headers(peeked, loaded) == headers


@pytest.mark.parametrize(
    ("value", "rows"), [(None, None), (0, 0), (3, 3), (2.0, 2)], ids=["empty", "0", "3", "float"]
)
def test_skip_rows_of_the_number_input(value: float | None, rows: int | None) -> None:
    assert form.skip_rows_of(value) == rows


@pytest.mark.parametrize(
    ("picked", "column"), [("—", None), ("Year", "Year"), ("", "")], ids=["dash", "header", "blank"]
)
def test_column_of_a_picker(picked: str, column: str | None) -> None:
    assert form.column_of(picked) == column


@pytest.mark.parametrize(
    ("name", "column", "kind"),
    [
        ("city", None, "select"),
        ("pledge", None, "select"),
        ("indicator", None, "select"),
        ("unit", None, "text"),
        ("source", None, "text"),
        ("note", None, "text"),
        ("method", None, "text"),
        ("period", None, None),
        ("value", None, None),
        ("city", "Kommun", None),
        ("source", "Källa", None),
    ],
)
def test_constant_widget_only_where_no_column_is_chosen(
    name: str, column: str | None, kind: str | None
) -> None:
    assert form.constant_widget(name, column) == kind


@pytest.mark.parametrize(
    ("name", "constants", "known"),
    [
        ("city", {}, ["Bigtown", "Testville"]),
        ("city", {"city": "Testville"}, ["Bigtown", "Testville"]),
        ("pledge", {}, ["green-deal", "net-zero", "sun-city"]),
        ("pledge", {"city": "Bigtown"}, ["net-zero", "sun-city"]),
        ("pledge", {"city": "Nowhere"}, ["green-deal", "net-zero", "sun-city"]),
        ("indicator", {}, ["emissions", "renewable-share", "solar"]),
        (
            "indicator",
            {"city": "Testville", "pledge": "green-deal"},
            ["emissions", "renewable-share"],
        ),
        ("indicator", {"city": "Bigtown", "pledge": "sun-city"}, ["solar"]),
        # A pledge without a city narrows nothing: the whole catalog is offered.
        ("indicator", {"pledge": "sun-city"}, ["emissions", "renewable-share", "solar"]),
    ],
    ids=[
        "cities",
        "cities-ignore-constants",
        "pledges",
        "pledges-of-a-city",
        "pledges-of-an-unknown-city",
        "indicators",
        "indicators-of-a-pledge",
        "one-indicator",
        "pledge-without-city",
    ],
)
def test_known_values_narrow_by_the_constants_above(
    name: str, constants: dict[str, str], known: list[str]
) -> None:
    assert form.known_values(name, CATALOG, constants) == known


def test_cities_and_indicators_of_the_catalog() -> None:
    assert form.cities(CATALOG) == ["Bigtown", "Testville"]
    assert form.indicators(CATALOG) == ["emissions", "renewable-share", "solar"]
    assert form.cities({}) == [] and form.indicators({}) == []


@pytest.mark.parametrize(
    ("known", "current", "offered"),
    [
        (["a", "b"], "", ["", "a", "b"]),
        (["a", "b"], "b", ["", "a", "b"]),
        (["a", "b"], "zed", ["", "a", "b", "zed"]),
        ([], "zed", ["", "zed"]),
    ],
    ids=["nothing-chosen", "known-choice", "unknown-kept", "empty-catalog"],
)
def test_constant_options_keep_an_unknown_current_value(
    known: list[str], current: str, offered: list[str]
) -> None:
    assert form.constant_options(known, current) == offered


def test_constant_label_shows_blank_as_a_dash() -> None:
    assert form.constant_label("") == "—"
    assert form.constant_label("Testville") == "Testville"


@pytest.mark.parametrize(
    ("columns", "constants", "unit"),
    [
        ({"unit": None}, {"pledge": "green-deal", "indicator": "emissions"}, "kt"),
        ({"unit": None}, {"pledge": "sun-city", "indicator": "solar", "city": "Bigtown"}, "MW"),
        ({"unit": "Enhet"}, {"pledge": "green-deal", "indicator": "emissions"}, None),
        ({"unit": None}, {"pledge": "green-deal", "indicator": "emissions", "unit": "t"}, None),
        ({"unit": None}, {"pledge": "green-deal"}, None),
        ({}, {"pledge": "net-zero", "indicator": "emissions", "city": "Testville"}, None),
    ],
    ids=["one-unit", "with-city", "unit-column", "unit-typed", "no-indicator", "wrong-city"],
)
def test_unit_default_only_when_the_form_gives_no_unit(
    columns: dict[str, str | None], constants: dict[str, str], unit: str | None
) -> None:
    assert form.unit_default(columns, constants, CATALOG) == unit


def test_notes_quote_the_column_and_the_unit() -> None:
    assert form.unit_note("kt") == "Unit: the indicator's own (kt)."
    assert form.value_map_note("city", "Kommun") == (
        "Which city each value of 'Kommun' means (leave empty where the file already uses "
        "the city's name)."
    )


@pytest.mark.parametrize(
    ("found", "earlier", "table"),
    [
        ([], {}, {"in the file": [], "city": []}),
        (["Sthlm", "Solna"], {}, {"in the file": ["Sthlm", "Solna"], "city": ["", ""]}),
        (
            ["Sthlm", "Solna"],
            {"Sthlm": "Testville", "Solna": None, "Other": "Bigtown"},
            {"in the file": ["Sthlm", "Solna"], "city": ["Testville", ""]},
        ),
    ],
    ids=["empty", "fresh", "from-a-preset"],
)
def test_value_table_pairs_each_value_with_its_earlier_mapping(
    found: list[str], earlier: dict[str, str | None], table: dict[str, list[str]]
) -> None:
    assert form.value_table("city", found, earlier) == table


def test_the_built_mapping_reads_a_filter_without_values_as_no_filter() -> None:
    built = upload_flow.build_mapping(
        {"period": "Year", "city": None},
        {"city": "Testville"},
        {"CO2": "emissions"},
        2,
        {"Sector": []},
        True,
        {"Sthlm": "Testville", "Solna": ""},
    )
    assert dict(built.columns) == {"period": "Year"}
    assert dict(built.constants) == {"city": "Testville"}
    assert dict(built.indicator_values) == {"CO2": "emissions"}
    assert dict(built.city_values) == {"Sthlm": "Testville"}
    assert built.skip_rows == 2 and built.skip_unmapped is True
    assert dict(built.filters) == {}
    filtered = upload_flow.build_mapping({}, {}, {}, None, {"Sector": ["Alla", "Roads"]}, False, {})
    assert dict(filtered.filters) == {"Sector": ("Alla", "Roads")}
    assert filtered.skip_rows is None


@pytest.mark.parametrize(
    ("saved", "ok", "message"),
    [
        (None, False, "Give the preset a name with letters or digits."),
        (Path("/presets/office.json"), True, "Saved preset 'office'."),
        # The name is shown as Markdown, so its hyphen is escaped to stay a hyphen.
        (Path("/presets/office-sheet.json"), True, "Saved preset 'office\\-sheet'."),
    ],
    ids=["refused", "saved", "saved-escaped"],
)
def test_saved_message(saved: Path | None, ok: bool, message: str) -> None:
    assert form.saved_message(saved) == (ok, message)


def report_of(*codes: str) -> upload_report.Report:
    return upload_report.Report(tuple(upload_report.Issue(code, "m", 2, "a") for code in codes))


@pytest.mark.parametrize(
    ("mode", "codes", "shown"),
    [
        (form.NO_MAPPING, ("missing-column",), True),
        (form.NO_MAPPING, ("preamble", "bad-number"), True),
        (form.NO_MAPPING, ("bad-number",), False),
        (form.NEW_MAPPING, ("missing-column",), False),
        ("Preset: office", ("missing-column",), False),
    ],
    ids=["missing-column", "preamble", "other-error", "already-mapping", "preset"],
)
def test_mapping_hint_only_without_a_mapping_and_for_header_errors(
    mode: str, codes: tuple[str, ...], shown: bool
) -> None:
    assert form.shows_mapping_hint(mode, report_of(*codes)) is shown


def test_commit_label_counts_added_and_changed_rows() -> None:
    # 2 added and 1 changed go in; the 2 unchanged rows do not.
    counts = pd.DataFrame({"added": [2], "changed": [1], "unchanged": [2]})
    compared = ingest_preview.Preview(pd.DataFrame(), counts, ())
    assert form.commit_label(compared) == "Commit 3 rows as one batch"
    many = pd.DataFrame({"added": [1000, 234], "changed": [0, 0], "unchanged": [0, 0]})
    assert form.commit_label(ingest_preview.Preview(pd.DataFrame(), many, ())) == (
        "Commit 1,234 rows as one batch"
    )


@pytest.mark.parametrize(
    ("written", "total", "text"),
    [(0, 10, "Writing 0 of 10 rows…"), (5000, 12500, "Writing 5,000 of 12,500 rows…")],
)
def test_writing_text(written: int, total: int, text: str) -> None:
    assert form.writing_text(written, total) == text


def test_done_message_points_at_history() -> None:
    assert form.done_message("Committed batch 4.") == (
        "Committed batch 4. It is listed in History, where it can be undone."
    )
