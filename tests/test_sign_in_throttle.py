"""Sign-in throttling kept in the store, keyed by (client address, name): sprays, brute force,
which address counts, and that a failure never rewrites the credentials file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from pledges import model, settings, store
from pledges.auth import passwords, throttle
from pledges.store import attempts

START = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
RULES = passwords.Lockout(attempts=5, minutes=15)
ALICE, BOB = ("alice", "alice's long password"), ("bob", "bob's long password")
ATTACKER = "198.51.100.7"  # documentation ranges (RFC 5737)


class Clock:
    """A clock the test moves by hand (never sleeps)."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def creds(tmp_path: Path) -> Path:
    path = tmp_path / "credentials.json"
    for name, password in (ALICE, BOB):
        assert passwords.add_user(name, password, path=path) is None
    return path


@pytest.fixture
def log(db: store.Store) -> attempts.AttemptLog:
    return attempts.AttemptLog(db.engine)


def sign_in(log, creds, clock, name, password, address):
    return passwords.verify(
        name, password, log=log, address=address, path=creds, clock=clock, lockout=RULES
    )


def rows(log: attempts.AttemptLog) -> int:
    with log.engine.connect() as conn:
        return int(conn.execute(sa.text("SELECT count(*) FROM sign_in_attempts")).scalar_one())


SPRAYS = {
    # 25 guesses at each real name from one address, the editors at their own desks
    "real-names-from-one-address": (
        [(name, ATTACKER) for name in ("alice", "bob") for _ in range(25)],
        {"alice": "203.0.113.10", "bob": "203.0.113.11"},
    ),
    # 50 other names from the editors' own (shared, e.g. office NAT) address
    "other-names-from-the-editors-address": (
        [(f"user{i}", "203.0.113.10") for i in range(50)],
        {"alice": "203.0.113.10", "bob": "203.0.113.10"},
    ),
}


@pytest.mark.parametrize(("spray", "desks"), SPRAYS.values(), ids=SPRAYS.keys())
def test_two_editors_sign_in_after_a_spray_of_fifty_bad_attempts(
    log, creds: Path, spray, desks
) -> None:
    clock = Clock()
    before = creds.read_bytes()
    results = [sign_in(log, creds, clock, name, "Winter2025!", addr) for name, addr in spray]
    assert len(results) == 50
    assert all(isinstance(r, passwords.Refusal) for r in results)
    for name, password in (ALICE, BOB):
        result = sign_in(log, creds, clock, name, password, desks[name])
        assert result == model.Actor(name, "editor")
    # Fifty failures, and the credentials file is the same bytes: nothing rewrote it.
    assert creds.read_bytes() == before


def test_a_brute_force_on_one_name_from_one_address_is_refused_with_when_to_retry(
    log, creds: Path
) -> None:
    clock = Clock()
    codes = [sign_in(log, creds, clock, "alice", f"guess {i}", ATTACKER) for i in range(5)]
    assert [r.code for r in codes] == ["mismatch"] * 5
    assert "4 attempts left" in codes[0].message and "1 attempt left" in codes[3].message
    # By hand: locked at 09:00 for 15 minutes, so until 09:15 UTC.
    clock.now = START + dt.timedelta(minutes=6)
    refused = sign_in(log, creds, clock, "alice", ALICE[1], ATTACKER)
    assert refused.code == "locked"
    assert refused.locked_until == dt.datetime(2025, 3, 1, 9, 15, tzinfo=dt.UTC)
    assert "until 09:15 UTC (about 9 minutes)" in refused.message
    # Meanwhile alice at her own desk is not locked out.
    assert sign_in(log, creds, clock, *ALICE, "203.0.113.10") == model.Actor("alice", "editor")
    clock.now = START + dt.timedelta(minutes=15)
    assert sign_in(log, creds, clock, *ALICE, ATTACKER) == model.Actor("alice", "editor")


