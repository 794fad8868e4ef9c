"""The Upload page's new views: names in pickers, filters, first rows, the row list, presets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pledges import ingest, model
from pledges.ingest import report as upload_report
from pledges.ingest.checking import preview as ingest_preview
from pledges.ingest.reading import mapping as column_mapping
from pledges.ingest.reading import presets
from pledges.service import uploads
from pledges.views.upload import mapping_form as form
from pledges.views.upload import upload_flow, upload_names, upload_problems, upload_rows


def indicator(key: str, name: str, unit: str) -> model.Indicator:
    return model.Indicator(key=key, name=name, unit=unit, direction="lower")


CATALOG = {
    model.IndicatorRef("Los Angeles", "five-zeroes", "renewable-share"): indicator(
        "renewable-share", "Renewable share of LADWP power", "%"
    ),
    model.IndicatorRef("Los Angeles", "five-zeroes", "ghg"): indicator("ghg", "GHG", "t"),
    model.IndicatorRef("London", "net-zero", "renewable-share"): indicator(
        "renewable-share", "Renewables in London", "%"
    ),
    model.IndicatorRef("London", "net-zero", "heat"): indicator("heat", "Heat pumps", "count"),
}
NAMES = {
    ("Los Angeles", "five-zeroes"): "Five Zeroes (L.A.'s Green New Deal)",
    ("London", "net-zero"): "Net Zero London",
}


def test_indicator_labels_are_names_of_the_chosen_city_only() -> None:
    labels = upload_names.indicator_labels(CATALOG, NAMES, "Los Angeles")
    assert labels == {
        "ghg": "Five Zeroes (L.A.'s Green New Deal) · GHG",
        "renewable-share": "Five Zeroes (L.A.'s Green New Deal) · Renewable share of LADWP power",
    }
    # London's heat pumps are not offered for L.A.; with no city, every city's are.
    assert "heat" not in labels
    assert set(upload_names.indicator_labels(CATALOG, NAMES, None)) == {
        "ghg",
        "renewable-share",
        "heat",
    }
    assert list(upload_names.indicator_labels(CATALOG, NAMES, "London", "net-zero")) == [
        "heat",
        "renewable-share",
    ]


def test_pledge_label_and_units_of_a_city() -> None:
    assert upload_names.pledge_label("five-zeroes", NAMES) == "Five Zeroes (L.A.'s Green New Deal)"
    assert upload_names.pledge_label("net-zero", NAMES, "Los Angeles") == "net-zero"
    assert upload_names.pledge_label("", NAMES) == ""
    assert upload_names.units_of(CATALOG, "London") == ["%", "count"]
    assert upload_names.label_of({"a": "A"}, "zed") == "zed"


QUOTED = (
    'Place,Sector,Year,Value\n"Münster, ""Gesamtstadt""",,2019,1\n'
    '"Münster, ""Gesamtstadt""",Roads,2019,2\nMünster,"Agri, Land",2019,3\n,,,\n'
).encode()


def test_distinct_values_keep_commas_quotes_and_offer_blanks_when_asked() -> None:
    assert uploads.distinct_values(QUOTED, "Place") == ['Münster, "Gesamtstadt"', "Münster"]
    # The all-empty line (",,,") is no blank value: only a row with data and an empty cell is.
    assert uploads.distinct_values(QUOTED, "Sector", blanks=True) == ["", "Roads", "Agri, Land"]
    # Two columns joined as the importer joins them, an empty cell left out.
    assert uploads.distinct_values(QUOTED, ("Place", "Sector")) == [
        'Münster, "Gesamtstadt"',
        'Münster, "Gesamtstadt" | Roads',
        "Münster | Agri, Land",
    ]
    assert uploads.distinct_values(QUOTED, ("Place", "Nope")) == []


def test_filter_choices_and_labels() -> None:
    assert form.filter_options(["", "a, b"], ["kept from a preset", "a, b"]) == [
        "",
        "a, b",
        "kept from a preset",
    ]
    assert form.filter_label("") == "(blank)"
    assert form.filter_label('a "b", c') == 'a "b", c'


