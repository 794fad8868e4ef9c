"""Undoing a batch: what it would restore or remove, and the compensating batch that does it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from pledges import errors, model, translation
from pledges.store import batches, definitions

BATCH, OBS, REV = batches.BATCH, batches.OBS, batches.REV
PLAN_COLUMNS = [
    "city",
    "pledge",
    "indicator",
    "period",
    "annual",
    "action",
    "current_value",
    "restored_value",
]
_BEFORE = ["indicator_id", "period", "annual_new", "value_new", "method_new", "source_new"]


def _undoable(conn: sa.Connection, batch_id: int) -> sa.RowMapping:
    """The batch row, or the refusal saying why it cannot be undone (naming what blocks it)."""
    row = conn.execute(sa.select(BATCH).where(BATCH.c.id == batch_id)).mappings().first()
    if row is None:
        raise errors.UnknownBatch(translation.N_("there is no batch {batch}"), batch=batch_id)
    if row["status"] == "undone":
        by = conn.execute(sa.select(BATCH.c.id).where(BATCH.c.undoes == batch_id)).scalar()
        raise errors.UnknownBatch(
            translation.N_("batch {batch} was already undone by batch {by}"), batch=batch_id, by=by
        )
    if row["status"] != "committed":
        raise errors.UnknownBatch(
            translation.N_(
                "batch {batch} is a batch of status '{status}' and cannot be undone;"
                " import the file again instead"
            ),
            batch=batch_id,
            status=row["status"],
        )
    current = _current(conn, batch_id)
    blockers = sorted(set(current["holder"]) - {batch_id})
    if blockers:
        raise errors.UnknownBatch(
            translation.N_(
                "values of batch {batch} were changed later by batch {named}; undo {named} first"
            )
            if len(blockers) == 1
            else translation.N_(
                "values of batch {batch} were changed later by batches {named}; undo {named} first"
            ),
            batch=batch_id,
            named=tuple(blockers),
        )
    return row


def _current(conn: sa.Connection, batch_id: int) -> pd.DataFrame:
    """The stored rows of every key the batch wrote, each with the batch whose value it holds.

    A value an undo put back is held by the batch that first wrote it, so undoing a later batch
    never stands in the way of undoing an earlier one.
    """
    own = pd.DataFrame(
        batches.observation_rows(conn, OBS.c.batch_id == batch_id), columns=batches.OBS_COLUMNS
    )
    replaced = pd.DataFrame(
        conn.execute(
            sa.select(REV.c.indicator_id, REV.c.period).where(REV.c.batch_id == batch_id)
        ).all(),
        columns=["indicator_id", "period"],
    ).drop_duplicates()
    if replaced.empty:
        return own.assign(holder=batch_id)
    since = _stored_at(conn, replaced)
    since = since.assign(holder=_holders(conn, since))
    return pd.concat([own.assign(holder=batch_id), since], ignore_index=True)


def _stored_at(conn: sa.Connection, keys: pd.DataFrame) -> pd.DataFrame:
    """The stored observations at these (indicator_id, period) keys."""
    rows = []
    ids = sorted(keys["indicator_id"].unique().tolist())
    for start in range(0, len(ids), 500):
        rows += batches.observation_rows(conn, OBS.c.indicator_id.in_(ids[start : start + 500]))
    stored = pd.DataFrame(rows, columns=batches.OBS_COLUMNS)
    return stored.merge(keys, on=["indicator_id", "period"])


def _holders(conn: sa.Connection, stored: pd.DataFrame) -> list[int]:
    """For each stored row, the import batch whose value it holds, seen through undo batches."""
    undoes = dict(
        conn.execute(sa.select(BATCH.c.id, BATCH.c.undoes).where(BATCH.c.status == "undo")).all()
    )
    frame = stored[["indicator_id", "period"]].assign(holder=stored["batch_id"].to_numpy())
    while frame["holder"].isin(list(undoes)).any():
        through = frame["holder"].isin(list(undoes))
        wanted = frame[through].assign(replaced_by=frame[through]["holder"].map(undoes))
        found = pd.DataFrame(
            conn.execute(
                sa.select(
                    REV.c.indicator_id, REV.c.period, REV.c.replaced_by, REV.c.batch_id
                ).where(REV.c.replaced_by.in_(sorted(set(wanted["replaced_by"]))))
            ).all(),
            columns=["indicator_id", "period", "replaced_by", "batch_id"],
        )
        back = wanted.merge(found, on=["indicator_id", "period", "replaced_by"], how="left")
        if back["batch_id"].isna().any():
            break
        frame.loc[through, "holder"] = back["batch_id"].astype(int).to_numpy()
    return [int(h) for h in frame["holder"]]


def _effects(conn: sa.Connection, batch_id: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The batch's current rows to restore (with the values before it) and to remove."""
    current = _current(conn, batch_id).drop(columns="holder")
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
        columns=[*_BEFORE, "note_new"],
    )
    merged = current.merge(before, on=["indicator_id", "period"], how="left")
    return merged[merged["value_new"].notna()], merged[merged["value_new"].isna()]


def plan(conn: sa.Connection, batch_id: int) -> pd.DataFrame:
    """What undoing a batch would do, row by row (refused as `undo` would refuse it):
    `action` "restore" (current_value back to restored_value) or "remove" (no value before)."""
    _undoable(conn, batch_id)
    restore, remove = _effects(conn, batch_id)
    names = {number: ref for ref, number in definitions.indicator_ids(conn).items()}
    records = []
    for frame, action in ((restore, "restore"), (remove, "remove")):
        for item in frame.itertuples(index=False):
            ref = names[item.indicator_id]
            records.append(
                {
                    "city": ref.city,
                    "pledge": ref.pledge,
                    "indicator": ref.indicator,
                    "period": _date(item.period),
                    "annual": bool(item.annual),
                    "action": action,
                    "current_value": float(item.value),
                    "restored_value": None if action == "remove" else float(item.value_new),
                }
            )
    out = pd.DataFrame(records, columns=PLAN_COLUMNS)
    return out.sort_values(["city", "pledge", "indicator", "period"], ignore_index=True)


def undo(conn: sa.Connection, batch_id: int, user: str, now: dt.datetime) -> model.Batch:
    """Add a compensating batch that restores every value as it was before `batch_id`."""
    row = _undoable(conn, batch_id)
    now = batches.now_after(conn, now)
    restore, remove = _effects(conn, batch_id)
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
        batches.revise(conn, restore, undo_id, "old")
    if len(remove):
        batches.remove(conn, remove, undo_id)
    conn.execute(sa.update(BATCH).where(BATCH.c.id == batch_id).values(status="undone"))
    made = conn.execute(sa.select(BATCH).where(BATCH.c.id == undo_id)).mappings().one()
    return batches.to_batch(made)


def _date(period: object) -> dt.date:
    """A stored period as a date (SQLite hands back ISO text or a datetime)."""
    if isinstance(period, dt.datetime):
        return period.date()
    if isinstance(period, str):
        return dt.date.fromisoformat(period[:10])
    return period  # type: ignore[return-value]
