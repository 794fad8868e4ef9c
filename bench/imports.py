"""Imports into SQLite: the command line's code path against raw sqlite3 and pandas.to_sql."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from bench import synthetic, timing
from pledges import catalog, ingest, model, service, store

EDITOR = model.Actor("bench", "editor")
INSERT = (
    "INSERT INTO observations (indicator_id, period, value, method, source, note, batch_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)
# The store's own connection settings (pledges.store.engine), so raw runs under the same rules.
PRAGMAS = ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=30000", "synchronous=NORMAL")


@dataclass(frozen=True)
class Upload:
    """One synthetic upload of `rows` rows: the file, the validated frame, the catalog."""

    rows: int
    data: bytes
    frame: pd.DataFrame
    catalog_dir: Path

    @property
    def options(self) -> ingest.Options:
        """Limits raised explicitly for the bench: the 1M-row file exceeds the upload limits."""
        return ingest.Options(max_rows=self.rows + 1, max_bytes=len(self.data) + 1)


def upload(folder: Path, rows: int) -> Upload:
    """Generate the synthetic file and the catalog it names."""
    frame = synthetic.long_frame(rows)
    indicators, _ = synthetic.shape(rows)
    catalog_dir = synthetic.write_catalog(folder / f"catalog-{rows}", indicators)
    return Upload(rows, synthetic.csv_bytes(frame), frame, catalog_dir)


def template(folder: Path, item: Upload) -> Path:
    """A migrated SQLite file holding the synthetic catalog, copied for every run."""
    path = folder / f"template-{item.rows}.db"
    db = store.Store.open(f"sqlite:///{path}")
    db.migrate()
    db.sync_catalog(catalog.load_pledges(item.catalog_dir))
    db.engine.dispose()
    return path


def fresh(template_file: Path) -> Path:
    """A copy of the template for one run."""
    path = template_file.with_name(f"run-{template_file.stem}.db")
    shutil.copyfile(template_file, path)
    return path


def remove(path: Path) -> None:
    """Delete a run's database and its WAL files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def indicator_ids(path: Path) -> dict[str, int]:
    """Synthetic indicator key -> id in a template database."""
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("SELECT key, id FROM indicators").fetchall())


def table_frame(item: Upload, ids: dict[str, int], batch_id: int) -> pd.DataFrame:
    """The upload as rows of the observations table (what raw inserts and to_sql write)."""
    return pd.DataFrame(
        {
            "indicator_id": item.frame["indicator"].map(ids).astype(int),
            "period": [p.isoformat() for p in item.frame["period"]],
            "value": item.frame["value"].astype(float),
            "method": None,
            "source": item.frame["source"],
            "note": None,
            "batch_id": batch_id,
        }
    )


def _open_raw(path: Path) -> tuple[sqlite3.Connection, int]:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(f"PRAGMA {pragma}")
    conn.execute(
        "INSERT INTO import_batches (user, file_name, sha256, committed_at, added, changed, "
        "unchanged, removed, status) VALUES ('bench', 'raw', 'raw', '2026-01-01 00:00:00', "
        "0, 0, 0, 0, 'committed')"
    )
    return conn, int(conn.execute("SELECT max(id) FROM import_batches").fetchone()[0])


def check(outcome: service.ImportOutcome, rows: int) -> None:
    """Fail the bench loudly if the synthetic file was not stored whole."""
    if outcome.batch is None or outcome.batch.added != rows:
        problems = [(i.code, i.row, i.column) for i in outcome.result.report.issues[:5]]
        raise RuntimeError(f"the synthetic import did not store {rows} rows: {problems}")


def measure_all(folder: Path, item: Upload, runs: int = timing.RUNS) -> dict[str, timing.Timing]:
    """CLI path, Store.commit, raw executemany and to_sql, each on a fresh copy of the template."""
    base = template(folder, item)
    ids = indicator_ids(base)
    rows = item.rows
    label = f"{rows:,} rows"

    def open_store() -> tuple[Path, store.Store]:
        path = fresh(base)
        return path, store.Store.open(f"sqlite:///{path}")

    def close_store(prepared: tuple[Path, store.Store]) -> None:
        prepared[1].engine.dispose()
        remove(prepared[0])

    def import_file(prepared: tuple[Path, store.Store]) -> None:
        outcome = service.import_file(
            prepared[1], EDITOR, item.data, "synthetic.csv", item.options, with_preview=False
        )
        check(outcome, rows)

    def commit(prepared: tuple[Path, store.Store]) -> None:
        prepared[1].commit(item.frame, "bench", "synthetic.csv", "sha-synthetic")

    def open_raw() -> tuple[Path, sqlite3.Connection, list[tuple[object, ...]]]:
        path = fresh(base)
        conn, batch_id = _open_raw(path)
        table = table_frame(item, ids, batch_id)
        return path, conn, list(table.itertuples(index=False, name=None))

    def raw(prepared: tuple[Path, sqlite3.Connection, list[tuple[object, ...]]]) -> None:
        conn = prepared[1]
        conn.execute("BEGIN")
        conn.executemany(INSERT, prepared[2])
        conn.execute("COMMIT")

    def close_raw(prepared: tuple[Path, sqlite3.Connection, list[tuple[object, ...]]]) -> None:
        prepared[1].close()
        remove(prepared[0])

    def open_pandas() -> tuple[Path, sa.Engine, pd.DataFrame]:
        path = fresh(base)
        conn, batch_id = _open_raw(path)
        conn.close()
        return path, store.engine.create(f"sqlite:///{path}"), table_frame(item, ids, batch_id)

    def to_sql(prepared: tuple[Path, sa.Engine, pd.DataFrame]) -> None:
        prepared[2].to_sql("observations", prepared[1], if_exists="append", index=False)

    def close_pandas(prepared: tuple[Path, sa.Engine, pd.DataFrame]) -> None:
        prepared[1].dispose()
        remove(prepared[0])

    plans = {
        "cli": timing.Plan(
            f"CLI path (service.import_file), {label}", import_file, open_store, close_store, rows
        ),
        "commit": timing.Plan(
            f"Store.commit of the validated frame, {label}", commit, open_store, close_store, rows
        ),
        "raw": timing.Plan(
            f"raw sqlite3 executemany, one transaction, {label}", raw, open_raw, close_raw, rows
        ),
        "to_sql": timing.Plan(f"pandas.to_sql, {label}", to_sql, open_pandas, close_pandas, rows),
    }
    found = timing.measure_together(list(plans.values()), runs)
    return dict(zip(plans, found, strict=True))
