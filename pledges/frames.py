"""Long frames of observations: what the importer and the store both need of their shape."""

from __future__ import annotations

import numpy as np
import pandas as pd

SERIES = ("city", "pledge", "indicator")


def series_codes(frame: pd.DataFrame) -> tuple[np.ndarray, list[tuple[object, ...]]]:
    """Each row's series as a number, and the series in order of first appearance.

    One `factorize` a column, each compacted as it goes so the codes never overflow: several
    times cheaper than `groupby(...).ngroup()` on a chunk of a large file.
    """
    codes = np.zeros(len(frame), dtype=np.int64)
    for name in SERIES:
        part, uniques = pd.factorize(frame[name])  # a missing name is -1: a series of its own
        codes, _ = pd.factorize(codes * (len(uniques) + 1) + (part + 1))
    _, first_rows = np.unique(codes, return_index=True)  # codes count up in order of appearance
    columns = [frame[name].to_numpy()[first_rows] for name in SERIES]
    return codes, list(zip(*columns, strict=True))
