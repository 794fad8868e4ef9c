"""Rows an earlier seed file stored that the seed no longer has: removed, kept as revisions."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import sqlalchemy as sa

from pledges import model
from pledges.store import batches

BATCH, OBS = batches.BATCH, batches.OBS
# The status of a batch that removed superseded seed rows (undo refuses it: import again).
RETIRED = "retired"


def superseded(
    conn: sa.Connection,
    frame: pd.DataFrame,
    indicator_ids: dict[model.IndicatorRef, int],
    user: str,
    file_name: str,
) -> pd.DataFrame:
    """Stored rows (`OBS_COLUMNS`) still held by a committed import of `file_name` by `user`
    whose key (indicator, period) the file's `frame` no longer has.

    A row an editor changed since is held by the editor's batch, so it is never among them.
    """
    seeded = sa.select(BATCH.c.id).where(
        BATCH.c.user == user, BATCH.c.file_name == file_name, BATCH.c.status == "committed"
    )
    held = batches.observation_rows(conn, OBS.c.batch_id.in_(seeded))
    stored = pd.DataFrame(held, columns=batches.OBS_COLUMNS)
    if stored.empty:
        return stored
    keys = frame.assign(indicator_id=batches.indicator_column(frame, indicator_ids))
    merged = stored.merge(
        keys[["indicator_id", "period"]].drop_duplicates(),
        on=["indicator_id", "period"],
        how="left",
        indicator=True,
    )
    return stored[(merged["_merge"] == "left_only").to_numpy()].reset_index(drop=True)


def edited(
    conn: sa.Connection,
    frame: pd.DataFrame,
    indicator_ids: dict[model.IndicatorRef, int],
    user: str,
) -> np.ndarray:
    """Whether each row's key (indicator, period) is stored by a batch of someone other than
    `user`: a value an editor uploaded or changed, which a seed never overwrites."""
    keys = frame.assign(indicator_id=batches.indicator_column(frame, indicator_ids))
    others = sa.select(BATCH.c.id).where(BATCH.c.user != user)
    ids = sorted(keys["indicator_id"].unique().tolist())
    held = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        held += conn.execute(
            sa.select(OBS.c.indicator_id, OBS.c.period).where(
                OBS.c.indicator_id.in_(chunk), OBS.c.batch_id.in_(others)
            )
        ).all()
    if not held:
        return np.zeros(len(frame), dtype=bool)
    stored = pd.DataFrame(held, columns=["indicator_id", "period"]).assign(edited=True)
    merged = keys[["indicator_id", "period"]].merge(
        stored, on=["indicator_id", "period"], how="left"
    )
    return merged["edited"].fillna(False).to_numpy(dtype=bool)


def retire(
    conn: sa.Connection,
    frame: pd.DataFrame,
    indicator_ids: dict[model.IndicatorRef, int],
    seed: model.Batch,
    now: dt.datetime,
) -> model.Batch | None:
    """Remove, in one batch of the same user, file and hash as the `seed` file's import, the
    rows an earlier import of it stored that its `frame` no longer has (None when there are
    none); each removed value stays in the history as a revision, so `as_of` still sees it."""
    gone = superseded(conn, frame, indicator_ids, seed.user, seed.file_name)
    if gone.empty:
        return None
    batch_id = conn.execute(
        sa.insert(BATCH).values(
            user=seed.user,
            file_name=seed.file_name,
            sha256=seed.sha256,
            committed_at=batches.now_after(conn, now),
            added=0,
            changed=0,
            unchanged=0,
            removed=len(gone),
            status=RETIRED,
        )
    ).inserted_primary_key[0]
    batches.remove(conn, gone, batch_id)
    row = conn.execute(sa.select(BATCH).where(BATCH.c.id == batch_id)).mappings().one()
    return batches.to_batch(row)