def test_filters_from_the_form_match_whole_cells_in_the_importer() -> None:
    built = upload_flow.build_mapping(
        {"period": "Year", "value": "Value", "unit": "Unit"},
        {"city": "Testville", "pledge": "green-deal", "indicator": "emissions", "source": "s"},
        filters={"Place": ['Münster, "Gesamtstadt"'], "Sector": ["", "Agri, Land"]},
        unit_values={"t CO2e": "kt", "x": ""},
    )
    assert dict(built.filters) == {
        "Place": ('Münster, "Gesamtstadt"',),
        "Sector": ("", "Agri, Land"),
    }
    assert dict(built.unit_values) == {"t CO2e": "kt"}
    data = (
        'Place,Sector,Year,Value,Unit\n"Münster, ""Gesamtstadt""",,2019,1,t CO2e\n'
        '"Münster, ""Gesamtstadt""",Roads,2020,2,t CO2e\n"Münster, ""Gesamtstadt""",'
        '"Agri, Land",2021,3,t CO2e\nMünster,,2022,4,t CO2e\n'
    ).encode()
    catalog = {
        model.IndicatorRef("Testville", "green-deal", "emissions"): indicator(
            "emissions", "Emissions", "kt"
        )
    }
    result = ingest.read(data, "quoted.csv", catalog, ingest.Options(mapping=built))
    assert result.report.ok, result.report.lines("quoted.csv")
    # Kept: the blank sector (2019) and 'Agri, Land' (2021) of the quoted place; Roads is
    # another sector and 'Münster' another place. The unit 't CO2e' maps to the indicator's kt.
    assert sorted(result.frame["period"].astype(str).str[:4]) == ["2019", "2021"]
    assert set(result.frame["unit"]) == {"kt"}


def test_indicator_columns_join_two_different_headers() -> None:
    assert form.indicator_columns("Units", "Sector") == ("Units", "Sector")
    assert form.indicator_columns("Units", "Units") == "Units"
    assert form.indicator_columns("Units", None) == "Units"
    assert form.indicator_columns(None, "Sector") is None


def test_preset_state_round_trips_two_columns_and_blank_filters() -> None:
    loaded = column_mapping.ColumnMapping(
        columns={"indicator": ("Units", "Sector")}, filters={"Sector": ("", "Waste")}
    )
    state = form.preset_state(loaded)
    assert state["map_col_indicator"] == "Units"
    assert state["map_col_indicator_2"] == "Sector"
    assert state["map_filter_Sector"] == ["", "Waste"]


def test_first_rows_pad_short_rows_and_name_repeated_headers() -> None:
    peeked = uploads.Peek(("Year", "Value", "Year"), 3, (), (("2019", "1"), ("2020", "2", "x")))
    assert form.first_rows(peeked) == {
        "Year": ["2019", "2020"],
        "Value": ["1", "2"],
        "Year (3)": ["", "x"],
    }
    assert form.first_rows(None) == {}
    assert form.first_rows_note(peeked) == "The file's first rows, under the header found in row 3."


def preview_of(statuses: list[str], **extra: list[object]) -> ingest_preview.Preview:
    count = len(statuses)
    rows = pd.DataFrame(
        {
            "city": ["Testville"] * count,
            "pledge": ["green-deal"] * count,
            "indicator": ["emissions"] * count,
            "period": [pd.Timestamp(2000 + i, 1, 1) for i in range(count)],
            "status": statuses,
            "old_value": [None if s == "added" else 2618210.0 for s in statuses],
            "new_value": [2618210.0 if s == "unchanged" else 9.64 for s in statuses],
            "old_method": [None] * count,
            "new_method": [None] * count,
            "old_source": ["a"] * count,
            "new_source": ["a"] * count,
            "old_note": [None] * count,
            "new_note": [None] * count,
            "row": list(range(2, count + 2)),
            **extra,
        }
    )
    counts = pd.DataFrame(
        [
            {
                "city": "Testville",
                "pledge": "green-deal",
                "indicator": "emissions",
                **{s: statuses.count(s) for s in upload_rows.STATUSES},
            }
        ]
    )
    return ingest_preview.Preview(rows, counts, ())


