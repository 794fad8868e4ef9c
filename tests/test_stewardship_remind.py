"""`remind` against a real SMTP server on a free port (aiosmtpd): sent once, refusals retried."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from pledges import catalog, service, settings, store
from pledges.stewardship import reminders
from tests.conftest import SMALL_PLEDGE, ticking_clock

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 3, 10)
# renewable-share: owned by Ana (a@...), emissions by the Climate team (b@...), yearly by 03-31
STEWARDED = SMALL_PLEDGE.replace(
    "        baseline: {year: 2015",
    "        owner: {name: Ana Energy, team: Energy, email: a@example.org}\n"
    "        baseline: {year: 2015",
    1,
).replace(
    '  source: "Synthetic test definition"\n',
    '  source: "Synthetic test definition"\n'
    "  owner: {team: Climate, email: b@example.org}\n"
    '  cadence: {every: year, due: "03-31"}\n',
    1,
)
# 2024's renewable share is in, so 2025's is due 2026-03-31: 21 days after TODAY, "due soon";
# emissions have none: "never reported", the last year ended being 2025 (due 2026-03-31)
SEED = (
    "city,pledge,indicator,period,value,unit,source\n"
    "Testville,green-deal,renewable-share,2024,41,%,synthetic\n"
)


class Recorder:
    """An SMTP handler that keeps what it receives and refuses the recipients it is told to."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], email.message.EmailMessage]] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: ANN001, N802
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, N802
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append((list(envelope.rcpt_tos), msg))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp() -> Iterator[tuple[Recorder, int]]:
    """A real SMTP server on localhost for the test's life."""
    handler = Recorder()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@pytest.fixture
def catalog_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "defs"
    folder.mkdir()
    (folder / "testville--green-deal.yaml").write_text(STEWARDED, encoding="utf-8")
    return folder


def _ready(url: str, folder: Path) -> store.Store:
    db = store.Store.open(url, now=ticking_clock())
    db.migrate()
    db.sync_catalog(catalog.load_pledges(folder))
    outcome = service.import_file(db, service.SEED_USER, SEED.encode(), "seed.csv")
    assert outcome.ok, outcome.result.report
    return db


def _run(db: store.Store, port: int) -> reminders.Outcome:
    config = settings.load(
        {
            "PLEDGES_SMTP_HOST": "127.0.0.1",
            "PLEDGES_SMTP_PORT": str(port),
            "PLEDGES_PUBLIC_URL": "https://pledges.example.org",
            "PLEDGES_MAIL_FROM": "tracker@example.org",
        }
    )
    owed, _ = service.reminders_owed(db, TODAY, config.due_soon_days)
    return service.send_reminders(db, owed, TODAY, config)


def test_one_message_per_owner_then_nothing(
    smtp: tuple[Recorder, int], tmp_path: Path, catalog_folder: Path
) -> None:
    handler, port = smtp
    db = _ready(f"sqlite:///{tmp_path / 'r.db'}", catalog_folder)
    first = _run(db, port)
    assert [r.email for r in first.sent] == ["a@example.org", "b@example.org"]
    by_rcpt = {tuple(rcpts): msg for rcpts, msg in handler.received}
    assert set(by_rcpt) == {("a@example.org",), ("b@example.org",)}
    ana = by_rcpt[("a@example.org",)]
    assert ana["Subject"] == "Pledge Tracker: Testville data to send (1 due soon)"
    assert ana["From"] == "tracker@example.org"
    text = ana.get_body(("plain",)).get_content()
    html = ana.get_body(("html",)).get_content()
    assert "Hello Ana Energy (Energy)," in text
    # 2025's value is due March 31, 2026: 21 days after 10 March
    line = "- Renewable share — Testville Green Deal: the value for 2025 is due March 31, 2026"
    assert f"{line}, in 21 days" in text
    assert "Emissions" not in text
    assert "https://pledges.example.org/upload" in text
    assert '<a href="https://pledges.example.org/upload">' in html and "Renewable share" in html
    climate = by_rcpt[("b@example.org",)]
    assert climate["Subject"] == "Pledge Tracker: Testville data to send (1 never reported)"
    assert (
        "- Emissions — Testville Green Deal: the value for 2025 is due March 31, 2026; "
        "no value has been reported yet"
    ) in climate.get_body(("plain",)).get_content()
    assert [r["email"] for r in db.reminders_sent(TODAY)] == ["a@example.org", "b@example.org"]

    again = _run(db, port)
    assert again.sent == [] and len(again.already) == 2
    assert len(handler.received) == 2


def test_refused_recipient_is_not_recorded_and_is_retried(
    smtp: tuple[Recorder, int], tmp_path: Path, catalog_folder: Path
) -> None:
    handler, port = smtp
    db = _ready(f"sqlite:///{tmp_path / 'r.db'}", catalog_folder)
    handler.refuse = {"b@example.org"}
    first = _run(db, port)
    assert [r.email for r in first.sent] == ["a@example.org"]
    assert [(r.email, why.split(":")[0]) for r, why in first.failed] == [
        ("b@example.org", "SMTPRecipientsRefused")
    ]
    assert [r["email"] for r in db.reminders_sent(TODAY)] == ["a@example.org"]
    with db.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM reminders")).scalar() == 1
    handler.refuse = set()
    second = _run(db, port)
    assert [r.email for r in second.sent] == ["b@example.org"]
    assert [rcpts for rcpts, _ in handler.received] == [["a@example.org"], ["b@example.org"]]


def test_a_down_server_records_nothing(tmp_path: Path, catalog_folder: Path) -> None:
    db = _ready(f"sqlite:///{tmp_path / 'r.db'}", catalog_folder)
    outcome = _run(db, _free_port())  # nobody listens there
    assert outcome.sent == [] and len(outcome.failed) == 2
    assert db.reminders_sent() == []


@pytest.mark.parametrize(
    "engine", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_two_remind_processes_send_each_message_once(
    engine: str,
    request: pytest.FixtureRequest,
    smtp: tuple[Recorder, int],
    tmp_path: Path,
    catalog_folder: Path,
) -> None:
    handler, port = smtp
    url = (
        f"sqlite:///{tmp_path / 'r.db'}"
        if engine == "sqlite"
        else str(request.getfixturevalue("pg_database"))
    )
    _ready(url, catalog_folder).engine.dispose()
    env = {
        **os.environ,
        "PLEDGES_DATABASE_URL": url,
        "PLEDGES_CATALOG": str(catalog_folder),
        "PLEDGES_SMTP_HOST": "127.0.0.1",
        "PLEDGES_SMTP_PORT": str(port),
        "PLEDGES_PUBLIC_URL": "https://pledges.example.org",
    }
    command = [sys.executable, "-m", "pledges", "remind", "--as-of", TODAY.isoformat()]
    runs = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert sorted(rcpts[0] for rcpts, _ in handler.received) == ["a@example.org", "b@example.org"]
    joined = "".join(outputs)
    assert joined.count("sent to ") == 2
    assert joined.count("already sent today") == 2
