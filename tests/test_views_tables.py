"""A frame as a text table: which columns, in which order, and each cell written by one rule."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pledges.views import tables

# Two stored values as the store hands them out (more columns than a table shows).
FRAME = pd.DataFrame(
    {
        "city": ["Testville", "Testville"],
        "period": [dt.date(2019, 1, 1), dt.date(2020, 1, 1)],
        "value": [1234.5, float("nan")],
        "unit": ["t", "t"],
        "source": ["minutes", None],
        "batch_id": [7, 8],
    }
)


@pytest.mark.parametrize(
    ("only", "texts", "headers", "rows"),
    [
        (
            None,
            None,
            ("city", "period", "value", "unit", "source", "batch_id"),
            # 1234.5 >= 100: no decimals, half up, grouped; NaN and None: a dash.
            (
                ("Testville", "2019-01-01", "1,235", "t", "minutes", "7"),
                ("Testville", "2020-01-01", "–", "t", "–", "8"),
            ),
        ),
        (
            ("source", "value"),
            None,
            ("source", "value"),
            (("minutes", "1,235"), ("–", "–")),
        ),
        (
            ("period", "value", "unit"),
            {"period": ["2019", "2020"]},
            ("period", "value", "unit"),
            (("2019", "1,235", "t"), ("2020", "–", "t")),
        ),
    ],
    ids=["every-column", "chosen-columns-in-their-order", "a-column-given-as-words"],
)
def test_a_frame_becomes_rows_of_cells(
    only: tuple[str, ...] | None,
    texts: dict[str, list[str]] | None,
    headers: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
) -> None:
    found = tables.table(FRAME, "Stored values", texts, only)
    assert (found.caption, found.headers, found.rows) == ("Stored values", headers, rows)


def test_an_empty_frame_has_headers_and_no_rows() -> None:
    found = tables.table(FRAME.iloc[0:0], "Nothing", only=("period", "value"))
    assert (found.headers, found.rows) == (("period", "value"), ())
