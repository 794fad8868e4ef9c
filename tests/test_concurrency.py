"""Many editors at once, on both engines: no lost rows, no half batches, no locked database."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import event

from pledges import model, service, settings, store
from tests.conftest_engines import StoreMaker

WRITERS = 8
READERS = 3
DAYS = 60  # rows per indicator per file; each file has two indicators
HEADER = "city,pledge,indicator,period,value,unit,source,note\n"
JOIN_SECONDS = 120


def synthetic_file(number: int) -> bytes:
    """File `number`: daily values of both Testville indicators on days no other file uses."""
    start = dt.date(1990, 1, 1) + dt.timedelta(days=number * DAYS)
    lines = []
    for offset in range(DAYS):
        day = (start + dt.timedelta(days=offset)).isoformat()
        lines.append(f"Testville,green-deal,renewable-share,{day},{number + offset / 100},%,syn,\n")
        lines.append(f"Testville,green-deal,emissions,{day},{1000 - number - offset},kt,syn,\n")
    return (HEADER + "".join(lines)).encode("utf-8")


def run_threads(targets: list[Callable[[], None]]) -> list[Exception]:
    """Run each target on its own thread; the exceptions they raised, and none left running."""
    failures: list[Exception] = []

    def guarded(target: Callable[[], None]) -> None:
        try:
            target()
        except Exception as failure:  # reported to the test below
            failures.append(failure)

    threads = [threading.Thread(target=guarded, args=(t,), daemon=True) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_SECONDS)
    assert not any(t.is_alive() for t in threads), "a thread is stuck: deadlock?"
    return failures


def test_eight_editors_import_while_others_read(
    any_db: store.Store, make_store: StoreMaker
) -> None:
    files = [synthetic_file(n) for n in range(WRITERS)]
    start = threading.Barrier(WRITERS + READERS)
    writers_done = threading.Event()
    finished = threading.Lock()
    outcomes: dict[int, model.Batch | None] = {}
    seen_partial: list[dict[int, int]] = []
    reads = [0]

    def writer(number: int) -> Callable[[], None]:
        def import_one() -> None:
            handle = make_store()  # a process of its own, as behind a load balancer
            editor = model.Actor(f"editor-{number}", "editor")
            start.wait()
            outcome = service.import_file(handle, editor, files[number], f"f{number}.csv")
            with finished:
                outcomes[number] = outcome.batch
                if len(outcomes) == WRITERS:
                    writers_done.set()

        return import_one

    def reader() -> None:
        start.wait()
        while True:
            last_round = writers_done.is_set()
            frame = any_db.observations(city="Testville")
            per_batch = frame.groupby("batch_id").size().to_dict()
            partial = {b: n for b, n in per_batch.items() if n != 2 * DAYS}
            if partial:
                seen_partial.append(partial)
            statuses = service.assess(any_db, "Testville")
            assert len(statuses) == 2
            reads[0] += 1
            if last_round:
                return

    failures = run_threads([writer(n) for n in range(WRITERS)] + [reader] * READERS)

    assert failures == []
    assert seen_partial == []
    assert reads[0] >= READERS
    batches = [outcomes[n] for n in range(WRITERS)]
    assert all(b is not None and b.status == "committed" for b in batches)
    assert sorted(b.added for b in batches if b) == [2 * DAYS] * WRITERS
    assert len({b.id for b in batches if b}) == WRITERS
    stored = any_db.observations(city="Testville")
    assert len(stored) == WRITERS * 2 * DAYS
    assert not stored.duplicated(["indicator", "period"]).any()
    assert stored.groupby("batch_id").size().tolist() == [2 * DAYS] * WRITERS
    expected_days = {dt.date(1990, 1, 1) + dt.timedelta(days=d) for d in range(WRITERS * DAYS)}
    assert set(stored["period"]) == expected_days


@pytest.mark.parametrize("attempts", [2, 4], ids=["two", "four"])
def test_the_same_file_at_the_same_moment_makes_one_batch(
    any_db: store.Store, make_store: StoreMaker, attempts: int
) -> None:
    data = synthetic_file(0)
    start = threading.Barrier(attempts)
    batches: list[model.Batch | None] = []

    def import_same() -> None:
        handle = make_store()
        start.wait()
        batches.append(service.import_file(handle, service.SEED_USER, data, "same.csv").batch)

    assert run_threads([import_same] * attempts) == []
    statuses = sorted(b.status for b in batches if b)
    assert statuses == ["committed"] + ["duplicate"] * (attempts - 1)
    assert len({b.id for b in batches if b}) == 1
    assert len(any_db.history()) == 1
    assert len(any_db.observations()) == 2 * DAYS


MIGRATE = "import sys; from pledges import store; store.Store.open(sys.argv[1]).migrate()"


def test_processes_starting_together_migrate_once(make_store: StoreMaker, engine_url: str) -> None:
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", MIGRATE, engine_url],
            cwd=settings.PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [p.communicate(timeout=JOIN_SECONDS) for p in processes]
    assert [(p.returncode, err) for p, (_, err) in zip(processes, results, strict=True)] == [
        (0, "")
    ] * len(processes)
    with make_store().engine.connect() as conn:
        versions = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        tables = conn.exec_driver_sql("SELECT count(*) FROM observations").scalar()
    assert versions == [(store.engine.head_revision(),)]
    assert tables == 0


def test_threads_of_one_process_migrate_one_at_a_time(make_store: StoreMaker) -> None:
    handles = [make_store() for _ in range(3)]
    start = threading.Barrier(len(handles))

    def migrate(handle: store.Store) -> Callable[[], None]:
        def run() -> None:
            start.wait()
            handle.migrate()

        return run

    assert run_threads([migrate(h) for h in handles]) == []
    with handles[0].engine.connect() as conn:
        versions = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    assert versions == [(store.engine.head_revision(),)]


def test_an_sqlite_upgrade_is_one_transaction(tmp_path: Path) -> None:
    # Every migration from an empty file to the head in one commit, so a process that waits on
    # the write lock finds either nothing or the whole schema, never half of the steps.
    db = store.Store.open(f"sqlite:///{tmp_path / 'one.db'}")
    commits: list[str] = []
    event.listen(db.engine, "commit", lambda conn: commits.append("commit"))
    db.migrate()
    assert commits == ["commit"]
    with db.engine.connect() as conn:
        versions = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    assert versions == [(store.engine.head_revision(),)]
