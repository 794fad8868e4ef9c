"""Imports into PostgreSQL (a throwaway cluster): the command line's path against a raw COPY."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import psycopg

from bench import imports, timing
from pledges import catalog, service, store
from tests import pg

COPY = "COPY observations (indicator_id, period, value, method, source, note, batch_id) FROM STDIN"
_numbers = itertools.count(1)


def _admin(cluster: pg.Cluster, sql: str) -> None:
    with psycopg.connect(cluster.dsn(), autocommit=True) as conn:
        conn.execute(sql)


def template(cluster: pg.Cluster, item: imports.Upload) -> str:
    """A migrated database holding the synthetic catalog, cloned for every run; its name."""
    name = f"template_{item.rows}"
    _admin(cluster, f"CREATE DATABASE {name}")
    db = store.Store.open(cluster.url(name))
    db.migrate()
    db.sync_catalog(catalog.load_pledges(item.catalog_dir))
    db.engine.dispose()
    return name


def clone(cluster: pg.Cluster, template_name: str) -> str:
    """A fresh copy of the template database for one run; its name."""
    name = f"run_{next(_numbers)}"
    _admin(cluster, f"CREATE DATABASE {name} TEMPLATE {template_name}")
    return name


def drop(cluster: pg.Cluster, name: str) -> None:
    """Remove a run's database."""
    _admin(cluster, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _rows(conn: psycopg.Connection, item: imports.Upload) -> Iterator[tuple[object, ...]]:
    ids = dict(conn.execute("SELECT key, id FROM indicators").fetchall())
    batch_id = conn.execute(
        'INSERT INTO import_batches ("user", file_name, sha256, committed_at, added, changed, '
        "unchanged, removed, status) VALUES ('bench', 'raw', 'raw', now(), 0, 0, 0, 0, "
        "'committed') RETURNING id"
    ).fetchone()
    conn.commit()
    assert batch_id is not None
    frame = item.frame
    return zip(
        frame["indicator"].map(ids).astype(int).tolist(),
        frame["period"].tolist(),
        frame["value"].astype(float).tolist(),
        itertools.repeat(None),
        frame["source"].tolist(),
        itertools.repeat(None),
        itertools.repeat(batch_id[0]),
        strict=False,
    )


def measure_all(
    cluster: pg.Cluster, item: imports.Upload, runs: int = timing.RUNS
) -> dict[str, timing.Timing]:
    """CLI path, Store.commit and a raw psycopg COPY, each into a fresh clone of the template."""
    base = template(cluster, item)
    rows = item.rows
    label = f"{rows:,} rows"

    def open_store() -> tuple[str, store.Store]:
        name = clone(cluster, base)
        return name, store.Store.open(cluster.url(name))

    def close_store(prepared: tuple[str, store.Store]) -> None:
        prepared[1].engine.dispose()
        drop(cluster, prepared[0])

    def import_file(prepared: tuple[str, store.Store]) -> None:
        outcome = service.import_file(
            prepared[1],
            imports.EDITOR,
            item.data,
            "synthetic.csv",
            item.options,
            with_preview=False,
        )
        imports.check(outcome, rows)

    def commit(prepared: tuple[str, store.Store]) -> None:
        prepared[1].commit(item.frame, "bench", "synthetic.csv", "sha-synthetic")

    def open_raw() -> tuple[str, psycopg.Connection, list[tuple[object, ...]]]:
        name = clone(cluster, base)
        conn = psycopg.connect(cluster.dsn(name))
        return name, conn, list(_rows(conn, item))

    def raw(prepared: tuple[str, psycopg.Connection, list[tuple[object, ...]]]) -> None:
        conn = prepared[1]
        with conn.cursor() as cursor, cursor.copy(COPY) as copy:
            for row in prepared[2]:
                copy.write_row(row)
        conn.commit()

    def close_raw(prepared: tuple[str, psycopg.Connection, list[tuple[object, ...]]]) -> None:
        prepared[1].close()
        drop(cluster, prepared[0])

    plans = {
        "cli": timing.Plan(
            f"CLI path (service.import_file) into PostgreSQL, {label}",
            import_file,
            open_store,
            close_store,
            rows,
        ),
        "commit": timing.Plan(
            f"Store.commit (COPY) into PostgreSQL, {label}", commit, open_store, close_store, rows
        ),
        "raw": timing.Plan(
            f"raw psycopg COPY, one transaction, {label}", raw, open_raw, close_raw, rows
        ),
    }
    found = timing.measure_together(list(plans.values()), runs)
    drop(cluster, base)
    return dict(zip(plans, found, strict=True))
