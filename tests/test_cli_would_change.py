"""`status --by pledge` text says what would give a "too little evidence" pledge a status."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

from pledges import cli
from tests.conftest import seed_repository

AS_OF = ["--as-of", "2026-12-01"]


def test_los_angeles_pledges_say_what_would_change(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'seeded.db'}"
    seed_repository(url, dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)).engine.dispose()
    base = ["--database", url, "status", "--city", "Los Angeles"]
    assert cli.main([*base, "--by", "goal", "--format", "json", *AS_OF]) == 0
    goals = [row for row in json.loads(capsys.readouterr().out) if row["pledge"] == "la100"]
    assert cli.main([*base, "--by", "pledge", *AS_OF]) == 0
    text = capsys.readouterr().out
    # LA100 by hand from its goal rows: each goal without a status needs half its indicators
    # with targets (at least one) assessed; the pledge needs half its goals (at least one).
    unassessed = sum(g["with_targets"] - g["assessed"] for g in goals)
    per_goal = sorted(
        max(math.ceil(g["with_targets"] / 2) - g["assessed"], 1 - g["assessed"])
        for g in goals
        if g["status"] == "too little evidence"
    )
    wanted = max(
        math.ceil(len(goals) / 2) - sum(g["status"] != "too little evidence" for g in goals), 1
    )
    needed = sum(per_goal[:wanted])
    assert (needed, unassessed) == (1, 2)  # one goal, 0 of 2 assessed: 1 of the 2
    assert (
        f"Values since 2016 for {needed} of the {unassessed} unassessed indicators would give "
        "LA100: 100 % carbon-free electricity by 2035 a status."
    ) in text
    # Superseded pledges and pledges with a status say nothing of the kind.
    heads = [i for i, line in enumerate(text.splitlines()) if not line.startswith(" ")]
    lines = text.splitlines()
    for start, end in zip(heads, [*heads[1:], len(lines)], strict=True):
        if lines[start].startswith(("⊘", "✖")):
            assert not any("would give" in line for line in lines[start:end]), lines[start]
