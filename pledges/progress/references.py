"""Which reference levels may be compared with the series (revision 3, like for like).

A baseline or target is used against an indicator's values only where it is the same thing:
the same coverage, a plausible level for the same construction, and (for a baseline joining
the line) a measured value dated within the data. Everything set aside says why.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Sequence
from dataclasses import dataclass

from pledges import model, translation
from pledges.progress import said
from pledges.progress import thresholds as thresholds_module

DEFAULT = thresholds_module.DEFAULT

# A point of a series: year, value, periods (None for the baseline), whole year.
Point = tuple[int, float, int | None, bool]
YEAR = operator.itemgetter(0)


@dataclass(frozen=True, slots=True)
class BaselineUse:
    """How the baseline may be used: as a point of its series' line, as the share's reference.

    `why` says why it is not a reference (coverage, implausible level), in any language;
    `after_data` that it is dated after its series' last value (a plan's estimate: a reference,
    never a point); `other_method` that no value is on its method (a reference for the path,
    never a point, no share).
    """

    point: bool
    reference: bool
    why: said.Said | None = None
    problem: bool = False
    after_data: bool = False
    other_method: bool = False

    @property
    def note(self) -> str | None:
        """Why it is not a reference, in English (the stored and JSON wording)."""
        return None if self.why is None else self.why.say()


@dataclass(frozen=True, slots=True)
class SetAside:
    """A target not used against the series, and why (a coverage, or a data problem)."""

    target: model.Target
    why: said.Said
    problem: bool = False

    @property
    def reason(self) -> str:
        """Why it is set aside, in English (the stored and JSON wording)."""
        return self.why.say()


def construction(method: str | None) -> str | None:
    """A method's construction, its last part: "GPC; city boundary; BASIC" is "BASIC"."""
    return method.rsplit(";", 1)[-1].strip() if method else None


def same_coverage(
    reference: str | None, indicator: model.Indicator, method: str | None = None
) -> bool:
    """A reference with no coverage of its own covers what the indicator's series cover; one
    naming a construction ("BASIC") covers the series of that construction only."""
    if reference is None:
        return True
    own = indicator.coverage
    wanted = reference.strip().casefold()
    if own is not None and wanted == own.strip().casefold():
        return True
    built = construction(method)
    return built is not None and wanted == built.casefold()


def comparable_methods(
    indicator: model.Indicator, methods: Sequence[str | None]
) -> tuple[str | None, ...] | None:
    """The methods a status may rest on where the targets name a construction ("BASIC"), or
    None (every method) where they do not: a BASIC target is never judged on scope 1 + 2."""
    named = {
        t.coverage.strip().casefold()
        for t in indicator.targets
        if t.coverage is not None and not same_coverage(t.coverage, indicator)
    }
    if not named:
        return None
    chosen = tuple(
        m for m in methods if (built := construction(m)) is not None and built.casefold() in named
    )
    return chosen or None


def far_apart(level: float, value: float, ratio: float = DEFAULT.implausible_ratio) -> bool:
    """Whether two levels of one sign are `ratio` times or more apart (zero or signs differ:
    never: a target of zero is an ordinary target)."""
    if level == 0 or value == 0 or (level > 0) != (value > 0):
        return False
    big, small = (abs(level), abs(value)) if abs(level) >= abs(value) else (abs(value), abs(level))
    return big >= ratio * small


def nearest(points: Sequence[Point], year: int) -> Point | None:
    """The measured point nearest in year (the earlier of two as near); points oldest first."""
    if points and year >= points[-1][0] and points[-1][2] is not None:
        return points[-1]  # the usual case: a target after the last value
    at = bisect.bisect_left(points, year, key=YEAR)
    before = next((points[i] for i in range(at - 1, -1, -1) if points[i][2] is not None), None)
    after = next((points[i] for i in range(at, len(points)) if points[i][2] is not None), None)
    if before is None or after is None:
        return before or after
    return before if year - before[0] <= after[0] - year else after


