"""The importer's parts as tables: numbers, periods, units, sniffing, mapping presets."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from pledges import ingest, model
from pledges.ingest.checking import units
from pledges.ingest.reading import decimals, periods, sniff
from pledges.ingest.reading import mapping as column_mapping

POINT = decimals.NumberFormat(".", confirmed=True)
COMMA = decimals.NumberFormat(",", confirmed=True)
UNSURE_COMMA = decimals.NumberFormat(",", confirmed=False)
MIXED = decimals.NumberFormat(".", confirmed=True, mixed=True)


@pytest.mark.parametrize(
    ("text", "fmt", "value", "code"),
    [
        ("34", POINT, 34.0, None),
        ("-12.5", POINT, -12.5, None),
        ("1e-05", POINT, 1e-05, None),
        ("1.577", POINT, 1.577, None),
        ("1,234", POINT, None, "ambiguous-number"),
        ("1,5", POINT, None, "bad-number"),
        ("1,234,567", POINT, None, "bad-number"),
        ("39,20", COMMA, 39.2, None),
        ("-95,00", COMMA, -95.0, None),
        ("1.577", COMMA, None, "ambiguous-number"),
        ("23.84", COMMA, None, "bad-number"),
        ("1,577", UNSURE_COMMA, None, "ambiguous-number"),
        ("1.577", MIXED, None, "ambiguous-number"),
        ("7,33347×10^−05", COMMA, 7.33347e-05, None),
        ("2.5 x 10^3", POINT, 2500.0, None),
        ("7,3×10^", COMMA, None, "bad-number"),
        ("nan", POINT, None, "bad-number"),
        ("inf", POINT, None, "bad-number"),
        ("12 %", POINT, None, "bad-number"),
    ],
)
def test_numbers(text: str, fmt: decimals.NumberFormat, value: float | None, code: str | None):
    parsed = decimals.parse(text, fmt)
    assert (parsed.code, parsed.value) == (code, pytest.approx(value) if value else value)


@pytest.mark.parametrize(
    ("cells", "default", "convention", "decimal", "confirmed", "mixed"),
    [
        (["39,20", "6,60", "1990"], ",", False, ",", True, False),
        (["1.577", "2018"], ",", False, ",", False, False),
        (["23.84", "12"], ",", False, ".", True, False),
        (["1.577", "23.84", "26,3"], ".", True, ".", True, True),
        (["2.062.205", "23.84"], ".", True, ".", True, True),
        (["1.577"], ".", True, ".", True, False),
    ],
)
def test_decimal_sniff(cells, default, convention, decimal, confirmed, mixed) -> None:  # noqa: ANN001
    fmt = decimals.sniff(cells, default, convention)
    assert (fmt.decimal, fmt.confirmed, fmt.mixed) == (decimal, confirmed, mixed)


@pytest.mark.parametrize(
    ("cell", "rule", "expected"),
    [
        ("2019", None, (dt.date(2019, 1, 1), True)),
        (2019, None, (dt.date(2019, 1, 1), True)),
        (2019.0, None, (dt.date(2019, 1, 1), True)),
        ("2019-06-30", None, (dt.date(2019, 6, 30), False)),
        (dt.datetime(2019, 6, 30, 0, 0), None, (dt.date(2019, 6, 30), False)),
        ("2019/20", None, None),
        ("FY2021-22", None, None),
        ("2021-04", None, None),
        ("2002/2003", None, None),
        ("2013-07-01 - 2014-06-30", None, None),
        ("2019-13-01", None, None),
        ("19", None, None),
        ("", None, None),
        (2019.5, None, None),
        ("2019/20", "end", (dt.date(2020, 1, 1), True)),
        ("1999/00", "end", (dt.date(2000, 1, 1), True)),
        ("2002/2003", "start", (dt.date(2002, 1, 1), True)),
        ("2021-02", "end", (dt.date(2021, 2, 28), False)),
        # Twelve months across two years: the year the rule picks, stored as a year (issue 19).
        ("2013-07-01 – 2014-06-30", "end", (dt.date(2014, 1, 1), True)),
        ("2013-07-01 – 2014-06-30", "start", (dt.date(2013, 1, 1), True)),
        # 1 January to 31 December is that year, whatever the rule, and needs none.
        ("2013-01-01 - 2013-12-31", "end", (dt.date(2013, 1, 1), True)),
        ("2013-01-01 - 2013-12-31", "start", (dt.date(2013, 1, 1), True)),
        ("2013-01-01 - 2013-12-31", None, (dt.date(2013, 1, 1), True)),
        # Any other range is still the date the rule picks.
        ("2013-03-01 - 2013-05-31", "end", (dt.date(2013, 5, 31), False)),
        ("2013-03-01 - 2014-06-30", "end", (dt.date(2014, 6, 30), False)),
        ("spring", "end", None),
    ],
)
def test_periods(cell: object, rule: periods.Rule | None, expected) -> None:  # noqa: ANN001
    parsed = periods.read(cell, rule)
    if expected is None:
        assert isinstance(parsed, periods.Refusal)
    else:
        assert (parsed.date, parsed.annual) == expected  # type: ignore[union-attr]


def test_parse_keeps_a_range_s_literal_date_for_sources_that_want_it() -> None:
    # `read` is the importer's (whole years as years); `parse` gives the date the rule picks.
    assert periods.parse("2013-01-01 - 2013-12-31", "end") == periods.Period(
        dt.date(2013, 12, 31), False
    )
    assert periods.read("2013-01-01 - 2013-12-31", "end") == periods.Period(
        dt.date(2013, 1, 1), True
    )


def test_a_range_refusal_says_to_choose_start_or_end() -> None:
    refusal = periods.parse("2013-07-01 - 2014-06-30", None)
    assert isinstance(refusal, periods.Refusal)
    assert "date range" in refusal.reason and "start or the end" in refusal.reason


@pytest.mark.parametrize(
    ("given", "wanted", "value", "code"),
    [
        ("t", "kt", 1.234, None),
        ("kt", "t", 1234000.0, None),
        ("t CO2e", "kt CO2e", 1.234, None),
        ("MWh", "GWh", 1.234, None),
        ("%", "%", 1234.0, None),
        ("fraction", "%", 123400.0, None),
        ("metric tons of CO2eq", "t CO2e", 1234.0, None),
        ("total emissions per capita (metric tons per capita)", "t CO2e per capita", 1234.0, None),
        ("Anzahl", "count", None, "unit-unknown"),
        ("kg", "GWh", None, "unit-incompatible"),
        ("t CO2", "t CO2e", None, "unit-incompatible"),
        ("GWh", "Anzahl", None, "unit-incompatible"),
        ("Anzahl", "Anzahl", 1234.0, None),
        ("tons", "t", None, "unit-unknown"),
        ("metric tonnes", "kt", 1.234, None),
        ("short_ton", "t", 1234.0 * 0.90718474, None),
    ],
)
def test_units(given: str, wanted: str, value: float | None, code: str | None) -> None:
    conversion = units.conversion(given, wanted)
    assert conversion.code == code
    if value is not None:
        assert conversion.apply(1234.0) == value


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"city,pledge\n", "text"),
        ("\ufeffcity".encode(), "text"),
        ("city".encode("utf-16"), "text"),
        (b"PK\x03\x04[Content_Types].xml", "xlsx"),
        (b"PK\x03\x04other.txt", "binary"),
        (b"\xd0\xcf\x11\xe0", "xls"),
        (b"%PDF-1.4", "binary"),
        (b"a,b\x00c", "binary"),
    ],
)
def test_file_kind(data: bytes, kind: str) -> None:
    assert sniff.file_kind(data) == kind


def test_utf16_text_is_decoded() -> None:
    assert sniff.decode("city\tpledge".encode("utf-16")) == ("city\tpledge", "utf-16")


def test_headers_compare_without_invisibles() -> None:
    assert sniff.normalise("\ufeff\u200bIntensity unit  (emissions per)\u00a0 ") == (
        "intensity unit (emissions per)"
    )


def test_mapping_preset_round_trips_through_json(tmp_path) -> None:  # noqa: ANN001
    preset = column_mapping.ColumnMapping(
        columns={"indicator": ("DATEINAME", "MERKMAL"), "period": "ZEIT"},
        constants={"pledge": "klimaschutz"},
        indicator_values={"a | b": "co2-total", "skip me": None},
        unit_values={"Tonnen": "t"},
        city_values={"Münster, Gesamtstadt": "Münster"},
        filters={"RAUM": ("Münster, Gesamtstadt",)},
        skip_rows=6,
        skip_unmapped=True,
        year_columns=("1990", "2000"),
    )
    path = tmp_path / "muenster.json"
    column_mapping.save_preset(preset, path)
    assert column_mapping.load_preset(path) == preset
    assert "Münster" in path.read_text(encoding="utf-8")


def test_a_mapping_naming_unknown_fields_is_reported() -> None:
    preset = column_mapping.ColumnMapping(columns={"year": "Year", "period": "Year"})
    catalog = {model.IndicatorRef("A", "p", "i"): model.Indicator("i", "i", "%", "higher")}
    result = ingest.read(b"Year,value\n2019,1\n", "m.csv", catalog, ingest.Options(mapping=preset))
    assert "bad-mapping" in {issue.code for issue in result.report.errors}


def test_percent_formatted_cells_are_read_as_shown_with_a_warning() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["city", "pledge", "indicator", "period", "value", "unit", "source"])
    sheet.append(["A", "p", "i", 2019, 0.07, "%", "src"])
    sheet["E2"].number_format = "0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    catalog = {model.IndicatorRef("A", "p", "i"): model.Indicator("i", "i", "%", "higher")}
    result = ingest.read(buffer.getvalue(), "p.xlsx", catalog)
    assert list(result.frame["value"]) == [7.0]
    assert [issue.code for issue in result.report.warnings] == ["percent-format"]
    [warning] = result.report.warnings
    assert warning.value == "E2" and "read as shown" in warning.message


def test_values_under_no_header_are_warned_about() -> None:
    catalog = {model.IndicatorRef("A", "p", "i"): model.Indicator("i", "i", "%", "higher")}
    data = b"city,pledge,indicator,period,value,unit,source,\nA,p,i,2019,1,%,s,oops,more\n"
    result = ingest.read(data, "u.csv", catalog)
    assert [issue.position() for issue in result.report.issues] == [
        (2, None, "extra-cells"),
        (2, None, "unread-cells"),
    ]
    assert [issue.severity for issue in result.report.issues] == ["error", "warning"]


def test_a_value_under_an_unnamed_column_alone_is_only_a_warning() -> None:
    catalog = {model.IndicatorRef("A", "p", "i"): model.Indicator("i", "i", "%", "higher")}
    data = b"city,pledge,indicator,period,value,unit,source,\nA,p,i,2019,1,%,s,oops\n"
    result = ingest.read(data, "u.csv", catalog)
    assert result.report.ok
    assert [issue.position() for issue in result.report.warnings] == [(2, None, "unread-cells")]
