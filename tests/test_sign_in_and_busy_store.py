"""Sign-in costs one hash check whether the name exists or not, never waits on an import, and
an import that finds the SQLite database held past the busy bound says so in words."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import argon2
import pytest
import sqlalchemy as sa

from pledges import catalog, cli, errors, model, service, store
from pledges.auth import passwords
from pledges.store import attempts
from pledges.store import engine as store_engine

PASSWORD = "correct horse battery"
EDITOR = model.Actor("ana", "editor")
CSV = (
    b"city,pledge,indicator,period,value,unit,source\n"
    b"Testville,green-deal,emissions,2021,700,kt,synthetic test row\n"
)


@pytest.fixture
def creds(tmp_path: Path) -> Path:
    path = tmp_path / "credentials.json"
    assert passwords.add_user("alice", PASSWORD, path=path) is None
    return path


@pytest.fixture
def hash_calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often argon2 hashed and verified, counted around the real calls."""
    counts = {"hash": 0, "verify": 0}
    real_hash, real_verify = argon2.PasswordHasher.hash, argon2.PasswordHasher.verify

    def counted_hash(self: argon2.PasswordHasher, *args: object, **kw: object) -> str:
        counts["hash"] += 1
        return real_hash(self, *args, **kw)  # type: ignore[arg-type]

    def counted_verify(self: argon2.PasswordHasher, *args: object, **kw: object) -> bool:
        counts["verify"] += 1
        return real_verify(self, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(argon2.PasswordHasher, "hash", counted_hash)
    monkeypatch.setattr(argon2.PasswordHasher, "verify", counted_verify)
    return counts


@pytest.mark.parametrize(
    ("name", "password"),
    [
        ("alice", "a wrong password"),
        ("nobody-here", "a wrong password"),
        ("alice", PASSWORD),
        ("not a valid name!", "a wrong password"),
    ],
    ids=["known-name-wrong", "unknown-name", "known-name-right", "impossible-name"],
)
def test_every_sign_in_costs_exactly_one_hash_check_and_the_same_hashing(
    db: store.Store, creds: Path, hash_calls: dict[str, int], name: str, password: str
) -> None:
    # A fresh process: the dummy hash is made once, on the first sign-in, whatever the name.
    passwords._dummy_hash.cache_clear()
    passwords.verify(name, password, log=attempts.AttemptLog(db.engine), path=creds)
    assert hash_calls == {"hash": 1, "verify": 1}
    # The next sign-in of the process: one check, nothing hashed.
    passwords.verify(name, password, log=attempts.AttemptLog(db.engine), path=creds)
    assert hash_calls == {"hash": 1, "verify": 2}


@pytest.fixture
def short_busy(monkeypatch: pytest.MonkeyPatch) -> int:
    """Busy retries bounded at 0.2 s instead of 30 s, for engines made from now on."""
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 200)
    return 200


@pytest.fixture
def held(db: store.Store) -> Iterator[sqlite3.Connection]:
    """Another process's long write: the database file's write lock held until the test ends."""
    path = db.engine.url.database
    assert path is not None
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE cities SET country = country")
    yield other
    other.execute("ROLLBACK")
    other.close()


def test_an_editor_signs_in_while_an_import_holds_the_sqlite_store(
    db: store.Store, creds: Path, held: sqlite3.Connection
) -> None:
    log = attempts.AttemptLog.of_store(db.engine)
    wrong = passwords.verify("alice", "a wrong password", log=log, path=creds)
    assert isinstance(wrong, passwords.Refusal) and "4 attempts left" in wrong.message
    assert passwords.verify("alice", PASSWORD, log=log, path=creds) == model.Actor(
        "alice", "editor"
    )
    # The counters live beside the database, not in the file the import holds.
    assert log.engine.url.database == f"{Path(str(db.engine.url.database)).resolve()}-sign-in"


def test_an_import_into_a_held_sqlite_store_waits_its_bound_then_says_so(
    tmp_path: Path, catalog_dir: Path, short_busy: int, monkeypatch, capsys
) -> None:
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    db = store.Store.open(url)
    db.migrate()
    db.sync_catalog(catalog.load_pledges(catalog_dir))
    other = sqlite3.connect(str(tmp_path / "busy.db"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(errors.StoreBusy, match="Another import is running; try again"):
            service.import_file(db, EDITOR, CSV, "held.csv")
        upload = tmp_path / "held.csv"
        upload.write_bytes(CSV)
        monkeypatch.setenv("PLEDGES_CATALOG", str(catalog_dir))
        code = cli.main(["--database", url, "import", str(upload), "--user", "ana"])
        assert code == cli.BAD_INPUT
        err = capsys.readouterr().err
        assert "Another import is running; try again" in err and "Traceback" not in err
    finally:
        other.execute("ROLLBACK")
        other.close()
    # Nothing was half-written, and once the other writer is done the same import goes in.
    assert db.history() == []
    assert service.import_file(db, EDITOR, CSV, "held.csv").batch is not None


@pytest.mark.postgres
def test_on_postgresql_a_sign_in_never_queues_behind_the_import_lock(
    pg_database: str, creds: Path
) -> None:
    # Any lock wait over 5 s fails the sign-in instead of hanging the test.
    waits_5s = sa.create_engine(pg_database, connect_args={"options": "-c lock_timeout=5000"})
    db = store.Store(waits_5s)
    db.migrate()
    importer = waits_5s.connect()
    importer.begin()
    importer.execute(
        sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": store_engine.WRITE_LOCK_KEY}
    )
    try:
        log = attempts.AttemptLog.of_store(waits_5s)
        assert log.engine is waits_5s
        # A sign-in's write takes the sign-in lock, which the import does not hold.
        wrong = passwords.verify("alice", "a wrong password", log=log, path=creds)
        assert isinstance(wrong, passwords.Refusal) and "4 attempts left" in wrong.message
        assert passwords.verify("alice", PASSWORD, log=log, path=creds) == model.Actor(
            "alice", "editor"
        )
    finally:
        importer.rollback()
        importer.close()
        waits_5s.dispose()
