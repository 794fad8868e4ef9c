"""The seed cities' region and population are the figures they reported to CDP in 2021."""

from __future__ import annotations

import csv

import pytest

from pledges import catalog, settings

CDP_2021 = settings.PROJECT_ROOT / "data" / "sources" / "cdp" / "2021_city_wide_emissions.csv"
ACCOUNTS = {
    "Los Angeles": "10894",
    "New York City": "3417",
    "London": "3422",
    "San Francisco": "31182",
    "Copenhagen": "31009",
}


def _reported() -> dict[str, dict[str, str]]:
    with CDP_2021.open(encoding="utf-8", newline="") as handle:
        return {row["Account Number"]: row for row in csv.DictReader(handle)}


@pytest.mark.parametrize("name", sorted(ACCOUNTS))
def test_seed_city_facts_are_the_cdp_figures(name: str) -> None:
    row = _reported()[ACCOUNTS[name]]
    cities = {p.city for p in catalog.load_pledges(settings.load({}).catalog_dir)}
    # Every file of a city says the same, so a sync never flips between two values.
    (city,) = [c for c in cities if c.name == name]
    assert city.region == row["CDP Region"]
    assert city.population == int(row["Population"])
    assert city.population_year == int(row["Population Year"])
