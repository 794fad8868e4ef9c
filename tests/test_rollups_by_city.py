"""Roll-ups are each city's own: two cities with a pledge of the same id are never pooled, with
or without `--city` (Atlanta read "119 of 474 assessed" pooled, "0 of 1" alone)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pledges import catalog, service, store
from tests.conftest import SMALL_PLEDGE, long_frame, ticking_clock
from tests.test_cli import GOOD, run, write  # noqa: F401 (run is a fixture)

# Otherton has the same pledge id, goal and indicators as Testville, and no values.
OTHERTON = SMALL_PLEDGE.replace("{name: Testville, country: XX}", "{name: Otherton, country: YY}")


@pytest.fixture
def two_cities(run, tmp_path: Path, catalog_dir: Path):  # noqa: F811
    """Testville with three values (tests/test_cli.py's GOOD file), Otherton with none."""
    (catalog_dir / "otherton--green-deal.yaml").write_text(OTHERTON, encoding="utf-8")
    run("init")
    assert run("import", str(write(tmp_path, "a.csv", GOOD)))[0] == 0
    return run


def _goal_rows(run, *city: str) -> dict[str, tuple[int, int]]:  # noqa: F811
    args = ("status", "--by", "goal", "--format", "json", *city)
    return {
        row["city"]: (row["assessed"], row["with_targets"]) for row in json.loads(run(*args)[1])
    }


def test_status_by_goal_without_a_city_gives_each_city_its_own_counts(two_cities) -> None:
    everyone = _goal_rows(two_cities)
    # Testville: renewable share (2018, 2019 and the 2015 baseline) and emissions (1990
    # baseline, 2019) both have two points: 2 of its 2 indicators with targets assessed.
    # Otherton: no values, 0 of 2. Pooled, both cities read "2 of 4".
    assert everyone == {"Testville": (2, 2), "Otherton": (0, 2)}
    assert _goal_rows(two_cities, "--city", "Otherton") == {"Otherton": (0, 2)}
    assert _goal_rows(two_cities, "--city", "Testville") == {"Testville": (2, 2)}


def test_status_by_pledge_without_a_city_gives_each_city_its_own_counts(two_cities) -> None:
    args = ("status", "--by", "pledge", "--format", "json")
    rows = {row["city"]: row["assessed"] for row in json.loads(two_cities(*args)[1])}
    # Testville's one goal is assessed; Otherton's is not.
    assert rows == {"Testville": 1, "Otherton": 0}


def test_summarise_keeps_cities_apart(tmp_path: Path, catalog_dir: Path) -> None:
    (catalog_dir / "otherton--green-deal.yaml").write_text(OTHERTON, encoding="utf-8")
    db = store.Store.open(f"sqlite:///{tmp_path / 'two.db'}", now=ticking_clock())
    db.migrate()
    db.sync_catalog(catalog.load_pledges(catalog_dir))
    db.commit(
        long_frame([("renewable-share", 2018, 30), ("renewable-share", 2019, 34)]),
        "t",
        "f",
        "a" * 64,
    )
    items = service.assess(db)
    summaries = service.summarise(service.pledges_of(items), items)
    counts = {s.pledge.city.name: s.goals[0].rollup.assessed for s in summaries}
    # Testville's renewable share has the 2015 baseline and two values; emissions only its
    # 1990 baseline, too old to assess: 1 of 2. Otherton: 0 of 2.
    assert counts == {"Testville": 1, "Otherton": 0}
    db.engine.dispose()
