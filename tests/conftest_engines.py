"""Engine fixtures: the same test on SQLite and on a throwaway PostgreSQL cluster.

The cluster starts once per pytest run, only when a PostgreSQL-parametrized test asks for it;
each test gets its own empty database, dropped afterwards.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from pledges import catalog, store
from tests import pg
from tests.conftest import ticking_clock

ENGINES = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]
_numbers = itertools.count(1)

StoreMaker = Callable[[], store.Store]


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pg.Cluster]:
    """One throwaway PostgreSQL server for the whole run."""
    with pg.running() as cluster:
        yield cluster


def _admin(cluster: pg.Cluster) -> psycopg.Connection:
    return psycopg.connect(cluster.dsn(), autocommit=True)


@pytest.fixture
def pg_database(pg_cluster: pg.Cluster) -> Iterator[str]:
    """A fresh empty PostgreSQL database; its URL."""
    name = f"test_{next(_numbers)}"
    with _admin(pg_cluster) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield pg_cluster.url(name)
    with _admin(pg_cluster) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=ENGINES)
def engine_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An SQLAlchemy URL of an empty database, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'engine.db'}"
    return str(request.getfixturevalue("pg_database"))


@pytest.fixture
def make_store(engine_url: str) -> Iterator[StoreMaker]:
    """Open as many handles on the test's database as a test needs; all closed afterwards."""
    opened: list[store.Store] = []
    shared_clock = ticking_clock()

    def open_store() -> store.Store:
        handle = store.Store.open(engine_url, now=shared_clock)
        opened.append(handle)
        return handle

    yield open_store
    for handle in opened:
        handle.engine.dispose()


@pytest.fixture
def any_db(make_store: StoreMaker, catalog_dir: Path) -> store.Store:
    """A migrated database holding the small pledge, on each engine in turn."""
    handle = make_store()
    handle.migrate()
    handle.sync_catalog(catalog.load_pledges(catalog_dir))
    return handle
