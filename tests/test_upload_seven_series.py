"""Upload in AppTest: a file shaped like L.A.'s 13-2-2, its seven series through the form."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pledges import catalog, model, store
from pledges.web import widgets
from tests import seven_series

PAGES = Path(__file__).resolve().parent.parent / "pledges" / "web" / "pages"
EDITOR = model.Actor("alice", "editor")
MODE = "Map my columns"


@pytest.fixture
def seven_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: store.Store) -> store.Store:
    """The small test pledge and the synthetic seven-series pledge, the pages pointed at them."""
    folder = tmp_path / "seven"
    folder.mkdir()
    (folder / "sevenville--seven-zeroes.yaml").write_text(
        seven_series.pledge_yaml(), encoding="utf-8"
    )
    db.sync_catalog(catalog.load_pledges(tmp_path / "pledges") + catalog.load_pledges(folder))
    monkeypatch.setenv("PLEDGES_DATABASE_URL", db.engine.url.render_as_string(False))
    monkeypatch.setenv("PLEDGES_PRESETS", str(tmp_path / "presets"))
    monkeypatch.setattr(widgets, "current_actor", lambda: EDITOR)
    return db


def edit(app: AppTest, key: str, column: str, values: list[str]) -> None:
    """Fill a value table's mapping column, row by row, as a user picks in the data editor."""
    app.session_state[key] = {
        "edited_rows": {row: {column: value} for row, value in enumerate(values)},
        "added_rows": [],
        "deleted_rows": [],
    }


def mapped_form(app: AppTest) -> AppTest:
    """The form as an editor fills it for the 13-2-2 shape: Units + Sector name the series."""
    app.selectbox(key="map_mode").set_value(MODE).run()
    for name, header in (("indicator", "Units"), ("period", "Year"), ("value", "Value")):
        app.selectbox(key=f"map_col_{name}").set_value(header).run()
    app.selectbox(key="map_col_indicator_2").set_value("Sector").run()
    app.selectbox(key="map_col_unit").set_value("Units").run()
    app.selectbox(key="map_const_city").set_value(seven_series.CITY).run()
    app.selectbox(key="map_const_pledge").set_value(seven_series.PLEDGE).run()
    app.text_input(key="map_const_source").input("synthetic 13-2-2 shape").run()
    return app


def test_seven_series_through_the_form(seven_db: store.Store) -> None:
    app = AppTest.from_file(str(PAGES / "upload.py"), default_timeout=30).run()
    app.file_uploader[0].upload("indicator_13-2-2.csv", seven_series.file_bytes(), "text/csv")
    app = mapped_form(app.run())
    assert not app.exception
    # Pickers show names, only the chosen city's: the pledge by its name.
    pledge = app.selectbox(key="map_const_pledge")
    assert pledge.value == seven_series.PLEDGE
    assert seven_series.PLEDGE_NAME in pledge.options
    assert "Testville Green Deal" not in pledge.options
    # The first rows of the file are shown beside the form, the blank sector as it is.
    first = next(d.value for d in app.dataframe if "Units" in d.value.columns)
    assert first["Sector"].tolist()[:2] == ["", seven_series.AFOLU]
    # The series table lists Units | Sector, a blank sector left out (the total), in file order.
    series = app.data_editor[0].value["in the file"].tolist()
    expected = [seven_series.series_value(key) for key, *_ in seven_series.INDICATORS]
    assert series == expected
    edit(
        app,
        f"map_values_Units | Sector_{MODE}",
        "indicator",
        [k for k, *_ in seven_series.INDICATORS],
    )
    units = app.data_editor[1].value["in the file"].tolist()
    assert units == [seven_series.BY_SECTOR, seven_series.PER_CAPITA, seven_series.PER_GDP]
    edit(app, f"map_values_Units_{MODE}", "unit", [seven_series.UNITS[u] for u in units])
    app.run()
    assert not app.exception
    counts = next(d.value for d in app.dataframe if "added" in d.value.columns)
    # Seven series, two years each, nothing stored yet: 2 added per indicator.
    assert sorted(counts["indicator"]) == sorted(k for k, *_ in seven_series.INDICATORS)
    assert counts["added"].tolist() == [2] * 7
    app.button(key="commit").click().run()
    assert not app.exception
    stored = seven_db.observations(city=seven_series.CITY)
    assert len(stored) == 14
    by_key = {(r.indicator, r.period.year): r.value for r in stored.itertuples()}
    # The total is the blank-sector row, never a sum added twice: 100+2000+1500+400 in 2018.
    assert by_key[("ghg-total", 2018)] == 4000
    assert by_key[("ghg-afolu", 2017)] == 110
    assert by_key[("ghg-per-gdp", 2017)] == 21.25
    units_stored = dict(zip(stored["indicator"], stored["unit"], strict=True))
    assert units_stored["ghg-per-capita"] == "t/person"
    assert units_stored["ghg-per-gdp"] == "t/million USD"


