"""Column mappings (presets): saved ones, one JSON file a name, and the built-in real-world recipes.

The built-in presets are the recipes of docs/importing.md: each one imports (or tries to
import) one of the real-world files an office brings, together with how that file is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pledges.ingest.reading import mapping as column_mapping
from pledges.ingest.reading import periods as period_rules

_PRESET_NAME = re.compile(r"[^A-Za-z0-9_-]+")
_LA = {"city": "Los Angeles", "pledge": "five-zeroes"}
_LADWP = (
    "LADWP Briefing Books 2015-2020, via the City of Los Angeles Open SDG data, indicator 7.2.1"
)
_LASAN = (
    "LA Sanitation and Environment, 2017 Community-Wide Greenhouse Gas Emissions "
    "(data.lacity.org dataset kkrh-b4e3), via the City of Los Angeles Open SDG data, "
    "indicator 13.2.2"
)
_BY_SECTOR = "total emissions by sector (metric tons of CO2eq)"
_PER_CAPITA = "total emissions per capita (metric tons per capita)"
_CDP_2017 = (
    "CDP 2017 Cities Community Wide Emissions, "
    "https://data.cdp.net/Emissions/2017-Cities-Community-Wide-Emissions/kyi6-dk5h"
)


@dataclass(frozen=True)
class Recipe:
    """A built-in preset: the mapping, how the file is read, and the file it was written for."""

    name: str
    file: str
    mapping: column_mapping.ColumnMapping
    delimiter: str | None = None
    decimal: Literal[".", ","] | None = None
    period_rule: period_rules.Rule | None = None
    sheet: str | None = None


RECIPES = (
    Recipe(
        "la-sdg-7-2-1-power-mix",
        "la_indicator_7-2-1.csv",
        column_mapping.ColumnMapping(
            columns={"indicator": "Energy Source", "period": "Year", "value": "Value"},
            constants={**_LA, "unit": "%", "source": _LADWP},
            indicator_values={"Renewable": "renewable-share", "Coal": "coal-share"},
            skip_unmapped=True,
        ),
    ),
    Recipe(
        "la-sdg-13-2-2-ghg",
        "la_indicator_13-2-2.csv",
        column_mapping.ColumnMapping(
            columns={
                "indicator": ("Units", "Sector"),
                "period": "Year",
                "value": "Value",
                "unit": "Units",
            },
            constants={
                **_LA,
                "source": _LASAN,
                "method": "LASAN community inventory, 2017 edition",
            },
            indicator_values={
                _BY_SECTOR: "community-ghg-lasan",
                f"{_BY_SECTOR} | Stationary": "stationary-ghg-lasan",
                f"{_BY_SECTOR} | Transportation": "transport-ghg-lasan",
                f"{_BY_SECTOR} | Waste": "waste-ghg-lasan",
                _PER_CAPITA: "community-ghg-per-capita-lasan",
            },
            unit_values={_BY_SECTOR: "t", _PER_CAPITA: "t/person"},
            skip_unmapped=True,
        ),
    ),
    Recipe(
        "cdp-2017-community-wide-la",
        "cdp_2017_-_Cities_Community_Wide_Emissions.csv",
        column_mapping.ColumnMapping(
            columns={
                "city": "City",
                "period": "Accounting year",
                "value": "Total emissions (metric tonnes CO2e)",
            },
            constants={
                "pledge": "five-zeroes",
                "indicator": "community-ghg-gpc-basic",
                "unit": "t",
                "source": _CDP_2017,
                "method": "GPC BASIC",
            },
            filters={"City": ("Los Angeles",)},
        ),
        period_rule="end",
    ),
    Recipe(
        "muenster-klimadata",
        "muenster_klimadata_3.csv",
        column_mapping.ColumnMapping(
            columns={
                "city": "RAUM",
                "indicator": ("DATEINAME", "MERKMAL"),
                "period": "ZEIT",
                "value": "WERT",
                "unit": "WERTEEINHEIT",
                "source": "QUELLE_INSTITUTION",
            },
            city_values={"Münster, Gesamtstadt": "Münster", "Stadt Münster": "Münster"},
            filters={"RAUM": ("Münster, Gesamtstadt", "Stadt Münster")},
        ),
        delimiter=";",
        decimal=",",
    ),
    Recipe(
        "klimatkollen-kommun-totals",
        "klimatkollen_emissions_per_municipality.csv",
        column_mapping.ColumnMapping(
            columns={"city": "Kommun"},
            constants={"unit": "t", "source": "Nationella emissionsdatabasen (RUS/SMHI)"},
            filters={"Huvudsektor": ("Alla",), "Undersektor": ("Alla",)},
            skip_rows=6,
        ),
        delimiter=";",
        decimal=",",
    ),
    Recipe(
        "worldbank-renewable-electricity",
        "worldbank_API_EG.ELC.RNEW.ZS_DS2_en_csv_v2_6648.csv",
        column_mapping.ColumnMapping(
            columns={"city": "Country Name"},
            constants={"unit": "%", "source": "World Bank WDI EG.ELC.RNEW.ZS"},
            skip_rows=4,
        ),
    ),
    Recipe(
        "owid-renewable-electricity",
        "owid_share-electricity-renewables.csv",
        column_mapping.ColumnMapping(
            columns={"city": "Entity", "period": "Year", "value": "Renewables (% electricity)"},
            constants={"unit": "%", "source": "Our World in Data, share-electricity-renewables"},
        ),
    ),
)
BUILT_IN = {recipe.name: recipe for recipe in RECIPES}


def preset_file(folder: Path, name: str) -> Path | None:
    """Where a named preset lives; None when the name has no letters or digits."""
    slug = _PRESET_NAME.sub("-", name.strip()).strip("-").lower()
    return folder / f"{slug}.json" if slug else None


def preset_names(folder: Path) -> list[str]:
    """The saved presets and the built-in ones, by name (a saved one hides a built-in)."""
    saved = {path.stem for path in folder.glob("*.json")} if folder.is_dir() else set()
    return sorted(saved | set(BUILT_IN))


def save_preset(folder: Path, name: str, mapping: column_mapping.ColumnMapping) -> Path | None:
    """Save a mapping under a name for the next upload; None when the name is unusable."""
    path = preset_file(folder, name)
    if path is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    column_mapping.save_preset(mapping, path)
    return path


def load_preset(folder: Path, name: str) -> column_mapping.ColumnMapping | None:
    """A saved preset (else the built-in of that name), or None when missing or unreadable."""
    path = preset_file(folder, name)
    if path is None:
        return None
    if not path.is_file():
        recipe = BUILT_IN.get(name)
        return recipe.mapping if recipe else None
    try:
        return column_mapping.load_preset(path)
    except (ValueError, TypeError, AttributeError):
        return None


def reading_of(folder: Path, name: str) -> Recipe | None:
    """The built-in recipe a preset name stands for (None for a saved preset)."""
    path = preset_file(folder, name)
    if path is not None and path.is_file():
        return None
    return BUILT_IN.get(name)
