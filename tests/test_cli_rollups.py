"""`status --by goal|pledge` and the evidence keys of `status --format json`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from pledges.cli import status
from tests.conftest import seed_repository
from tests.test_cli import GOOD, run, write  # noqa: F401 (run is a fixture)

# Today is 2027 for every call: stored values are read as of the end of 2027-01-01.
AS_OF = ("--as-of", "2027-01-01")


@pytest.fixture
def seeded(run, tmp_path: Path):  # noqa: F811
    """The small pledge with one 2019 value per indicator."""
    run("init")
    run("import", str(write(tmp_path, "a.csv", GOOD)))
    return run


def test_status_json_names_the_evidence_and_its_basis(seeded) -> None:
    rows = json.loads(seeded("status", "--city", "Testville", "--format", "json", *AS_OF)[1])
    by_key = {row["indicator"]: row for row in rows}
    # Baseline (2015, 20), 30 in 2018 and 34 in 2019: a line of three points 8 years old, weak;
    # revision 3 counts the 2 measured values and names the baseline apart.
    share = by_key["renewable-share"]
    assert (share["evidence"], share["basis_points"], share["basis_baseline_year"]) == (
        "weak",
        2,
        2015,
    )
    assert (share["basis_from"], share["basis_to"], share["basis_method"]) == (2018, 2019, None)


def test_status_by_goal_json_has_exactly_the_documented_keys(seeded) -> None:
    rows = json.loads(
        seeded("status", "--city", "Testville", "--by", "goal", "--format", "json", *AS_OF)[1]
    )
    assert [list(row) for row in rows] == [status.GOAL_KEYS]
    (goal,) = rows
    # Renewable share: OLS through (2015, 20), (2018, 30), (2019, 34) has slope 30 / (26 / 3)
    # = 3.46 about (2017.33, 28), so 28 + 3.46 * 9.67 = 61.5 in 2027, past 60: on track.
    # Emissions: (1990, 1000) to (2019, 800), line at 2027 744.8, (500 - 744.8) / 3 a year
    # needed against a slope of -200 / 29: ratio 0.08, off track. 2 of 2 assessed: the worst.
    assert (goal["goal"], goal["status"], goal["evidence"]) == ("clean-grid", "off track", "weak")
    assert (goal["assessed"], goal["with_targets"], goal["headline"]) == (2, 2, None)
    assert goal["counts"] == {"off track": 1, "on track": 1}


def test_status_by_pledge_json_and_csv(seeded) -> None:
    args = ("status", "--city", "Testville", "--by", "pledge")
    (pledge,) = json.loads(seeded(*args, "--format", "json", *AS_OF)[1])
    assert list(pledge) == status.PLEDGE_KEYS
    assert (pledge["status"], pledge["assessed"], pledge["goals"]) == ("off track", 1, 1)
    table = list(csv.DictReader(io.StringIO(seeded(*args, "--format", "csv", *AS_OF)[1])))
    assert table == [
        {
            "city": "Testville",
            "pledge": "green-deal",
            "status": "off track",
            "symbol": "▼",
            "assessed": "1",
            "goals": "1",
            "counts": "off track: 1",
        }
    ]


def test_status_by_goal_text_says_the_counts(seeded) -> None:
    out = seeded("status", "--by", "goal", *AS_OF)[1]
    assert "▼ off track · weak evidence  Testville / green-deal / clean-grid" in out
    assert "2 of 2 indicators assessed: 1 off track, 1 on track" in out


def test_seeded_los_angeles_superseded_pledge_is_shown_as_such(tmp_path: Path, capsys) -> None:
    from pledges import cli

    url = f"sqlite:///{tmp_path / 'seeded.db'}"
    seed_repository(url, dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)).engine.dispose()
    args = ["--database", url, "status", "--city", "Los Angeles", "--by", "pledge"]
    assert cli.main([*args, "--format", "json", "--as-of", "2026-12-01"]) == 0
    rows = {row["pledge"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["sustainable-city-plan-2015"]["status"] == "superseded"
    # Five Zeroes: each goal's headline speaks; too few goals are assessed to judge the pledge.
    five = rows["five-zeroes"]
    assert (five["goals"], five["status"]) == (6, "too little evidence")
    assert five["assessed"] < 3
