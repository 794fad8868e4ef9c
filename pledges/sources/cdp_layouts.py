"""The CDP–ICLEI exports' layouts, recognised by their header, and their rows read as records.

Headers are compared after normalising (lower case, every run of other characters than
letters and digits as one space), so the portal's `Base year emissions (metric tonnes
CO2e)` and the R "clean names" copy's `Base.year.emissions..metric.tonnes.CO2e.` are one
column. A layout is the first whose every required column is in the header: next year's
export with this year's columns is read without a change here.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["inventory", "targets"]
BLANKS = frozenset({"", "na", "n/a", "-", "not applicable", "none", "null"})

_SEPARATORS = re.compile(r"[^0-9a-z]+")


def normalise(header: str) -> str:
    """A header as layouts name it: lower case, words separated by single spaces."""
    return _SEPARATORS.sub(" ", header.replace("\u200b", "").lower()).strip()


@dataclass(frozen=True, slots=True)
class Layout:
    """One edition's columns: field name -> normalised header; `optional` may be absent."""

    name: str
    kind: Kind
    columns: Mapping[str, str]
    optional: frozenset[str] = field(default_factory=frozenset)

    def matches(self, headers: set[str]) -> bool:
        """True when every required column of this layout is in the header."""
        return all(h in headers for f, h in self.columns.items() if f not in self.optional)


_PLACE = {
    "account": "account number",
    "organisation": "organization",
    "city": "city",
    "country": "country",
    "region": "cdp region",
    "edition": "year reported to cdp",
    "population": "population",
    "population_year": "population year",
    "location": "city location",
}
_SCOPES = {
    "scope1": "total scope 1 emissions metric tonnes co2e",
    "scope2": "total scope 2 emissions metric tonnes co2e",
    "basic": "total basic emissions gpc",
}
# The GPC table's "Total emissions (excluding generation of grid-supplied energy)" row: its
# direct column is scope 1 and its indirect column scope 2 (CDP questionnaire 2019-2021).
_PARTS_2018 = {
    "scope1_part": "direct emissions scope 1 metric tonnes co2e for total emissions excluding "
    "generation of grid supplied energy",
    "scope2_part": "indirect emissions from use of grid supplied energy scope 2 metric tonnes "
    "co2e for total emissions excluding generation of grid supplied energy",
}
_PARTS_2020 = {
    "scope1_part": "direct emissions metric tonnes co2e for total emissions excluding "
    "generation of grid supplied energy",
    "scope2_part": "indirect emissions from use of grid supplied energy metric tonnes co2e for "
    "total emissions excluding generation of grid supplied energy",
}

LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "cdp-targets-2021",
        "targets",
        {
            **_PLACE,
            "target_type": "type of target",
            "sector": "sector",
            "base_year": "base year",
            "base_emissions": "base year emissions metric tonnes co2e",
            "pct": "percentage reduction target",
            "target_year": "target year",
            "target_emissions": "target year absolute emissions metric tonnes co2e",
            "intensity_unit": "intensity unit emissions per",
            "bau_emissions": "estimated business as usual absolute emissions in target year "
            "metric tonnes co2e",
            "achieved": "percentage of target achieved so far",
        },
    ),
    Layout(
        "cdp-inventory-2020",
        "inventory",
        {
            **_PLACE,
            "period": "accounting year",
            "boundary": "inventory boundary compared to administrative city boundary",
            "protocol": "primary protocol",
            **_SCOPES,
            "scope2": "total scope 2 emissions metric tonnes co2e",
            **_PARTS_2020,
        },
    ),
    Layout(
        "cdp-inventory-2018",
        "inventory",
        {
            **_PLACE,
            "period": "accounting year",
            "boundary": "inventory boundary",
            "protocol": "primary protocol",
            **_SCOPES,
            **_PARTS_2018,
        },
    ),
    Layout(
        "cdp-inventory-2017",
        "inventory",
        {
            **_PLACE,
            "region": "region",
            "edition": "reporting year",
            "period": "accounting year",
            "boundary": "boundary",
            "protocol": "protocol",
            "total": "total emissions metric tonnes co2e",
            "scopes_included": "scopes included",
            "scope1": _SCOPES["scope1"],
            "scope2": _SCOPES["scope2"],
        },
        optional=frozenset({"scopes_included"}),
    ),
    Layout(
        "cdp-inventory-2016",
        "inventory",
        {
            "account": "account number",
            "organisation": "city name",
            "city": "city short name",
            "country": "country",
            "edition": "reporting year",
            "period": "measurement year",
            "boundary": "boundary",
            "protocol": "primary methodology",
            "total": "total city wide emissions metric tonnes co2e",
            "scope1": _SCOPES["scope1"],
            "scope2": _SCOPES["scope2"],
            "population": "current population",
            "population_year": "current population year",
            "location": "city location",
        },
    ),
)


@dataclass(frozen=True, slots=True)
class Record:
    """One data row: its number in the file (the header is row 1) and its cells by field."""

    row: int
    cells: Mapping[str, str]

    def text(self, name: str) -> str:
        """The cell stripped, or "" where the export leaves it blank (NA, -, Not Applicable)."""
        value = self.cells.get(name, "").strip()
        return "" if value.lower() in BLANKS else value


@dataclass(frozen=True, slots=True)
class Table:
    """A file read with its layout: records in file order."""

    layout: Layout
    records: tuple[Record, ...]


def recognise(headers: list[str]) -> Layout | None:
    """The layout of a header row, or None when it is none of the known ones."""
    present = {normalise(h) for h in headers}
    return next((layout for layout in LAYOUTS if layout.matches(present)), None)


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (a BOM is fine), else Windows-1252 as spreadsheets save it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read(data: bytes) -> Table | None:
    """The file's records under its layout (quoted fields may span lines); None if unknown."""
    rows = csv.reader(io.StringIO(decode(data), newline=""))
    headers = next(rows, None)
    if headers is None:
        return None
    layout = recognise(headers)
    if layout is None:
        return None
    position = {normalise(h): i for i, h in reversed(list(enumerate(headers)))}
    wanted = {name: position[h] for name, h in layout.columns.items() if h in position}
    return Table(layout, tuple(_records(rows, wanted)))


def _records(rows: Iterator[list[str]], wanted: Mapping[str, int]) -> Iterator[Record]:
    for number, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        yield Record(
            number, {name: cells[i] if i < len(cells) else "" for name, i in wanted.items()}
        )
