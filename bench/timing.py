"""Repeated wall-clock timings with untimed setup, and their summary."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

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


@dataclass(frozen=True, slots=True)
class Plan(Generic[Prepared]):
    """How to time one measure: an untimed setup, the timed action, an untimed cleanup."""

    label: str
    action: Callable[[Prepared], object]
    setup: Callable[[], Prepared]
    cleanup: Callable[[Prepared], object] | None = None
    rows: int | None = None


def _once(plan: Plan[Any]) -> float:
    prepared = plan.setup()
    gc.collect()
    began = time.perf_counter()
    plan.action(prepared)
    elapsed = time.perf_counter() - began
    if plan.cleanup is not None:
        plan.cleanup(prepared)
    return elapsed


def measure_together(plans: Sequence[Plan[Any]], runs: int = RUNS) -> list[Timing]:
    """Time several measures round-robin, so other work on the machine hits each alike."""
    seconds: list[list[float]] = [[] for _ in plans]
    for _ in range(runs):
        for times, plan in zip(seconds, plans, strict=True):
            times.append(_once(plan))
    return [Timing(p.label, tuple(t), p.rows) for p, t in zip(plans, seconds, strict=True)]


def measure(
    label: str,
    action: Callable[[Prepared], object],
    setup: Callable[[], Prepared],
    cleanup: Callable[[Prepared], object] | None = None,
    runs: int = RUNS,
    rows: int | None = None,
) -> Timing:
    """Time `action` on a fresh `setup()` result `runs` times; setup and cleanup are untimed."""
    return measure_together([Plan(label, action, setup, cleanup, rows)], runs)[0]


def nothing() -> None:
    """A setup with nothing to prepare."""
    return None
