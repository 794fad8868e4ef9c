"""`target` and `catalog export` on the command line: exit codes, JSON keys, the review e-mail."""

from __future__ import annotations

import email
import email.policy
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from aiosmtpd.controller import Controller

from pledges import cli

PROPOSE = (
    "target", "propose", "--city", "Testville", "--pledge", "green-deal",
    "--indicator", "renewable-share",
)  # fmt: skip
HISTORY_KEYS = [
    "city", "pledge", "indicator", "year", "old", "new", "change", "source", "reason",
    "proposed_by", "approved_by", "approved_at",
]  # fmt: skip


@pytest.fixture
def run(tmp_path: Path, catalog_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    """`python -m pledges` in-process on a database `init` loaded; (code, stdout, stderr)."""
    empty = tmp_path / "empty"
    empty.mkdir()
    for name in ("PLEDGES_OBSERVATIONS", "PLEDGES_PANEL", "PLEDGES_TARGET_HISTORY"):
        monkeypatch.setenv(name, str(empty))
    monkeypatch.setenv("PLEDGES_CREDENTIALS", str(tmp_path / "none.json"))
    url = f"sqlite:///{tmp_path / 'cli.db'}"

    def invoke(*args: str, catalog: Path = catalog_dir) -> tuple[int, str, str]:
        code = cli.main(["--database", url, "--catalog", str(catalog), *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    assert invoke("init")[0] == 0
    return invoke


def test_propose_approve_and_the_ledger_as_json(run) -> None:
    code, out, _ = run(*PROPOSE, "--year", "2030", "--value", "70", "--source", "minutes",
                       "--reason", "raised", "--user", "ana")  # fmt: skip
    assert code == 0 and out.strip() == "1"
    code, out, _ = run("target", "list", "--pending", "--format", "json")
    assert [(r["id"], r["status"], r["change"]) for r in json.loads(out)] == [
        (1, "pending", "strengthened")
    ]
    assert run("target", "approve", "1", "--user", "ben")[1] == "target change 1: approved\n"
    code, out, _ = run("target", "history", "--city", "Testville", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and list(rows[0]) == HISTORY_KEYS
    assert {k: rows[0][k] for k in ("year", "old", "new", "change", "approved_by")} == {
        "year": 2030,
        "old": "60 % by 2030",
        "new": "70 % by 2030",
        "change": "strengthened",
        "approved_by": "ben",
    }
    code, out, _ = run("status", "--format", "json")
    assert code == 0
    assert run("target", "list", "--pending")[1] == "no target changes waiting\n"


def test_target_list_and_history_in_spanish(run) -> None:
    run(*PROPOSE, "--year", "2030", "--value", "70", "--source", "minutes",
        "--reason", "raised", "--user", "ana")  # fmt: skip
    code, out, _ = run("target", "list", "--pending", "--lang", "es")
    # 60 % to 70 % asks more: strengthened (reforzado); pending (pendiente), not yet approved.
    assert code == 0 and out.startswith("   1  pendiente   reforzado     Testville / ")
    assert out.rstrip().endswith("(propuesto por ana; aprobado por -; fuente: minutes)")
    run("target", "approve", "1", "--user", "ben")
    code, out, _ = run("target", "history", "--city", "Testville", "--lang", "es")
    # The targets in Spanish words; the JSON keeps "60 % by 2030" (an interface).
    assert code == 0 and "60 % para 2030 -> 70 % para 2030" in out
    assert "(propuesto por ana; aprobado por ben; fuente: minutes)" in out
    assert run("target", "list", "--pending", "--lang", "es")[1] == (
        "no hay cambios de objetivos pendientes\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--indicator", "nope", "--year", "2030", "--value", "1", "--source", "s",
          "--reason", "r"), "unknown indicator 'nope'"),
        (("--year", "2030", "--value", "70", "--reason", "r"), "a source is required"),
        (("--year", "2030", "--value", "70", "--source", "s"), "a reason is required"),
        (("--withdraw-year", "2031", "--source", "s", "--reason", "r"), "no target for 2031"),
    ],
    ids=["unknown indicator", "no source", "no reason", "nothing to withdraw"],
)  # fmt: skip
def test_a_bad_proposal_exits_1_with_a_message(run, args: tuple[str, ...], message: str) -> None:
    code, out, err = run(*PROPOSE, *args, "--user", "ana")
    assert code == 1 and message in err and out == ""
    assert run("target", "list")[1] == "no target changes\n"


def test_the_proposer_cannot_approve_and_exits_1(run) -> None:
    run(*PROPOSE, "--withdraw-year", "2045", "--source", "s", "--reason", "r", "--user", "ana")
    code, _, err = run("target", "approve", "1", "--user", "ana")
    assert code == 1 and "ana proposed target change 1 and may not review it" in err
    code, out, _ = run("target", "reject", "1", "--user", "ben", "--reason", "keep it")
    assert code == 0 and out == "target change 1: rejected\n"


def test_catalog_export_round_trips_through_init(run, tmp_path: Path) -> None:
    run(*PROPOSE, "--year", "2045", "--moves-from", "2045", "--range", "90", "100",
        "--source", "s", "--reason", "r", "--user", "ana")  # fmt: skip
    run("target", "approve", "1", "--user", "ben")
    out_dir = tmp_path / "exported"
    code, _, err = run("catalog", "export", "--out", str(out_dir))
    assert code == 0 and "wrote 1 definition files" in err
    written = yaml.safe_load((out_dir / "testville--green-deal.yaml").read_text())
    renewable = written["goals"][0]["indicators"][0]
    assert renewable["targets"][1] == {"year": 2045, "range": [90.0, 100.0], "source": "s"}
    code, out, _ = run("init", catalog=out_dir)
    assert code == 0
    assert out == "definitions: 0 added, 0 changed, 0 targets opened, 0 closed\n"


class _Inbox:
    def __init__(self) -> None:
        self.received: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, N802
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append((list(envelope.rcpt_tos), msg))
        return "250 OK"


@pytest.fixture
def inbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Inbox]:
    """A real SMTP server on a free local port, set as the app's SMTP server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = _Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("PLEDGES_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PLEDGES_SMTP_PORT", str(port))
    monkeypatch.setenv("PLEDGES_EDITOR_EMAILS", "ana@example.org, ben@example.org")
    yield handler
    controller.stop()


def test_a_proposal_is_mailed_to_the_other_editors(run, inbox: _Inbox) -> None:
    code, _, err = run(*PROPOSE, "--year", "2030", "--value", "50", "--source", "minutes",
                       "--reason", "budget cut", "--user", "ana@example.org")  # fmt: skip
    assert code == 0 and "asked ben@example.org to review it" in err
    [(to, msg)] = inbox.received
    assert to == ["ben@example.org"]
    assert msg["Subject"] == "Pledge Tracker: target change 1 to review (weakened)"
    body = msg.get_content()
    assert "Testville / green-deal / Renewable share: 60 % by 2030 -> 50 % by 2030" in body
    assert "Reason: budget cut" in body and "target approve 1" in body


def test_undo_is_proposed_and_reviewed_like_any_change(run) -> None:
    run(*PROPOSE, "--year", "2030", "--value", "70", "--source", "s", "--reason", "r",
        "--user", "ana")  # fmt: skip
    run("target", "approve", "1", "--user", "ben")
    code, out, _ = run("target", "undo", "1", "--user", "ben", "--reason", "a mistake")
    assert code == 0 and out.strip() == "2"
    assert run("target", "approve", "2", "--user", "ben")[0] == 1  # ben proposed the undo
    assert run("target", "approve", "2", "--user", "ana")[0] == 0
    rows = json.loads(run("target", "history", "--city", "Testville", "--format", "json")[1])
    assert [(r["old"], r["new"], r["change"]) for r in rows] == [
        ("60 % by 2030", "70 % by 2030", "strengthened"),
        ("70 % by 2030", "60 % by 2030", "weakened"),
    ]
