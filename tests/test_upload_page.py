"""The Upload and History pages in AppTest: report, fix, preview, commit, history, undo, roles."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from pledges import model, service, settings, store
from pledges.ingest.reading import presets
from pledges.views.upload import upload_flow, upload_preview, upload_problems
from pledges.web import widgets

PAGES = Path(__file__).resolve().parent.parent / "pledges" / "web" / "pages"
EDITOR = model.Actor("alice", "editor")
HEADER = "city,pledge,indicator,period,value,unit,source,note\n"
SEED = (
    HEADER
    + "Testville,green-deal,renewable-share,2019,30,%,seed,\n"
    + "Testville,green-deal,renewable-share,2020,32,%,seed,\n"
    + "Testville,green-deal,emissions,2019,900,kt,seed,\n"
).encode()
BAD = (
    HEADER
    + "Testville,green-deal,renewable-share,2019,30,%,seed,\n"
    + "Testville,green-deal,renewable-share,2020,abc,%,office,\n"
    + "Testville,green-deal,solar-roofs,2021,35,%,office,\n"
).encode()
GOOD = (
    HEADER
    + "Testville,green-deal,renewable-share,2019,30,%,seed,\n"
    + "Testville,green-deal,renewable-share,2020,33,%,office,\n"
    + "Testville,green-deal,renewable-share,2021,35,%,office,\n"
    + "Testville,green-deal,emissions,2020,880,kt,office,\n"
).encode()


@pytest.fixture
def app_env(db: store.Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> store.Store:
    """The pages pointed at the test database, presets under tmp_path, seed values stored."""
    monkeypatch.setenv("PLEDGES_DATABASE_URL", db.engine.url.render_as_string(False))
    monkeypatch.setenv("PLEDGES_PRESETS", str(tmp_path / "presets"))
    seeded = service.import_file(db, service.SEED_USER, SEED, "seed.csv")
    assert seeded.batch is not None and seeded.batch.added == 3
    return db


def as_actor(monkeypatch: pytest.MonkeyPatch, actor: model.Actor) -> None:
    """Sign the pages in as `actor` (the hook sign-in plugs into)."""
    monkeypatch.setattr(widgets, "current_actor", lambda: actor)


def page(name: str) -> AppTest:
    """A fresh run of one page script."""
    app = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=30)
    return app.run()


def frame_with(app: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page that has this column."""
    for element in app.dataframe:
        value = element.value
        if column in value.columns:
            return value
    raise AssertionError(f"no table with a '{column}' column; page says {page_text(app)}")


def page_text(app: AppTest) -> str:
    """Everything the page wrote as messages, for failure output and text checks."""
    parts = [e.value for kind in ("error", "warning", "info", "success") for e in app.get(kind)]
    return " | ".join(str(part) for part in parts)


def upload(app: AppTest, name: str, data: bytes) -> AppTest:
    """Drop a file on the page's uploader."""
    app.file_uploader[0].upload(name, data, "text/csv")
    return app.run()


