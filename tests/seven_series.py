"""A synthetic file shaped like L.A.'s Open SDG 13-2-2 (seven series), and a pledge to take it.

Synthetic: the numbers are made up here, not taken from any inventory. The traps are the real
file's: the series is named by two columns (Units + Sector), a blank Sector means the total,
one sector name holds a comma and is quoted, three units in one Units column, CRLF endings and
no final newline.
"""

from __future__ import annotations

import textwrap

CITY = "Sevenville"
PLEDGE = "seven-zeroes"
PLEDGE_NAME = "Seven Zeroes (Sevenville's Synthetic Deal)"
BY_SECTOR = "total emissions by sector (metric tons of CO2eq)"
PER_CAPITA = "total emissions per capita (metric tons per capita)"
PER_GDP = "total emissions per GDP (metric tons per millions of current dollars)"
AFOLU = "Agriculture, Forestry, and Other Land Use"
SECTORS = ("", AFOLU, "Stationary", "Transportation", "Waste")
# Indicator id, name, unit, and the file's (Units, Sector) for it.
INDICATORS = (
    ("ghg-total", "Community GHG total", "t", BY_SECTOR, ""),
    ("ghg-afolu", "AFOLU GHG", "t", BY_SECTOR, AFOLU),
    ("ghg-stationary", "Stationary GHG", "t", BY_SECTOR, "Stationary"),
    ("ghg-transport", "Transportation GHG", "t", BY_SECTOR, "Transportation"),
    ("ghg-waste", "Waste GHG", "t", BY_SECTOR, "Waste"),
    ("ghg-per-capita", "GHG per resident", "t/person", PER_CAPITA, ""),
    ("ghg-per-gdp", "GHG per million dollars of GDP", "t/million USD", PER_GDP, ""),
)
UNITS = {BY_SECTOR: "t", PER_CAPITA: "t/person", PER_GDP: "t/million USD"}
# Synthetic sector values per year; the total is their sum, as in the real file.
SECTOR_VALUES = {
    2018: (100, 2000, 1500, 400),
    2017: (110, 2100, 1400, 390),
}
PER_HEAD = {2018: 4.05, 2017: 4.1}
PER_MONEY = {2018: 20.5, 2017: 21.25}


def pledge_yaml() -> str:
    """The synthetic pledge definition with one indicator per series of the file."""
    indicators = "".join(
        f'          - {{id: {key}, name: {name}, unit: "{unit}", direction: lower}}\n'
        for key, name, unit, _, _ in INDICATORS
    )
    head = textwrap.dedent(
        f"""\
        city: {{name: {CITY}, country: XX}}
        pledge:
          id: {PLEDGE}
          name: "{PLEDGE_NAME}"
          adopted: 2019
          source: "Synthetic test definition"
        goals:
          - id: carbon
            name: Carbon
            indicators:
        """
    )
    return head + indicators.replace("          - ", "      - ")


def file_bytes() -> bytes:
    """The 13-2-2-shaped CSV: newest year first, CRLF, the comma sector quoted, no final newline."""
    lines = ["Year,Sector,Units,Value"]
    for year, values in SECTOR_VALUES.items():
        lines.append(f"{year},,{BY_SECTOR},{sum(values)}")
        for sector, value in zip(SECTORS[1:], values, strict=True):
            shown = f'"{sector}"' if "," in sector else sector
            lines.append(f"{year},{shown},{BY_SECTOR},{value}")
    lines += [f"{year},,{PER_CAPITA},{value}" for year, value in PER_HEAD.items()]
    lines += [f"{year},,{PER_GDP},{value}" for year, value in PER_MONEY.items()]
    return "\r\n".join(lines).encode("ascii")


def series_value(key: str) -> str:
    """What the file says a series' indicator value is called (Units | Sector, blank left out)."""
    for indicator, _, _, units, sector in INDICATORS:
        if indicator == key:
            return f"{units} | {sector}" if sector else units
    raise KeyError(key)
