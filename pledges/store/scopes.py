"""Which cities and indicators each batch touched, read from the rows it wrote or replaced."""

from __future__ import annotations

import sqlalchemy as sa

from pledges import model
from pledges.store import definitions, schema

OBS = schema.ObservationRow.__table__
REV = schema.RevisionRow.__table__


def batch_scopes(conn: sa.Connection) -> dict[int, tuple[model.IndicatorRef, ...]]:
    """Every batch's indicators (sorted): rows it holds now, rows it held, rows it replaced."""
    pairs = sa.union(
        sa.select(OBS.c.batch_id, OBS.c.indicator_id),
        sa.select(REV.c.batch_id, REV.c.indicator_id),
        sa.select(REV.c.replaced_by, REV.c.indicator_id).where(REV.c.replaced_by.is_not(None)),
    )
    names = {number: ref for ref, number in definitions.indicator_ids(conn).items()}
    found: dict[int, set[model.IndicatorRef]] = {}
    for batch_id, indicator_id in conn.execute(pairs):
        if indicator_id in names:
            found.setdefault(int(batch_id), set()).add(names[indicator_id])
    return {
        batch_id: tuple(sorted(refs, key=lambda ref: (ref.city, ref.pledge, ref.indicator)))
        for batch_id, refs in found.items()
    }
