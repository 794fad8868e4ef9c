"""The progress share: how far the basis' last value has come from the baseline to the final
target, only where that distance means something (direction-aware, revision 3)."""

from __future__ import annotations

import math

from pledges import model, translation
from pledges.progress import references, said
from pledges.progress import status as st

N_ = translation.N_
NO_BASELINE = said.Said(N_("no baseline"))


def progress_share(
    final: model.Target,
    sign: int,
    baseline: model.Baseline | None,
    use: references.BaselineUse,
    baseline_value: float | None,
    basis_method: str | None,
    basis_to: int,
    basis_value: float,
    achieved: bool,
    unit: str,
) -> tuple[float | None, said.Said | None]:
    """The share and, where there is none, the reason the page gives (worded where shown)."""
    if baseline is None or baseline_value is None:
        return None, use.why or NO_BASELINE
    if not use.reference:
        return None, use.why
    if not baseline.definitional and (baseline.method or None) != basis_method:
        return None, said.Said(N_("the baseline is on another method than the values"))
    if baseline.year > basis_to:
        return None, said.Said(
            N_(
                "the baseline ({year}) is dated after the last value used ({last}):"
                " a reference, not a starting point"
            ),
            (("year", baseline.year), ("last", basis_to)),
        )
    if st.outside_range(final, sign, basis_value):
        return None, said.Said(N_("outside the range"))
    if final.value == baseline_value:
        return None, said.Said(N_("the target equals the baseline"))
    if st.outside_range(final, sign, baseline_value):
        # A baseline already past the range's far edge has no way toward its near edge either.
        return None, said.Said(
            N_("the baseline is already past the {year} range"), (("year", final.year),)
        )
    if st.meets(final, sign, baseline_value):
        # A cap above the baseline: the baseline meets it already, there is no way to cover.
        return None, said.Said(
            N_(
                "the {year} target ({level}) is already met by the baseline ({baseline}):"
                " no distance to cover"
            ),
            (("year", final.year),),
            (("level", final.value), ("baseline", baseline_value)),
            unit=unit,
        )
    share = (basis_value - baseline_value) / (final.value - baseline_value)
    if not math.isfinite(share):
        return None, said.Said(N_("the values are too far apart for a share the numbers can hold"))
    if share >= 1 and not achieved:
        return None, said.Said(
            N_(
                "the final target for {year} is met, an earlier milestone is not:"
                " the share waits for it"
            ),
            (("year", final.year),),
        )
    return share, None
