"""The annual table: one value per indicator, method and year, whatever else the frame holds."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from pledges.progress import series

# Four periods of 2007 (mean -120.175 by hand: -480.7 / 4) and one of 2008.
A = pd.DataFrame(
    {
        "indicator": "a",
        "period": [dt.date(2007, m, 1) for m in (5, 7, 9, 10)] + [dt.date(2008, 3, 1)],
        "value": [-113.4, -113.8, -75.3, -178.2, -100.0],
        "method": ["B", "B", "B", "B", None],
    }
)
B = pd.DataFrame(
    {
        "indicator": "b",
        "period": [dt.date(2007, m, 15) for m in (1, 6, 8)],
        "value": [1.0, 2.0, 4.0],
        "method": [None, "A", "B"],
    }
)


def table(frame: pd.DataFrame, keys=("a", "b"), how=(1, 2)) -> pd.DataFrame:
    return series.annual_table(frame, pd.Index(list(keys)), np.array(how))


def test_a_year_of_several_periods_is_the_same_alone_or_among_other_indicators() -> None:
    alone = table(A)
    # b's rows first and interleaved by date: a's 2007 mean must not change in the last bit.
    mixed = table(pd.concat([B, A, B.assign(indicator="c")]).sort_values("period"))
    a_alone = alone[alone["code"] == 0].reset_index(drop=True)
    a_mixed = mixed[mixed["code"] == 0].reset_index(drop=True)
    assert a_alone["value"].tolist() == a_mixed["value"].tolist()
    # Sorted by method ("" first), then year: 2008 without a method, 2007 under B.
    assert a_alone[["method", "year", "periods"]].values.tolist() == [["", 2008, 1], ["B", 2007, 4]]
    assert a_alone["value"].tolist() == pytest.approx([-100.0, -120.175], abs=1e-12)


def test_sum_last_and_lone_periods() -> None:
    # b sums: one value a method in 2007 (1, 2 and 4 under "", A and B); "last" takes the latest.
    found = table(pd.concat([A, B]), how=(0, 2))
    b = found[found["code"] == 1]
    assert b[["method", "value"]].values.tolist() == [["", 1.0], ["A", 2.0], ["B", 4.0]]
    a = found[found["code"] == 0]
    assert a["value"].tolist() == [-100.0, -178.2]  # last of 2007 is October's


def test_rows_of_unknown_indicators_and_unreadable_values_are_left_out() -> None:
    frame = pd.concat([A, B.assign(indicator="zzz"), A.assign(value="x")])
    found = table(frame, keys=("a",), how=(2,))
    # Only a's own five rows count: 2008 alone, 2007 the sum of four.
    assert found["periods"].tolist() == [1, 4]
    assert found["value"].tolist() == pytest.approx([-100.0, -480.7], abs=1e-12)


def test_empty_frame_gives_the_documented_columns() -> None:
    found = table(A.iloc[:0])
    assert list(found.columns) == ["code", "method", "year", "value", "periods", "whole"]
    assert found.empty
