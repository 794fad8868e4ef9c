"""Limits a careful person would not cross: shares outside 0-100 %, tenfold jumps, empty files."""

from __future__ import annotations

from pathlib import Path

import pytest

from pledges import cli, store
from tests.test_cli import GOOD, HEADER, write


@pytest.fixture
def run(tmp_path: Path, catalog_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys):  # noqa: ANN001, ANN201
    """`python -m pledges` in-process on a fresh database; (code, stdout, stderr)."""
    seeds = tmp_path / "observations"
    seeds.mkdir()
    monkeypatch.setenv("PLEDGES_OBSERVATIONS", str(seeds))
    monkeypatch.setenv("PLEDGES_PANEL", str(seeds))
    url = f"sqlite:///{tmp_path / 'cli.db'}"

    def invoke(*args: str) -> tuple[int, str, str]:
        code = cli.main(["--database", url, "--catalog", str(catalog_dir), *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    invoke.url = url  # type: ignore[attr-defined]
    return invoke


def _stored(run) -> list[tuple[str, int, float]]:  # noqa: ANN001
    frame = store.Store.open(run.url).observations()
    return [(r.indicator, r.period.year, r.value) for r in frame.itertuples(index=False)]


@pytest.mark.parametrize(
    ("value", "shown"), [("420", "420 % is outside 0-100 %"), ("-5", "-5 % is outside 0-100 %")]
)
def test_a_share_outside_0_to_100_is_refused_with_its_row(
    run, tmp_path: Path, value: str, shown: str
) -> None:  # noqa: ANN001
    run("init")
    run("import", str(write(tmp_path, "a.csv", GOOD)))
    before = _stored(run)
    bad = HEADER + f"Testville,green-deal,renewable-share,2019,{value},%,a test row,,\n"
    code, _, err = run("import", str(write(tmp_path, "share.csv", bad)))
    assert code == 1
    assert "share.csv:2:value: out-of-range:" in err and shown in err
    assert _stored(run) == before  # 2019 stays 34: the bad value is not stored over it


def test_a_tenfold_jump_is_held_unless_confirmed(run, tmp_path: Path) -> None:  # noqa: ANN001
    run("init")
    run("import", str(write(tmp_path, "a.csv", GOOD)))
    before = _stored(run)
    # 800 kt stored for 2019; 8,000 kt for 2020 is 8000 / 800 = 10 times: held
    jump = HEADER + "Testville,green-deal,emissions,2020,8000,kt,a test row,,\n"
    path = str(write(tmp_path, "jump.csv", jump))
    code, _, err = run("import", path)
    assert code == 1
    assert "jump.csv:2:value: jump:" in err and "stored value of 2019-01-01 (800)" in err
    assert _stored(run) == before
    code, out, _ = run("import", "--accept-jumps", path)
    assert code == 0 and "1 added" in out
    assert ("emissions", 2020, 8000.0) in _stored(run)


def test_a_ninefold_step_is_no_jump(run, tmp_path: Path) -> None:  # noqa: ANN001
    run("init")
    run("import", str(write(tmp_path, "a.csv", GOOD)))
    # 7,200 / 800 = 9 times: under the factor of ten, stored
    step = HEADER + "Testville,green-deal,emissions,2020,7200,kt,a test row,,\n"
    code, _, _ = run("import", str(write(tmp_path, "step.csv", step)))
    assert code == 0


def test_a_real_import_prints_its_warnings(run, tmp_path: Path) -> None:  # noqa: ANN001
    run("init")
    run("import", str(write(tmp_path, "a.csv", GOOD)))
    # no note or method column: the stored cells are kept, and a real import says so too
    again = (
        "city,pledge,indicator,period,value,unit,source\n"
        "Testville,green-deal,emissions,2019,800,kt,synthetic test row\n"
    )
    code, out, _ = run("import", str(write(tmp_path, "again.csv", again)))
    assert code == 0
    assert "again.csv::: kept-columns:" in out and "0 added, 0 changed, 1 unchanged" in out


@pytest.mark.parametrize(
    ("name", "text", "code_word"),
    [
        ("zero.csv", "", "missing-column"),
        ("header.csv", HEADER, "no-observations"),
        ("blank.csv", HEADER + ",,,,,,,,\n\n", "no-observations"),
    ],
)
def test_an_empty_file_is_refused_and_no_batch_is_made(
    run, tmp_path: Path, name: str, text: str, code_word: str
) -> None:  # noqa: ANN001
    run("init")
    code, _, err = run("import", str(write(tmp_path, name, text)))
    assert code == 1 and f"{code_word}:" in err and "refused, nothing stored" in err
    _, out, _ = run("history")
    assert name not in out
