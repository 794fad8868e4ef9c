"""The canonical long frame every reader produces: its columns, dtypes and cleaned text cells."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd

from pledges.ingest.reading import readers, sniff

FRAME_COLUMNS = (
    "city",
    "pledge",
    "indicator",
    "period",
    "annual",
    "value",
    "unit",
    "source",
    "note",
    "method",
    "row",
)
# A leading quote our own export adds against formula injection; strip it so values round-trip.
_NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")


def empty_frame() -> pd.DataFrame:
    """The canonical frame with no rows, columns typed."""
    return long_frame({name: [] for name in FRAME_COLUMNS})


def cell_text(cell: readers.Cell) -> str:
    """A name or provenance cell as stored: cleaned, our export's anti-formula quote removed."""
    return _NEUTRALISED.sub("", sniff.clean(readers.text_of(cell)))


def long_frame(out: Mapping[str, Sequence[object]]) -> pd.DataFrame:
    """The long frame with its documented dtypes (text as objects, None kept as None)."""
    dtypes = {"annual": "bool", "value": "float64", "row": "int64"}
    return pd.DataFrame(
        {name: pd.Series(out[name], dtype=dtypes.get(name, object)) for name in FRAME_COLUMNS}
    )
