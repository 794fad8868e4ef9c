"""What the interfaces promise: every command and option is documented (as sqlite-utils checks),
and each interface answers an error in one shape, pinned here (as datasette pins its own)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from pledges import cli, errors, model, service, settings
from pledges.ingest import report
from tests.test_cli import GOOD, run, write  # noqa: F401 (run is a fixture)

COMMANDS = settings.PROJECT_ROOT / "docs" / "commands.md"


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _options(parser: argparse.ArgumentParser) -> set[str]:
    """Every option string of a parser and of its own subcommands (`user add --replace`)."""
    found = {o for a in parser._actions for o in a.option_strings} - {"-h", "--help"}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _options(sub)
    return found


def _sections() -> dict[str, str]:
    """docs/commands.md's `## name` sections by name."""
    text = COMMANDS.read_text(encoding="utf-8")
    parts = re.split(r"^## (\S+).*$", text, flags=re.MULTILINE)
    sections: dict[str, str] = {}
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        sections[name] = sections.get(name, "") + body
    return sections


SUBCOMMANDS = _subcommands(cli.build_parser())


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_every_command_and_option_is_documented(name: str) -> None:
    section = _sections().get(name)
    assert section is not None, f"docs/commands.md has no '## {name}' section"
    missing = sorted(o for o in _options(SUBCOMMANDS[name]) if f"{o}" not in section)
    assert missing == [], f"docs/commands.md's {name} section does not mention {missing}"


def test_the_global_options_are_documented() -> None:
    top = {o for a in cli.build_parser()._actions for o in a.option_strings} - {"-h", "--help"}
    intro = COMMANDS.read_text(encoding="utf-8").split("\n## ", 1)[0]
    assert top and {o for o in top if o not in intro} == set()


def test_the_documentation_check_sees_a_missing_option() -> None:
    """The check itself can fail: an option added without a word in the docs is caught."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--brand-new")
    assert {o for o in _options(parser) if o not in _sections()["status"]} == {"--brand-new"}


# The command line's error shape: an exit code and lines on stderr, never a traceback. -------

PROBLEM_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<row>\d*):(?P<column>[^:]*): (?P<code>[a-z-]+): .+$"
)
UNKNOWN_CITY = "unknown city 'Nowhere'; known: Testville"

CASES = {
    "status": (("status", "--city", "Nowhere"), 1, UNKNOWN_CITY),
    "status-by-goal": (("status", "--by", "goal", "--city", "Nowhere"), 1, UNKNOWN_CITY),
    "due": (("due", "--city", "Nowhere"), 1, UNKNOWN_CITY),
    "remind": (("remind", "--dry-run", "--city", "Nowhere"), 1, UNKNOWN_CITY),
    "report": (("report", "--city", "Nowhere", "--format", "json"), 1, UNKNOWN_CITY),
    "publish": (("publish", "--out", "site", "--city", "Nowhere"), 1, UNKNOWN_CITY),
    "undo-unknown-batch": (("undo", "99"), 1, None),
}


@pytest.mark.parametrize(("args", "code", "line"), CASES.values(), ids=CASES.keys())
def test_a_refused_command_exits_with_its_code_and_says_why_on_stderr(
    run,  # noqa: F811
    tmp_path: Path,
    args: tuple[str, ...],
    code: int,
    line: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    run("init")
    exit_code, out, err = run(*args)
    assert exit_code == code
    assert err.strip() and "Traceback" not in err
    if line is not None:
        assert err.strip().splitlines()[-1] == line
        assert out == ""


def test_every_problem_of_a_refused_import_is_one_problem_line(run, tmp_path: Path) -> None:  # noqa: F811
    run("init")
    bad = write(tmp_path, "bad.csv", GOOD + "Testville,green-deal,nope,2020,lots,%,x,,\n")
    code, _, err = run("import", str(bad), str(tmp_path / "missing.csv"))
    assert code == 1
    lines = err.strip().splitlines()
    problems = [m.groupdict() for m in map(PROBLEM_LINE.match, lines) if m]
    # Row 5 (the header is row 1) names an unknown indicator and holds no number: lines of
    # the file read (by its name); the missing file is one file-level line (as it was given).
    assert {(p["file"], p["row"]) for p in problems} == {
        ("bad.csv", "5"),
        (str(tmp_path / "missing.csv"), ""),
    }
    assert f"{tmp_path / 'missing.csv'}::: file-not-found: no such file" in lines
    assert all(PROBLEM_LINE.match(line) or "refused, nothing stored" in line for line in lines)


def test_a_usage_error_exits_2_with_argparses_usage_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["status", "--as-of", "yesterday"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: python -m pledges status ")
    assert err.strip().splitlines()[-1].endswith("'yesterday' is not a date like 2024-12-31")


# The door's error shape: a refused change is errors.NotAllowed, with who and what. ---------


def test_a_viewer_is_refused_in_one_sentence(db) -> None:
    viewer = model.Actor("ana", "viewer")
    with pytest.raises(errors.NotAllowed) as refused:
        service.import_file(db, viewer, GOOD.encode(), "a.csv")
    assert str(refused.value) == "ana is a viewer and may not import data; sign in as an editor"


# The Upload page's problem record: the columns of the table and of the report download. ---


def test_a_problem_record_has_the_same_columns_on_the_page_and_in_the_download() -> None:
    found = report.Report((report.Issue("bad-number", "No number.", 5, "value", "lots", "1.5"),))
    header = found.to_csv().decode().splitlines()[0]
    assert header == "row,column,code,severity,message,value,expected"
    assert list(found.to_frame().columns) == header.split(",")
