"""`status --by pledge` text says what would give a "too little evidence" pledge a status."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

from pledges import cli
from tests.conftest import seed_repository

AS_OF = ["--as-of", "2026-12-01"]
UNJUDGED = {"insufficient data", "too little evidence", "trend only"}


def test_los_angeles_pledges_say_what_would_change(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'seeded.db'}"
    seed_repository(url, dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)).engine.dispose()
    base = ["--database", url, "status", "--city", "Los Angeles"]
    assert cli.main([*base, "--by", "goal", "--format", "json", *AS_OF]) == 0
    goals = [row for row in json.loads(capsys.readouterr().out) if row["pledge"] == "five-zeroes"]
    assert cli.main([*base, "--by", "pledge", *AS_OF]) == 0
    text = capsys.readouterr().out
    # Five Zeroes by hand from its goal rows: a goal whose headline cannot be judged needs that
    # one indicator; the pledge needs half its goals (at least one) judged.
    judged = [g for g in goals if g["status"] not in UNJUDGED]
    unassessed = sum(g["with_targets"] - g["assessed"] for g in goals)
    per_goal = sorted(1 for g in goals if g["status"] in UNJUDGED and g["headline"])
    wanted = max(math.ceil(len(goals) / 2) - len(judged), 1)
    needed = sum(per_goal[:wanted])
    # 6 goals, 2 judged (carbon neutral, grid): 3 - 2 = 1 goal more, its headline 1 indicator;
    # 23 indicators with a target, 7 assessed: 16 unassessed.
    assert (len(goals), len(judged), needed, unassessed) == (6, 2, 1, 16)
    assert (
        f"Values since 2016 for {needed} of the {unassessed} unassessed indicators would give "
        "Five Zeroes (L.A.'s Green New Deal) a status."
    ) in text
    # Superseded pledges and pledges with a status say nothing of the kind.
    heads = [i for i, line in enumerate(text.splitlines()) if not line.startswith(" ")]
    lines = text.splitlines()
    for start, end in zip(heads, [*heads[1:], len(lines)], strict=True):
        if lines[start].startswith(("⊘", "✖")):
            assert not any("would give" in line for line in lines[start:end]), lines[start]
