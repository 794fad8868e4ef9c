"""The built-in presets over small synthetic files with the real-world files' shapes and traps.

The real files stay in ../shared/real-world/ (their licences vary); these are written here, with
made-up numbers, so each preset is held to what docs/importing.md says it does.
"""

from __future__ import annotations

import dataclasses

from pledges import ingest, model
from pledges.ingest.reading import presets

LA = "Los Angeles"
KEYS = {
    "renewable-share": "%",
    "coal-share": "%",
    "community-ghg-lasan": "t",
    "stationary-ghg-lasan": "t",
    "transport-ghg-lasan": "t",
    "waste-ghg-lasan": "t",
    "community-ghg-per-capita-lasan": "t/person",
    "community-ghg-gpc-basic": "t",
}
CATALOG = {
    model.IndicatorRef(LA, "five-zeroes", key): model.Indicator(
        key=key, name=key, unit=unit, direction="lower"
    )
    for key, unit in KEYS.items()
}


def read(name: str, data: bytes) -> ingest.Result:
    """A file read as the built-in preset (its mapping and reading options) reads it."""
    recipe = presets.BUILT_IN[name]
    options = ingest.Options(
        mapping=recipe.mapping,
        delimiter=recipe.delimiter,
        decimal=recipe.decimal,
        period_rule=recipe.period_rule,
    )
    return ingest.read(data, recipe.file, CATALOG, options)


def test_power_mix_preset_keeps_two_sources_and_the_missing_year_missing() -> None:
    # No unit column, CRLF, no final newline, 2015 missing, five sources a year.
    data = (
        b"Year,Energy Source,Value\r\n2014,Renewable,20\r\n2014,Coal,40\r\n2014,Nuclear,10\r\n"
        b"2016,Renewable,29\r\n2016,Coal,19\r\n2016,Natural Gas,30"
    )
    result = read("la-sdg-7-2-1-power-mix", data)
    assert result.report.ok, result.report.lines("7-2-1")
    got = sorted((r.indicator, r.period.year, r.value, r.unit) for r in result.frame.itertuples())
    assert got == [
        ("coal-share", 2014, 40, "%"),
        ("coal-share", 2016, 19, "%"),
        ("renewable-share", 2014, 20, "%"),
        ("renewable-share", 2016, 29, "%"),
    ]
    skipped = [i for i in result.report.warnings if i.code == "skipped-rows"]
    assert skipped and "'Nuclear' (1)" in skipped[0].message


def test_ghg_preset_reads_units_and_sector_and_never_sums_the_total() -> None:
    by_sector = "total emissions by sector (metric tons of CO2eq)"
    per_capita = "total emissions per capita (metric tons per capita)"
    per_gdp = "total emissions per GDP (metric tons per millions of current dollars)"
    data = (
        f"Year,Sector,Units,Value\r\n2017,,{by_sector},300\r\n"
        f'2017,"Agriculture, Forestery, and Other Land Use",{by_sector},10\r\n'
        f"2017,Stationary,{by_sector},150\r\n2017,Transportation,{by_sector},100\r\n"
        f"2017,Waste,{by_sector},40\r\n2017,,{per_capita},9.62\r\n2017,,{per_gdp},36.87"
    ).encode()
    result = read("la-sdg-13-2-2-ghg", data)
    assert result.report.ok, result.report.lines("13-2-2")
    got = {r.indicator: (r.value, r.unit) for r in result.frame.itertuples()}
    # The blank sector is the total as the file gives it (300), not 10+150+100+40.
    assert got == {
        "community-ghg-lasan": (300, "t"),
        "stationary-ghg-lasan": (150, "t"),
        "transport-ghg-lasan": (100, "t"),
        "waste-ghg-lasan": (40, "t"),
        "community-ghg-per-capita-lasan": (9.62, "t/person"),
    }


def test_cdp_preset_keeps_multi_line_fields_and_reads_the_range_by_its_end() -> None:
    header = "City,Accounting year,Total emissions (metric tonnes CO2e),Scopes Included ,Comment\n"
    data = (
        header
        + 'Nelson Mandela Bay ,2013-07-01 - 2014-06-30,5,x,"two\nlines, ""quoted"""\n'
        + 'Los Angeles,2013-01-01 - 2013-12-31,28922796,"Scope 1, 2",\n'
        + "Tainan ,2015-01-01 - 2015-12-31,,x,\n"
    ).encode()
    result = read("cdp-2017-community-wide-la", data)
    assert result.report.ok, result.report.lines("cdp")
    assert [(r.city, r.value, r.unit, r.method) for r in result.frame.itertuples()] == [
        (LA, 28922796, "t", "GPC BASIC")
    ]
    assert result.frame["period"].iloc[0].year == 2013
    kept = [i for i in result.report.warnings if i.code == "filtered"]
    assert kept and "Kept 1 of 3 rows" in kept[0].message


def test_muenster_preset_reads_semicolons_and_decimal_commas_but_has_no_city() -> None:
    data = (
        "DATEINAME;RAUM;QUELLE_INSTITUTION;THEMENBEREICH;MERKMAL;ZEIT;WERT;WERTEEINHEIT\r\n"
        "co2;Münster, Gesamtstadt;Stadt Münster;1;CO2 gesamt;2019;39,20;t\r\n"
        "pv;Anlage 7;Marktstammdatenregister;2;Bruttoleistung;2024-06-13;12,5;kW\r\n"
    ).encode()
    recipe = presets.BUILT_IN["muenster-klimadata"]
    with_pledge = dataclasses.replace(recipe.mapping, constants={"pledge": "five-zeroes"})
    options = ingest.Options(mapping=with_pledge, delimiter=";", decimal=",")
    result = ingest.read(data, recipe.file, CATALOG, options)
    # The PV plant row is filtered out; the city row is read, then refused: no Münster pledge.
    codes = {(issue.row, issue.code) for issue in result.report.errors}
    assert codes == {(2, "unknown-city")}
    assert any("Kept 1 of 2 rows" in i.message for i in result.report.warnings)
