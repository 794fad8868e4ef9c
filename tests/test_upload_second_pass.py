"""Issue 19's data side: imports named by bytes and mapping, plausibility, whole years, filters,
every problem of a row, the full report, what a preview row changes, and History's undo plan.

Every file here is small, synthetic and written by the test; each reproduces a trap of one of
the real-world files (la_indicator_7-2-1, muenster_klimadata_3, CDP's accounting years,
la_indicator_13-2-2's blank sector) without copying it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from pledges import catalog, clock, ingest, model, service, store
from pledges.ingest import report
from pledges.ingest.checking import preview
from pledges.ingest.reading import mapping as column_mapping
from pledges.views.pages import history

EDITOR = model.Actor("ana", "editor")
TODAY = dt.date(2026, 1, 1)  # the store's clock below starts at midnight that day

DEFINITION = textwrap.dedent(
    """\
    city: {name: Testville, country: XX}
    pledge:
      id: green-deal
      name: Testville Green Deal
      adopted: 2019
      source: "Synthetic test definition"
    goals:
      - id: grid
        name: Clean grid
        indicators:
          - id: renewable-share
            name: Renewable share
            unit: "%"
            direction: higher
          - id: coal-share
            name: Coal share
            unit: "%"
            direction: lower
      - id: climate
        name: Climate
        indicators:
          - id: ghg
            name: Greenhouse gas emissions
            unit: t CO2e
            direction: lower
          - id: ghg-projection
            name: Projected emissions
            unit: t CO2e
            direction: lower
            future_periods: true
    """
)


@pytest.fixture
def db(tmp_path: Path) -> store.Store:
    """A store with the definition above and a clock at 2026-01-01 (so today is that day)."""
    folder = tmp_path / "pledges"
    folder.mkdir()
    (folder / "testville.yaml").write_text(DEFINITION, encoding="utf-8")
    handle = store.Store.open(
        f"sqlite:///{tmp_path / 'second.db'}",
        now=clock.Ticking(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)),
    )
    handle.migrate()
    handle.sync_catalog(catalog.load_pledges(folder))
    return handle


def _series(indicator: str, source_value: str, column: str = "Energy Source") -> ingest.Options:
    """One series of a multi-series file: a filter on one column, the rest constants."""
    mapping = column_mapping.ColumnMapping(
        columns={"period": "Year", "value": "Value"},
        constants={
            "city": "Testville",
            "pledge": "green-deal",
            "indicator": indicator,
            "unit": "%",
            "source": "synthetic",
        },
        filters={column: (source_value,)},
    )
    return ingest.Options(mapping=mapping)


# Like la_indicator_7-2-1.csv: one file, several series told apart by a column.
MULTI = (
    b"Year,Energy Source,Value\n2013,Renewable,23\n2013,Coal,42\n2014,Renewable,20\n2014,Coal,40\n"
)


def test_a_multi_series_file_imports_series_by_series_and_twice_adds_nothing(
    db: store.Store,
) -> None:
    renewable = service.import_file(
        db, EDITOR, MULTI, "grid.csv", _series("renewable-share", "Renewable")
    )
    assert renewable.ok and renewable.batch.status == "committed"
    assert renewable.batch.added == 2

    coal_options = _series("coal-share", "Coal")
    coal_read = service.read_file(db, MULTI, "grid.csv", coal_options)
    assert db.find_committed(coal_read.sha256) is None  # the page's check lets it through
    coal = service.import_file(db, EDITOR, MULTI, "grid.csv", coal_options)
    assert coal.batch.status == "committed" and coal.batch.added == 2

    again = service.import_file(
        db, EDITOR, MULTI, "grid.csv", _series("renewable-share", "Renewable")
    )
    assert again.batch.status == "duplicate" and again.batch.id == renewable.batch.id
    stored = db.observations().sort_values(["indicator", "period"])
    assert stored[["indicator", "value"]].values.tolist() == [
        ["coal-share", 42.0],
        ["coal-share", 40.0],
        ["renewable-share", 23.0],
        ["renewable-share", 20.0],
    ]
    assert [batch.status for batch in db.history()] == ["committed", "committed"]


def test_the_same_bytes_without_a_mapping_keep_their_plain_sha256() -> None:
    data = b"city,pledge,indicator,period,value,unit,source\n"
    assert ingest.identity("abc", ingest.Options()) == "abc"
    assert ingest.identity("abc", ingest.Options(period_rule="end")) != "abc"
    assert len(ingest.read(data, "a.csv", {}).sha256) == 64


HEADER = "city,pledge,indicator,period,value,unit,source,note,method\n"


def _canonical(*rows: str) -> bytes:
    return (HEADER + "".join(f"{row}\n" for row in rows)).encode()


def test_a_future_period_is_refused_with_its_row_unless_the_indicator_allows_it(
    db: store.Store,
) -> None:
    data = _canonical(
        "Testville,green-deal,ghg,2024,100,t CO2e,synthetic,,",
        "Testville,green-deal,ghg,2027,90,t CO2e,synthetic,,",
        "Testville,green-deal,ghg-projection,2030,50,t CO2e,synthetic,,",
    )
    outcome = service.import_file(db, EDITOR, data, "future.csv")
    assert outcome.batch is None and db.observations().empty
    [issue] = outcome.result.report.issues
    # header row 1: 2024 is row 2, 2027 row 3; the projection's 2030 (row 4) is allowed
    assert issue.position() == (3, "period", "future-period")
    assert "targets belong in the definition" in issue.message
    assert "2026-01-01" in issue.message

    allowed = service.import_file(
        db,
        EDITOR,
        _canonical(
            "Testville,green-deal,ghg,2024,100,t CO2e,synthetic,,",
            "Testville,green-deal,ghg-projection,2030,50,t CO2e,synthetic,,",
        ),
        "projection.csv",
    )
    assert allowed.ok and allowed.batch.added == 2


def test_without_a_today_nothing_is_judged_future() -> None:
    index = {model.IndicatorRef("A", "p", "i"): model.Indicator("i", "i", "%", "higher")}
    data = b"city,pledge,indicator,period,value,unit,source\nA,p,i,2099,1,%,s\n"
    assert ingest.read(data, "a.csv", index).report.ok
    dated = ingest.read(data, "a.csv", index, ingest.Options(today=dt.date(2026, 1, 1)))
    assert dated.report.positions() == [(2, "period", "future-period")]


# Like muenster_klimadata_3.csv: `;`, decimal commas, and a "(Zielwert)" row among the measured.
MUENSTER = (
    "RAUM;MERKMAL;ZEIT;WERT;WERTEEINHEIT\n"
    "Münster, Gesamtstadt;CO2-Emissionen - Gesamt;2020;1200,5;t CO2e\n"
    "Münster, Gesamtstadt;CO2-Emissionen - Gesamt (Zielwert);2025;900,0;t CO2e\n"
).encode()


def test_a_target_labelled_row_is_warned_beside_its_row(db: store.Store) -> None:
    mapping = column_mapping.ColumnMapping(
        columns={"indicator": "MERKMAL", "period": "ZEIT", "value": "WERT", "unit": "WERTEEINHEIT"},
        constants={"city": "Testville", "pledge": "green-deal", "source": "synthetic"},
        indicator_values={
            "CO2-Emissionen - Gesamt": "ghg",
            "CO2-Emissionen - Gesamt (Zielwert)": "ghg",
        },
    )
    outcome = service.import_file(
        db, EDITOR, MUENSTER, "ms.csv", ingest.Options(mapping=mapping), dry_run=True
    )
    assert outcome.ok
    warned = [issue for issue in outcome.result.report.issues if issue.code == "target-row"]
    assert [(issue.row, issue.column, issue.severity) for issue in warned] == [
        (3, "MERKMAL", "warning")
    ]
    assert "Zielwert" in warned[0].message


def test_prose_and_catalog_keys_are_no_target_labels(db: store.Store) -> None:
    # An editor's note may mention the goal, and a pledge id may hold the word (the seed's
    # "climate-action-goals-2021"): neither makes the row a target.
    data = _canonical("Testville,green-deal,ghg,2024,100,t CO2e,synthetic,exceeding our goal,")
    result = service.read_file(db, data, "goal.csv")
    assert result.report.ok and result.report.issues == ()


def test_a_unit_weighing_no_gas_for_a_gas_indicator_is_warned(db: store.Store) -> None:
    data = _canonical("Testville,green-deal,ghg,2024,100,t,synthetic,,")
    result = service.read_file(db, data, "unit.csv")
    assert result.report.ok and len(result.frame) == 1
    assert result.report.positions() == [(2, "unit", "unit-kind")]


def test_a_whole_year_range_under_the_end_rule_is_a_revision_of_the_stored_year(
    db: store.Store,
) -> None:
    first = service.import_file(
        db, EDITOR, _canonical("Testville,green-deal,ghg,2013,100,t CO2e,synthetic,,"), "a.csv"
    )
    assert first.batch.added == 1
    # Like CDP's accounting years: one calendar year written as a date range.
    ranged = _canonical("Testville,green-deal,ghg,2013-01-01 - 2013-12-31,110,t CO2e,CDP,,")
    end = ingest.Options(period_rule="end")
    seen = service.import_file(db, EDITOR, ranged, "cdp.csv", end, dry_run=True)
    assert (seen.preview.added, seen.preview.changed) == (0, 1)
    done = service.import_file(db, EDITOR, ranged, "cdp.csv", end)
    assert (done.batch.added, done.batch.changed) == (0, 1)
    stored = db.observations()
    assert stored[["period", "annual", "value"]].values.tolist() == [
        [dt.date(2013, 1, 1), True, 110.0]
    ]
    assert db.revisions()[["value", "new_value"]].values.tolist() == [[100.0, 110.0]]


def test_a_fiscal_year_is_the_year_the_rule_picks_and_two_for_one_year_clash(
    db: store.Store,
) -> None:
    data = _canonical(
        "Testville,green-deal,ghg,2012-07-01 - 2013-06-30,100,t CO2e,synthetic,,",
        "Testville,green-deal,ghg,2013,101,t CO2e,synthetic,,",
    )
    start = service.read_file(db, data, "fy.csv", ingest.Options(period_rule="start"))
    assert start.report.ok
    assert start.frame[["period", "annual"]].values.tolist() == [
        [dt.date(2012, 1, 1), True],
        [dt.date(2013, 1, 1), True],
    ]
    end = service.read_file(db, data, "fy.csv", ingest.Options(period_rule="end"))
    assert end.report.positions() == [(3, None, "duplicate-key")]


# Like la_indicator_13-2-2.csv: a blank sector is the total; names hold commas and quotes.
SECTORS = (
    "Year,Sector,Area,Value\n"
    '2017,,"Münster, Gesamtstadt",10\n'
    '2017,"Agriculture, Forestry","Münster, Gesamtstadt",2\n'
    '2017,"Say ""hi""","Münster, Gesamtstadt",3\n'
    "2017,,Elsewhere,4\n"
    '2018,"Say ""hi""","Münster, Gesamtstadt",5\n'
).encode()