def test_the_lock_shows_in_the_user_list_and_unlock_clears_it_from_every_address(
    log, creds: Path
) -> None:
    clock = Clock()
    for address in (ATTACKER, "198.51.100.8"):
        for i in range(5):
            sign_in(log, creds, clock, "bob", f"guess {i}", address)
    users = passwords.list_users(path=creds, clock=clock, log=log)
    assert [(u.name, u.locked_until) for u in users] == [
        ("alice", None),
        ("bob", START + dt.timedelta(minutes=15)),
    ]
    assert passwords.unlock_user("bob", log=log) is True
    assert sign_in(log, creds, clock, *BOB, ATTACKER) == model.Actor("bob", "editor")


def test_stale_runs_are_dropped_so_a_spray_does_not_grow_the_table(log, creds: Path) -> None:
    clock = Clock()
    for i in range(50):
        sign_in(log, creds, clock, f"user{i}", "guess", ATTACKER)
    assert rows(log) == 50
    clock.now = START + dt.timedelta(minutes=15)
    sign_in(log, creds, clock, "someone", "guess", ATTACKER)
    assert rows(log) == 1


@pytest.mark.parametrize(
    ("peer", "forwarded", "hops", "expected"),
    [
        ("198.51.100.7", [], 0, "198.51.100.7"),
        (None, [], 0, throttle.LOCAL),
        ("10.0.0.2", ["203.0.113.9"], 0, "10.0.0.2"),
        ("10.0.0.2", ["203.0.113.9"], 1, "203.0.113.9"),
        ("10.0.0.2", ["6.6.6.6, 203.0.113.9"], 1, "203.0.113.9"),
        ("10.0.0.2", ["6.6.6.6", "203.0.113.9, 10.0.0.1"], 2, "203.0.113.9"),
        ("10.0.0.2", [], 1, "10.0.0.2"),
    ],
    ids=[
        "direct",
        "localhost",
        "header-ignored-without-proxy",
        "one-proxy",
        "forged-entry-ignored",
        "two-proxies-two-headers",
        "proxy-set-but-no-header",
    ],
)
def test_which_address_is_throttled(peer, forwarded, hops, expected) -> None:
    assert throttle.client_address(peer, forwarded, hops) == expected


def test_proxy_hops_setting() -> None:
    assert settings.load({}).proxy_hops == 0
    assert settings.load({"PLEDGES_PROXY_HOPS": "1"}).proxy_hops == 1


def test_each_lock_in_a_row_is_twice_as_long_and_a_quiet_spell_starts_afresh(
    log, creds: Path
) -> None:
    clock = Clock()
    for i in range(5):
        sign_in(log, creds, clock, "alice", f"guess {i}", ATTACKER)
    # The first lock ends at 09:15; four more guesses then, and the fifth locks for 30 minutes.
    clock.now = START + dt.timedelta(minutes=15)
    fourth = [sign_in(log, creds, clock, "alice", f"again {i}", ATTACKER) for i in range(4)][-1]
    assert "1 attempt left before this name is locked here for 30 minutes" in fourth.message
    fifth = sign_in(log, creds, clock, "alice", "again 4", ATTACKER)
    assert fifth.locked_until == dt.datetime(2025, 3, 1, 9, 45, tzinfo=dt.UTC)
    clock.now = dt.datetime(2025, 3, 1, 9, 44, tzinfo=dt.UTC)
    assert sign_in(log, creds, clock, *ALICE, ATTACKER).code == "locked"
    # Quiet for 15 minutes after that lock (09:45 + 15 = 10:00): a fresh run of five.
    clock.now = dt.datetime(2025, 3, 1, 10, 0, tzinfo=dt.UTC)
    fresh = sign_in(log, creds, clock, "alice", "late guess", ATTACKER)
    assert "4 attempts left before this name is locked here for 15 minutes" in fresh.message


@pytest.mark.parametrize(
    ("level", "minutes"),
    # 15 doubled each time: 15, 30, 60, ... 960; the eighth (1920) is capped at a day (1440).
    [(1, 15), (2, 30), (3, 60), (7, 960), (8, 1440), (40, 1440)],
)
def test_lock_lengths(level: int, minutes: int) -> None:
    assert RULES.lock_length(level) == dt.timedelta(minutes=minutes)
