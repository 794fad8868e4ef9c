"""A table as text (caption, headers, rows of cells): the one row shape every renderer lays out."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from pledges import numbers


@dataclass(frozen=True, slots=True)
class Table:
    """A table as text: a caption, its column headers and rows of cells."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()  # columns to right-align


def of(
    caption: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    numeric: Iterable[int] = (),
) -> Table:
    """A table from rows of values, each cell written by `cell`."""
    return Table(
        caption,
        tuple(headers),
        tuple(tuple(cell(value) for value in row) for row in rows),
        frozenset(numeric),
    )


def cell(value: object, lang: str = numbers.DEFAULT) -> str:
    """A table cell as text: numbers by the one rule (in `lang`), missing values as a dash."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return numbers.number(value, lang)
    if isinstance(value, dt.datetime | dt.date | pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    if pd.isna(value):
        return "–"
    return str(value)


def table(
    frame: pd.DataFrame,
    caption: str,
    texts: dict[str, list[str]] | None = None,
    only: Sequence[str] | None = None,
    lang: str = numbers.DEFAULT,
) -> Table:
    """A frame as a text table (`only`: just these columns, in this order); `texts` replaces
    whole columns already written as words; numbers are written in `lang`."""
    if only is None:
        named = [(str(name), column) for name, column in frame.items()]
    else:  # one column at a time: choosing several through pandas costs more than the table
        named = [(name, frame[name]) for name in only]
    given = texts or {}
    # Column by column (a row at a time through pandas costs more than the page it feeds).
    cells = [
        given[name][: len(frame)]
        if name in given
        else [cell(value, lang) for value in column.tolist()]
        for name, column in named
    ]
    rows = tuple(zip(*cells, strict=True)) if named else ((),) * len(frame)
    return Table(caption, tuple(name for name, _ in named), rows)
