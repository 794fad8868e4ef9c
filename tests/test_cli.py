"""The command line: exit codes, reports, batches, undo and export round trips."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pledges import cli, settings, store

HEADER = "city,pledge,indicator,period,value,unit,source,note,method\n"
GOOD = HEADER + (
    "Testville,green-deal,renewable-share,2018,30,%,synthetic test row,,\n"
    "Testville,green-deal,renewable-share,2019,34,%,synthetic test row,,\n"
    "Testville,green-deal,emissions,2019,800,kt,synthetic test row,,\n"
)


@pytest.fixture
def run(tmp_path: Path, catalog_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    """Run `python -m pledges` in-process on a fresh database; returns (code, stdout, stderr)."""
    seeds = tmp_path / "observations"
    seeds.mkdir()
    monkeypatch.setenv("PLEDGES_OBSERVATIONS", str(seeds))
    monkeypatch.setenv("PLEDGES_PANEL", str(seeds))  # no CDP panel: tests/test_cli_cdp.py
    url = f"sqlite:///{tmp_path / 'cli.db'}"

    def invoke(*args: str, database: str = url) -> tuple[int, str, str]:
        code = cli.main(["--database", database, "--catalog", str(catalog_dir), *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return invoke


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_init_twice_changes_nothing(run) -> None:
    code, out, _ = run("init")
    assert code == 0 and "added" in out
    code, out, _ = run("init")
    assert code == 0
    assert out.startswith("definitions: 0 added, 0 changed, 0 targets opened, 0 closed")


def test_import_with_a_bad_last_row_stores_nothing(run, tmp_path: Path) -> None:
    run("init")
    bad = write(
        tmp_path, "bad.csv", GOOD + "Testville,green-deal,renewable-share,2020,lots,%,x,,\n"
    )
    code, _, err = run("import", str(bad))
    assert code == 1
    assert "bad.csv:5:value: " in err
    code, out, _ = run("history", "--format", "json")
    assert json.loads(out) == []


def test_same_file_twice_adds_no_batch(run, tmp_path: Path) -> None:
    run("init")
    good = write(tmp_path, "good.csv", GOOD)
    assert run("import", str(good))[0] == 0
    code, out, _ = run("import", str(good))
    assert code == 0 and "already imported as batch 1" in out
    batches = json.loads(run("history", "--format", "json")[1])
    assert len(batches) == 1
    assert set(batches[0]) >= {
        "id",
        "user",
        "file",
        "committed_at",
        "added",
        "changed",
        "unchanged",
        "status",
    }
    assert batches[0]["added"] == 3


def test_revision_then_undo_restores_the_export_byte_for_byte(run, tmp_path: Path) -> None:
    run("init")
    run("import", str(write(tmp_path, "a.csv", GOOD)))
    before = run("export")[1]
    changed = GOOD.replace("2019,34,%", "2019,35.5,%")
    code, out, _ = run("import", "--user", "ana", str(write(tmp_path, "b.csv", changed)))
    assert code == 0 and "1 changed" in out
    assert run("export")[1] != before
    code, out, _ = run("undo", "2")
    assert code == 0
    assert run("export")[1] == before


def test_export_imports_back_to_the_same_state(run, tmp_path: Path) -> None:
    run("init")
    run("import", str(write(tmp_path, "a.csv", GOOD)))
    exported = write(tmp_path, "export.csv", run("export")[1])
    other = f"sqlite:///{tmp_path / 'other.db'}"
    run("init", database=other)
    assert run("import", str(exported), database=other)[0] == 0
    assert run("export", database=other)[1] == exported.read_text(encoding="utf-8")


def test_dry_run_stores_nothing(run, tmp_path: Path) -> None:
    run("init")
    code, out, _ = run("import", "--dry-run", str(write(tmp_path, "a.csv", GOOD)))
    assert code == 0 and "3 to add" in out
    assert json.loads(run("history", "--format", "json")[1]) == []


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["frobnicate"], 2),
        (["status", "--format", "xml"], 2),
        (["status", "--as-of", "last tuesday"], 2),
        (["undo", "not-a-number"], 2),
        (["undo", "99"], 1),
        (["status", "--city", "Atlantis"], 1),
    ],
    ids=["unknown-command", "bad-format", "bad-date", "bad-batch", "missing-batch", "bad-city"],
)
def test_exit_codes(run, args: list[str], code: int) -> None:
    run("init")
    try:
        got = run(*args)[0]
    except SystemExit as exc:
        got = exc.code
    assert got == code


def test_a_closed_pipe_ends_the_command_quietly(run, tmp_path: Path, catalog_dir: Path) -> None:
    # `status --by pledge | head -1` once head has gone: the pipe's reader is closed before the
    # command writes its first line, so every write meets EPIPE, whatever the timing.
    run("init")
    reader, writer = os.pipe()
    os.close(reader)
    database = f"sqlite:///{tmp_path / 'cli.db'}"
    args = ["--database", database, "--catalog", str(catalog_dir), "status", "--by", "pledge"]
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pledges", *args],
            stdout=writer,
            stderr=subprocess.PIPE,
            cwd=settings.PROJECT_ROOT,
            text=True,
            check=False,
        )
    finally:
        os.close(writer)
    assert (done.returncode, done.stderr) == (cli.PIPE_CLOSED, "")


def test_status_json_has_the_documented_keys(run, tmp_path: Path) -> None:
    run("init")
    run("import", str(write(tmp_path, "a.csv", GOOD)))
    rows = json.loads(run("status", "--city", "Testville", "--format", "json")[1])
    assert [r["indicator"] for r in rows] == ["renewable-share", "emissions"]
    for row in rows:
        assert set(cli.STATUS_KEYS) <= set(row)
    assert rows[0]["latest_year"] == 2019 and rows[0]["latest_value"] == 34


def test_seeded_los_angeles_status_lists_every_indicator(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'seeded.db'}"
    assert cli.main(["--database", url, "init", "--no-panel"]) == 0
    capsys.readouterr()
    assert cli.main(["--database", url, "status", "--city", "Los Angeles", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    from pledges import catalog

    expected = {
        (p.key, i.key)
        for p in catalog.load_pledges(settings.DATA_DIR / "pledges")
        if p.city.name == "Los Angeles"
        for _, i in p.indicators()
    }
    assert {(r["pledge"], r["indicator"]) for r in rows} == expected
    assert any(r["latest_value"] is not None for r in rows)


def test_dry_run_prints_suspicious_values(run, tmp_path: Path) -> None:
    run("init")
    run("import", str(write(tmp_path, "a.csv", GOOD)))
    # 9,000 kt against the stored 800: 9000 / 800 = 11.25, a jump of 10 times or more
    odd = HEADER + "Testville,green-deal,emissions,2020,9000,kt,synthetic test row,,\n"
    path = str(write(tmp_path, "odd.csv", odd))
    code, _, err = run("import", "--dry-run", path)
    assert code == 1 and "odd.csv:2:value: jump:" in err
    code, out, _ = run("import", "--dry-run", "--accept-jumps", path)
    assert code == 0
    assert "odd.csv:2:value: suspicious-value:" in out
    assert "1 to add" in out


def test_import_with_a_saved_mapping_preset(run, tmp_path: Path, monkeypatch) -> None:
    from pledges.ingest.reading import mapping, presets

    folder = tmp_path / "presets"
    monkeypatch.setenv("PLEDGES_PRESETS", str(folder))
    presets.save_preset(
        folder,
        "testville renewables",
        mapping.ColumnMapping(
            columns={"period": "Year", "value": "Value"},
            constants={
                "city": "Testville",
                "pledge": "green-deal",
                "indicator": "renewable-share",
                "unit": "%",
                "source": "synthetic",
            },
        ),
    )
    run("init")
    plain = write(tmp_path, "plain.csv", "Year,Value\n2018,30\n2019,34\n")
    assert run("import", str(plain))[0] == 1
    code, out, _ = run("import", "--mapping", "testville renewables", str(plain))
    assert code == 0 and "2 added" in out
    assert run("import", "--mapping", "nope", str(plain))[0] == 2


def test_init_brings_the_seed_rows_to_exactly_the_seed(run, tmp_path: Path) -> None:
    def seed(share: dict[int, int], emissions: dict[int, int]) -> None:
        """The seed file of Testville (the `run` fixture's seed folder)."""
        row = "Testville,green-deal,{},{},{},{},seed source,,\n"
        rows = [row.format("renewable-share", y, v, "%") for y, v in share.items()]
        rows += [row.format("emissions", y, v, "kt") for y, v in emissions.items()]
        write(tmp_path / "observations", "testville.csv", HEADER + "".join(rows))

    seed({2018: 30, 2019: 34}, {2019: 800, 2020: 780})
    assert run("init", "--no-panel")[0] == 0  # batch 1: the seed's 4 rows
    # An editor revises the seed's 2020 emissions and adds a 2021 share (batch 2).
    edits = write(
        tmp_path,
        "edits.csv",
        HEADER
        + "Testville,green-deal,emissions,2020,770,kt,council report,,\n"
        + "Testville,green-deal,renewable-share,2021,40,%,council report,,\n",
    )
    assert run("import", "--user", "ana", str(edits))[0] == 0
    # The seed re-dates 30 % from 2018 to 2017 and says 790 kt for 2020, where the editor's
    # 770 kt stands.
    seed({2017: 30, 2019: 34}, {2019: 800, 2020: 790})
    code, out, _ = run("init", "--no-panel")
    # Batch 3 adds 2017 (2019's two rows unchanged) and leaves the editor's 2020 as it is;
    # batch 4 removes 2018, the one row the seed stored and no longer has.
    assert code == 0
    assert "testville.csv: batch 3: 1 added, 0 changed, 2 unchanged" in out
    assert "testville.csv: 1 value an editor stored kept (the file's left out)" in out
    assert "testville.csv: batch 4: 1 removed (stored by an earlier seed, no longer in it)" in out
    stored = {
        (r["indicator"], r["period"], r["value"])
        for r in csv.DictReader(io.StringIO(run("export")[1]))
    }
    assert stored == {
        ("renewable-share", "2017", "30"),
        ("renewable-share", "2019", "34"),
        ("renewable-share", "2021", "40"),
        ("emissions", "2019", "800"),
        ("emissions", "2020", "770"),
    }
    history = json.loads(run("history", "--format", "json")[1])
    assert [(b["id"], b["user"], b["status"], b["removed"]) for b in history[:1]] == [
        (4, "seed", "retired", 1)
    ]
    # Nothing is lost: just before batch 4 the store still held 30 % for 2018.
    db = store.Store.open(f"sqlite:///{tmp_path / 'cli.db'}")
    retired = next(b for b in db.history() if b.id == 4)
    before = db.observations(
        indicator="renewable-share", as_of=retired.committed_at - dt.timedelta(microseconds=1)
    )
    assert [(p.year, v) for p, v in zip(before["period"], before["value"], strict=True)] == [
        (2017, 30.0),
        (2018, 30.0),
        (2019, 34.0),
        (2021, 40.0),
    ]
    assert run("undo", "4")[0] == 1  # a removal is undone by importing again, not by undo
    code, out, _ = run("init", "--no-panel")
    assert (code, "removed" in out) == (0, False)
