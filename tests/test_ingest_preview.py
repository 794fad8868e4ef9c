"""Preview: added, changed and unchanged rows per indicator, and warnings that do not block."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pledges.ingest.checking import preview

LA, PLEDGE = "Los Angeles", "five-zeroes"


def _frame(rows: list[tuple[str, int, float, str | None]]) -> pd.DataFrame:
    """Observations of (indicator, year, value, method)."""
    return pd.DataFrame(
        {
            "city": pd.Series([LA] * len(rows), dtype=object),
            "pledge": pd.Series([PLEDGE] * len(rows), dtype=object),
            "indicator": pd.Series([r[0] for r in rows], dtype=object),
            "period": pd.Series([dt.date(r[1], 1, 1) for r in rows], dtype=object),
            "value": pd.Series([r[2] for r in rows], dtype="float64"),
            "method": pd.Series([r[3] for r in rows], dtype=object),
            "source": pd.Series(["LADWP"] * len(rows), dtype=object),
            "note": pd.Series([None] * len(rows), dtype=object),
        }
    )


STORED = _frame([("renewable-share", year, 30.0 + year - 2015, None) for year in range(2015, 2020)])


def test_rows_are_added_changed_or_unchanged_per_indicator() -> None:
    new = _frame(
        [
            ("renewable-share", 2019, 34.0, None),  # as stored
            ("renewable-share", 2018, 33.5, None),  # changed
            ("renewable-share", 2020, 35.0, None),  # added
            ("coal-share", 2020, 3.0, None),  # added, new indicator
        ]
    )
    result = preview.compare(new, STORED)
    assert (result.added, result.changed, result.unchanged) == (2, 1, 1)
    changed = result.rows[result.rows["status"] == "changed"].iloc[0]
    assert (changed["old_value"], changed["new_value"]) == (33.0, 33.5)
    counts = result.counts.set_index("indicator")
    assert counts.loc["renewable-share", ["added", "changed", "unchanged"]].tolist() == [1, 1, 1]
    assert counts.loc["coal-share", ["added", "changed", "unchanged"]].tolist() == [1, 0, 0]
    assert result.warnings == ()


def test_a_new_method_is_a_change_even_with_the_same_value() -> None:
    result = preview.compare(_frame([("renewable-share", 2019, 34.0, "LEGGI 2021")]), STORED)
    assert result.changed == 1


def test_missing_notes_compare_equal_whatever_their_spelling() -> None:
    new = _frame([("renewable-share", 2019, 34.0, None)])
    stored = STORED.copy()
    stored["note"] = pd.Series([float("nan"), "", None, None, ""], dtype=object)
    assert preview.compare(new, stored).unchanged == 1


def test_values_far_outside_the_stored_range_are_warned_about_not_blocked() -> None:
    new = _frame([("renewable-share", 2020, 3500.0, None), ("renewable-share", 2021, 0.35, None)])
    result = preview.compare(new, STORED)
    assert [w.code for w in result.warnings] == ["suspicious-value", "suspicious-value"]
    assert all(w.severity == "warning" for w in result.warnings)
    assert result.added == 2


def test_a_jump_of_more_than_five_standard_deviations_is_warned_about() -> None:
    stored = _frame(
        [
            ("renewable-share", 2010 + i, v, None)
            for i, v in enumerate([30.0, 31.0, 31.5, 32.5, 33.0, 34.0])
        ]
    )
    calm = preview.compare(_frame([("renewable-share", 2016, 35.0, None)]), stored)
    jump = preview.compare(_frame([("renewable-share", 2016, 60.0, None)]), stored)
    assert calm.warnings == ()
    assert [w.code for w in jump.warnings] == ["suspicious-value"]


def test_timestamps_in_the_store_match_dates_in_the_upload() -> None:
    stored = STORED.copy()
    stored["period"] = pd.to_datetime(stored["period"])
    assert preview.compare(_frame([("renewable-share", 2019, 34.0, None)]), stored).unchanged == 1


def test_an_empty_store_makes_everything_added() -> None:
    result = preview.compare(STORED, STORED.iloc[0:0])
    assert (result.added, result.changed, result.unchanged) == (5, 0, 0)