def _filtered(filters: dict[str, tuple[str, ...]]) -> ingest.Result:
    mapping = column_mapping.ColumnMapping(
        columns={"period": "Year", "value": "Value"},
        constants={
            "city": "A",
            "pledge": "p",
            "indicator": "i",
            "unit": "%",
            "source": "synthetic",
        },
        filters=filters,
    )
    index = {model.IndicatorRef("A", "p", "i"): model.Indicator("i", "i", "%", "higher")}
    return ingest.read(SECTORS, "s.csv", index, ingest.Options(mapping=mapping))


def test_filters_match_whole_cells_with_commas_quotes_and_blanks_on_several_columns() -> None:
    blank_total = _filtered({"Sector": ("",), "Area": ("Münster, Gesamtstadt",)})
    assert blank_total.report.ok
    assert blank_total.frame["value"].tolist() == [10.0]
    quoted = _filtered({"Sector": ('Say "hi"',)})
    assert quoted.frame["value"].tolist() == [3.0, 5.0]
    comma = _filtered({"Sector": ("Agriculture, Forestry",)})
    assert comma.frame["value"].tolist() == [2.0]
    # exact: another case is another value, so nothing is kept (and the report says so)
    other_case = _filtered({"Area": ("münster, gesamtstadt",)})
    assert other_case.frame.empty
    codes = {issue.code for issue in other_case.report.issues}
    # nothing left to import refuses the file: an empty batch is never committed
    assert {"filtered", "no-observations"} <= codes and not other_case.report.ok
    [kept] = [issue for issue in other_case.report.issues if issue.code == "filtered"]
    assert "'münster, gesamtstadt'" in kept.message
    [shown] = [
        issue.message
        for issue in _filtered({"Sector": ("",)}).report.issues
        if issue.code == "filtered"
    ]
    assert "Sector = (blank)" in shown and "Kept 2 of 5 rows" in shown