def test_rows_page_shows_old_and_new_as_the_pages_write_numbers() -> None:
    compared = preview_of(["added", "changed", "unchanged"])
    page = upload_rows.rows_page(compared, None, 1)
    assert page.columns.tolist() == upload_rows.COLUMNS
    assert page["row"].tolist() == [2, 3, 4]
    assert page["period"].tolist() == ["2000", "2001", "2002"]
    # Added: no old value; changed: 2,618,210 -> 9.64, each with the digits it was stored with
    # (numbers.exact: a table never rounds a stored value); unchanged: both alike.
    assert page[["old", "new"]].values.tolist() == [
        ["", "9.64"],
        ["2,618,210", "9.64"],
        ["2,618,210", "2,618,210"],
    ]
    assert page["what changes"].tolist() == ["", "value", ""]


def test_value_pair_writes_in_full_where_rounding_hides_the_change() -> None:
    assert upload_rows.value_pair(9.62, 9.64) == ("9.62", "9.64")
    assert upload_rows.value_pair(30.0, 33.0) == ("30", "33")
    assert upload_rows.value_pair(None, 33.0) == ("", "33")


def test_what_changes_prefers_the_previews_own_column() -> None:
    compared = preview_of(["changed"], changed_fields=[["source", "note"]])
    assert upload_rows.rows_page(compared, "changed", 1)["what changes"].tolist() == [
        "source, note"
    ]


def test_rows_are_paged_and_filtered_by_status() -> None:
    compared = preview_of(["added"] * 120 + ["changed"] * 3)
    assert upload_rows.status_options(compared) == ["all rows", "added (120)", "changed (3)"]
    assert upload_rows.status_of("changed (3)") == "changed"
    assert upload_rows.status_of("all rows") is None
    assert upload_rows.page_count(123) == 3 and upload_rows.page_count(0) == 1
    # Page 3 of 50-row pages holds rows 101-123; a page past the end shows the last one.
    assert len(upload_rows.rows_page(compared, None, 3)) == 23
    assert len(upload_rows.rows_page(compared, None, 9)) == 23
    assert len(upload_rows.rows_page(compared, "changed", 1)) == 3
    assert upload_rows.page_note(3, 3, 123) == "Rows 101–123 of 123, page 3 of 3."
    assert upload_rows.page_note(1, 1, 0) == "No rows."


def test_warnings_carry_no_e_notation() -> None:
    found = upload_report.Report(
        (
            upload_report.Issue(
                "suspicious-value",
                "ghg 2019-01-01: 2.61821e+06 is more than ten times the range (1e+05 to 2e+05).",
                3,
                "value",
                "2.61821e+06",
                None,
                "warning",
            ),
        )
    )
    table = upload_problems.warnings_table(found)
    assert table.loc[0, "message"] == (
        "ghg 2019-01-01: 2,618,210 is more than ten times the range (100,000 to 200,000)."
    )
    assert table.loc[0, "value"] == "2,618,210"
    # Words with an e and digits, and ISO dates, are left alone.
    assert upload_rows.plain_numbers("code e2e, 2019-01-01, x1e5") == "code e2e, 2019-01-01, x1e5"


def test_built_in_presets_are_offered_and_loaded(tmp_path: Path) -> None:
    names = presets.preset_names(tmp_path / "none")
    assert "la-sdg-13-2-2-ghg" in names and "la-sdg-7-2-1-power-mix" in names
    loaded = presets.load_preset(tmp_path, "la-sdg-13-2-2-ghg")
    assert loaded is not None and loaded.headers("indicator") == ("Units", "Sector")
    # A saved preset of the same name wins over the built-in one.
    presets.save_preset(tmp_path, "la-sdg-13-2-2-ghg", column_mapping.ColumnMapping())
    assert presets.load_preset(tmp_path, "la-sdg-13-2-2-ghg") == column_mapping.ColumnMapping()
    assert presets.reading_of(tmp_path, "la-sdg-13-2-2-ghg") is None
    assert presets.preset_names(tmp_path).count("la-sdg-13-2-2-ghg") == 1


def test_reading_state_of_a_built_in_preset() -> None:
    recipe = presets.BUILT_IN["muenster-klimadata"]
    assert form.reading_state(recipe) == {
        "read_delimiter": "semicolon ;",
        "read_decimal": "comma (1234,5)",
        "read_rule": "refuse ranges (a year or an ISO date only)",
    }
    assert form.reading_state(presets.BUILT_IN["cdp-2017-community-wide-la"])["read_rule"] == (
        "use the end of a range or fiscal year"
    )
    assert form.reading_state(None) == {}
