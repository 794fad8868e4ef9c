"""Due dates per cadence, and the four states on a fixed day (no clock read, no sleeps)."""

from __future__ import annotations

import datetime as dt

import pytest

from pledges import model
from pledges.stewardship import due

D = dt.date
YEAR_0331 = model.Cadence("year", (3, 31))


@pytest.mark.parametrize(
    ("cadence", "latest", "expected"),
    [
        # the value for 2024 is due by 31 March 2025 (the latest reported is 2023)
        (YEAR_0331, D(2023, 1, 1), D(2025, 3, 31)),
        (YEAR_0331, D(2024, 12, 31), D(2026, 3, 31)),  # 2024 reported: 2025's due 2026-03-31
        # 29 February: kept in a leap year, the 28th in a common one
        (model.Cadence("year", (2, 29)), D(2022, 1, 1), D(2024, 2, 29)),
        (model.Cadence("year", (2, 29)), D(2023, 1, 1), D(2025, 2, 28)),
        # quarterly, "01-31": the month after the quarter ends; latest Q3 2024 (August) ->
        # Q4 2024 ends in December, due 31 January 2025
        (model.Cadence("quarter", (1, 31)), D(2024, 8, 15), D(2025, 1, 31)),
        # latest Q4 2024 -> Q1 2025 ends in March, due 30 April (31 clamped)
        (model.Cadence("quarter", (1, 31)), D(2024, 12, 31), D(2025, 4, 30)),
        # "03-15": the third month after the quarter: Q1 2024 (latest) -> Q2 ends June -> 15 Sep
        (model.Cadence("quarter", (3, 15)), D(2024, 3, 1), D(2024, 9, 15)),
        # monthly: January 2024 reported -> February 2024 due on 31 March (the month after)
        (model.Cadence("month", (1, 31)), D(2024, 1, 10), D(2024, 3, 31)),
        # monthly, the day clamped: December 2023 -> January 2024 due in February, the 29th
        (model.Cadence("month", (1, 30)), D(2023, 12, 1), D(2024, 2, 29)),
        # a period in the future (a projection entered early): the due day moves on with it
        (YEAR_0331, D(2030, 1, 1), D(2032, 3, 31)),
    ],
)
def test_next_due_per_cadence(cadence: model.Cadence, latest: dt.date, expected: dt.date) -> None:
    assert due.next_due(cadence, latest) == expected


@pytest.mark.parametrize(
    ("latest", "today", "state", "due_day", "days_late", "period"),
    [
        # 2024 reported; 2025 due 2026-03-31; on 2026-01-01 that is 89 days away (> 30)
        (D(2024, 1, 1), D(2026, 1, 1), "fresh", D(2026, 3, 31), None, "2025"),
        # 2026-03-01 is 30 days before: due soon (the window includes the 30th day)
        (D(2024, 1, 1), D(2026, 3, 1), "due soon", D(2026, 3, 31), None, "2025"),
        (D(2024, 1, 1), D(2026, 2, 28), "fresh", D(2026, 3, 31), None, "2025"),
        # on the due day itself it is still due soon, the day after it is 1 day late
        (D(2024, 1, 1), D(2026, 3, 31), "due soon", D(2026, 3, 31), None, "2025"),
        (D(2024, 1, 1), D(2026, 4, 1), "late", D(2026, 3, 31), 1, "2025"),
        # 2026-12-01 minus 2026-03-31: 30 (Apr) + 31 + 30 + 31 + 31 + 30 + 31 + 30 (Nov) + 1 = 245
        (D(2024, 1, 1), D(2026, 12, 1), "late", D(2026, 3, 31), 245, "2025"),
        # nothing stored: the last year ended by 2026-12-01 is 2025, due 2026-03-31
        (None, D(2026, 12, 1), "never reported", D(2026, 3, 31), None, "2025"),
    ],
)
def test_states_on_a_fixed_day(
    latest: dt.date | None,
    today: dt.date,
    state: str,
    due_day: dt.date,
    days_late: int | None,
    period: str,
) -> None:
    found = due.assess(YEAR_0331, latest, today, soon_days=30)
    assert (found.state, found.due, found.days_late, found.period) == (
        state,
        due_day,
        days_late,
        period,
    )


def test_soon_window_is_the_setting() -> None:
    # 2026-03-01 is 30 days before the due day: due soon with 30, fresh with 29
    assert due.assess(YEAR_0331, D(2024, 1, 1), D(2026, 3, 1), soon_days=29).state == "fresh"


def test_quarter_labels_and_never_reported_quarterly() -> None:
    quarterly = model.Cadence("quarter", (1, 31))
    # on 2025-05-10 the last quarter ended is 2025 Q1 (March), due 30 April 2025
    found = due.assess(quarterly, None, D(2025, 5, 10), soon_days=30)
    assert (found.state, found.due, found.period) == ("never reported", D(2025, 4, 30), "2025 Q1")
    monthly = due.assess(model.Cadence("month", (1, 10)), D(2025, 11, 3), D(2025, 12, 1), 30)
    # November reported -> December 2025 due 10 January 2026, 40 days away
    assert (monthly.state, monthly.due, monthly.period) == ("fresh", D(2026, 1, 10), "2025-12")