def test_every_problem_of_one_row_is_reported(db: store.Store) -> None:
    data = _canonical(
        "Testville,green-deal,nonsense,20x9,n/a,t CO2e,synthetic,,",
        "Testville,green-deal,ghg,2031,n/a,,,,",
    )
    result = service.read_file(db, data, "bad.csv")
    # Row 2: an unknown indicator no longer hides its bad period and value; row 3: no unit and
    # no source, a future year and a bad number, all four said.
    assert sorted(result.report.positions()) == [
        (2, "indicator", "unknown-indicator"),
        (2, "period", "bad-period"),
        (2, "value", "bad-number"),
        (3, "period", "future-period"),
        (3, "source", "empty-value"),
        (3, "unit", "empty-value"),
        (3, "value", "bad-number"),
    ]
    assert result.frame.empty


def test_the_full_report_lists_every_issue_past_the_cap_as_csv(db: store.Store) -> None:
    rows = [f"Testville,green-deal,ghg,{year},n/a,t CO2e,synthetic,," for year in range(2000, 2005)]
    result = service.read_file(db, _canonical(*rows), "many.csv", ingest.Options(cap=2))
    assert len(result.report.issues) == 2 and result.report.more == 3
    lines = list(csv.reader(io.StringIO(result.report.full_csv("many.csv").decode("utf-8"))))
    assert lines[0] == ["file", "row", "column", "severity", "message"]
    assert [line[:4] for line in lines[1:]] == [
        ["many.csv", str(row), "value", "error"] for row in range(2, 7)
    ]
    assert all("'n/a' is not a number" in line[4] for line in lines[1:])


