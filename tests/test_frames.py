"""The series keys of a long frame: numbered in order of first appearance, missing names too."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pledges import frames


def test_rows_of_one_series_share_a_code_numbered_by_first_appearance() -> None:
    frame = pd.DataFrame(
        {
            "city": ["A", "A", "B", "A", "A"],
            "pledge": ["p", "p", "p", "q", "p"],
            "indicator": ["x", "y", "x", "x", "x"],
        }
    )
    codes, series = frames.series_codes(frame)
    # by hand: (A,p,x) first on row 0, (A,p,y) row 1, (B,p,x) row 2, (A,q,x) row 3; row 4 is row 0's
    assert codes.tolist() == [0, 1, 2, 3, 0]
    assert series == [("A", "p", "x"), ("A", "p", "y"), ("B", "p", "x"), ("A", "q", "x")]


def test_names_that_only_combine_alike_stay_apart() -> None:
    # ("ab", "c") and ("a", "bc") would collide if the columns were joined as text
    frame = pd.DataFrame({"city": ["ab", "a"], "pledge": ["c", "bc"], "indicator": ["i", "i"]})
    codes, _ = frames.series_codes(frame)
    assert codes.tolist() == [0, 1]


def test_a_missing_name_is_a_series_of_its_own() -> None:
    frame = pd.DataFrame({"city": ["A", None], "pledge": ["p", "p"], "indicator": ["x", "x"]})
    codes, series = frames.series_codes(frame)
    assert codes.tolist() == [0, 1]
    assert series[0] == ("A", "p", "x") and pd.isna(series[1][0])


def test_an_empty_frame_has_no_series() -> None:
    empty = pd.DataFrame({name: pd.Series([], dtype=object) for name in frames.SERIES})
    codes, series = frames.series_codes(empty)
    assert codes.dtype == np.int64 and len(codes) == 0 and series == []
