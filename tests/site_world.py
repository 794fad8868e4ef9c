"""The site seed plus cities named in other scripts, sharing an address, or 300 characters
long, each with one indicator and values stored in two batches (for the feeds)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pledges import catalog, clock, service, store
from tests import site_seed

LONG_NAME = "Ciudad " + "muy " * 72 + "larga"  # 7 + 288 + 5 = 300 characters
CDP_SOURCE = (
    "CDP–ICLEI Open Data, city-wide emissions (account 1; self-reported) "
    "https://data.cdp.net/Emissions/2021-City-wide-Emissions/tmta-7i7p"
)
# name, country, region
CITIES = (
    ("東京", "Japan", "East Asia"),
    ("北京", "China", "East Asia"),
    ("Bogotá", "Colombia", "Latin America"),
    ("Bogor", "Indonesia", "Southeast Asia and Oceania"),
    ("San José", "Costa Rica", "Latin America"),
    ("San Jose", "United States of America", "North America"),
    (LONG_NAME, "Spain", "Europe"),
)
FIRST = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
SECOND = dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC)


def _definition(name: str, country: str, region: str) -> str:
    """A pledge with one emissions indicator: 100 in 2015, 50 by 2030."""
    city = json.dumps({"name": name, "country": country, "region": region}, ensure_ascii=False)
    return (
        f"city: {city}\n"
        "pledge: {id: plan, name: Climate plan, adopted: 2019, source: Synthetic}\n"
        "goals:\n"
        "  - id: emissions\n"
        "    name: Emissions\n"
        "    indicators:\n"
        "      - id: emissions\n"
        "        name: Community emissions\n"
        '        unit: "t CO2e"\n'
        "        direction: lower\n"
        "        baseline: {year: 2015, value: 100, source: synthetic}\n"
        "        targets:\n"
        "          - {year: 2030, value: 50, source: synthetic}\n"
    )


HEADER = "city,pledge,indicator,period,value,unit,source,note\n"


def _rows(rows: list[tuple[int, float]]) -> str:
    """Upload rows of every world city's indicator."""
    source = '"' + CDP_SOURCE + '"'
    return "".join(
        f"{json.dumps(name, ensure_ascii=False)},plan,emissions,{year},{value},t CO2e,{source},\n"
        for name, _, _ in CITIES
        for year, value in rows
    )


def seed(folder: Path) -> str:
    """The site seed with the world's cities: 2016-2018 stored on March 1 (falling 3 a year,
    on track), 2019-2020 on April 1 (rising: the status changes)."""
    url = site_seed.seed(folder)
    definitions = folder / "world"
    definitions.mkdir()
    for index, (name, country, region) in enumerate(CITIES):
        text = _definition(name, country, region)
        (definitions / f"city-{index}--plan.yaml").write_text(text, encoding="utf-8")
    db = store.Store.open(url, now=clock.Ticking(FIRST))
    db.sync_catalog(catalog.load_pledges(definitions))
    first = HEADER + _rows([(2016, 97.0), (2017, 94.0), (2018, 91.0)])
    outcome = service.import_file(db, service.SEED_USER, first.encode(), "world-2018.csv")
    assert outcome.ok, outcome.result.report
    db.engine.dispose()
    db = store.Store.open(url, now=clock.Ticking(SECOND))
    second = HEADER + _rows([(2019, 99.0), (2020, 104.0)])
    outcome = service.import_file(db, service.SEED_USER, second.encode(), "world-2020.csv")
    assert outcome.ok, outcome.result.report
    db.engine.dispose()
    return url
