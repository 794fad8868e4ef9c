"""Repeated wall-clock timings with untimed setup, and their summary."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

Prepared = TypeVar("Prepared")
RUNS = 3


@dataclass(frozen=True, slots=True)
class Timing:
    """Wall times of one measure, in seconds, and how many rows each run handled."""

    label: str
    seconds: tuple[float, ...]
    rows: int | None = None

    @property
    def median(self) -> float:
        """The figure reported: the median of the runs."""
        return statistics.median(self.seconds)

    @property
    def fastest(self) -> float:
        """The quickest run."""
        return min(self.seconds)

    @property
    def slowest(self) -> float:
        """The slowest run."""
        return max(self.seconds)

    @property
    def rows_per_second(self) -> float | None:
        """Throughput at the median, when the measure has rows."""
        return None if self.rows is None else self.rows / self.median


def measure(
    label: str,
    action: Callable[[Prepared], object],
    setup: Callable[[], Prepared],
    cleanup: Callable[[Prepared], object] | None = None,
    runs: int = RUNS,
    rows: int | None = None,
) -> Timing:
    """Time `action` on a fresh `setup()` result `runs` times; setup and cleanup are untimed."""
    seconds = []
    for _ in range(runs):
        prepared = setup()
        gc.collect()
        began = time.perf_counter()
        action(prepared)
        seconds.append(time.perf_counter() - began)
        if cleanup is not None:
            cleanup(prepared)
    return Timing(label, tuple(seconds), rows)


def nothing() -> None:
    """A setup with nothing to prepare."""
    return None