def last_measured_year(points: Sequence[Point]) -> int | None:
    """The year of the newest measured point (points oldest first)."""
    return next((point[0] for point in reversed(points) if point[2] is not None), None)


def implausible_ratio(years_apart: int, thresholds: thresholds_module.Thresholds) -> float:
    """How many times apart a baseline and a value must be to be a data problem: 10 within
    the window (5 years), 20 farther (a real change of 13 or 18 times over a decade happens)."""
    if years_apart <= thresholds.reference_years:
        return thresholds.implausible_ratio
    return thresholds.implausible_ratio_far


# A cut's target a unit slip away from the values: below them (lower is better) or above.
_UNIT_SLIP = {
    False: translation.N_(
        "the {year} target, {level} (a change of {change} %), is {ratio} times or more below the"
        " {near_year} value ({near}): a unit slip, not ambition; a data problem for its steward,"
        " not used"
    ),
    True: translation.N_(
        "the {year} target, {level} (a change of {change} %), is {ratio} times or more above the"
        " {near_year} value ({near}): a unit slip, not ambition; a data problem for its steward,"
        " not used"
    ),
}

# Why a measured baseline is far from the values: (on its own method?, one value checked?).
_FAR_BASELINE = {
    (True, True): translation.N_(
        "the {year} baseline, {level}, is {ratio} times or more from the {near_year} value of"
        " the same method ({near}): a data problem for its steward, not used"
    ),
    (False, True): translation.N_(
        "the {year} baseline, {level}, is {ratio} times or more from the {near_year} value"
        " ({near}): a data problem for its steward, not used"
    ),
    (False, False): translation.N_(
        "the {year} baseline, {level}, is {ratio} times or more from the {near_year} value"
        " ({near}) and every other value: a data problem for its steward, not used"
    ),
}


def baseline_use(
    indicator: model.Indicator,
    own: Sequence[Point],
    thresholds: thresholds_module.Thresholds = DEFAULT,
    every: Sequence[Point] = (),
) -> BaselineUse:
    """How the baseline may be used, given its own method's measured points and every series'
    (each oldest first).

    A measured baseline 10 times or more from its method's nearest value (20 times beyond 5
    years) is a data problem, whatever the distance; with no value on its method, the nearest
    value of any method decides (constructions of one total differ far less than 10 times),
    and the baseline is a reference only.
    """
    baseline = indicator.baseline
    if baseline is None:
        return BaselineUse(point=False, reference=False)
    unit = indicator.unit
    if not same_coverage(baseline.coverage, indicator, baseline.method):
        return BaselineUse(
            point=False,
            reference=False,
            why=said.Said(
                translation.N_("the {year} baseline covers {coverage} only, not these values"),
                (("year", baseline.year), ("coverage", baseline.coverage or "")),
            ),
        )
    measured = [point for point in own if point[2] is not None]
    if not baseline.definitional:
        near = nearest(measured or every, baseline.year)
        ratio = thresholds.implausible_ratio
        if near is not None:
            ratio = implausible_ratio(abs(near[0] - baseline.year), thresholds)
        # With no value on its method, every value must be that far: one slipped value of
        # another construction never sets a baseline aside.
        checked = [near] if measured or near is None else every
        far = near is not None and all(
            far_apart(
                baseline.value, p[1], implausible_ratio(abs(p[0] - baseline.year), thresholds)
            )
            for p in checked
        )
        if far and near is not None:
            return BaselineUse(
                point=False,
                reference=False,
                why=said.Said(
                    _FAR_BASELINE[(bool(measured), len(checked) == 1)],
                    (("year", baseline.year), ("near_year", near[0])),
                    (("level", baseline.value), ("near", near[1])),
                    (("ratio", ratio),),
                    unit,
                ),
                problem=True,
            )
        if not measured and any(point[2] is not None for point in every):
            # On a method no value is on (a construction of its own year the values are not
            # on, or none stated): the path may start from it; no point, no share.
            return BaselineUse(point=False, reference=True, other_method=True)
    last_measured = last_measured_year(own)
    after = last_measured is None or baseline.year > last_measured
    return BaselineUse(
        point=not baseline.definitional and not after,
        reference=True,
        after_data=after and last_measured is not None,
    )


