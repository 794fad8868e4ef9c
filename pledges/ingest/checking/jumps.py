"""Values ten times or more off the stored neighbours of their series: held until confirmed."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from pledges import translation
from pledges.ingest import report
from pledges.ingest.checking.keyed import Keys, codes, days

FACTOR = 10.0
_DAYS = 1 << 22  # more than the day number of 9999-12-31
# The whole sentence of a held jump: where, what, against which stored value, what to do.
HELD = translation.N_(
    "{indicator} {period}: {value} is 10 times or more the stored value of {when} ({stored})."
    " Check the unit and the decimal mark; if the value is right, confirm the jumps"
    " (--accept-jumps on the command line, the tick box on the Upload page)."
)


def held(
    new: pd.DataFrame,
    stored: pd.DataFrame,
    new_keys: Keys,
    stored_keys: Keys,
    moving: np.ndarray | None = None,
) -> list[report.Issue]:
    """An error for each new value 10 times or more above or below a stored neighbour of its
    series: the stored value just before its period, just after it, or the one it replaces.
    `moving` marks the rows a commit would write (a value already stored is never held)."""
    if new.empty or stored.empty:
        return []
    count = len(new)
    series = codes(
        [np.concatenate(parts) for parts in zip(new_keys[:3], stored_keys[:3], strict=True)]
    )
    moments = series * _DAYS + np.concatenate([days(new_keys[3]), days(stored_keys[3])])
    new_moments, stored_moments = moments[:count], moments[count:]
    order = np.argsort(stored_moments, kind="stable")
    sorted_moments = stored_moments[order]
    sorted_series = series[count:][order]
    sorted_values = stored["value"].astype(float).to_numpy()[order]
    values = new["value"].to_numpy(dtype=float)
    found = np.searchsorted(sorted_moments, new_moments, "left")
    far_any = np.zeros(count, dtype=bool)
    writes = np.ones(count, dtype=bool) if moving is None else np.asarray(moving, dtype=bool)
    against = np.zeros(count, dtype=np.int64)
    for index in (found - 1, found):  # the stored value before, then the one at or after
        inside = (index >= 0) & (index < len(sorted_moments))
        safe = np.clip(index, 0, max(len(sorted_moments) - 1, 0))
        same = inside & (sorted_series[safe] == series[:count])
        far = writes & same & ~far_any & _far(values, sorted_values[safe])
        against = np.where(far, safe, against)
        far_any |= far
    return [
        _issue(
            new,
            new_keys,
            position,
            float(values[position]),
            against[position],
            sorted_values,
            sorted_moments,
        )
        for position in np.flatnonzero(far_any).tolist()
    ]


def _far(values: np.ndarray, neighbours: np.ndarray) -> np.ndarray:
    """Where two values of one sign differ by a factor of ten or more."""
    low = np.minimum(np.abs(values), np.abs(neighbours))
    high = np.maximum(np.abs(values), np.abs(neighbours))
    with np.errstate(invalid="ignore"):
        return (np.sign(values) == np.sign(neighbours)) & (low > 0) & (high >= FACTOR * low)


def _issue(
    new: pd.DataFrame,
    new_keys: Keys,
    position: int,
    value: float,
    index: int,
    stored_values: np.ndarray,
    stored_moments: np.ndarray,
) -> report.Issue:
    """The one wording of a held jump: where, what, against which stored value, what to do."""
    when = dt.date.fromordinal(int(stored_moments[index] % _DAYS)).isoformat()
    row = new["row"].iloc[position] if "row" in new.columns else None
    return report.said(
        "jump",
        HELD,
        {
            "indicator": str(new_keys[2][position]),
            "period": new_keys[3][position].isoformat(),
            "value": _exact(value),
            "when": when,
            "stored": _exact(float(stored_values[index])),
        },
        int(row) if isinstance(row, int | np.integer) else None,
        "value",
        _exact(value),
        report.phrase(
            translation.N_("within a factor of 10 of {stored}"),
            {"stored": _exact(float(stored_values[index]))},
        ),
    )


def _exact(value: float) -> str:
    """A value as stored, every digit that matters (1.08, 28,922,796), for checking by eye."""
    return f"{value:,.15g}"
