"""Import batches: commit a validated frame all or nothing, once per import, and list them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import sqlalchemy as sa

from pledges import errors, frames, model
from pledges.store import bulk, schema

BATCH = schema.BatchRow.__table__
OBS = schema.ObservationRow.__table__
REV = schema.RevisionRow.__table__

CHUNK = bulk.CHUNK
ProgressCallback = bulk.ProgressCallback
_META = ["method", "source", "note"]


def now_after(conn: sa.Connection, now: dt.datetime) -> dt.datetime:
    """A commit time strictly after the previous batch, so `as_of` can tell batches apart."""
    last = conn.execute(sa.select(sa.func.max(BATCH.c.committed_at))).scalar()
    if last is not None and now <= last:
        return last + dt.timedelta(microseconds=1)
    return now


def to_batch(row: sa.RowMapping) -> model.Batch:
    """A batch row as the frozen value."""
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


def _annual(frame: pd.DataFrame) -> list[bool]:
    """Whether each period is a whole year: ingest's flag, else (frames made by code) 1 January."""
    if "annual" in frame.columns:
        return frame["annual"].astype(bool).tolist()
    return [(p.month, p.day) == (1, 1) for p in frame["period"]]


def indicator_column(
    frame: pd.DataFrame, indicator_ids: dict[model.IndicatorRef, int]
) -> np.ndarray:
    """The store id of each row's indicator; an indicator the store lacks is an error."""
    groups, firsts = frames.series_codes(frame)
    lookup = {(r.city, r.pledge, r.indicator): i for r, i in indicator_ids.items()}
    missing = sorted({"/".join(map(str, k)) for k in firsts if k not in lookup})
    if missing:
        raise errors.PledgesError(f"frame names indicators not in the store: {missing[:5]}")
    ids = np.array([lookup[k] for k in firsts], dtype=np.int64)
    return ids[groups]


OBS_COLUMNS = [
    "indicator_id",
    "period",
    "annual",
    "value",
    "method",
    "source",
    "note",
    "batch_id",
]


def observation_rows(
    conn: sa.Connection, condition: sa.ColumnElement[bool]
) -> list[sa.Row[tuple[object, ...]]]:
    """Stored observations matching a condition, in `OBS_COLUMNS` order."""
    columns = [OBS.c[name] for name in OBS_COLUMNS]
    return list(conn.execute(sa.select(*columns).where(condition)).all())


