"""ingest.read: each good shape gives the same frame; each trap gives its (row, column, code)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from pledges import ingest, model
from pledges.ingest.reading import mapping as column_mapping

LA, PLEDGE = "Los Angeles", "five-zeroes"
MS, MS_PLEDGE = "Münster", "klimaschutz"
HEADER = "city,pledge,indicator,period,value,unit,source,note"


def _indicator(key: str, unit: str, name: str | None = None) -> model.Indicator:
    """A bare indicator for the test catalog."""
    return model.Indicator(key=key, name=name or key, unit=unit, direction="higher")


CATALOG = {
    model.IndicatorRef(LA, PLEDGE, "renewable-share"): _indicator(
        "renewable-share", "%", "Renewable share of LADWP power"
    ),
    model.IndicatorRef(LA, PLEDGE, "coal-share"): _indicator("coal-share", "%"),
    model.IndicatorRef(LA, PLEDGE, "ghg-total"): _indicator("ghg-total", "kt CO2e"),
    model.IndicatorRef(LA, PLEDGE, "electricity"): _indicator("electricity", "GWh"),
    model.IndicatorRef(MS, MS_PLEDGE, "co2-total"): _indicator("co2-total", "t"),
}

CANONICAL = (
    f"{HEADER}\n"
    "Los Angeles,five-zeroes,renewable-share,2019,34,%,LADWP Briefing Book,\n"
    "Los Angeles,five-zeroes,renewable-share,2020,36.5,%,LADWP Briefing Book,\n"
    "Los Angeles,five-zeroes,ghg-total,2019-06-30,1500.25,kt CO2e,LASAN,fiscal year end\n"
    "Münster,klimaschutz,co2-total,2019,2618209.19,t,Stadt Münster – Stabsstelle Klima,\n"
)


def _expected() -> pd.DataFrame:
    """The canonical frame every good shape must produce (row numbers aside)."""
    records = [
        (
            LA,
            PLEDGE,
            "ghg-total",
            dt.date(2019, 6, 30),
            False,
            1500.25,
            "kt CO2e",
            "LASAN",
            "fiscal year end",
        ),
        (
            LA,
            PLEDGE,
            "renewable-share",
            dt.date(2019, 1, 1),
            True,
            34.0,
            "%",
            "LADWP Briefing Book",
            None,
        ),
        (
            LA,
            PLEDGE,
            "renewable-share",
            dt.date(2020, 1, 1),
            True,
            36.5,
            "%",
            "LADWP Briefing Book",
            None,
        ),
        (
            MS,
            MS_PLEDGE,
            "co2-total",
            dt.date(2019, 1, 1),
            True,
            2618209.19,
            "t",
            "Stadt Münster – Stabsstelle Klima",
            None,
        ),
    ]
    columns = ["city", "pledge", "indicator", "period", "annual", "value", "unit", "source", "note"]
    return pd.DataFrame(
        {name: pd.Series([r[i] for r in records], dtype=object) for i, name in enumerate(columns)}
    )


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame sorted by key, without the row numbers that differ between layouts."""
    columns = ["city", "pledge", "indicator", "period", "annual", "value", "unit", "source", "note"]
    out = frame[columns].sort_values(["city", "pledge", "indicator", "period"])
    return out.reset_index(drop=True).astype(object)


