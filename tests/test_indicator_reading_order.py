"""The Pledge page's indicator order: worst first, by name, the worst assessed headline leading."""

from __future__ import annotations

from types import SimpleNamespace

from pledges.views.pages import indicator_page


def item(name: str, status: str, headline_of_its_goal: bool = False) -> SimpleNamespace:
    key = name.lower().replace(" ", "-")
    return SimpleNamespace(
        indicator=SimpleNamespace(key=key, name=name),
        goal=SimpleNamespace(headline=key if headline_of_its_goal else "another"),
        assessment=SimpleNamespace(status=status),
    )


def names(items: list) -> list[str]:
    return [i.indicator.name for i in indicator_page.reading_order(items)]


def test_worst_first_then_by_name_within_a_status() -> None:
    given = [
        item("Water", "on track"),
        item("buses", "insufficient data"),
        item("Trees", "off track"),
        item("Air", "off track"),
        item("Cars", "wrong direction"),
        item("Solar", "trend only"),
    ]
    # wrong direction < off track (Air, Trees by name) < on track < insufficient data < trend only
    assert names(given) == ["Cars", "Air", "Trees", "Water", "buses", "Solar"]


def test_the_worst_assessed_headline_leads() -> None:
    given = [
        item("Cars", "wrong direction"),
        item("Grid", "needs acceleration", headline_of_its_goal=True),
        item("GHG", "off track", headline_of_its_goal=True),
        item("Zero waste", "insufficient data", headline_of_its_goal=True),
    ]
    # Headlines that are assessed: GHG (off track) and Grid (needs acceleration); GHG is worse.
    assert names(given) == ["GHG", "Cars", "Grid", "Zero waste"]


def test_an_unassessed_headline_does_not_lead() -> None:
    given = [item("Cars", "off track"), item("Waste", "insufficient data", True)]
    assert names(given) == ["Cars", "Waste"]
