"""The status thresholds and trend settings, named in one place for the methodology page."""

from __future__ import annotations

from dataclasses import dataclass

from pledges import numbers, translation


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Every tunable number of the progress engine, with the defaults from the methodology."""

    on_track: float = 0.95
    needs_acceleration: float = 0.5
    window: int = 5
    # Revision 2: two points give a straight line (without a band).
    min_points: int = 2
    # A basis whose last point is older than this many years is no basis (revision 2).
    max_age: int = 10
    stale_after: int = 3
    band: float = 0.80
    # Ratios and arrival years are compared at this many decimals, so that floating-point
    # noise (a flat series whose mean is not exact) never flips a status.
    decimals: int = 9
    # Revision 3: a baseline or target this many times away from the same construction's value
    # is a data problem, not a level to judge against; a baseline is compared with its method's
    # nearest value whatever the distance, `implausible_ratio_far` times beyond
    # `reference_years` (a real change of 13 or 18 times over a decade happens).
    implausible_ratio: float = 10.0
    reference_years: int = 5
    implausible_ratio_far: float = 20.0
    # A target this many times beyond the nearest value, on the ambitious side, is a unit slip
    # when it says a cut below `net_zero_cut` % (a 50 % cut cannot be 1,000 times below the
    # values); zero, a level and a cut of 99 % or more (net zero) are never refused.
    unit_slip_ratio: float = 1000.0
    net_zero_cut: float = 99.0


DEFAULT = Thresholds()


def describe(
    thresholds: Thresholds = DEFAULT, t: translation.Translator = translation.ENGLISH
) -> list[tuple[str, str]]:
    """The settings as (name, value) rows for the methodology page."""
    rows = [
        (
            translation.N_("on track: pace ratio at least"),
            numbers.exact(thresholds.on_track, t.lang),
        ),
        (
            translation.N_("needs acceleration: pace ratio at least"),
            numbers.exact(thresholds.needs_acceleration, t.lang),
        ),
        (translation.N_("trend window (annual values)"), str(thresholds.window)),
        (translation.N_("fewest annual values for a trend"), str(thresholds.min_points)),
        (translation.N_("oldest last value of a basis (years)"), str(thresholds.max_age)),
        (translation.N_("stale after (years)"), str(thresholds.stale_after)),
        (translation.N_("prediction band"), numbers.percent(thresholds.band, t.lang)),
        (
            translation.N_("implausible reference level: times the nearest value"),
            numbers.exact(thresholds.implausible_ratio, t.lang),
        ),
        (
            translation.N_("implausible baseline: that many times within (years)"),
            str(thresholds.reference_years),
        ),
        (
            translation.N_("implausible baseline farther apart: times its method's nearest value"),
            numbers.exact(thresholds.implausible_ratio_far, t.lang),
        ),
        (
            translation.N_("unit slip: a cut's target, times beyond the nearest value"),
            numbers.exact(thresholds.unit_slip_ratio, t.lang),
        ),
        (
            translation.N_("net zero: a cut of at least (%), never refused"),
            numbers.exact(thresholds.net_zero_cut, t.lang),
        ),
    ]
    return [(t.gettext(name), value) for name, value in rows]
