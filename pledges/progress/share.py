"""The progress share: how far the basis' last value has come from the baseline to the final
target, only where that distance means something (direction-aware, revision 3)."""

from __future__ import annotations

import math

from pledges import model, numbers
from pledges.progress import references
from pledges.progress import status as st


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
) -> tuple[float | None, str | None]:
    """The share and, where there is none, the reason the page gives."""
    if baseline is None or baseline_value is None:
        return None, use.note or "no baseline"
    if not use.reference:
        return None, use.note
    if not baseline.definitional and (baseline.method or None) != basis_method:
        return None, "the baseline is on another method than the values"
    if baseline.year > basis_to:
        return None, (
            f"the baseline ({baseline.year}) is dated after the last value used ({basis_to}):"
            " a reference, not a starting point"
        )
    if st.outside_range(final, sign, basis_value):
        return None, "outside the range"
    if final.value == baseline_value:
        return None, "the target equals the baseline"
    if st.outside_range(final, sign, baseline_value):
        # A baseline already past the range's far edge has no way toward its near edge either.
        return None, f"the baseline is already past the {final.year} range"
    if st.meets(final, sign, baseline_value):
        # A cap above the baseline: the baseline meets it already, there is no way to cover.
        return None, (
            f"the {final.year} target ({numbers.quantity(final.value, unit)}) is already met by"
            f" the baseline ({numbers.quantity(baseline_value, unit)}): no distance to cover"
        )
    share = (basis_value - baseline_value) / (final.value - baseline_value)
    if not math.isfinite(share):
        return None, "the values are too far apart for a share the numbers can hold"
    if share >= 1 and not achieved:
        return None, (
            f"the final target for {final.year} is met, an earlier milestone is not:"
            " the share waits for it"
        )
    return share, None
