"""Import batches: commit a validated frame all or nothing, list them, undo one exactly."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence

import numpy as np
import pandas as pd
import sqlalchemy as sa

from pledges import errors, model
from pledges.store import schema

BATCH = schema.BatchRow.__table__
OBS = schema.ObservationRow.__table__
REV = schema.RevisionRow.__table__

CHUNK = 50_000
ProgressCallback = Callable[[int, int], None]
_META = ["method", "source", "note"]


def _now_after(conn: sa.Connection, now: dt.datetime) -> dt.datetime:
    """A commit time strictly after the previous batch, so `as_of` can tell batches apart."""
    last = conn.execute(sa.select(sa.func.max(BATCH.c.committed_at))).scalar()
    if last is not None and now <= last:
        return last + dt.timedelta(microseconds=1)
    return now


def _to_batch(row: sa.RowMapping) -> model.Batch:
    return model.Batch(
        id=row["id"],
        user=row["user"],
        file_name=row["file_name"],
        sha256=row["sha256"],
        committed_at=row["committed_at"],
        added=row["added"],
        changed=row["changed"],
        unchanged=row["unchanged"],
        removed=row["removed"],
        status=row["status"],
        undoes=row["undoes"],
    )


def _mark(conn: sa.Connection) -> str:
    """The driver's parameter marker: `?` for sqlite3, `%s` for psycopg."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def _placeholders(conn: sa.Connection, n: int) -> str:
    return ", ".join([_mark(conn)] * n)


def _period_param(conn: sa.Connection, periods: pd.Series) -> list[object]:
    """Dates as the driver wants them: ISO text for SQLite, date objects for PostgreSQL."""
    # A file repeats a few hundred dates over many rows: convert each distinct date once.
    codes, distinct = pd.factorize(periods)  # a missing date is code -1: the None at the end
    if conn.dialect.name == "sqlite":
        converted = np.array([p.isoformat() for p in distinct] + [None], dtype=object)
    else:
        converted = np.array([*list(distinct), None], dtype=object)
    return converted[codes].tolist()


def _clean(values: pd.Series) -> list[object]:
    """Text columns with NaN turned into NULL."""
    # Sources repeat down a file: look at each distinct text once; missing is code -1.
    codes, distinct = pd.factorize(values)
    texts = [None if v == "" else v for v in distinct] + [None]
    return np.array(texts, dtype=object)[codes].tolist()


def _annual(frame: pd.DataFrame) -> list[bool]:
    """Whether each period is a whole year: ingest's flag, else (frames made by code) 1 January."""
    if "annual" in frame.columns:
        return frame["annual"].astype(bool).tolist()
    return [(p.month, p.day) == (1, 1) for p in frame["period"]]


def _indicator_column(
    frame: pd.DataFrame, indicator_ids: dict[model.IndicatorRef, int]
) -> np.ndarray:
    """The store id of each row's indicator; an indicator the store lacks is an error."""
    names = ["city", "pledge", "indicator"]
    groups = frame.groupby(names, sort=False, dropna=False).ngroup().to_numpy()
    firsts = list(frame[names].drop_duplicates().itertuples(index=False, name=None))
    lookup = {(r.city, r.pledge, r.indicator): i for r, i in indicator_ids.items()}
    missing = sorted({"/".join(map(str, k)) for k in firsts if k not in lookup})
    if missing:
        raise errors.PledgesError(f"frame names indicators not in the store: {missing[:5]}")
    ids = np.array([lookup[k] for k in firsts], dtype=np.int64)
    return ids[groups]


def _chunks(columns: Sequence[list[object]]) -> Iterator[tuple[int, Iterator[tuple[object, ...]]]]:
    """Rows as a stream of tuples, CHUNK at a time, with the offset of each chunk."""
    count = len(columns[0]) if columns else 0
    rows = zip(*columns, strict=True)
    for start in range(0, count, CHUNK):
        yield start, itertools.islice(rows, CHUNK)


