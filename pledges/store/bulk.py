"""Bulk writes in the open transaction: COPY or a streamed executemany, dates as drivers want."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence

import numpy as np
import pandas as pd
import sqlalchemy as sa

CHUNK = 50_000
ProgressCallback = Callable[[int, int], None]


def mark(conn: sa.Connection) -> str:
    """The driver's parameter marker: `?` for sqlite3, `%s` for psycopg."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def placeholders(conn: sa.Connection, n: int) -> str:
    return ", ".join([mark(conn)] * n)


def period_param(conn: sa.Connection, periods: pd.Series) -> list[object]:
    """Dates as the driver wants them: ISO text for SQLite, date objects for PostgreSQL."""
    # A file repeats a few hundred dates over many rows: convert each distinct date once.
    codes, distinct = pd.factorize(periods)  # a missing date is code -1: the None at the end
    if conn.dialect.name == "sqlite":
        converted = np.array([p.isoformat() for p in distinct] + [None], dtype=object)
    else:
        converted = np.array([*list(distinct), None], dtype=object)
    return converted[codes].tolist()


def clean(values: pd.Series) -> list[object]:
    """Text columns with NaN turned into NULL."""
    # Sources repeat down a file: look at each distinct text once; missing is code -1.
    codes, distinct = pd.factorize(values)
    texts = [None if v == "" else v for v in distinct] + [None]
    return np.array(texts, dtype=object)[codes].tolist()


def _chunks(columns: Sequence[list[object]]) -> Iterator[tuple[int, Iterator[tuple[object, ...]]]]:
    """Rows as a stream of tuples, CHUNK at a time, with the offset of each chunk."""
    count = len(columns[0]) if columns else 0
    rows = zip(*columns, strict=True)
    for start in range(0, count, CHUNK):
        yield start, itertools.islice(rows, CHUNK)


def _driver_error(conn: sa.Connection, sql: str, failure: Exception) -> sa.exc.DBAPIError:
    """A driver error dressed as SQLAlchemy would raise it from `exec_driver_sql`."""
    return sa.exc.DBAPIError.instance(sql, None, failure, conn.dialect.loaded_dbapi.Error)


def executemany(
    conn: sa.Connection,
    sql: str,
    columns: Sequence[list[object]],
    progress: ProgressCallback | None = None,
    done: int = 0,
    total: int = 0,
) -> None:
    """Stream tuples straight to the driver's cursor in the open transaction (as fast as raw)."""
    # Bypassing exec_driver_sql lets the driver consume a lazy zip: no list of all rows.
    cursor = conn.connection.cursor()
    try:
        for start, rows in _chunks(columns):
            cursor.executemany(sql, rows)
            if progress is not None:
                progress(min(done + start + CHUNK, total), total)
    except conn.dialect.loaded_dbapi.Error as failure:
        raise _driver_error(conn, sql, failure) from failure
    finally:
        cursor.close()


def insert(
    conn: sa.Connection,
    table: sa.Table,
    columns: dict[str, list[object]],
    progress: ProgressCallback | None = None,
    done: int = 0,
    total: int = 0,
) -> None:
    """Append rows to a table: COPY on PostgreSQL, a streamed executemany on SQLite."""
    names = ", ".join(columns)
    if conn.dialect.name == "sqlite":
        sql = f"INSERT INTO {table.name} ({names}) VALUES ({placeholders(conn, len(columns))})"
        executemany(conn, sql, list(columns.values()), progress, done, total)
        return
    sql = f"COPY {table.name} ({names}) FROM STDIN"
    cursor = conn.connection.cursor()
    try:
        with cursor.copy(sql) as copy:
            for start, rows in _chunks(list(columns.values())):
                for row in rows:
                    copy.write_row(row)
                if progress is not None:
                    progress(min(done + start + CHUNK, total), total)
    except conn.dialect.loaded_dbapi.Error as failure:
        raise _driver_error(conn, sql, failure) from failure
    finally:
        cursor.close()