def _xlsx(rows: list[list[object]], title: str = "Data", before: int = 0) -> bytes:
    """A workbook built in memory, with `before` title rows above the table."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for index in range(before):
        sheet.append([f"Title line {index + 1}"] if index == 0 else [])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _canonical_rows() -> list[list[object]]:
    """The canonical file as spreadsheet rows (numbers and dates typed)."""
    return [
        HEADER.split(","),
        [LA, PLEDGE, "renewable-share", 2019, 34, "%", "LADWP Briefing Book", None],
        [LA, PLEDGE, "renewable-share", 2020, 36.5, "%", "LADWP Briefing Book", None],
        [
            LA,
            PLEDGE,
            "ghg-total",
            dt.datetime(2019, 6, 30),
            1500.25,
            "kt CO2e",
            "LASAN",
            "fiscal year end",
        ],
        [
            MS,
            MS_PLEDGE,
            "co2-total",
            2019,
            2618209.19,
            "t",
            "Stadt Münster – Stabsstelle Klima",
            None,
        ],
    ]


WIDE = (
    "city,pledge,indicator,unit,source,note,2019,2020\n"
    "Los Angeles,five-zeroes,renewable-share,%,LADWP Briefing Book,,34,36.5\n"
    "Münster,klimaschutz,co2-total,t,Stadt Münster – Stabsstelle Klima,,2618209.19,\n"
)
WIDE_DATED = (
    f"{HEADER}\n"
    "Los Angeles,five-zeroes,ghg-total,2019-06-30,1500.25,kt CO2e,LASAN,fiscal year end\n"
)


GOOD_SHAPES = {
    "long-utf8": CANONICAL.encode("utf-8"),
    "long-bom-crlf": CANONICAL.replace("\n", "\r\n").encode("utf-8-sig"),
    "long-cp1252": CANONICAL.encode("cp1252"),
    "long-semicolon-decimal-comma": CANONICAL.replace(",", ";")
    .replace("36.5", "36,5")
    .replace("1500.25", "1500,25")
    .replace("2618209.19", "2618209,19")
    .encode("utf-8"),
    "long-tab": CANONICAL.replace(",", "\t").encode("utf-8"),
    "long-tonnes-to-kt": CANONICAL.replace("1500.25,kt CO2e", "1500250,t CO2e").encode(),
    "long-header-invisibles": CANONICAL.replace(
        HEADER, "\ufeffcity , Pledge,\u200bindicator,period ,VALUE,unit\u00a0,source,note"
    ).encode("utf-8"),
    "long-columns-reordered": (
        "value,period,city,indicator,pledge,unit,note,source\n"
        "34,2019,Los Angeles,renewable-share,five-zeroes,%,,LADWP Briefing Book\n"
        "36.5,2020,Los Angeles,renewable-share,five-zeroes,%,,LADWP Briefing Book\n"
        "1500.25,2019-06-30,Los Angeles,ghg-total,five-zeroes,kt CO2e,fiscal year end,LASAN\n"
        "2618209.19,2019,Münster,co2-total,klimaschutz,t,,Stadt Münster – Stabsstelle Klima\n"
    ).encode(),
    "xlsx-long": _xlsx(_canonical_rows()),
}


@pytest.mark.parametrize("data", GOOD_SHAPES.values(), ids=GOOD_SHAPES.keys())
def test_good_shapes_give_the_canonical_frame(data: bytes) -> None:
    result = ingest.read(data, "upload.csv", CATALOG)
    assert result.report.errors == ()
    pd.testing.assert_frame_equal(_comparable(result.frame), _expected().astype(object))


def test_wide_layout_gives_the_same_frame_as_long() -> None:
    wide = ingest.read(WIDE.encode(), "wide.csv", CATALOG)
    dated = ingest.read(WIDE_DATED.encode(), "dated.csv", CATALOG)
    assert wide.report.ok and dated.report.ok
    assert wide.layout == "wide"
    combined = pd.concat([wide.frame, dated.frame])
    pd.testing.assert_frame_equal(_comparable(combined), _expected().astype(object))


def test_xlsx_wide_after_title_rows_on_a_chosen_sheet() -> None:
    rows = [line.split(",") for line in WIDE.strip().split("\n")]
    typed = [rows[0]] + [
        [*row[:6], *(float(c) if c else None for c in row[6:])] for row in rows[1:]
    ]
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    sheet = workbook.create_sheet("Values")
    sheet.append(["Emissions by year"])
    sheet.append([])
    for row in typed:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = ingest.read(buffer.getvalue(), "book.xlsx", CATALOG, ingest.Options(sheet="Values"))
    assert result.layout == "xlsx-wide"
    assert result.header_row == 3
    assert [issue.code for issue in result.report.warnings] == ["preamble"]
    assert sorted(result.frame["row"]) == [4, 4, 5]


def test_xlsx_formulas_are_read_as_cached_values(tmp_path) -> None:
    # openpyxl writes no cached values, so the cell is empty when read back: no observation,
    # never the formula text and never zero.
    rows = _canonical_rows()[:2]
    rows[1][4] = "=30+4"
    result = ingest.read(_xlsx(rows), "book.xlsx", CATALOG)
    assert result.frame.empty
    assert {issue.code for issue in result.report.warnings} == {"empty-value"}
    assert {issue.code for issue in result.report.errors} == {"no-observations"}


def test_detected_encoding_delimiter_and_decimal_are_named() -> None:
    result = ingest.read(GOOD_SHAPES["long-semicolon-decimal-comma"], "m.csv", CATALOG)
    assert (result.encoding, result.delimiter, result.decimal) == ("utf-8", ";", ",")
    cp1252 = ingest.read(GOOD_SHAPES["long-cp1252"], "c.csv", CATALOG)
    assert cp1252.encoding == "cp1252"
    bom = ingest.read(GOOD_SHAPES["long-bom-crlf"], "b.csv", CATALOG)
    assert bom.encoding == "utf-8-sig"


def test_open_sdg_mapping_year_energy_source_value(tmp_path) -> None:
    data = (
        b"Year,Energy Source,Value\r\n2013,Renewable,20\r\n2013,Coal,39\r\n2013,Nuclear,9\r\n"
        b"2014,Renewable,21\r\n2016,Renewable,29\r\n2016,Coal,19"
    )
    preset = column_mapping.ColumnMapping(
        columns={"period": "Year", "value": "Value", "indicator": "Energy Source"},
        constants={"city": LA, "pledge": PLEDGE, "unit": "%", "source": "LADWP Briefing Books"},
        indicator_values={"Renewable": "renewable-share", "Coal": "coal-share", "Nuclear": None},
    )
    path = tmp_path / "open-sdg.json"
    column_mapping.save_preset(preset, path)
    result = ingest.read(
        data, "7-2-1.csv", CATALOG, ingest.Options(mapping=column_mapping.load_preset(path))
    )
    assert result.report.ok
    renewable = result.frame[result.frame["indicator"] == "renewable-share"]
    assert [p.year for p in renewable["period"]] == [2013, 2014, 2016]  # 2015 stays a gap
    assert list(renewable["value"]) == [20.0, 21.0, 29.0]
    assert [issue.code for issue in result.report.warnings] == ["skipped-rows"]


def test_mapping_joins_columns_and_maps_units_and_cities() -> None:
    data = (
        b"Year,Sector,Units,Value\n"
        b"2017,,total emissions by sector (metric tons of CO2eq),38487602\n"
        b'2017,"Agriculture, Forestery, and Other Land Use",'
        b"total emissions by sector (metric tons of CO2eq),168388\n"
        b"2017,,total emissions per capita (metric tons per capita),9.6\n"
    )
    preset = column_mapping.ColumnMapping(
        columns={
            "period": "Year",
            "value": "Value",
            "indicator": ("Units", "Sector"),
            "unit": "Units",
        },
        constants={"city": LA, "pledge": PLEDGE, "source": "LASAN"},
        indicator_values={"total emissions by sector (metric tons of CO2eq)": "ghg-total"},
        skip_unmapped=True,
    )
    result = ingest.read(data, "13-2-2.csv", CATALOG, ingest.Options(mapping=preset))
    assert result.report.ok
    assert list(result.frame["value"]) == [38487.602]
    assert list(result.frame["unit"]) == ["kt CO2e"]


def test_multi_line_quoted_fields_stay_one_record() -> None:
    data = (
        f"{HEADER}\n"
        "Los Angeles,five-zeroes,renewable-share,2019,34,%,LADWP,"
        '"first line\nsecond, ""quoted"" line"\n'
        "Los Angeles,five-zeroes,renewable-share,2020,36,%,LADWP,\n"
    ).encode()
    result = ingest.read(data, "n.csv", CATALOG)
    assert result.report.ok
    assert list(result.frame["row"]) == [2, 3]
    assert result.frame["note"][0] == 'first line\nsecond, "quoted" line'


def test_unicode_scientific_notation_is_read() -> None:
    data = (
        "city;pledge;indicator;period;value;unit;source;note\n"
        "Münster;klimaschutz;co2-total;1990;7,33347×10^−05;t;RUS;\n"
        "Münster;klimaschutz;co2-total;2000;0,000163181;t;RUS;\n"
    ).encode()
    result = ingest.read(data, "s.csv", CATALOG)
    assert result.report.ok
    assert list(result.frame["value"]) == pytest.approx([7.33347e-05, 0.000163181], rel=1e-15)


def test_chosen_period_rule_reads_ranges_and_fiscal_years() -> None:
    data = (
        f"{HEADER}\n"
        "Los Angeles,five-zeroes,ghg-total,2013-07-01 - 2014-06-30,28922.796,kt CO2e,CDP,\n"
        "Los Angeles,five-zeroes,renewable-share,FY2021-22,40,%,LADWP,\n"
        "Los Angeles,five-zeroes,coal-share,2021-04,3,%,LADWP,\n"
    ).encode()
    end = ingest.read(data, "p.csv", CATALOG, ingest.Options(period_rule="end"))
    start = ingest.read(data, "p.csv", CATALOG, ingest.Options(period_rule="start"))
    assert list(end.frame["period"]) == [
        dt.date(2014, 1, 1),  # a fiscal year is the year the rule picks (issue 19)
        dt.date(2022, 1, 1),
        dt.date(2021, 4, 30),
    ]
    assert list(start.frame["period"]) == [
        dt.date(2013, 1, 1),
        dt.date(2021, 1, 1),
        dt.date(2021, 4, 1),
    ]
    assert list(end.frame["annual"]) == [True, True, False]


def test_preamble_above_a_canonical_header_is_skipped_with_a_warning() -> None:
    data = ('"Data Source","World Development Indicators",\n\n' + WIDE).encode("utf-8-sig")
    result = ingest.read(data, "wb.csv", CATALOG)
    assert result.report.ok
    assert [issue.position() for issue in result.report.warnings] == [(3, None, "preamble")]
    assert len(result.frame) == 3


def test_filters_keep_one_place_of_a_wide_file_and_say_so() -> None:
    data = (
        '\ufeff"Data Source","WDI",\n\n"Last Updated Date","2026-04-08",\n\n'
        '"Country Name","Country Code","1990","1991",\n'
        '"Sweden","SWE","51.2","",\n"Norway","NOR","99.7","99.6",\n'
    ).encode("utf-8")
    preset = column_mapping.ColumnMapping(
        columns={"city": "Country Name"},
        constants={"pledge": PLEDGE, "indicator": "renewable-share", "unit": "%", "source": "WDI"},
        city_values={"Sweden": LA},
        filters={"Country Name": ("Sweden",)},
        skip_rows=4,
    )
    result = ingest.read(data, "wb.csv", CATALOG, ingest.Options(mapping=preset))
    assert result.report.ok
    assert list(result.frame["value"]) == [51.2]  # the empty 1991 cell is no observation, not 0
    assert list(result.frame["row"]) == [6]
    assert {issue.code for issue in result.report.warnings} == {"filtered", "ignored-column"}


def _csv(*lines: str) -> bytes:
    """A canonical CSV with the given data lines."""
    return "\n".join([HEADER, *lines]).encode()


def _row(
    period: str = "2019",
    value: str = "34",
    unit: str = "%",
    source: str = "LADWP",
    indicator: str = "renewable-share",
    city: str = LA,
    pledge: str = PLEDGE,
) -> str:
    """One canonical data line."""
    return f"{city},{pledge},{indicator},{period},{value},{unit},{source},"


BROKEN_XLSX = b"PK\x03\x04" + b"xl/workbook.xml" + b"\x00" * 64
MUENSTER = (
    "DATEINAME;RAUM;QUELLE_INSTITUTION;THEMENBEREICH;MERKMAL;ZEIT;WERT;WERTEEINHEIT\r\n"
    "co2;Münster, Gesamtstadt;Stadt Münster;9;CO2-Emissionen - Gesamt;1990;2618209,19;t\r\n"
).encode()
MUENSTER_MAPPING = column_mapping.ColumnMapping(
    columns={
        "city": "RAUM",
        "indicator": "MERKMAL",
        "period": "ZEIT",
        "value": "WERT",
        "unit": "WERTEEINHEIT",
        "source": "QUELLE_INSTITUTION",
    },
    constants={"pledge": MS_PLEDGE},
    city_values={"Münster, Gesamtstadt": MS},
    indicator_values={"CO2-Emissionen - Gesamt": "co2-total"},
)
TARGETS = (
    "Account number,City,Sector,Baseline year,Baseline emissions (metric tonnes CO2e),"
    "Percentage reduction target,Target year,\u200bIntensity unit (emissions per)\n"
    "1,Los Angeles,Total,1990,54000000,45,2025,\n"
).encode()

BAD_INPUTS = {
    "pipe-delimited": (
        HEADER.replace(",", "|").encode() + b"\n" + _row().replace(",", "|").encode(),
        None,
        {(1, None, "wrong-delimiter")},
    ),
    "semicolon-file-read-with-comma": (
        MUENSTER,
        ingest.Options(mapping=MUENSTER_MAPPING, delimiter=","),
        {(1, None, "wrong-delimiter")},
    ),
    "thousands-comma-in-point-file": (
        _csv(_row(value='"1,234"')),
        None,
        {(2, "value", "ambiguous-number")},
    ),
    "grouped-point-in-semicolon-file": (
        _csv(_row()).replace(b",", b";").replace(b";34;", b";1.577;"),
        None,
        {(2, "value", "ambiguous-number")},
    ),
    "karlsruhe-mixed-marks": (
        _csv(_row("2019", "1.577"), _row("2020", "23.84"), _row("2021", '"26,3"')),
        None,
        {
            (None, None, "ambiguous-number"),
            (2, "value", "ambiguous-number"),
            (4, "value", "bad-number"),
        },
    ),
    "broken-scientific-notation": (_csv(_row(value="7.3×10^")), None, {(2, "value", "bad-number")}),
    "not-a-number": (_csv(_row(value="n/a")), None, {(2, "value", "bad-number")}),
    "unquoted-thousands-separator": (
        b"Year,Value\n2019,1,234\n",
        ingest.Options(
            mapping=column_mapping.ColumnMapping(
                columns={"period": "Year", "value": "Value"},
                constants={
                    "city": LA,
                    "pledge": PLEDGE,
                    "indicator": "renewable-share",
                    "unit": "%",
                    "source": "x",
                },
            )
        ),
        {(2, None, "extra-cells")},
    ),
    "ambiguous-ton": (
        _csv(_row(indicator="ghg-total", unit="tons")),
        None,
        {(2, "unit", "unit-unknown")},
    ),
    "season-period": (_csv(_row(period="2002/2003")), None, {(2, "period", "bad-period")}),
    "fiscal-period": (_csv(_row(period="FY2021-22")), None, {(2, "period", "bad-period")}),
    "short-fiscal-period": (_csv(_row(period="2019/20")), None, {(2, "period", "bad-period")}),
    "month-period": (_csv(_row(period="2021-04")), None, {(2, "period", "bad-period")}),
    "date-range-period": (
        _csv(_row(period="2013-07-01 - 2014-06-30")),
        None,
        {(2, "period", "bad-period")},
    ),
    "impossible-date": (_csv(_row(period="2019-02-30")), None, {(2, "period", "bad-period")}),
    "unknown-unit": (_csv(_row(unit="Anzahl")), None, {(2, "unit", "unit-unknown")}),
    "incompatible-unit": (
        _csv(_row(indicator="electricity", unit="kg", value="5")),
        None,
        {(2, "unit", "unit-incompatible")},
    ),
    "co2-is-not-co2e": (
        _csv(_row(indicator="ghg-total", unit="kt CO2", value="5")),
        None,
        {(2, "unit", "unit-incompatible")},
    ),
    "empty-unit": (_csv(_row(unit="")), None, {(2, "unit", "empty-value")}),
    "empty-source": (_csv(_row(source="")), None, {(2, "source", "empty-value")}),
    "unknown-city": (_csv(_row(city="Los Angles")), None, {(2, "city", "unknown-city")}),
    "unknown-pledge": (_csv(_row(pledge="five-zeros")), None, {(2, "pledge", "unknown-pledge")}),
    "unknown-indicator": (
        _csv(_row(indicator="renewables")),
        None,
        {(2, "indicator", "unknown-indicator")},
    ),
    "target-row": (
        _csv(_row(indicator="CO2-Emissionen - Gesamt (Zielwert)")),
        None,
        {(2, "indicator", "target-not-observation")},
    ),
    "duplicate-key": (
        _csv(_row(), _row(value="35"), _row("2020")),
        None,
        {(3, None, "duplicate-key")},
    ),
    "year-and-same-date-clash": (
        _csv(_row("2019"), _row("2019-01-01")),
        None,
        {(3, None, "duplicate-key")},
    ),
    "missing-value-column": (
        b"city,pledge,indicator,period,unit,source\n"
        + f"{LA},{PLEDGE},renewable-share,2019,%,x".encode(),
        None,
        {(1, "value", "missing-column")},
    ),
    "targets-file": (TARGETS, None, {(1, None, "targets-not-observations")}),
    "xls-workbook": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
        None,
        {(None, None, "not-csv-xlsx")},
    ),
    "binary-junk": (bytes(range(256)) * 4, None, {(None, None, "not-csv-xlsx")}),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", None, {(None, None, "not-csv-xlsx")}),
    "broken-xlsx": (BROKEN_XLSX, None, {(None, None, "not-csv-xlsx")}),
    "undecodable-text": (
        _csv(_row(source="caf\x81")).replace(b"caf", b"caf\x81"),
        None,
        # The source is 'caf' + 0x81 + U+0081 in UTF-8 (C2 81): a UTF-8 file with one bad
        # byte, located in its cell (row 2, the source is the 7th column).
        {(2, "column 7", "encoding")},
    ),
    "file-too-large": (
        _csv(_row()),
        ingest.Options(max_bytes=10),
        {(None, None, "file-too-large")},
    ),
    "too-many-rows": (
        _csv(_row("2019"), _row("2020")),
        ingest.Options(max_rows=1),
        {(None, None, "too-many-rows")},
    ),
    "unknown-sheet": (
        _xlsx(_canonical_rows()),
        ingest.Options(sheet="Sheet9"),
        {(None, None, "unknown-sheet")},
    ),
    "duplicate-mapped-header": (
        b"Jahr,gesamt,gesamt\n2019,1,2\n",
        ingest.Options(
            mapping=column_mapping.ColumnMapping(
                columns={"period": "Jahr", "value": "gesamt"},
                constants={
                    "city": LA,
                    "pledge": PLEDGE,
                    "indicator": "renewable-share",
                    "unit": "%",
                    "source": "x",
                },
            )
        ),
        {(1, "gesamt", "duplicate-column")},
    ),
}


@pytest.mark.parametrize(
    ("data", "options", "expected"), BAD_INPUTS.values(), ids=BAD_INPUTS.keys()
)
def test_bad_inputs_are_reported_where_they_are(
    data: bytes, options: ingest.Options | None, expected: set[tuple[int | None, str | None, str]]
) -> None:
    result = ingest.read(data, "bad.csv", CATALOG, options)
    assert {issue.position() for issue in result.report.errors} == expected
    assert not result.report.ok
    assert result.frame.empty
    assert all(issue.message for issue in result.report.issues)


def test_xlsx_passed_as_csv_is_read_as_a_workbook() -> None:
    result = ingest.read(_xlsx(_canonical_rows()), "upload.csv", CATALOG)
    assert result.report.ok
    assert result.layout == "xlsx-long"


def test_wrong_delimiter_message_names_the_likely_one() -> None:
    result = ingest.read(
        MUENSTER, "m.csv", CATALOG, ingest.Options(mapping=MUENSTER_MAPPING, delimiter=",")
    )
    assert "semicolon-separated" in result.report.errors[0].message
    assert ingest.read(
        MUENSTER, "m.csv", CATALOG, ingest.Options(mapping=MUENSTER_MAPPING)
    ).report.ok


def test_unknown_names_suggest_the_nearest_known_ones() -> None:
    result = ingest.read(_csv(_row(indicator="renewable-shares")), "u.csv", CATALOG)
    assert "'renewable-share'" in result.report.errors[0].message


def test_duplicate_key_message_lists_every_row() -> None:
    result = ingest.read(_csv(_row(), _row("2020"), _row(), _row()), "d.csv", CATALOG)
    assert [issue.row for issue in result.report.errors] == [4, 5]
    assert "2, 5" in result.report.errors[0].message


def test_empty_value_in_long_file_is_a_warning_and_the_row_is_skipped() -> None:
    result = ingest.read(_csv(_row(value=""), _row("2020")), "e.csv", CATALOG)
    assert result.report.ok
    assert [issue.position() for issue in result.report.warnings] == [(2, "value", "empty-value")]
    assert list(result.frame["row"]) == [3]


def test_formula_neutralising_quote_from_our_export_is_removed() -> None:
    result = ingest.read(_csv(_row(source='\'=HYPERLINK("http://x")')), "f.csv", CATALOG)
    assert result.frame["source"][0] == '=HYPERLINK("http://x")'


def test_every_problem_is_collected_before_answering() -> None:
    result = ingest.read(
        _csv(_row(period="2019/20"), _row("2020", value="x"), _row("2021", unit="furlong")),
        "many.csv",
        CATALOG,
    )
    assert [issue.row for issue in result.report.errors] == [2, 3, 4]


def test_sha256_names_the_bytes() -> None:
    import hashlib

    data = _csv(_row())
    assert ingest.read(data, "a.csv", CATALOG).sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", [(None, None, "missing-column")]),
        (HEADER.encode() + b"\n", [(None, None, "no-observations")]),
        (HEADER.encode() + b"\n,,,,,,,\n\n", [(None, None, "no-observations")]),
    ],
    ids=["empty-file", "header-only", "blank-rows"],
)
def test_files_without_values_say_so(data: bytes, expected: list) -> None:  # noqa: ANN001
    result = ingest.read(data, "empty.csv", CATALOG)
    assert result.report.positions() == expected
    assert result.frame.empty


def test_reading_leaves_the_garbage_collector_as_it_was() -> None:
    import gc

    assert gc.isenabled()
    ingest.read(_csv(_row()), "gc.csv", CATALOG)
    ingest.read(b"\x00junk", "gc.bin", CATALOG)
    assert gc.isenabled()
