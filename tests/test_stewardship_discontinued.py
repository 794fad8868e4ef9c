"""A series that will never come again is "discontinued", not late, on the page and in `due`."""

from __future__ import annotations

import datetime as dt

from pledges import model
from pledges.catalog import stewardship as definitions
from pledges.stewardship import due


def test_a_discontinued_series_is_never_late() -> None:
    ended = model.Cadence("discontinued", (3, 31))
    # the last value is for 2013; eleven years on it is still not late
    found = due.assess(ended, dt.date(2013, 1, 1), dt.date(2024, 6, 1), soon_days=30)
    assert (found.state, found.days_late, found.period) == ("discontinued", None, "2013")
    yearly = model.Cadence("year", (3, 31))
    late = due.assess(yearly, dt.date(2013, 1, 1), dt.date(2024, 6, 1), soon_days=30)
    # the 2014 value was due 31 March 2015: 2024-06-01 minus 2015-03-31 is 3,350 days
    assert (late.state, late.days_late) == (
        "late",
        (dt.date(2024, 6, 1) - dt.date(2015, 3, 31)).days,
    )
    assert due.STATES[-1] == "discontinued"


def test_a_definition_may_say_discontinued() -> None:
    owner, cadence, problems = definitions.parse_stewardship(
        {"team": "Energy Office"}, {"every": "discontinued", "due": "03-31"}
    )
    assert problems == [] and cadence == model.Cadence("discontinued", (3, 31))


def test_the_due_line_says_discontinued_rather_than_late() -> None:
    from pledges.stewardship import listing
    from pledges.views.pages import due as due_view

    status = due.Due("discontinued", dt.date(2013, 1, 1), None, dt.date(2013, 1, 1), "2013")
    city = model.City("Los Angeles", "US")
    pledge = model.Pledge("five-zeroes", "Five Zeroes", 2019, "a test", city)
    indicator = model.Indicator("x", "X", "t", "lower", owner=model.Owner(team="LASAN"))
    item = listing.DueItem("Los Angeles", pledge, indicator, status)
    text = due_view.due_text(item, dt.date(2024, 6, 1))
    assert text.startswith("discontinued:") and "late" not in text.replace("nothing is late", "")


def test_the_page_says_who_has_no_address_and_who_must_add_one() -> None:
    from pledges.stewardship import listing
    from pledges.views.pages import due as due_view

    city = model.City("Los Angeles", "US")
    pledge = model.Pledge("five-zeroes", "Five Zeroes", 2019, "a test", city)
    fresh = due.Due("fresh", dt.date(2026, 3, 31), None, dt.date(2024, 1, 1), "2025")
    ended = due.Due("discontinued", dt.date(2013, 1, 1), None, dt.date(2013, 1, 1), "2013")

    def item(key: str, owner: model.Owner, status: due.Due) -> listing.DueItem:
        indicator = model.Indicator(key, key.upper(), "t", "lower", owner=owner)
        return listing.DueItem("Los Angeles", pledge, indicator, status)

    items = [
        item("a", model.Owner(team="LASAN"), fresh),
        item("b", model.Owner(team="LASAN"), fresh),
        item("c", model.Owner(team="LADWP", email="data@example.org"), fresh),
        item("d", model.Owner(team="LADWP"), ended),  # owes nothing: no address needed
    ]
    sentence = due_view.unreachable_sentence(items)
    assert sentence is not None
    assert sentence.startswith("No e-mail address for LASAN (2 indicators), so reminders")
    assert "LADWP" not in sentence and "data/pledges/" in sentence
    assert due_view.unreachable_sentence(items[2:]) is None
    assert due_view.CADENCES == ("year", "quarter", "month", "discontinued")
