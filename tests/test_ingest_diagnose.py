"""Whole-file diagnoses: one line says why most rows fail (countries, a wrong encoding)."""

from __future__ import annotations

from pledges import ingest, model
from pledges.ingest.checking import diagnose
from pledges.ingest.reading import mapping

REF = model.IndicatorRef("Los Angeles", "five-zeroes", "renewable-share")
CATALOG = {REF: model.Indicator("renewable-share", "Renewable share", "%", "higher")}
OWID_SHAPE = mapping.ColumnMapping(
    columns={"city": "Entity", "period": "Year", "value": "Share"},
    constants={
        "pledge": "five-zeroes",
        "indicator": "renewable-share",
        "unit": "%",
        "source": "a test",
    },
)


def _read(text: str) -> ingest.Result:
    return ingest.read(
        text.encode("utf-8"), "places.csv", CATALOG, ingest.Options(mapping=OWID_SHAPE)
    )


def test_rows_of_countries_get_one_line_first_then_the_rows() -> None:
    places = ["Afghanistan", "Albania", "World", "Africa", "Los Angeles"]
    years = range(2010, 2013)
    text = "Entity,Year,Share\n" + "".join(
        f"{place},{year},20\n" for place in places for year in years
    )
    result = _read(text)
    first = result.report.errors[0]
    # 4 places x 3 years = 12 of the 15 rows fail; their 4 distinct names are all countries
    assert first.code == "rows-are-countries"
    assert "4 of 4 distinct names in 'Entity' are countries or world regions" in first.message
    assert [issue.code for issue in result.report.errors[1:]] == ["unknown-city"] * 12


def test_names_saved_in_the_wrong_encoding_are_named_so() -> None:
    garbled = "Münster".encode().decode("cp1252")  # 'MÃ¼nster'
    text = "Entity,Year,Share\n" + "".join(f"{garbled},{year},20\n" for year in range(2010, 2020))
    result = _read(text)
    first = result.report.errors[0]
    assert first.code == "wrong-encoding"
    assert f"'{garbled}' is 'Münster'" in first.message and "UTF-8" in first.message


def test_a_file_of_unknown_places_says_no_row_names_a_known_city() -> None:
    text = "Entity,Year,Share\n" + "".join(
        f"{place},{year},20\n" for place in ("Alla", "Umeå") for year in range(2010, 2015)
    )
    first = _read(text).report.errors[0]
    assert first.code == "no-known-city" and "2 distinct names in 'Entity'" in first.message


def test_a_few_unknown_rows_get_no_diagnosis() -> None:
    # 10 unknown of 21 rows: under half, so the rows speak for themselves
    known = "".join(f"Los Angeles,{year},20\n" for year in range(1990, 2001))
    unknown = "".join(f"Afghanistan,{year},1\n" for year in range(2001, 2011))
    codes = [issue.code for issue in _read("Entity,Year,Share\n" + known + unknown).report.errors]
    assert codes == ["unknown-city"] * 10


def test_country_names_are_recognised_in_their_published_forms() -> None:
    assert diagnose.is_country_or_region("Germany")
    assert diagnose.is_country_or_region("Sub-Saharan Africa")
    assert diagnose.is_country_or_region("High income")
    assert not diagnose.is_country_or_region("Umeå")
    assert diagnose.repaired("MÃ¼nster") == "Münster" and diagnose.repaired("Münster") is None
