"""The CDP–ICLEI panel: imported as one pledge a city and assessed at once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from pledges import model, progress, store
from pledges.service.access import require_editor
from pledges.service.assessing import assessment_day
from pledges.sources import cdp, cdp_series

PANEL_POSITION = 10_000
PANEL_PLEDGE = cdp.PLEDGE_KEY
PANEL_INDICATOR = cdp.INDICATOR_KEY
AS_REPORTED = "as reported to CDP"


@dataclass(frozen=True, slots=True)
class RepeatedTotal:
    """One total stored under a later year than the one it was first given for."""

    value: float
    first_year: int
    year: int


def repeated_totals(observations: pd.DataFrame) -> tuple[RepeatedTotal, ...]:
    """A series' totals given again under a later year (the panel's flag, on the city page)."""
    if observations.empty:
        return ()
    ordered = observations.sort_values("period")
    points = [
        (p.year, float(v), None) for p, v in zip(ordered["period"], ordered["value"], strict=True)
    ]
    return tuple(
        RepeatedTotal(r.value, r.first_year, r.year) for r in cdp_series.repeated_totals(points)
    )


def beside_own(pledge: model.Pledge, pledges: Sequence[model.Pledge]) -> bool:
    """A panel pledge of a city that defines pledges of its own: shown beside them "as
    reported to CDP", never counted in the city's roll-up (revision 3: a headline is its own)."""
    return pledge.key == PANEL_PLEDGE and any(
        p.key != PANEL_PLEDGE and p.city.name == pledge.city.name for p in pledges
    )


@dataclass(frozen=True, slots=True)
class PanelOutcome:
    """CDP–ICLEI files read, their definitions synced and one batch a file committed."""

    panel: cdp.Panel
    sync: store.SyncSummary | None
    batches: tuple[tuple[str, model.Batch], ...]


def panel_pledges(db: store.Store, panel: cdp.Panel) -> list[model.Pledge]:
    """The panel's definitions as they may be synced: a city the office defines (the seed's,
    or any with a pledge of the office's own) keeps its own record, every time, so `init` never
    flips its facts back and forth; without a targets file a city's stored CDP pledge (and its
    targets) is left alone."""
    stored = {c.name: c for c in db.cities()}
    office = set(cdp.SEED_NAMES.values()) | {
        p.city.name for p in db.pledges() if p.key != cdp.PLEDGE_KEY
    }
    pledges = [
        dataclasses.replace(p, city=stored[p.city.name])
        if p.city.name in office and p.city.name in stored
        else p
        for p in panel.pledges
    ]
    if any(f.layout and f.layout.startswith("cdp-targets") for f in panel.files):
        return pledges
    existing = {(p.city.name, p.key) for p in db.pledges()}
    return [p for p in pledges if (p.city.name, p.key) not in existing]


def import_panel(
    db: store.Store,
    actor: model.Actor,
    files: Sequence[tuple[str, bytes]],
    dry_run: bool = False,
) -> PanelOutcome:
    """Read CDP–ICLEI exports, sync one pledge a city, commit one batch per inventory file
    (oldest edition first, so a later report of a year is a revision); twice adds nothing."""
    if not dry_run:
        require_editor(actor, "import data")
    panel = cdp.read(files)
    if dry_run or not panel.ok:
        return PanelOutcome(panel, None, ())
    # Panel pledges sort after every catalog pledge of their city.
    summary = db.sync_catalog(panel_pledges(db, panel), first_position=PANEL_POSITION)
    data = dict(files)
    committed = []
    for result in panel.inventory_files():
        sha = hashlib.sha256(data[result.file_name]).hexdigest()
        committed.append(
            (result.file_name, db.commit(result.frame, actor.name, result.file_name, sha))
        )
    return PanelOutcome(panel, summary, tuple(committed))


PANEL_COLUMNS = [
    "city",
    "country",
    "region",
    "population",
    "population_year",
    "status",
    "symbol",
    "evidence",
    "progress_share",
    "pace_ratio",
    "latest_year",
    "points",
    "slope",
    "required_pace",
    "baseline_value",
    "next_target_year",
    "baseline_year",
    "final_target_year",
    "values",
    "construction",
    "claims",
]
"""Columns of `panel_status`: one row per city of the CDP–ICLEI panel."""


def _claims(indicator: model.Indicator) -> str | None:
    """ "48 % of the 2025 target; 24 % of the 2050 target" (the city's own claims), or None."""
    said = [
        f"{t.claimed_pct:g} % of the {t.year} target"
        for t in indicator.targets
        if t.claimed_pct is not None
    ]
    return "; ".join(said) or None


def panel_status(
    db: store.Store, as_of: dt.date | dt.datetime | None = None, today: dt.date | None = None
) -> pd.DataFrame:
    """Every panel city's emissions indicator assessed at once by the vectorised engine."""
    pledges = [p for p in db.pledges(as_of=as_of) if p.key == cdp.PLEDGE_KEY]
    indicators = {p.city.name: p.goals[0].indicators[0] for p in pledges}
    frame = db.observations(pledge=cdp.PLEDGE_KEY, as_of=as_of)
    # The main series only: another construction's indicator is never joined to it.
    frame = frame[frame["indicator"] == cdp.INDICATOR_KEY]
    frame = frame.assign(indicator=frame["city"])
    today = assessment_day(as_of, today, db.clock)
    assessed = progress.assess_many(frame, indicators, today=today).reset_index(drop=True)
    counts = frame.groupby("indicator").size()
    # The basis' construction, else the newest value's.
    newest = frame.sort_values("period").groupby("indicator")["method"].last()
    assessed = assessed.assign(
        values=pd.array([int(counts.get(p.city.name, 0)) for p in pledges], dtype="Int64"),
        construction=[
            basis if isinstance(basis, str) else newest.get(p.city.name)
            for basis, p in zip(assessed["basis_method"], pledges, strict=True)
        ],
        # The city's own "% of target achieved", shown beside the share, never instead of it.
        claims=[_claims(indicators[p.city.name]) for p in pledges],
    )
    facts = pd.DataFrame(
        {
            "city": [p.city.name for p in pledges],
            "country": [p.city.country for p in pledges],
            "region": [p.city.region for p in pledges],
            "population": pd.array([p.city.population for p in pledges], dtype="Int64"),
            "population_year": pd.array([p.city.population_year for p in pledges], dtype="Int64"),
        }
    )
    return pd.concat([facts, assessed], axis=1)[PANEL_COLUMNS]