def _driver_error(conn: sa.Connection, sql: str, failure: Exception) -> sa.exc.DBAPIError:
    """A driver error dressed as SQLAlchemy would raise it from `exec_driver_sql`."""
    return sa.exc.DBAPIError.instance(sql, None, failure, conn.dialect.loaded_dbapi.Error)


def _executemany(
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


def _insert(
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
        sql = f"INSERT INTO {table.name} ({names}) VALUES ({_placeholders(conn, len(columns))})"
        _executemany(conn, sql, list(columns.values()), progress, done, total)
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


def find_committed(conn: sa.Connection, sha256: str) -> model.Batch | None:
    """The live batch that already imported a file with these bytes, if any."""
    row = (
        conn.execute(
            sa.select(BATCH)
            .where(BATCH.c.sha256 == sha256, BATCH.c.status == "committed")
            .order_by(BATCH.c.id.desc())
        )
        .mappings()
        .first()
    )
    return _to_batch(row) if row else None


_OBS_COLUMNS = [
    "indicator_id",
    "period",
    "annual",
    "value",
    "method",
    "source",
    "note",
    "batch_id",
]


def _observation_rows(
    conn: sa.Connection, condition: sa.ColumnElement[bool]
) -> list[sa.Row[tuple[object, ...]]]:
    """Stored observations matching a condition, in `_OBS_COLUMNS` order."""
    columns = [OBS.c[name] for name in _OBS_COLUMNS]
    return list(conn.execute(sa.select(*columns).where(condition)).all())


def _stored(conn: sa.Connection, indicator_ids: list[int]) -> pd.DataFrame:
    """Current rows of these indicators, for the diff."""
    rows = []
    for start in range(0, len(indicator_ids), 500):
        chunk = indicator_ids[start : start + 500]
        rows += _observation_rows(conn, OBS.c.indicator_id.in_(chunk))
    return pd.DataFrame(rows, columns=_OBS_COLUMNS)


def _same_text(a: pd.Series, b: pd.Series) -> np.ndarray:
    return a.fillna("").astype(str).to_numpy() == b.fillna("").astype(str).to_numpy()


def diff(
    frame: pd.DataFrame, stored: pd.DataFrame, kept: Sequence[str] = ()
) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Split a keyed frame into added rows, changed rows (with old values), unchanged count;
    `kept` columns (absent from the file) take the stored cells of rows already stored."""
    if stored.empty:
        return frame, frame.iloc[0:0], 0
    stored = stored.rename(columns={"batch_id": "batch_id_old"})
    merged = frame.merge(
        stored, on=["indicator_id", "period"], how="left", suffixes=("", "_old"), indicator=True
    )
    is_new = (merged["_merge"] == "left_only").to_numpy()
    both = merged[~is_new]
    if kept:
        both = both.assign(**{name: both[f"{name}_old"] for name in kept})
    same = both["value"].to_numpy() == both["value_old"].to_numpy()
    for col in _META:
        same &= _same_text(both[col], both[f"{col}_old"])
    return merged[is_new][frame.columns], both[~same], int(same.sum())


def commit(
    conn: sa.Connection,
    frame: pd.DataFrame,
    indicator_ids: dict[model.IndicatorRef, int],
    user: str,
    file_name: str,
    sha256: str,
    now: dt.datetime,
    progress: ProgressCallback | None = None,
    kept: Sequence[str] = (),
) -> model.Batch:
    """Store a validated frame as one batch: new rows added, changed rows revised, all or nothing.

    The caller holds the write transaction; a file already imported returns the earlier batch
    with status "duplicate" and stores nothing.
    """
    return commit_chunks(
        conn, [(frame, kept)], indicator_ids, user, file_name, sha256, now, progress
    )


def commit_chunks(
    conn: sa.Connection,
    frames: Iterable[tuple[pd.DataFrame, Sequence[str]]],
    indicator_ids: dict[model.IndicatorRef, int],
    user: str,
    file_name: str,
    sha256: str,
    now: dt.datetime,
    progress: ProgressCallback | None = None,
) -> model.Batch:
    """`commit` of a file read in chunks: each (frame, kept columns) written in turn, one batch.

    Every frame is consumed even for a duplicate file, so a streamed reader reads to the end.
    """
    earlier = find_committed(conn, sha256)
    if earlier is not None:
        for _ in frames:
            pass
        return dataclasses.replace(earlier, status="duplicate")
    now = _now_after(conn, now)
    batch_id = conn.execute(
        sa.insert(BATCH).values(
            user=user,
            file_name=file_name,
            sha256=sha256,
            committed_at=now,
            added=0,
            changed=0,
            unchanged=0,
            removed=0,
            status="committed",
        )
    ).inserted_primary_key[0]
    added = changed = unchanged = 0
    for frame, kept in frames:
        counts = _commit_frame(conn, frame, indicator_ids, batch_id, progress, kept)
        added, changed, unchanged = added + counts[0], changed + counts[1], unchanged + counts[2]
    conn.execute(
        sa.update(BATCH)
        .where(BATCH.c.id == batch_id)
        .values(added=added, changed=changed, unchanged=unchanged)
    )
    row = conn.execute(sa.select(BATCH).where(BATCH.c.id == batch_id)).mappings().one()
    return _to_batch(row)


def _commit_frame(
    conn: sa.Connection,
    frame: pd.DataFrame,
    indicator_ids: dict[model.IndicatorRef, int],
    batch_id: int,
    progress: ProgressCallback | None,
    kept: Sequence[str],
) -> tuple[int, int, int]:
    """Write one frame's new and changed rows under a batch; (added, changed, unchanged)."""
    keyed = frame.assign(
        indicator_id=_indicator_column(frame, indicator_ids), annual=_annual(frame)
    )
    stored = _stored(conn, sorted(keyed["indicator_id"].unique().tolist()))
    added, changed, unchanged = diff(keyed, stored, kept)
    total = len(added) + len(changed)
    _insert(
        conn,
        OBS,
        {
            "indicator_id": added["indicator_id"].tolist(),
            "period": _period_param(conn, added["period"]),
            "annual": _annual(added),
            "value": added["value"].astype(float).tolist(),
            "method": _clean(added["method"]),
            "source": _clean(added["source"]),
            "note": _clean(added["note"]),
            "batch_id": [batch_id] * len(added),
        },
        progress,
        0,
        total,
    )
    if len(changed):
        _revise(conn, changed, batch_id, "new")
    return len(added), len(changed), unchanged


def _revise(conn: sa.Connection, changed: pd.DataFrame, batch_id: int, source: str) -> None:
    """Keep each old value as a revision, then put the new one in its place."""
    periods = _period_param(conn, changed["period"])
    old = "_old" if source == "new" else ""
    new = "" if source == "new" else "_new"
    _insert(
        conn,
        REV,
        {
            "indicator_id": changed["indicator_id"].tolist(),
            "period": periods,
            "annual": changed[f"annual{old}"].astype(bool).tolist(),
            "value": changed[f"value{old}"].astype(float).tolist(),
            "method": _clean(changed[f"method{old}"]),
            "source": _clean(changed[f"source{old}"]),
            "note": _clean(changed[f"note{old}"]),
            "batch_id": changed[f"batch_id{old}"].astype(int).tolist(),
            "replaced_by": [batch_id] * len(changed),
            "new_value": changed[f"value{new}"].astype(float).tolist(),
        },
    )
    mark = _mark(conn)
    _executemany(
        conn,
        f"UPDATE observations SET value = {mark}, annual = {mark}, method = {mark}, "
        f"source = {mark}, note = {mark}, batch_id = {mark} "
        f"WHERE indicator_id = {mark} AND period = {mark}",
        [
            changed[f"value{new}"].astype(float).tolist(),
            changed[f"annual{new}"].astype(bool).tolist(),
            _clean(changed[f"method{new}"]),
            _clean(changed[f"source{new}"]),
            _clean(changed[f"note{new}"]),
            [batch_id] * len(changed),
            changed["indicator_id"].tolist(),
            periods,
        ],
    )


def undo(conn: sa.Connection, batch_id: int, user: str, now: dt.datetime) -> model.Batch:
    """Add a compensating batch that restores every value as it was before `batch_id`."""
    row = conn.execute(sa.select(BATCH).where(BATCH.c.id == batch_id)).mappings().first()
    if row is None:
        raise errors.UnknownBatch(f"there is no batch {batch_id}")
    if row["status"] == "undone":
        by = conn.execute(sa.select(BATCH.c.id).where(BATCH.c.undoes == batch_id)).scalar()
        raise errors.UnknownBatch(f"batch {batch_id} was already undone by batch {by}")
    if row["status"] != "committed":
        raise errors.UnknownBatch(
            f"batch {batch_id} is an {row['status']} batch; import the file again instead"
        )
    later = conn.execute(
        sa.select(REV.c.replaced_by).where(REV.c.batch_id == batch_id).limit(1)
    ).scalar()
    if later is not None:
        raise errors.UnknownBatch(
            f"values of batch {batch_id} were changed later by batch {later}; undo {later} first"
        )
    now = _now_after(conn, now)
    current = pd.DataFrame(
        _observation_rows(conn, OBS.c.batch_id == batch_id), columns=_OBS_COLUMNS
    )
    before = pd.DataFrame(
        conn.execute(
            sa.select(
                REV.c.indicator_id,
                REV.c.period,
                REV.c.annual.label("annual_new"),
                REV.c.value.label("value_new"),
                REV.c.method.label("method_new"),
                REV.c.source.label("source_new"),
                REV.c.note.label("note_new"),
            ).where(REV.c.replaced_by == batch_id)
        ).all(),
        columns=[
            "indicator_id",
            "period",
            "annual_new",
            "value_new",
            "method_new",
            "source_new",
            "note_new",
        ],
    )
    merged = current.merge(before, on=["indicator_id", "period"], how="left")
    restore = merged[merged["value_new"].notna()]
    remove = merged[merged["value_new"].isna()]
    undo_id = conn.execute(
        sa.insert(BATCH).values(
            user=user,
            file_name=f"undo of batch {batch_id}",
            sha256=row["sha256"],
            committed_at=now,
            added=0,
            changed=len(restore),
            unchanged=0,
            removed=len(remove),
            status="undo",
            undoes=batch_id,
        )
    ).inserted_primary_key[0]
    if len(restore):
        _revise(conn, restore, undo_id, "old")
    if len(remove):
        periods = _period_param(conn, remove["period"])
        _insert(
            conn,
            REV,
            {
                "indicator_id": remove["indicator_id"].tolist(),
                "period": periods,
                "annual": remove["annual"].astype(bool).tolist(),
                "value": remove["value"].astype(float).tolist(),
                "method": _clean(remove["method"]),
                "source": _clean(remove["source"]),
                "note": _clean(remove["note"]),
                "batch_id": [batch_id] * len(remove),
                "replaced_by": [undo_id] * len(remove),
                "new_value": [None] * len(remove),
            },
        )
        mark = _mark(conn)
        _executemany(
            conn,
            f"DELETE FROM observations WHERE indicator_id = {mark} AND period = {mark}",
            [remove["indicator_id"].tolist(), periods],
        )
    conn.execute(sa.update(BATCH).where(BATCH.c.id == batch_id).values(status="undone"))
    return _to_batch(conn.execute(sa.select(BATCH).where(BATCH.c.id == undo_id)).mappings().one())


def history(conn: sa.Connection) -> list[model.Batch]:
    """Every batch, newest first."""
    rows = conn.execute(sa.select(BATCH).order_by(BATCH.c.id.desc())).mappings()
    return [_to_batch(r) for r in rows]