def test_filters_keep_whole_values_with_commas_quotes_and_blanks(seven_db: store.Store) -> None:
    data = (
        'Place,Year,Value\r\n"Münster, ""Gesamtstadt""",2019,10\r\n'
        '"Münster, ""Gesamtstadt""",2020,11\r\nMünster,2019,99\r\n,2021,12\r\nOther,2021,98'
    ).encode()
    app = AppTest.from_file(str(PAGES / "upload.py"), default_timeout=30).run()
    app.file_uploader[0].upload("places.csv", data, "text/csv")
    app.run()
    app.selectbox(key="map_mode").set_value(MODE).run()
    for name, header in (("period", "Year"), ("value", "Value")):
        app.selectbox(key=f"map_col_{name}").set_value(header).run()
    for name, value in (
        ("city", "Testville"),
        ("pledge", "green-deal"),
        ("indicator", "emissions"),
    ):
        app.selectbox(key=f"map_const_{name}").set_value(value).run()
    app.text_input(key="map_const_source").input("office").run()
    app.multiselect(key="map_filter_columns").set_value(["Place"]).run()
    chooser = app.multiselect(key="map_filter_Place")
    # Whole cell values, the quoted one with its comma and quotes, and the empty cell as (blank).
    assert chooser.options == ['Münster, "Gesamtstadt"', "Münster", "(blank)", "Other"]
    chooser.set_value(['Münster, "Gesamtstadt"', ""]).run()
    assert not app.exception
    counts = next(d.value for d in app.dataframe if "added" in d.value.columns)
    # Kept: the two quoted rows (2019, 2020) and the blank one (2021); not 'Münster' nor 'Other'.
    assert counts["added"].tolist() == [3]
    assert any("Kept 3 of 5 rows" in str(w) for w in app.dataframe[-1].value["message"])


def test_a_built_in_preset_fills_the_form_and_how_the_file_is_read(seven_db: store.Store) -> None:
    data = (
        "DATEINAME;RAUM;QUELLE_INSTITUTION;THEMENBEREICH;MERKMAL;ZEIT;WERT;WERTEEINHEIT\r\n"
        "co2;Münster, Gesamtstadt;Stadt Münster;1;CO2 gesamt;2019;39,20;t\r\n"
    ).encode()
    app = AppTest.from_file(str(PAGES / "upload.py"), default_timeout=30).run()
    app.file_uploader[0].upload("klimadata_3.csv", data, "text/csv")
    app.run()
    app.selectbox(key="map_mode").set_value("Preset: muenster-klimadata").run()
    assert not app.exception
    assert app.selectbox(key="read_delimiter").value == "semicolon ;"
    assert app.selectbox(key="read_decimal").value == "comma (1234,5)"
    assert app.selectbox(key="map_col_indicator").value == "DATEINAME"
    assert app.selectbox(key="map_col_indicator_2").value == "MERKMAL"
    assert app.multiselect(key="map_filter_RAUM").value == ["Münster, Gesamtstadt", "Stadt Münster"]
    # Read as the preset says (all eight headers found); Münster has no pledge in the catalog,
    # so the preset names none and the report asks for it.
    problems = next(d.value for d in app.dataframe if "code" in d.value.columns)
    assert list(zip(problems["code"], problems["column"], strict=True)) == [
        ("missing-column", "pledge")
    ]
