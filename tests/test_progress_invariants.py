"""Revision 3's invariants over thousands of generated indicators (tests/generators.py).

Nothing raises, whatever the store can hold; no status contradicts its share, arrival,
verdicts or sentence; the sentence opens on a measured value; one indicator's values never
change another's assessment. 300 generated cities of 1-20 indicators each: about 3,000
indicators a run.
"""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import HealthCheck, given, settings

from pledges import numbers, progress
from pledges.progress import sentence, wording
from pledges.progress import status as st
from tests import generators

CITIES = 300
INVARIANT = settings(
    max_examples=CITIES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# The status each situation may carry, and a phrase its sentence must hold.
SITUATIONS: dict[str, tuple[set[str], str]] = {
    "no target": ({"trend only"}, "No numeric target"),
    "not comparable": ({"insufficient data"}, "No target is comparable"),
    "no values": ({"insufficient data", "trend only"}, "no values yet"),
    "insufficient": ({"insufficient data"}, "Too little for a trend"),
    "no line": ({"insufficient data"}, "No line can be fitted"),
    "holding": ({"achieved"}, "held"),
    "slipped": ({"off track"}, "slipped in"),
    "met ahead": ({"achieved"}, "is already met"),
    "met when due": ({"achieved"}, "was met ("),
    "reached late": ({"achieved"}, "it was reached in"),
    "outside range": (
        {"on track", "needs acceleration", "off track", "wrong direction"},
        "outside the",
    ),
    "due likely met": ({"on track"}, "is likely met"),
    "due toward": ({"off track"}, "; "),
    "due flat": ({"wrong direction"}, "the trend is flat, so it does not reach it"),
    "due away": ({"wrong direction"}, "the trend moves away from it"),
    "unconfirmed": ({"on track"}, "no value since"),
    "line past": ({"on track"}, "no measured value confirms it"),
    "flat": ({"wrong direction"}, "The trend is flat:"),
    "away": ({"wrong direction"}, "This is away from"),
    "pace": ({"on track", "needs acceleration", "off track"}, "At this pace"),
}


def measured_rows(a: progress.Assessment) -> set[tuple[int, float]]:
    """Every measured annual value of the assessment (never the baseline)."""
    annual = a.annual
    return set(zip(annual["year"].tolist(), annual["value"].tolist(), strict=True))


def check_opening(a: progress.Assessment) -> None:
    """The sentence's first value is a measured value, with its year: the basis' last value,
    or without a basis the one "Latest" names; a newer value elsewhere is named as another's."""
    if a.latest_year is None:
        assert a.shown is None and a.sentence == f"{a.name}: no values yet."
        return
    assert a.shown is not None
    year, value, _ = a.shown
    if a.basis_to is not None:
        assert (year, value) == (a.basis_to, a.basis_value)
    assert (year, value) in measured_rows(a)
    assert a.sentence.startswith(f"{a.name}: {numbers.quantity(value, a.unit)} in {year}")
    if a.latest_year > year:
        newer = numbers.quantity(a.latest_value, a.unit)
        assert f"{a.latest_year} value, {newer}, is on another definition" in a.sentence
    if a.basis_to is None:
        assert "the last value used" not in a.sentence.lower()


def check_share(a: progress.Assessment) -> None:
    """A share is finite, and past the target only beside "achieved" (and never below 0 there)."""
    share = a.progress_share
    if share is None:
        return
    assert math.isfinite(share)
    if share >= 1:
        assert a.status == st.Status.ACHIEVED, (share, a.status, a.sentence)
    if a.status == st.Status.ACHIEVED:
        assert share >= 1
    if share < 0:
        assert a.status != st.Status.ACHIEVED


def check_arrival(a: progress.Assessment) -> None:
    """No arrival for a line that moves away or is flat; none before today unless measured."""
    if a.status == st.Status.WRONG_DIRECTION:
        assert a.next_projected_year is None, a.sentence
    if a.next_projected_year is not None and a.status != st.Status.ACHIEVED:
        assert a.next_projected_year >= a.today.year
    if a.projected_year is not None and a.projected_year < a.today.year:
        assert a.projected_year == a.basis_to and a.final_target is not None
        assert st.meets(a.final_target, a.direction, a.basis_value)


def check_verdicts(a: progress.Assessment, case: generators.Case) -> None:
    """Each verdict rests on measured values of its own year, or says it comes from the line."""
    measured = {} if a.basis_to is None else _basis_values(a)
    aside = {one.target for one in a.set_aside}
    for verdict in a.verdicts:
        target = verdict.target
        assert target not in aside
        if verdict.outcome == st.Outcome.MISSED:
            assert verdict.value_year == target.year
            assert measured.get(target.year) == verdict.value
            assert not st.meets(target, a.direction, verdict.value)
        if verdict.outcome == st.Outcome.MET:
            assert verdict.value_year <= target.year
            assert st.meets(target, a.direction, verdict.value)
        if verdict.outcome in (st.Outcome.LIKELY_MET, st.Outcome.LIKELY_MISSED):
            assert target.year not in measured
            if a.floor is not None:
                assert verdict.line_value >= a.floor
        if verdict.outcome == st.Outcome.HOLDING:
            since = [v for y, v in sorted(measured.items()) if y >= target.year]
            assert since and st.meets(target, a.direction, since[-1])
    if case.indicator.targets and not a.verdicts:
        assert a.status == st.Status.INSUFFICIENT_DATA and a.set_aside
    if a.status == st.Status.ACHIEVED:
        assert st.meets(a.next_target, a.direction, a.basis_value)


def _basis_values(a: progress.Assessment) -> dict[int, float]:
    basis = next(one for one in a.series if one.method == a.basis_method)
    return {p[0]: p[1] for p in basis.points if p[2] is not None}


def check_sentence(a: progress.Assessment) -> None:
    """The status, the situation, the sentence and the reason tell one story."""
    text, why = a.sentence, a.reason
    case = sentence.situation(a)
    statuses, phrase = SITUATIONS[case]
    assert str(a.status) in statuses, (case, a.status, text)
    if a.latest_year is None:
        assert text.endswith("no values yet.")
        return
    assert phrase in text, (case, text)
    if "already met" in text:
        assert a.status == st.Status.ACHIEVED
    if "was missed" in text:
        assert any(v.outcome == st.Outcome.MISSED for v in a.verdicts)
    if "does not reach it" in text or "This is away from" in text:
        assert a.slope is not None and a.status == st.Status.WRONG_DIRECTION
    if a.slope == 0:
        assert "away from" not in text.split(". ", 1)[-1].split("Evidence")[0] or a.outside_range
    if case in ("due toward",):
        assert "toward" in why and ("at this pace it is reached" in text or "moves toward" in text)
    if case in ("flat", "due flat"):
        assert "flat" in why
    if case in ("away", "due away"):
        assert "away" in why
    assert why and "\n" not in why


def check_definitions(a: progress.Assessment, case: generators.Case) -> None:
    """A definition is never a measurement; counts are of measured values; floors hold."""
    baseline = case.indicator.baseline
    if baseline is not None and baseline.definitional:
        assert not a.baseline_in_line
    assert 0 <= a.points <= progress.DEFAULT_THRESHOLDS.window
    if a.evidence == st.Grade.STRONG:
        assert a.points >= 4
    if a.floor is not None:
        assert a.line_now is None or a.line_now >= a.floor
        projection = a.projection
        assert (projection[["value", "low", "high"]].dropna() >= a.floor).all().all()
    if a.incomplete_year is not None:
        rows = case.frame[[p.year == a.incomplete_year for p in case.frame["period"]]]
        assert not rows.groupby(rows["method"].fillna(""))["annual"].any().all()


def check_part_year(a: progress.Assessment) -> None:
    """A sentence never cites the year it says is incomplete and left out, nor uses it."""
    if a.incomplete_year is None:
        return
    cited = a.basis_to if a.basis_to is not None else a.latest_year
    assert cited != a.incomplete_year, a.sentence
    assert a.latest_year != a.incomplete_year, a.sentence
    assert all(p[0] != a.incomplete_year for one in a.series for p in one.points), a.sentence


def every_check(a: progress.Assessment, case: generators.Case) -> None:
    """All of the above, after making every derived view (none may raise)."""
    a.required_path, a.annual, wording.status_line(a)  # noqa: B018 (built for their errors)
    check_opening(a)
    check_share(a)
    check_arrival(a)
    check_verdicts(a, case)
    check_sentence(a)
    check_definitions(a, case)
    check_part_year(a)


@INVARIANT
@given(generators.cities(), generators.TODAYS)
def test_no_status_contradicts_its_numbers_and_nothing_raises(city, today) -> None:
    frame = pd.concat([case.frame for case in city], ignore_index=True)
    results = progress.assess_all(frame, [case.indicator for case in city], today)
    for case in city:
        every_check(results[case.indicator.key], case)
    # One indicator's values (1e200 among them) never change another's assessment.
    first = city[0]
    alone = progress.assess(first.indicator, first.frame.drop(columns="indicator"), today)
    together = results[first.indicator.key]
    assert (alone.status, alone.sentence) == (together.status, together.sentence)