def _stored(conn: sa.Connection, indicator_ids: list[int], batch_id: int) -> pd.DataFrame:
    """Rows of these indicators stored before this batch, for the diff.

    What earlier chunks of the same file wrote is left out: no key of theirs can come again
    (a repeated key refuses the whole file), so a series split across chunks is not re-read.
    """
    rows = []
    for start in range(0, len(indicator_ids), 500):
        chunk = indicator_ids[start : start + 500]
        rows += observation_rows(
            conn, sa.and_(OBS.c.indicator_id.in_(chunk), OBS.c.batch_id != batch_id)
        )
    return pd.DataFrame(rows, columns=OBS_COLUMNS)


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

    The caller holds the write transaction; the same import committed before (`sha256`: the
    file's bytes and its mapping) returns the earlier batch with status "duplicate" and stores
    nothing.
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

    The same import again stores nothing and returns the earlier batch as "duplicate": `sha256`
    names the file's bytes with its mapping, so a second series of one file under another filter
    is a new import. Every frame is consumed even then, so a streamed reader reads to the end.
    """
    earlier = find_committed(conn, sha256)
    if earlier is not None:
        for _ in frames:
            pass
        return dataclasses.replace(earlier, status="duplicate")
    now = now_after(conn, now)
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
    return to_batch(row)


def find_committed(conn: sa.Connection, sha256: str) -> model.Batch | None:
    """The live batch of an earlier identical import (same bytes and mapping), if any."""
    row = (
        conn.execute(
            sa.select(BATCH)
            .where(BATCH.c.sha256 == sha256, BATCH.c.status == "committed")
            .order_by(BATCH.c.id.desc())
        )
        .mappings()
        .first()
    )
    return to_batch(row) if row else None


def _commit_frame(
    conn: sa.Connection,
    frame: pd.DataFrame,
    indicator_ids: dict[model.IndicatorRef, int],
    batch_id: int,
    progress: ProgressCallback | None,
    kept: Sequence[str],
) -> tuple[int, int, int]:
    """Write one frame's new and changed rows under a batch; (added, changed, unchanged)."""
    keyed = frame.assign(indicator_id=indicator_column(frame, indicator_ids), annual=_annual(frame))
    stored = _stored(conn, sorted(keyed["indicator_id"].unique().tolist()), batch_id)
    added, changed, unchanged = diff(keyed, stored, kept)
    total = len(added) + len(changed)
    bulk.insert(
        conn,
        OBS,
        {
            "indicator_id": added["indicator_id"].tolist(),
            "period": bulk.period_param(conn, added["period"]),
            "annual": _annual(added),
            "value": added["value"].astype(float).tolist(),
            "method": bulk.clean(added["method"]),
            "source": bulk.clean(added["source"]),
            "note": bulk.clean(added["note"]),
            "batch_id": [batch_id] * len(added),
        },
        progress,
        0,
        total,
    )
    if len(changed):
        revise(conn, changed, batch_id, "new")
    return len(added), len(changed), unchanged


def revise(conn: sa.Connection, changed: pd.DataFrame, batch_id: int, source: str) -> None:
    """Keep each old value as a revision, then put the new one in its place."""
    periods = bulk.period_param(conn, changed["period"])
    old = "_old" if source == "new" else ""
    new = "" if source == "new" else "_new"
    bulk.insert(
        conn,
        REV,
        {
            "indicator_id": changed["indicator_id"].tolist(),
            "period": periods,
            "annual": changed[f"annual{old}"].astype(bool).tolist(),
            "value": changed[f"value{old}"].astype(float).tolist(),
            "method": bulk.clean(changed[f"method{old}"]),
            "source": bulk.clean(changed[f"source{old}"]),
            "note": bulk.clean(changed[f"note{old}"]),
            "batch_id": changed[f"batch_id{old}"].astype(int).tolist(),
            "replaced_by": [batch_id] * len(changed),
            "new_value": changed[f"value{new}"].astype(float).tolist(),
        },
    )
    mark = bulk.mark(conn)
    bulk.executemany(
        conn,
        f"UPDATE observations SET value = {mark}, annual = {mark}, method = {mark}, "
        f"source = {mark}, note = {mark}, batch_id = {mark} "
        f"WHERE indicator_id = {mark} AND period = {mark}",
        [
            changed[f"value{new}"].astype(float).tolist(),
            changed[f"annual{new}"].astype(bool).tolist(),
            bulk.clean(changed[f"method{new}"]),
            bulk.clean(changed[f"source{new}"]),
            bulk.clean(changed[f"note{new}"]),
            [batch_id] * len(changed),
            changed["indicator_id"].tolist(),
            periods,
        ],
    )


def remove(conn: sa.Connection, rows: pd.DataFrame, batch_id: int) -> None:
    """Delete stored rows (`OBS_COLUMNS`), each kept as a revision removed by `batch_id`."""
    periods = bulk.period_param(conn, rows["period"])
    bulk.insert(
        conn,
        REV,
        {
            "indicator_id": rows["indicator_id"].tolist(),
            "period": periods,
            "annual": rows["annual"].astype(bool).tolist(),
            "value": rows["value"].astype(float).tolist(),
            "method": bulk.clean(rows["method"]),
            "source": bulk.clean(rows["source"]),
            "note": bulk.clean(rows["note"]),
            "batch_id": rows["batch_id"].astype(int).tolist(),
            "replaced_by": [batch_id] * len(rows),
            "new_value": [None] * len(rows),
        },
    )
    mark = bulk.mark(conn)
    bulk.executemany(
        conn,
        f"DELETE FROM observations WHERE indicator_id = {mark} AND period = {mark}",
        [rows["indicator_id"].tolist(), periods],
    )


def history(conn: sa.Connection) -> list[model.Batch]:
    """Every batch, newest first."""
    rows = conn.execute(sa.select(BATCH).order_by(BATCH.c.id.desc())).mappings()
    return [to_batch(r) for r in rows]
