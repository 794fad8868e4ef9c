"""`due` and `remind --dry-run` from the command line, on a stewarded synthetic catalog."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pledges import cli, service, store
from tests.test_stewardship_remind import SEED, STEWARDED


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """`python -m pledges ...` on an initialised database with the stewarded pledge."""
    folder = tmp_path / "defs"
    folder.mkdir()
    (folder / "testville--green-deal.yaml").write_text(STEWARDED, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    monkeypatch.setenv("PLEDGES_PUBLIC_URL", "https://pledges.example.org/")
    monkeypatch.setenv("PLEDGES_MAIL_FROM", "tracker@example.org")
    assert cli.main(["--database", url, "--catalog", str(folder), "init", "--no-seed"]) == 0
    db = store.Store.open(url)
    assert service.import_file(db, service.SEED_USER, SEED.encode(), "seed.csv").ok
    capsys.readouterr()

    def invoke(*args: str) -> tuple[int, str, str]:
        code = cli.main(["--database", url, "--catalog", str(folder), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def test_due_json_has_exactly_the_documented_keys(run) -> None:
    code, out, _ = run("due", "--as-of", "2026-04-02", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [list(r) for r in rows] == [
        [
            "city",
            "pledge",
            "indicator",
            "owner",
            "team",
            "email",
            "state",
            "due",
            "days_late",
            "latest_period",
        ]
    ] * 2
    # 2025's values were due 2026-03-31: on 2 April renewable-share is 2 days late; emissions
    # were never reported
    assert [(r["indicator"], r["state"], r["due"], r["days_late"]) for r in rows] == [
        ("renewable-share", "late", "2026-03-31", 2),
        ("emissions", "never reported", "2026-03-31", None),
    ]
    assert rows[0]["owner"] == "Ana Energy" and rows[0]["latest_period"] == "2024-01-01"


def test_due_filters_by_owner_and_prints_csv(run) -> None:
    code, out, _ = run(
        "due", "--as-of", "2026-03-10", "--owner", "B@example.org", "--format", "csv"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["indicator"], r["team"], r["state"]) for r in rows] == [
        ("emissions", "Climate", "never reported")
    ]


def test_due_text_counts_and_unknown_city(run) -> None:
    code, out, _ = run("due", "--as-of", "2026-03-10")
    assert code == 0
    assert out.splitlines()[-1] == "0 late, 1 never reported, 1 due soon, 0 fresh, 0 discontinued"
    assert run("due", "--city", "Nowhere")[0] == 1


def test_remind_dry_run_prints_messages_and_records_nothing(run) -> None:
    code, out, _ = run("remind", "--dry-run", "--as-of", "2026-03-10")
    assert code == 0
    assert "To: Ana Energy <a@example.org>" in out
    assert "Subject: Pledge Tracker: Testville data to send (1 due soon)" in out
    assert "Upload the values, each with its source, at https://pledges.example.org/upload" in out
    assert out.rstrip().endswith("2 reminders would be sent (dry run, nothing sent or recorded)")


def test_remind_dry_run_says_since_when_a_series_is_late(run) -> None:
    code, out, _ = run("remind", "--dry-run", "--as-of", "2026-04-02")
    assert code == 0
    # 2024 is the latest renewable share; 2025's was due 2026-03-31, two days before 2 April
    assert (
        "- Renewable share — Testville Green Deal: nothing since 2024; the value for 2025 was "
        "due March 31, 2026, 2 days ago"
    ) in out
    assert "Subject: Pledge Tracker: Testville data to send (1 late)" in out


def test_due_text_in_spanish(run) -> None:
    code, out, _ = run("due", "--as-of", "2026-04-02", "--lang", "es")
    assert code == 0
    lines = out.splitlines()
    # As in the JSON test above: renewable-share due 2026-03-31 is 2 days late on 2 April,
    # emissions were never reported; the tally counts 1 late and 1 never reported.
    assert lines[0].startswith("atrasado        vencía el 2026-03-31, 2 días de atraso  Testville")
    assert "responsable: Ana Energy" in lines[0]
    assert lines[1].startswith("nunca informado vence el 2026-03-31  Testville")
    assert lines[2] == (
        "1 atrasado, 1 nunca informado, 0 vencen pronto, 0 al día, 0 discontinuados"
    )
    code, json_out, _ = run("due", "--as-of", "2026-04-02", "--format", "json", "--lang", "es")
    assert json.loads(json_out)[0]["state"] == "late"  # the JSON keeps the English codes
