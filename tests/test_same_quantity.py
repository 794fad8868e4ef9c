"""One quantity, one series: an indicator `same_as` another pledge's is judged on that one's
values against its own targets; its values are never imported twice."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from pledges import catalog, errors, model, service, store

EDITOR = model.Actor("ed", "editor")
TODAY = dt.date(2024, 6, 30)
GRID = textwrap.dedent(
    """\
    city: {name: Testville, country: T}
    pledge: {id: grid, name: Grid, source: "synthetic"}
    goals:
      - id: g
        name: G
        indicators:
          - id: share
            name: Renewable share
            unit: "%"
            direction: higher
            targets: [{year: 2030, value: 60, source: "synthetic"}]
    """
)
FAST = textwrap.dedent(
    """\
    city: {name: Testville, country: T}
    pledge: {id: fast, name: Fast, source: "synthetic"}
    goals:
      - id: g
        name: G
        indicators:
          - id: share
            name: Renewable share
            unit: "%"
            direction: higher
            same_as: grid/share
            targets: [{year: 2030, value: 90, source: "synthetic"}]
    """
)
# 20, 24, 28 in 2020-2022: 4 points a year, 28 in 2022.
VALUES = (
    "city,pledge,indicator,period,value,unit,source\n"
    "Testville,grid,share,2020,20,%,synthetic\n"
    "Testville,grid,share,2021,24,%,synthetic\n"
    "Testville,grid,share,2022,28,%,synthetic\n"
)


def _folder(tmp_path: Path, *texts: str) -> Path:
    folder = tmp_path / "pledges"
    folder.mkdir()
    for n, text in enumerate(texts):
        (folder / f"p{n}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path: Path) -> store.Store:
    handle = store.Store.open(f"sqlite:///{tmp_path / 'same.db'}")
    handle.migrate()
    handle.sync_catalog(catalog.load_pledges(_folder(tmp_path, GRID, FAST)))
    values = tmp_path / "v.csv"
    values.write_text(VALUES, encoding="utf-8")
    assert service.import_path(handle, EDITOR, values).batch is not None
    return handle


def test_values_stored_once_and_judged_against_each_pledges_targets(db: store.Store) -> None:
    assert len(db.observations()) == 3
    items = {i.pledge.key: i for i in service.assess(db, "Testville", today=TODAY)}
    grid, fast = items["grid"].assessment, items["fast"].assessment
    assert items["fast"].indicator.same_as == "grid/share"
    assert (fast.latest_year, fast.latest_value) == (grid.latest_year, grid.latest_value)
    assert (fast.latest_year, fast.latest_value) == (2022, 28.0)
    # Needed from 2024 (line at 28 + 2 x 4 = 36): to 60, 24 / 6 = 4 a year; to 90, 54 / 6 = 9.
    assert grid.required_pace == pytest.approx(4.0)
    assert fast.required_pace == pytest.approx(9.0)
    assert len(items["fast"].observations) == 3


def test_values_for_the_alias_are_refused_with_where_they_go(db: store.Store, tmp_path) -> None:
    path = tmp_path / "alias.csv"
    path.write_text(
        "city,pledge,indicator,period,value,unit,source\nTestville,fast,share,2023,30,%,s\n",
        encoding="utf-8",
    )
    outcome = service.import_path(db, EDITOR, path)
    assert outcome.batch is None
    (issue,) = outcome.result.report.errors
    assert (issue.code, issue.row) == ("indicator-same-as", 2)
    assert "same quantity as 'grid/share'" in issue.message
    assert len(db.observations()) == 3


@pytest.mark.parametrize(
    ("same_as", "expected"),
    [
        ("grid/nothing", "'grid/nothing' is no other indicator of Testville"),
        ("fast/share", "'fast/share' is no other indicator of Testville"),
    ],
    ids=["unknown", "itself"],
)
def test_a_same_as_must_name_another_indicator(tmp_path, same_as: str, expected: str) -> None:
    folder = _folder(tmp_path, GRID, FAST.replace("grid/share", same_as))
    with pytest.raises(errors.CatalogError) as caught:
        catalog.load_pledges(folder)
    assert caught.value.problems == [f"p1.yaml: indicator 'share': same_as: {expected}"]


def test_a_same_as_in_another_unit_is_refused(tmp_path) -> None:
    folder = _folder(tmp_path, GRID.replace('unit: "%"', "unit: MWh"), FAST)
    with pytest.raises(errors.CatalogError) as caught:
        catalog.load_pledges(folder)
    assert caught.value.problems == [
        "p1.yaml: indicator 'share': same_as: 'grid/share' is in 'MWh', this in '%'"
    ]
