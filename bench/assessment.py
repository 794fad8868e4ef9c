"""Assessment speed: many indicators at once, and a city's status as of a past date."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import numpy as np
import pandas as pd

from bench import engine as progress_benchmark
from bench import synthetic, timing
from pledges import catalog, progress, service, store

CITIES, INDICATORS, YEARS = 100, 50, 35
HISTORY_INDICATORS = 50
RESTATED_SHARE = 0.2


def polyfit_loop(frame: pd.DataFrame) -> list[np.ndarray]:
    """The plain baseline: for each indicator's group, a straight line by np.polyfit."""
    return [
        np.polyfit(group["period"].dt.year.to_numpy(), group["value"].to_numpy(), 1)
        for _, group in frame.groupby("indicator", sort=False)
    ]


def measure_assess_many(runs: int = 5) -> dict[str, timing.Timing]:
    """assess_many over 100 cities x 50 indicators x 35 years vs a loop of np.polyfit."""
    indicators = progress_benchmark.synthetic_indicators(CITIES * INDICATORS)
    frame = progress_benchmark.synthetic_frame(indicators, YEARS)
    today = dt.date(1990 + YEARS, 6, 30)
    values = len(frame)
    found = timing.measure_together(
        [
            timing.Plan(
                f"progress.assess_many, {len(indicators):,} indicators, {values:,} values",
                lambda _: progress.assess_many(frame, indicators, today),
                timing.nothing,
                rows=values,
            ),
            timing.Plan(
                "plain loop over the same groups: np.polyfit(year, value, 1) per indicator",
                lambda _: polyfit_loop(frame),
                timing.nothing,
                rows=values,
            ),
        ],
        runs,
    )
    return dict(zip(("assess_many", "polyfit"), found, strict=True))


def history_store(url: str, catalog_dir: Path) -> tuple[store.Store, dt.datetime]:
    """A city with 50 indicators x 35 years, a fifth of them restated later; the moment between."""
    db = store.Store.open(url)
    db.migrate()
    db.sync_catalog(catalog.load_pledges(catalog_dir))
    first = synthetic.yearly_frame(HISTORY_INDICATORS, YEARS)
    committed = db.commit(first, "bench", "first.csv", "sha-first")
    time.sleep(0.01)
    restated = first.sample(frac=RESTATED_SHARE, random_state=0).copy()
    restated["value"] = restated["value"] * 1.05
    db.commit(restated, "bench", "restated.csv", "sha-restated")
    return db, committed.committed_at


def measure_as_of(
    url: str, catalog_dir: Path, engine_name: str, runs: int = 7
) -> dict[str, timing.Timing]:
    """service.assess of the city now vs as of the moment before the restatement."""
    db, moment = history_store(url, catalog_dir)
    values = HISTORY_INDICATORS * YEARS
    label = f"{HISTORY_INDICATORS} indicators x {YEARS} years, {engine_name}"
    try:
        found = timing.measure_together(
            [
                timing.Plan(
                    f"service.assess, current status, {label}",
                    lambda _: service.assess(db, synthetic.CITY),
                    timing.nothing,
                    rows=values,
                ),
                timing.Plan(
                    f"service.assess as of a past date, {label}",
                    lambda _: service.assess(db, synthetic.CITY, as_of=moment),
                    timing.nothing,
                    rows=values,
                ),
            ],
            runs,
        )
        return dict(zip(("current", "as_of"), found, strict=True))
    finally:
        db.engine.dispose()
