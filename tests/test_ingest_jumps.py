"""Tenfold jumps against stored neighbours: which rows are held, against which stored value."""

from __future__ import annotations

from pledges.ingest.checking import preview
from tests.conftest import long_frame


def _held(stored: list[tuple[str, int, float]], new: list[tuple[str, int, float]]) -> list[str]:
    compared = preview.compare(long_frame(new), long_frame(stored))
    return [issue.message.split(". ")[0] for issue in compared.held]


def test_a_new_value_is_held_against_the_stored_value_before_or_after_it() -> None:
    stored = [("emissions", 2018, 1.08), ("emissions", 2020, 1.10)]
    # 28.9 / 1.08 = 26.8 times the 2018 value: held, named against 2018
    assert _held(stored, [("emissions", 2019, 28.9)]) == [
        "emissions 2019-01-01: 28.9 is 10 times or more the stored value of 2018-01-01 (1.08)"
    ]
    # 2017 has nothing before it; 0.1 against 2018's 1.08 is 1.08 / 0.1 = 10.8 times: held
    assert len(_held(stored, [("emissions", 2017, 0.1)])) == 1


def test_a_changed_value_is_held_against_the_value_it_replaces() -> None:
    assert len(_held([("emissions", 2019, 800.0)], [("emissions", 2019, 8000.0)])) == 1


def test_unchanged_rows_other_series_zeros_and_signs_are_never_held() -> None:
    stored = [("emissions", 2018, 812.0), ("emissions", 2019, 0.001)]
    assert _held(stored, stored) == []  # both already stored: a commit writes neither
    assert _held([("renewable-share", 2019, 1.0)], [("emissions", 2019, 50.0)]) == []
    assert _held([("emissions", 2019, 0.0)], [("emissions", 2020, 50.0)]) == []
    assert _held([("emissions", 2019, -5.0)], [("emissions", 2020, 50.0)]) == []
    # 7.9 / 0.8 = 9.875: under ten times
    assert _held([("emissions", 2019, 0.8)], [("emissions", 2020, 7.9)]) == []
