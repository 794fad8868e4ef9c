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
    never a point).
    """

    point: bool
    reference: bool
    why: said.Said | None = None
    problem: bool = False
    after_data: bool = False

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


def same_coverage(reference: str | None, indicator: model.Indicator) -> bool:
    """A reference with no coverage of its own covers what the indicator's series cover."""
    if reference is None:
        return True
    own = indicator.coverage
    return own is not None and reference.strip().casefold() == own.strip().casefold()


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


def baseline_use(
    indicator: model.Indicator,
    own: Sequence[Point],
    thresholds: thresholds_module.Thresholds = DEFAULT,
) -> BaselineUse:
    """How the baseline may be used, given its own method's measured points (oldest first).

    A measured baseline 10 times or more from its method's value at most 5 years away is a
    data problem (further apart, a real change can be that large: a coal share from 40 % to
    3 %, chargers from 1,000 to 18,000).
    """
    baseline = indicator.baseline
    if baseline is None:
        return BaselineUse(point=False, reference=False)
    unit = indicator.unit
    if not same_coverage(baseline.coverage, indicator):
        return BaselineUse(
            point=False,
            reference=False,
            why=said.Said(
                translation.N_("the {year} baseline covers {coverage} only, not these values"),
                (("year", baseline.year), ("coverage", baseline.coverage or "")),
            ),
        )
    if not baseline.definitional:
        near = nearest(own, baseline.year)
        close = near is not None and abs(near[0] - baseline.year) <= thresholds.reference_years
        if close and far_apart(baseline.value, near[1], thresholds.implausible_ratio):
            return BaselineUse(
                point=False,
                reference=False,
                why=said.Said(
                    translation.N_(
                        "the {year} baseline, {level}, is {ratio} times or more from the"
                        " {near_year} value of the same method ({near}): a data problem for its"
                        " steward, not used"
                    ),
                    (("year", baseline.year), ("near_year", near[0])),
                    (("level", baseline.value), ("near", near[1])),
                    (("ratio", thresholds.implausible_ratio),),
                    unit,
                ),
                problem=True,
            )
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
) -> tuple[tuple[model.Target, ...], tuple[SetAside, ...]]:
    """The targets used against the series, and those set aside with their reason.

    Set aside: a target of another coverage; a change from a baseline that is not used; a level
    10 times or more on the met side of the basis' nearest value (a cap ten times today's is met
    by a unit slip, not by the city). An ambitious level is never refused for its size: real
    pledges go from 2,100 chargers to 28,000, or cut 90 %.
    """
    used: list[model.Target] = []
    aside: list[SetAside] = []
    unit = indicator.unit
    for target in sorted(indicator.targets, key=lambda t: t.year):
        if not same_coverage(target.coverage, indicator):
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


def _met_side_far(target: model.Target, sign: int, value: float, ratio: float) -> bool:
    """A level `ratio` times or more away from the value, on the side a value already meets."""
    if target.kind == "range":
        return False
    return far_apart(target.value, value, ratio) and sign * (value - target.value) >= 0
