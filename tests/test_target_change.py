"""Which way a target change went: a table of hand-derived cases (direction, baseline, kinds)."""

from __future__ import annotations

import pytest

from pledges import model, translation
from pledges.progress import target_change


def value(year: int, level: float, source: str = "s") -> model.Target:
    return model.Target(year, "value", level, source)


def span(year: int, low: float, high: float, direction: str) -> model.Target:
    # A range's `value` is the edge nearer the baseline: low where higher is better.
    return model.Target(year, "range", low if direction == "higher" else high, "s", low, high)


BASE_2015 = model.Baseline(2015, 20, "s")
BASE_1990 = model.Baseline(1990, 1000, "s")

CASES = [
    ("added", None, value(2030, 60), "higher", None, "added"),
    ("withdrawn", value(2030, 60), None, "higher", None, "withdrawn"),
    ("higher: 60 -> 70 in 2030", value(2030, 60), value(2030, 70), "higher", None, "strengthened"),
    ("higher: 60 -> 50 in 2030", value(2030, 60), value(2030, 50), "higher", None, "weakened"),
    ("lower: 500 -> 400 kt", value(2030, 500), value(2030, 400), "lower", None, "strengthened"),
    ("lower: 400 -> 500 kt", value(2030, 400), value(2030, 500), "lower", None, "weakened"),
    ("100 % 2045 -> 2035", value(2045, 100), value(2035, 100), "higher", None, "moved earlier"),
    ("80 % 2030 -> 2036", value(2030, 80), value(2036, 80), "higher", None, "moved later"),
    (
        "a value written as a level to hold",
        value(2030, 60),
        model.Target(2030, "maintain", 60, "s"),
        "higher",
        None,
        "restated",
    ),
    (
        # -50 % of the 1990 baseline 1000 resolves to 1000 x (1 - 0.5) = 500: the same level.
        "-50 % from 1000 written as 500",
        model.Target(2030, "change_pct", 500, "s", change_pct=-50),
        value(2030, 500),
        "lower",
        BASE_1990,
        "restated",
    ),
    (
        "only the source is new",
        value(2030, 60, "a"),
        value(2030, 60, "b"),
        "higher",
        None,
        "restated",
    ),
    (
        # Same near edge 900; the far edge goes from 1,500 to 1,800 where higher is better.
        "higher range 900-1500 -> 900-1800",
        span(2025, 900, 1500, "higher"),
        span(2025, 900, 1800, "higher"),
        "higher",
        None,
        "strengthened",
    ),
    (
        # Near edge (high) 20 both; the far edge goes from 10 down to 5 where lower is better.
        "lower range 10-20 -> 5-20",
        span(2030, 10, 20, "lower"),
        span(2030, 5, 20, "lower"),
        "lower",
        None,
        "strengthened",
    ),
    ("more and sooner", value(2030, 60), value(2028, 70), "higher", None, "strengthened"),
    ("less and later", value(2030, 60), value(2032, 50), "higher", None, "weakened"),
    (
        # From 20 in 2015: old (60 - 20) / (2030 - 2015) = 2.67 a year, new (70 - 20) /
        # (2040 - 2015) = 2.0 a year: more in the end, but a slower pace.
        "more but later, slower pace",
        value(2030, 60),
        value(2040, 70),
        "higher",
        BASE_2015,
        "weakened",
    ),
    (
        # old 2.67 a year; new (50 - 20) / (2025 - 2015) = 3.0 a year: less, but sooner and faster.
        "less but sooner, faster pace",
        value(2030, 60),
        value(2025, 50),
        "higher",
        BASE_2015,
        "strengthened",
    ),
    (
        "more but later, no baseline",
        value(2030, 60),
        value(2040, 70),
        "higher",
        None,
        "strengthened",
    ),
    (
        # From 1000 in 1990, lower is better: old (1000 - 500) / 40 = 12.5 a year, new
        # (1000 - 400) / 60 = 10 a year.
        "lower: less but later, slower",
        value(2030, 500),
        value(2050, 400),
        "lower",
        BASE_1990,
        "weakened",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "direction", "baseline", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_a_change_is_classified_by_hand(old, new, direction, baseline, expected) -> None:  # noqa: ANN001
    assert target_change.classify(old, new, direction, baseline) == expected


def test_every_word_is_reached_by_the_table() -> None:
    assert {case[-1] for case in CASES} == set(target_change.CHANGES)


RELATIVE = (model.Target(2030, "change_pct", 500, "s", change_pct=-50), value(2050, 0))


@pytest.mark.parametrize(
    ("new_base", "expected"),
    [
        # -50 % of 1200 is 600 kt, more than 500 kt where lower is better.
        (model.Baseline(1990, 1200, "s"), "weakened"),
        # -50 % of 800 is 400 kt, less than 500 kt.
        (model.Baseline(1990, 800, "s"), "strengthened"),
        # The same 1000 from another source: -50 % is still 500 kt.
        (model.Baseline(1990, 1000, "another"), "restated"),
        (None, "withdrawn"),
    ],
    ids=["higher base, weaker", "lower base, stronger", "new source", "withdrawn"],
)
def test_a_new_baseline_is_judged_by_its_relative_targets(new_base, expected) -> None:  # noqa: ANN001
    assert target_change.classify_baseline(BASE_1990, new_base, RELATIVE, "lower") == expected


def test_a_baseline_of_absolute_targets_only_is_restated_or_added() -> None:
    absolute = (value(2030, 60),)
    moved = model.Baseline(2016, 25, "s")
    assert target_change.classify_baseline(BASE_2015, moved, absolute, "higher") == "restated"
    assert target_change.classify_baseline(None, moved, absolute, "higher") == "added"


@pytest.mark.parametrize(
    ("target", "unit", "words"),
    [
        (value(2025, 55), "%", "55 % by 2025"),
        (span(2035, 1500, 1800, "higher"), "MW", "1,500–1,800 MW by 2035"),
        (model.Target(2050, "maintain", 50, "s"), "%", "hold 50 % from 2050"),
        (
            model.Target(2030, "change_pct", 500, "s", change_pct=-50),
            "kt",
            "-50 % from the baseline (500 kt) by 2030",
        ),
        (None, "%", "none"),
    ],
    ids=["value", "range", "maintain", "change_pct", "none"],
)
def test_a_target_in_words(target, unit, words) -> None:  # noqa: ANN001
    assert target_change.describe(target, unit) == words


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # -50 % of the new 1990 baseline, 800 kt: 800 * (1 - 0.5) = 400 kt, still Transport only.
        (
            model.Target(2030, "change_pct", 500, "s", change_pct=-50, coverage="Transport"),
            model.Target(2030, "change_pct", 400, "s", change_pct=-50, coverage="Transport"),
        ),
        # A level to reach is not relative to the baseline: the same target.
        (value(2030, 60), value(2030, 60)),
    ],
    ids=["change-keeps-its-coverage", "value-unchanged"],
)
def test_a_target_against_a_new_baseline(target: model.Target, expected: model.Target) -> None:
    assert target.rebased(model.Baseline(1990, 800, "s")) == expected