def usable_targets(
    indicator: model.Indicator,
    baseline: BaselineUse,
    basis_points: Sequence[Point],
    sign: int,
    thresholds: thresholds_module.Thresholds = DEFAULT,
    methods: Sequence[str | None] = (),
    every: Sequence[Point] = (),
) -> tuple[tuple[model.Target, ...], tuple[SetAside, ...]]:
    """The targets used against the series, and those set aside with their reason.

    Set aside: a target of another coverage (a construction's target where no series is of that
    construction); a cut 1,000 times or more below the nearest value (the basis', else any
    series'), short of net zero: a unit slip; a change from a baseline that is not used; a level
    10 times or more on the met side of the basis' nearest value (a cap ten times today's is
    met by a unit slip, not by the city). An ambitious level is never refused for its size:
    real pledges go from 2,100 chargers to 28,000, or cut 90 %, and zero is zero.
    """
    used: list[model.Target] = []
    aside: list[SetAside] = []
    unit = indicator.unit
    for target in sorted(indicator.targets, key=lambda t: t.year):
        if not any(same_coverage(target.coverage, indicator, m) for m in (*methods, None)):
            aside.append(
                SetAside(
                    target,
                    said.Said(
                        translation.N_(
                            "the {year} target covers {coverage} only; no series of that"
                            " coverage, so it is not used"
                        ),
                        (("year", target.year), ("coverage", target.coverage or "")),
                    ),
                )
            )
            continue
        near = nearest(basis_points or every, target.year)
        if near is not None and _unit_slip(target, sign, near[1], thresholds):
            aside.append(
                SetAside(
                    target,
                    said.Said(
                        _UNIT_SLIP[sign > 0],
                        (("year", target.year), ("near_year", near[0])),
                        (("level", target.value), ("near", near[1])),
                        (
                            ("change", target.change_pct or 0.0),
                            ("ratio", thresholds.unit_slip_ratio),
                        ),
                        unit,
                    ),
                    problem=True,
                )
            )
            continue
        if target.kind == "change_pct" and not baseline.reference:
            aside.append(
                SetAside(
                    target,
                    said.Said(
                        translation.N_(
                            "the {year} target is relative to a baseline that is not used, so"
                            " it is not used either"
                        ),
                        (("year", target.year),),
                    ),
                )
            )
            continue
        near = nearest(basis_points, target.year)
        if near is not None and _met_side_far(target, sign, near[1], thresholds.implausible_ratio):
            aside.append(
                SetAside(
                    target,
                    said.Said(
                        translation.N_(
                            "the {year} target, {level}, is {ratio} times or more from the"
                            " {near_year} value ({near}): a data problem for its steward, not used"
                        ),
                        (("year", target.year), ("near_year", near[0])),
                        (("level", target.value), ("near", near[1])),
                        (("ratio", thresholds.implausible_ratio),),
                        unit,
                    ),
                    problem=True,
                )
            )
            continue
        used.append(target)
    return tuple(used), tuple(aside)


def _unit_slip(
    target: model.Target, sign: int, value: float, thresholds: thresholds_module.Thresholds
) -> bool:
    """A cut short of net zero whose level is `unit_slip_ratio` times or more beyond the value,
    on the ambitious side: a 50 % cut cannot be 1,000 times below the values (its baseline
    is off); a level target, zero and a cut of 99 % or more are ambitions, never refused."""
    if target.kind != "change_pct" or target.change_pct is None:
        return False
    if abs(target.change_pct) >= thresholds.net_zero_cut:
        return False
    ambitious = sign * (target.value - value) > 0
    return ambitious and far_apart(target.value, value, thresholds.unit_slip_ratio)


def _met_side_far(target: model.Target, sign: int, value: float, ratio: float) -> bool:
    """A level `ratio` times or more away from the value, on the side a value already meets."""
    if target.kind == "range":
        return False
    return far_apart(target.value, value, ratio) and sign * (value - target.value) >= 0
