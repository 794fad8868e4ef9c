"""An unknown city among 828: the message names the nearest few, not all of them."""

from __future__ import annotations

from pledges.cli import common


def test_a_few_known_names_are_all_listed() -> None:
    assert common.known_names(["Nowhere"], ["Testville", "Otherton"]) == "Testville, Otherton"


def test_of_many_the_nearest_to_what_was_typed_and_how_many_more() -> None:
    known = [f"City {n:02}" for n in range(30)] + ["Los Angeles", "Los Molles"]
    # "los-angeles" is "los angeles" folded: Los Angeles matches, Los Molles is near enough;
    # 32 known - 2 shown = 30 more.
    assert common.known_names(["los-angeles"], known) == "Los Angeles, Los Molles and 30 more"


def test_of_many_with_nothing_near_the_first_twelve() -> None:
    known = [f"City {n:02}" for n in range(20)]
    listed = ", ".join(f"City {n:02}" for n in range(12))
    assert common.known_names(["Zzyzx"], known) == f"{listed} and 8 more"
