"""What the definition files last said of each indicator's baseline and targets (see
`service.target_catalog`): the base `init` compares a file with, to tell its change from an
edit made in the app."""

from __future__ import annotations

import sqlalchemy as sa

from pledges import model
from pledges.store import definitions, schema

INDICATOR = schema.IndicatorRow.__table__
PLEDGE = schema.PledgeRow.__table__
CITY = schema.CityRow.__table__


def catalog_specs(conn: sa.Connection) -> dict[model.IndicatorRef, str | None]:
    """What the definition file said of each indicator's baseline and targets at its last load."""
    q = sa.select(CITY.c.name, PLEDGE.c.key, INDICATOR.c.key, INDICATOR.c.catalog_spec).select_from(
        INDICATOR.join(PLEDGE, INDICATOR.c.pledge_id == PLEDGE.c.id).join(
            CITY, PLEDGE.c.city_id == CITY.c.id
        )
    )
    return {model.IndicatorRef(c, p, i): spec for c, p, i, spec in conn.execute(q)}


def record_catalog_specs(conn: sa.Connection, specs: dict[model.IndicatorRef, str]) -> None:
    """Remember what the definition files said (after `init` loaded them)."""
    ids = definitions.indicator_ids(conn)
    for ref, spec in specs.items():
        if ref in ids:
            conn.execute(
                sa.update(INDICATOR).where(INDICATOR.c.id == ids[ref]).values(catalog_spec=spec)
            )
