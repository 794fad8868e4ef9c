"""Nothing stored is lost or half-changed: refused files, and a process killed mid-import."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from pledges import catalog, model, service, store
from tests.conftest import long_frame

ROOT = Path(__file__).resolve().parent.parent
HEADER = "city,pledge,indicator,period,value,unit,source,note,method\n"


def test_a_refused_file_leaves_the_export_unchanged(db: store.Store) -> None:
    db.commit(long_frame([("renewable-share", 2019, 34.0)]), "ana", "a.csv", "a")
    before = service.export_csv(db)
    bad = (
        HEADER + "Testville,green-deal,renewable-share,2019,99,%,x,,\n"
        "Testville,green-deal,renewable-share,2020,n/a,%,x,,\n"
    ).encode()
    outcome = service.import_file(db, model.Actor("ana", "editor"), bad, "bad.csv")
    assert not outcome.ok and outcome.batch is None
    assert service.export_csv(db) == before
    assert len(db.history()) == 1


KILLED_IMPORT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from pledges import model, service, store

    db = store.Store.open(sys.argv[1])
    data = Path(sys.argv[2]).read_bytes()

    def halfway(done, total):
        print(f"progress {done} {total}", flush=True)
        if done < total:
            sys.stdin.readline()  # the parent kills us here, mid-transaction

    service.import_file(db, model.Actor("ana", "editor"), data, "big.csv", on_progress=halfway)
    print("finished", flush=True)
    """
)


def test_sigkill_mid_import_leaves_the_database_unchanged(
    tmp_path: Path, catalog_dir: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    db = store.Store.open(url)
    db.migrate()
    db.sync_catalog(catalog.load_pledges(catalog_dir))
    db.commit(long_frame([("renewable-share", 2019, 34.0)]), "ana", "a.csv", "a")
    before = service.export_csv(db)
    # Synthetic: 120,000 daily values so the store writes several chunks (all before today).
    first = dt.date(1690, 1, 1)
    rows = [
        f"Testville,green-deal,emissions,{first + dt.timedelta(days=i)},{i},kt,synthetic,,\n"
        for i in range(120_000)
    ]
    big = tmp_path / "big.csv"
    big.write_text(HEADER + "".join(rows), encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT, url, str(big)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("progress"), line
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    after = store.Store.open(url)
    with after.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert service.export_csv(after) == before
    assert [b.file_name for b in after.history()] == ["a.csv"]