def test_editor_fixes_a_bad_file_then_commits_and_undoes(
    app_env: store.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_actor(monkeypatch, EDITOR)
    before = service.export_csv(app_env)
    app = upload(page("upload"), "office.csv", BAD)
    assert not app.exception
    problems = frame_with(app, "code")
    assert list(problems.columns) == upload_problems.PROBLEM_COLUMNS
    positions = {(r.row, r.column, r.code) for r in problems.itertuples()}
    assert (3, "value", "bad-number") in positions
    assert any(row == 4 and code.startswith("unknown") for row, _, code in positions)
    assert "not imported" in page_text(app)
    assert app.get("download_button")

    app = upload(app, "office.csv", GOOD)
    assert not app.exception
    counts = frame_with(app, "added").set_index("indicator")
    assert counts.loc["renewable-share", ["added", "changed", "unchanged"]].tolist() == [1, 1, 1]
    assert counts.loc["emissions", ["added", "changed", "unchanged"]].tolist() == [1, 0, 0]
    listed = frame_with(app, "what changes").set_index("row")
    # Rows 2-5 of GOOD: 2019 as stored, 2020 32 -> 33 (and its source), 2021 and 2020 new.
    assert listed["status"].tolist() == ["unchanged", "changed", "added", "added"]
    assert listed.loc[3, ["old", "new", "what changes"]].tolist() == ["32", "33", "value, source"]
    assert listed.loc[4, ["old", "new"]].tolist() == ["", "35"]
    assert service.export_csv(app_env) == before  # a preview writes nothing

    app.button(key="commit").click().run()
    assert not app.exception
    assert "Committed batch" in page_text(app)
    newest = app_env.history()[0]
    assert (newest.user, newest.file_name, newest.added, newest.changed) == (
        "alice",
        "office.csv",
        2,
        1,
    )

    history = page("history")
    listed = frame_with(history, "who")
    assert listed.iloc[0][["batch", "who", "file", "status"]].tolist() == [
        newest.id,
        "alice",
        "office.csv",
        "committed",
    ]
    history.button(key=f"undo_{newest.id}").click().run()
    assert "Undo batch" in page_text(history)
    assert service.export_csv(app_env) != before  # asking is not undoing
    history.button(key="undo_confirm").click().run()
    assert not history.exception
    assert f"Batch {newest.id} undone" in page_text(history)
    assert service.export_csv(app_env) == before
    assert app_env.history()[0].status == "undo"


def test_the_same_file_twice_adds_nothing(
    app_env: store.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_actor(monkeypatch, EDITOR)
    app = upload(page("upload"), "office.csv", GOOD)
    app.button(key="commit").click().run()
    app = upload(app, "office.csv", GOOD)
    assert "adds nothing" in page_text(app)
    assert app.button(key="commit").disabled
    assert len(app_env.history()) == 2


def test_viewer_sees_no_upload_and_no_undo(
    app_env: store.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_actor(monkeypatch, model.VIEWER)
    app = page("upload")
    assert not app.exception
    assert not app.file_uploader
    assert "Only editors" in page_text(app)
    history = page("history")
    assert not history.exception
    assert frame_with(history, "who")["who"].tolist() == ["seed"]
    assert not [b for b in history.button if b.key and b.key.startswith("undo")]
    assert history.get("download_button")


def test_year_value_file_mapped_in_the_form_and_saved_as_a_preset(
    app_env: store.Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    as_actor(monkeypatch, EDITOR)
    data = b"Year,Value\n2021,36\n2022,38.5\n"
    app = upload(page("upload"), "plain.csv", data)
    assert "missing-column" in set(frame_with(app, "code")["code"])
    app.selectbox(key="map_mode").set_value("Map my columns").run()
    app.selectbox(key="map_col_period").set_value("Year").run()
    app.selectbox(key="map_col_value").set_value("Value").run()
    app.selectbox(key="map_const_city").set_value("Testville").run()
    app.selectbox(key="map_const_pledge").set_value("green-deal").run()
    app.selectbox(key="map_const_indicator").set_value("renewable-share").run()
    app.text_input(key="map_const_source").input("office sheet").run()
    assert not app.exception
    counts = frame_with(app, "added").set_index("indicator")
    assert counts.loc["renewable-share", "added"] == 2
    app.text_input(key="preset_name").input("Office sheet").run()
    app.button(key="save_preset").click().run()
    assert (tmp_path / "presets" / "office-sheet.json").is_file()

    again = upload(page("upload"), "plain.csv", data)
    again.selectbox(key="map_mode").set_value("Preset: office-sheet").run()
    assert not again.exception
    assert again.selectbox(key="map_col_period").value == "Year"
    assert frame_with(again, "added").set_index("indicator").loc["renewable-share", "added"] == 2


def test_indicator_column_mapped_value_by_value(
    app_env: store.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_actor(monkeypatch, EDITOR)
    data = b"Series,Year,Value\nRE share,2021,36\nCO2,2021,850\n"
    app = upload(page("upload"), "series.csv", data)
    app.selectbox(key="map_mode").set_value("Map my columns").run()
    for name, header in (("indicator", "Series"), ("period", "Year"), ("value", "Value")):
        app.selectbox(key=f"map_col_{name}").set_value(header).run()
    app.selectbox(key="map_const_city").set_value("Testville").run()
    app.selectbox(key="map_const_pledge").set_value("green-deal").run()
    app.text_input(key="map_const_source").input("office").run()
    app.text_input(key="map_const_unit").input("%").run()
    editor = app.data_editor[0]
    assert editor.value["in the file"].tolist() == ["RE share", "CO2"]
    assert (3, "Series") in {(r.row, r.column) for r in frame_with(app, "code").itertuples()}
    app.session_state["map_values_Series_Map my columns"] = {
        "edited_rows": {0: {"indicator": "renewable-share"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.checkbox(key="map_skip_unmapped").check().run()
    assert not app.exception
    counts = frame_with(app, "added").set_index("indicator")
    assert counts.index.tolist() == ["renewable-share"]
    assert counts.loc["renewable-share", "added"] == 1


def test_xlsx_sheet_picker(app_env: store.Store, monkeypatch: pytest.MonkeyPatch) -> None:
    as_actor(monkeypatch, EDITOR)
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Nothing to import here"])
    data_sheet = book.create_sheet("Figures")
    data_sheet.append(["city", "pledge", "indicator", "period", "value", "unit", "source"])
    data_sheet.append(["Testville", "green-deal", "emissions", 2021, 860, "kt", "office"])
    buffer = io.BytesIO()
    book.save(buffer)
    app = page("upload")
    app.file_uploader[0].upload("book.xlsx", buffer.getvalue(), "application/vnd.ms-excel")
    app.run()
    assert app.selectbox(key="upload_sheet").options == ["Notes", "Figures"]
    assert "not imported" in page_text(app)
    app.selectbox(key="upload_sheet").set_value("Figures").run()
    assert not app.exception
    assert any("**Sheet** Figures" in m.value for m in app.markdown)
    assert frame_with(app, "added").set_index("indicator").loc["emissions", "added"] == 1


def test_build_mapping_leaves_blanks_out_and_prefers_columns_to_constants() -> None:
    built = upload_flow.build_mapping(
        {"period": "Year", "value": "Value", "city": None, "indicator": "Series"},
        {"city": " Testville ", "indicator": "ignored: a column is chosen", "note": "  "},
        {"RE share": "renewable-share", "CO2": "", "": "x"},
        skip_rows=2,
        filters={"Kommun": ["Alla", "Solna", "Alla"], "Sector": []},
    )
    assert dict(built.columns) == {"period": "Year", "value": "Value", "indicator": "Series"}
    assert dict(built.constants) == {"city": "Testville"}
    assert dict(built.indicator_values) == {"RE share": "renewable-share"}
    assert built.skip_rows == 2
    assert dict(built.filters) == {"Kommun": ("Alla", "Solna")}


@pytest.mark.parametrize(
    ("name", "stem"), [("Office sheet", "office-sheet"), ("LA SDG 7.2.1", "la-sdg-7-2-1")]
)
def test_presets_round_trip_under_a_safe_file_name(tmp_path: Path, name: str, stem: str) -> None:
    built = upload_flow.build_mapping({"period": "Year"}, {"city": "Testville"})
    saved = presets.save_preset(tmp_path, name, built)
    assert saved == tmp_path / f"{stem}.json"
    # Offered beside the built-in presets of docs/importing.md.
    assert [n for n in presets.preset_names(tmp_path) if n not in presets.BUILT_IN] == [stem]
    assert presets.load_preset(tmp_path, stem) == built


@pytest.mark.parametrize("name", ["", "  ", "../../", "???"])
def test_a_preset_name_without_letters_is_refused(tmp_path: Path, name: str) -> None:
    built = upload_flow.build_mapping({"period": "Year"}, {})
    assert presets.save_preset(tmp_path / "presets", name, built) is None
    assert not (tmp_path / "presets").exists()


def test_problem_lines_name_row_column_and_code(db: store.Store) -> None:
    result = service.read_file(db, BAD, "office.csv")
    lines = upload_problems.problem_lines(result.report)
    assert lines[0].startswith("row 3, column value (bad-number): ")
    assert upload_preview.detected(result)["Encoding"] == "UTF-8"


@pytest.mark.parametrize(
    ("done", "total", "share"), [(0, 10, 0.0), (5, 10, 0.5), (50_000, 10, 1.0), (0, 0, 1.0)]
)
def test_progress_fraction_stays_between_zero_and_one(done: int, total: int, share: float) -> None:
    assert upload_preview.progress_fraction(done, total) == share


def test_wide_file_with_preamble_filtered_and_city_mapped_value_by_value(
    app_env: store.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_actor(monkeypatch, EDITOR)
    data = (
        "Rapportnamn:;Länsrapport\nEnhet: kt/år;\n"
        "Huvudsektor;Kommun;2019;2020\nAlla;Stockholm;901,5;870\nAlla;Solna;12;11\n"
        "Transporter;Stockholm;300;290\n"
    ).encode()
    app = upload(page("upload"), "kommun.csv", data)
    assert "preamble" in set(frame_with(app, "code")["code"])
    app.selectbox(key="map_mode").set_value("Map my columns").run()
    app.number_input(key="map_skip_rows").set_value(2).run()
    app.selectbox(key="map_col_city").set_value("Kommun").run()
    for name, value in (("pledge", "green-deal"), ("indicator", "emissions")):
        app.selectbox(key=f"map_const_{name}").set_value(value).run()
    app.text_input(key="map_const_source").input("RUS").run()
    app.multiselect(key="map_filter_columns").set_value(["Huvudsektor"]).run()
    app.multiselect(key="map_filter_Huvudsektor").set_value(["Alla"]).run()
    editor = app.data_editor[0]
    assert editor.value["in the file"].tolist() == ["Stockholm", "Solna"]
    app.session_state["map_values_Kommun_Map my columns"] = {
        "edited_rows": {0: {"city": "Testville"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    # Solna is no city of the tracker: its rows are reported, Stockholm's are not.
    problems = frame_with(app, "code")
    assert set(problems["row"]) == {5} and set(problems["column"]) == {"Kommun"}
    assert any("**Layout** wide" in m.value for m in app.markdown)
    assert any("**Decimal mark** comma" in m.value for m in app.markdown)


def test_default_unit_only_when_the_constants_name_one_unit(db: store.Store) -> None:
    known = db.catalog_index()
    chosen = {"pledge": "green-deal", "indicator": "emissions"}
    assert upload_flow.default_unit(known, chosen) == "kt"
    assert upload_flow.default_unit(known, {**chosen, "city": "Testville"}) == "kt"
    assert upload_flow.default_unit(known, {**chosen, "city": "Elsewhere"}) is None
    assert upload_flow.default_unit(known, {"pledge": "green-deal"}) is None


def test_check_key_changes_with_the_file_the_choices_and_the_store() -> None:
    conf = settings.load({})
    plain = upload_flow.options(upload_flow.Choices(), conf)
    comma = upload_flow.options(upload_flow.Choices(decimal=","), conf)
    moment = dt.datetime(2026, 1, 1)
    first = upload_flow.check_key(GOOD, "a.csv", plain, None)
    assert first == upload_flow.check_key(GOOD, "a.csv", plain, None)
    assert first != upload_flow.check_key(BAD, "a.csv", plain, None)
    assert first != upload_flow.check_key(GOOD, "a.csv", comma, None)
    assert first != upload_flow.check_key(GOOD, "a.csv", plain, moment)


def test_warnings_are_listed_up_to_a_cap_and_counted_in_full(db: store.Store) -> None:
    stored = "".join(
        f"Testville,green-deal,emissions,{year},{30 + year % 3},kt,seed,\n"
        for year in range(1990, 2000)
    )
    service.import_file(db, service.SEED_USER, (HEADER + stored).encode(), "stored.csv")
    odd = "".join(
        f"Testville,green-deal,emissions,{year},{9000 + year},kt,office,\n"
        for year in range(2000, 2005)
    )
    # 11,000 kt after 30-32 kt is also a tenfold jump: accepted here to read the warnings
    outcome = service.import_file(
        db, EDITOR, (HEADER + odd).encode(), "odd.csv", dry_run=True, accept_jumps=True
    )
    assert outcome.preview is not None
    shown = upload_problems.warnings_table(outcome.result.report, outcome.preview, limit=3)
    assert len(shown) == 3 and set(shown["code"]) == {"suspicious-value"}
    count = upload_problems.warning_count(outcome.result.report, outcome.preview)
    assert count == 5
    assert upload_problems.notes_sentence(count, len(shown)).startswith("5 things worth a look")
