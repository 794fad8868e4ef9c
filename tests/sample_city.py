"""A small synthetic database for page tests: every status and every odd state, built by code.

Testville has a grid goal (a value target with a method break and a revised value, a 2030
milestone raised after it was first loaded, a trend-only indicator), an emissions goal (a
change_pct target, one value, no values, a range target, a level to hold) and a superseded
older plan; Otherton is a peer with a comparable indicator; Quietville has a pledge whose
only goal has no indicators.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pandas as pd

from pledges import catalog, clock, store

DEFINITIONS = {
    "testville--green-deal.yaml": """\
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
                baseline: {year: 2015, value: 20, source: "synthetic baseline"}
                targets:
                  - {year: 2030, value: 60, source: "synthetic milestone"}
                  - {year: 2045, value: 100, source: "synthetic final"}
              - id: coal-share
                name: Coal share
                unit: "%"
                direction: lower
          - id: emissions
            name: Lower emissions
            indicators:
              - id: emissions
                name: City emissions
                unit: kt
                direction: lower
                baseline: {year: 2010, value: 1000, source: "synthetic"}
                targets:
                  - {year: 2030, change_pct: -50, source: "synthetic"}
                  - {year: 2050, value: 0, source: "synthetic"}
              - id: one-value
                name: Trees planted
                unit: trees
                direction: higher
                targets:
                  - {year: 2030, value: 5000, source: "synthetic"}
              - id: no-data
                name: Cool roofs
                unit: roofs
                direction: higher
                targets:
                  - {year: 2030, value: 100, source: "synthetic"}
              - id: landfill
                name: Landfill per person
                unit: kg
                direction: lower
                baseline: {year: 2015, value: 600, source: "synthetic"}
                targets:
                  - {year: 2030, range: [300, 400], source: "synthetic range"}
              - id: water
                name: Water per person
                unit: l
                direction: lower
                baseline: {year: 2015, value: 150, source: "synthetic"}
                targets:
                  - {year: 2018, maintain: 140, source: "synthetic hold"}
        """,
    "testville--old-plan.yaml": """\
        city: {name: Testville, country: XX}
        pledge:
          id: old-plan
          name: Testville Old Plan
          adopted: 2010
          source: "Synthetic test definition"
          status: superseded
          status_date: 2019-04-01
          status_source: "Synthetic council minute"
          superseded_by: green-deal
        goals:
          - id: grid
            name: Old grid goal
            indicators:
              - id: renewable-share
                name: Renewable share (old plan)
                unit: "%"
                direction: higher
                baseline: {year: 2010, value: 10, source: "synthetic"}
                targets:
                  - {year: 2020, value: 33, source: "synthetic"}
        """,
    "otherton--plan.yaml": """\
        city: {name: Otherton, country: YY}
        pledge:
          id: plan
          name: Otherton Climate Plan
          adopted: 2018
          source: "Synthetic test definition"
        goals:
          - id: grid
            name: Grid
            indicators:
              - id: renewable-share
                name: Renewable share
                unit: "%"
                direction: higher
                baseline: {year: 2015, value: 30, source: "synthetic"}
                targets:
                  - {year: 2030, value: 50, source: "synthetic"}
        """,
    "quietville--intent.yaml": """\
        city: {name: Quietville, country: ZZ}
        pledge:
          id: intent
          name: Quietville Statement of Intent
          adopted: 2022
          source: "Synthetic test definition"
        goals:
          - id: someday
            name: A goal with no indicators
        """,
}

UNITS = {
    "renewable-share": "%",
    "coal-share": "%",
    "emissions": "kt",
    "one-value": "trees",
    "landfill": "kg",
    "water": "l",
}


def frame(rows: list[tuple[str, str, str, int, float, str | None]]) -> pd.DataFrame:
    """A validated long frame from (city, pledge, indicator, year, value, method) rows."""
    return pd.DataFrame(
        {
            "city": [r[0] for r in rows],
            "pledge": [r[1] for r in rows],
            "indicator": [r[2] for r in rows],
            "period": [dt.date(r[3], 1, 1) for r in rows],
            "value": [float(r[4]) for r in rows],
            "unit": [UNITS[r[2]] for r in rows],
            "source": [f"synthetic source for {r[2]}" for r in rows],
            "note": None,
            "method": [r[5] for r in rows],
        }
    )


def first_batch() -> pd.DataFrame:
    """Every value as first imported."""
    t, g = "Testville", "green-deal"
    rows = [
        (t, g, "renewable-share", year, value, "old")
        for year, value in [(2013, 15), (2014, 17), (2015, 20)]
    ]
    rows += [
        (t, g, "renewable-share", year, value, "new")
        for year, value in [(2016, 23), (2017, 25), (2018, 27), (2019, 30), (2020, 33)]
    ]
    rows += [(t, g, "coal-share", year, 40 - 3 * (year - 2015), None) for year in range(2015, 2021)]
    rows += [
        (t, g, "emissions", year, 1000 - 10 * (year - 2010), None) for year in range(2010, 2021)
    ]
    rows += [(t, g, "one-value", 2020, 1200, None)]
    rows += [(t, g, "landfill", year, 600 - 20 * (year - 2015), None) for year in range(2015, 2021)]
    rows += [(t, g, "water", year, 135 + (year - 2018), None) for year in range(2016, 2021)]
    rows += [
        (t, "old-plan", "renewable-share", year, 10 + 2 * (year - 2010), None)
        for year in range(2010, 2020)
    ]
    rows += [
        ("Otherton", "plan", "renewable-share", year, 30 + 2 * (year - 2015), None)
        for year in range(2015, 2021)
    ]
    return frame(rows)


def revision_batch() -> pd.DataFrame:
    """A later import that restates one value (kept as a revision)."""
    return frame([("Testville", "green-deal", "renewable-share", 2020, 34.5, "new")])


def build(folder: Path) -> str:
    """Write the definitions, load them and two import batches; return the database URL."""
    definitions = folder / "definitions"
    definitions.mkdir(parents=True, exist_ok=True)
    for name, text in DEFINITIONS.items():
        (definitions / name).write_text(textwrap.dedent(text), encoding="utf-8")
    url = f"sqlite:///{folder / 'pages.db'}"
    db = store.Store.open(url, now=clock.Ticking(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)))
    db.migrate()
    db.sync_catalog(catalog.load_pledges(definitions))
    # The council raised the 2030 milestone: the old target is kept as history.
    deal = definitions / "testville--green-deal.yaml"
    deal.write_text(
        deal.read_text(encoding="utf-8").replace(
            '{year: 2030, value: 60, source: "synthetic milestone"}',
            '{year: 2030, value: 65, source: "synthetic raised milestone"}',
        ),
        encoding="utf-8",
    )
    db.sync_catalog(catalog.load_pledges(definitions))
    db.commit(first_batch(), "tester", "first.csv", "a" * 64)
    db.commit(revision_batch(), "tester", "restated.csv", "b" * 64)
    db.engine.dispose()
    return url
