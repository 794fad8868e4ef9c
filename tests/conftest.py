"""Shared fixtures: tiny definitions written by code, and a fresh file database per test."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from pledges import catalog, clock, store

pytest_plugins = ["tests.conftest_engines"]

SMALL_PLEDGE = textwrap.dedent(
    """\
    city: {name: Testville, country: XX}
    pledge:
      id: green-deal
      name: Testville Green Deal
      adopted: 2019
      source: "Synthetic test definition"
    goals:
      - id: clean-grid
        name: Clean grid
        indicators:
          - id: renewable-share
            name: Renewable share
            unit: "%"
            direction: higher
            baseline: {year: 2015, value: 20, source: "synthetic"}
            targets:
              - {year: 2030, value: 60, source: "synthetic"}
              - {year: 2045, value: 100, source: "synthetic"}
          - id: emissions
            name: Emissions
            unit: kt
            direction: lower
            baseline: {year: 1990, value: 1000, source: "synthetic"}
            targets:
              - {year: 2030, change_pct: -50, source: "synthetic"}
              - {year: 2050, value: 0, source: "synthetic"}
    """
)


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    """A folder with one small synthetic pledge definition."""
    folder = tmp_path / "pledges"
    folder.mkdir()
    (folder / "testville--green-deal.yaml").write_text(SMALL_PLEDGE, encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path: Path, catalog_dir: Path) -> store.Store:
    """A migrated file database under tmp_path holding the small pledge."""
    handle = store.Store.open(f"sqlite:///{tmp_path / 'test.db'}", now=ticking_clock())
    handle.migrate()
    handle.sync_catalog(catalog.load_pledges(catalog_dir))
    return handle


def ticking_clock() -> clock.Ticking:
    """A clock that moves on a second each time a write reads it, so timestamps differ."""
    return clock.Ticking(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def long_frame(rows: list[tuple[str, int, float]], source: str = "synthetic") -> pd.DataFrame:
    """A validated long frame for Testville: (indicator, year, value) rows."""
    return pd.DataFrame(
        {
            "city": "Testville",
            "pledge": "green-deal",
            "indicator": [r[0] for r in rows],
            "period": [dt.date(r[1], 1, 1) for r in rows],
            "value": [float(r[2]) for r in rows],
            "unit": ["%" if r[0] == "renewable-share" else "kt" for r in rows],
            "source": source,
            "note": None,
            "method": None,
        }
    )


def seed_repository(url: str, when: dt.datetime, panel: bool = True) -> store.Store:
    """The project's own seed and panel, stored at a fixed moment, so `--as-of` that day sees it."""
    from pledges import service, settings

    config = settings.load()
    db = store.Store.open(url, now=clock.Ticking(when))
    service.initialise(
        db,
        config.catalog_dir,
        config.observations_dir,
        panel_dir=config.panel_dir if panel else None,
    )
    return db