def test_the_full_report_of_a_clean_capped_report_has_no_more_line() -> None:
    issue = report.Issue("x", "m", 2, "c")
    text = report.Report((issue,)).full_csv("f.csv").decode("utf-8")
    assert text.splitlines() == ["file,row,column,severity,message", "f.csv,2,c,error,m"]


def _frame(rows: list[tuple[int, float, str, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "city": "A",
            "pledge": "p",
            "indicator": "i",
            "period": [dt.date(year, 1, 1) for year, *_ in rows],
            "value": [value for _, value, _, _ in rows],
            "source": [source for *_, source, _ in rows],
            "note": [note for *_, note in rows],
            "method": None,
            "row": list(range(2, 2 + len(rows))),
        }
    )


def test_preview_rows_say_added_changed_unchanged_and_which_fields_change() -> None:
    stored = _frame(
        [(2019, 33.0, "LADWP", None), (2020, 34.0, "LADWP", None), (2021, 35.0, "X", None)]
    )
    new = _frame(
        [
            (2019, 33.0, "LADWP 2024 report", None),  # same value, other source
            (2020, 36.0, "LADWP 2024 report", None),  # value and source
            (2021, 35.0, "X", None),  # unchanged
            (2022, 37.0, "X", "new"),  # added
        ]
    )
    rows = preview.compare(new, stored).rows
    assert rows[["status", "changed_fields"]].values.tolist() == [
        ["changed", "source"],
        ["changed", "value, source"],
        ["unchanged", ""],
        ["added", ""],
    ]
    assert rows[["old_value", "new_value"]].values.tolist()[1] == [34.0, 36.0]
    assert rows["old_source"].tolist()[0] == "LADWP"
    assert rows["new_source"].tolist()[0] == "LADWP 2024 report"


def test_suspicious_values_are_written_as_the_pages_write_numbers() -> None:
    stored = _frame([(2015, 100.0, "s", None), (2016, 110.0, "s", None)])
    new = _frame([(2017, 2618210.0, "s", None)])
    [warning] = preview.compare(new, stored).warnings
    assert "2,618,210" in warning.message and "e+" not in warning.message
    assert "(100 to 110)" in warning.message


def test_history_names_cities_and_indicators_and_undo_lists_its_values(db: store.Store) -> None:
    first = service.import_file(
        db,
        EDITOR,
        _canonical(
            "Testville,green-deal,ghg,2019,100,t CO2e,synthetic,,",
            "Testville,green-deal,renewable-share,2019,30,%,synthetic,,",
        ),
        "one.csv",
    ).batch
    second = service.import_file(
        db,
        EDITOR,
        _canonical(
            "Testville,green-deal,ghg,2019,95,t CO2e,restated,,",
            "Testville,green-deal,ghg,2020,90,t CO2e,synthetic,,",
        ),
        "two.csv",
    ).batch
    table = history.history_table(db.history(), db.batch_scopes()).set_index("batch")
    assert table.loc[first.id, "cities"] == "Testville"
    assert table.loc[first.id, "indicators"] == "ghg, renewable-share"
    assert table.loc[second.id, "indicators"] == "ghg"
    assert history.scope_text(db.batch_scopes()[second.id]) == "Testville: ghg"

    plan = db.undo_plan(second.id)
    assert plan[["indicator", "period", "action", "current_value"]].values.tolist() == [
        ["ghg", dt.date(2019, 1, 1), "restore", 95.0],
        ["ghg", dt.date(2020, 1, 1), "remove", 90.0],
    ]
    assert plan["restored_value"].iloc[0] == 100.0 and pd.isna(plan["restored_value"].iloc[1])
    shown = history.undo_table(plan)
    assert shown[["period", "now", "after the undo"]].values.tolist() == [
        ["2019", "95", "100"],
        ["2020", "90", "removed"],
    ]
    assert "restores 1 value and removes 1 value" in history.undo_question(second, plan)
    made = service.undo(db, EDITOR, second.id)
    assert (made.changed, made.removed) == (1, 1)  # the plan said what the undo did
    with pytest.raises(Exception, match="already undone"):
        db.undo_plan(second.id)


@pytest.mark.parametrize(
    ("text", "says_target"),
    [
        ("CO2-Emissionen - Gesamt (Zielwert)", True),
        ("Klimaschutzziel 2030", True),
        ("Sustainability goal", True),
        ("Targets", True),
        ("Zielona Góra", False),  # a place, not a target
        ("Goalkeeper stadium", False),
        ("retargeted survey", False),
    ],
)
def test_target_words(text: str, says_target: bool) -> None:
    from pledges.ingest.checking import plausible

    assert (plausible.target_text([text]) is not None) is says_target


def test_a_new_series_value_a_hundred_times_off_its_file_is_warned_with_its_row() -> None:
    # t written where the rest of the file is in kt: the median of 10, 11, 12, 12000 and 13 is
    # 12; 12000 is 1000 times that (over the 500 the rule allows), so flagged; the rest are not.
    new = _frame(
        [(2015, 10.0, "s", None), (2016, 11.0, "s", None), (2017, 12.0, "s", None)]
        + [(2018, 12000.0, "s", None), (2019, 13.0, "s", None)]
    )
    empty = new.iloc[0:0]
    [warning] = preview.compare(new, empty).warnings
    assert (warning.row, warning.code, warning.severity) == (5, "suspicious-value", "warning")
    assert "12,000" in warning.message and "(12)" in warning.message
    # three values are too few to judge, and a zero is never "hundreds of times off"
    assert preview.compare(new.head(3), empty).warnings == ()
    zeros = _frame(
        [(y, v, "s", None) for y, v in [(2015, 5.0), (2016, 0.0), (2017, 4.0), (2018, 6.0)]]
    )
    assert preview.compare(zeros, empty).warnings == ()
