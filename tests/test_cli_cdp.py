"""`import-cdp` and `init --no-panel` on the command line, over small files made by the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pledges import cli
from tests import test_cdp_like_for_like as like
from tests import test_sources_cdp as files


@pytest.fixture
def run(tmp_path: Path, catalog_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    """`python -m pledges` in-process on a fresh database; the panel folder holds two files."""
    empty = tmp_path / "observations"
    empty.mkdir()
    panel = tmp_path / "panel"
    panel.mkdir()
    (panel / "2020.csv").write_bytes(files.FILE_2020)
    (panel / "2021.csv").write_bytes(files.FILE_2021)
    monkeypatch.setenv("PLEDGES_OBSERVATIONS", str(empty))
    monkeypatch.setenv("PLEDGES_PANEL", str(panel))
    url = f"sqlite:///{tmp_path / 'cli.db'}"

    def invoke(*args: str) -> tuple[int, str, str]:
        code = cli.main(["--database", url, "--catalog", str(catalog_dir), *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return invoke


def _batches(run) -> list[dict[str, object]]:
    return json.loads(run("history", "--format", "json")[1])


def test_init_loads_the_panel_unless_no_panel(run) -> None:
    code, out, _ = run("init", "--no-panel")
    assert code == 0 and "panel" not in out and _batches(run) == []
    code, out, _ = run("init")
    assert code == 0
    assert "panel: 2 cities, one pledge each, 0 targets" in out
    assert [(b["file"], b["added"], b["changed"]) for b in _batches(run)] == [
        ("2021.csv", 0, 1),  # Eta's 2018 restated
        ("2020.csv", 2, 0),
    ]


def test_import_cdp_twice_adds_nothing_and_undo(run, tmp_path: Path) -> None:
    run("init", "--no-panel")
    paths = [str(tmp_path / "panel" / "2021.csv"), str(tmp_path / "panel" / "2020.csv")]
    code, out, _ = run("import-cdp", "--dry-run", *paths)
    assert code == 0 and "dry run: nothing stored" in out and _batches(run) == []
    code, out, _ = run("import-cdp", *paths)
    assert code == 0
    assert "2020.csv: cdp-inventory-2020, edition 2020: 2 values; rows not used: " in out
    assert "duplicate-in-file 1" in out
    before = _batches(run)
    code, out, _ = run("import-cdp", *paths)
    assert code == 0
    assert "panel definitions: 0 added, 0 changed" in out
    assert out.count("already imported") == 2
    assert _batches(run) == before
    newest = before[0]["id"]
    assert run("undo", str(newest))[0] == 0
    assert [b["status"] for b in _batches(run)] == ["undo", "undone", "committed"]


def test_import_cdp_unknown_file_is_refused(run, tmp_path: Path) -> None:
    run("init", "--no-panel")
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    code, _, err = run("import-cdp", str(tmp_path / "panel" / "2020.csv"), str(other))
    assert code == 1
    assert "other.csv:1:: unknown-layout: " in err
    assert _batches(run) == []


def test_import_cdp_is_documented() -> None:
    commands = Path(__file__).resolve().parent.parent / "docs" / "commands.md"
    reference = commands.read_text(encoding="utf-8")
    assert "`import-cdp FILE..." in reference
    assert "--no-panel" in reference


def test_status_json_names_the_latest_values_method(run) -> None:
    run("init")
    code, out, _ = run("status", "--city", "Eta", "--format", "json")
    (row,) = json.loads(out)
    # Eta's 2018 restated by 2021 from the GPC parts: 70 + 25 = 95.
    assert (row["latest_year"], row["latest_value"]) == (2018, 95.0)
    assert row["latest_method"] == "GPC; city boundary; scope 1 + 2 from the GPC table's parts"


def test_rows_lists_a_repeated_total(run, tmp_path: Path) -> None:
    run("init", "--no-panel")
    paths = []
    for name, data in like.PANEL:
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(str(path))
    code, out, _ = run("import-cdp", "--dry-run", "--rows", *paths)
    assert code == 0
    assert "2020.csv: cdp-inventory-2020, edition 2020: 3 values; rows not used: none; " in out
    assert "rows flagged: repeated-total 1" in out
    assert "2020.csv:4:period: repeated-total: account 202 gives the same total" in out
