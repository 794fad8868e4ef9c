"""What one more value would do: asked of the engine itself, so its rules answer, never a copy."""

from __future__ import annotations

import pandas as pd

from pledges import progress
from pledges.service import assessing

# The statuses that judge nothing; a roll-up's "too little evidence" is one of them.
UNJUDGED = frozenset(str(word) for word in progress.status.UNASSESSED)


def is_judged(status: object) -> bool:
    """Whether a status word says how the city is doing (not "insufficient data" or the like)."""
    return status is not None and str(status) not in UNJUDGED


def values_wanted(item: assessing.IndicatorStatus, year: int) -> int:
    """How many values it takes to give an unjudged indicator a status: 1 when one value for
    `year` on its newest series (else its baseline's) would, else the engine's fewest points.

    0 when the indicator is judged already, has no target (trend only is not a gap) or none
    comparable with its values (every target set aside: no value would give it a status).
    """
    a = item.assessment
    if is_judged(a.status) or not a.has_targets or (a.final_target is None and a.set_aside):
        return 0
    baseline = item.indicator.baseline
    if a.latest_year is not None:
        method, value = a.latest_method, a.latest_value
    elif baseline is not None:
        method, value = baseline.method, baseline.value
    else:
        return max(a.min_points, 2)
    extra = pd.DataFrame(
        {"period": [pd.Timestamp(year, 12, 31).date()], "value": [value], "method": [method]}
    )
    frame = pd.concat([item.observations[["period", "value", "method"]], extra], ignore_index=True)
    again = progress.assess(item.indicator, frame, a.today)
    return 1 if is_judged(again.status) else max(a.min_points, 2)