ES = translation.translator("es")


@pytest.mark.parametrize(
    ("target", "unit", "words"),
    [
        (value(2025, 55), "%", "55 % para 2025"),
        # Spanish groups thousands with a point: 1,500 is "1.500".
        (span(2035, 1500, 1800, "higher"), "MW", "1.500–1.800 MW para 2035"),
        (model.Target(2050, "maintain", 50, "s"), "%", "mantener 50 % desde 2050"),
        (
            model.Target(2030, "change_pct", 500, "s", change_pct=-2.5),
            "kt",
            "-2,5 % respecto a la línea de base (500 kt) para 2030",
        ),
        (None, "%", "ninguno"),
    ],
    ids=["value", "range", "maintain", "change_pct", "none"],
)
def test_a_target_in_spanish_words(target, unit, words) -> None:  # noqa: ANN001
    assert target_change.describe(target, unit, ES) == words


def test_a_baseline_in_words_in_each_language() -> None:
    base = model.Baseline(2014, 131.5, "s")
    # 131.5 rounds to 132 in a sentence (no decimals at 100 and above).
    assert target_change.describe_baseline(base, "gal/person/day") == (
        "baseline 132 gal/person/day in 2014"
    )
    assert target_change.describe_baseline(base, "gal/person/day", ES) == (
        "línea de base de 132 gal/person/day en 2014"
    )
    assert target_change.describe_baseline(None, "%", ES) == "sin línea de base"
