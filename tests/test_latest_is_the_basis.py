""" "Latest" is the basis' latest value; a newer value on another definition is shown with its
method (pages, site, briefing and the JSON's `latest_method`), never as the latest alone."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pledges import progress
from pledges.views import formatting
from tests.test_progress_status import annual, indicator, value

TODAY = dt.date(2024, 6, 30)


def _chargers() -> progress.Assessment:
    # Public chargers 1,000 (2016) and 2,100 (2019); 18,205 commercial chargers in 2022: one
    # value of another definition, newer than the basis (the public series, 2 values).
    frame = pd.concat(
        [
            annual({2016: 1000.0, 2019: 2100.0}, "public chargers"),
            annual({2022: 18205.0}, "commercial chargers"),
        ],
        ignore_index=True,
    )
    return progress.assess(
        indicator((value(2028, 10000.0),), baseline=None, unit="chargers"), frame, TODAY
    )


def test_latest_is_the_basis_value_and_the_newer_one_names_its_method() -> None:
    a = _chargers()
    assert formatting.latest_point(a) == (2019, 2100.0, "public chargers")
    assert formatting.latest_text(a, "chargers") == (
        "2,100 chargers (2019); newer: 18,205 chargers in 2022 (commercial chargers: another "
        "definition)"
    )


def test_without_a_basis_the_newest_value_is_the_latest() -> None:
    frame = annual({2022: 18205.0}, "commercial chargers")
    a = progress.assess(indicator((value(2028, 10000.0),), baseline=None), frame, TODAY)
    assert formatting.latest_point(a) == (2022, 18205.0, "commercial chargers")
    assert formatting.latest_text(a, "chargers") == "18,205 chargers (2022)"


def test_without_a_basis_latest_is_the_definitions_own_series() -> None:
    # L.A.'s chargers: 1,000 public chargers (2016, the definition's unnamed method) and
    # 18,205 commercial chargers (2022): no series has 2 values, so there is no basis.
    frame = pd.concat(
        [annual({2016: 1000.0}), annual({2022: 18205.0}, "commercial chargers")],
        ignore_index=True,
    )
    a = progress.assess(
        indicator((value(2028, 10000.0),), baseline=None, unit="chargers"), frame, TODAY
    )
    assert a.basis_method is None and a.basis_to is None
    assert formatting.latest_point(a) == (2016, 1000.0, None)
    assert formatting.latest_text(a, "chargers") == (
        "1,000 chargers (2016); newer: 18,205 chargers in 2022 (commercial chargers: another "
        "definition)"
    )
