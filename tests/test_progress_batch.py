"""assess_many agrees with assess, indicator by indicator, on random and edge cases."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from bench import engine as benchmark
from pledges import model, progress
from pledges.progress import batch
from tests import test_progress_status as table

TODAY = dt.date(2024, 6, 30)
# Every column assess_many shares with Assessment (the target years are Assessment's objects).
FIELDS = [name for name in batch.COLUMNS if not name.endswith("_target_year")]


def random_indicators(seed: int, count: int) -> tuple[dict[str, model.Indicator], pd.DataFrame]:
    """Random definitions (all kinds, both directions, all aggregations) with messy data."""
    generator = np.random.default_rng(seed)
    indicators, frames = {}, []
    for index in range(count):
        key = f"r{index}"
        start = float(generator.integers(-50, 100))
        targets = []
        for year in sorted(
            generator.choice(np.arange(2012, 2050), generator.integers(0, 4), False)
        ):
            level = float(generator.integers(-50, 150))
            kind = generator.choice(["value", "value", "range", "maintain", "change_pct"])
            if kind == "range":
                targets.append(model.Target(int(year), "range", level, "t", level, level + 30))
            else:
                targets.append(model.Target(int(year), str(kind), level, "t"))
        indicators[key] = model.Indicator(
            key=key,
            name=key,
            unit="t",
            direction=str(generator.choice(["higher", "lower"])),
            aggregation=str(generator.choice(["last", "mean", "sum"])),
            baseline=None
            if generator.random() < 0.3
            else model.Baseline(int(generator.integers(2008, 2020)), start, "t"),
            targets=tuple(targets),
        )
        rows = int(generator.integers(0, 25))
        periods = pd.to_datetime("2005-01-01") + pd.to_timedelta(
            generator.integers(0, 365 * 19, rows), unit="D"
        )
        frames.append(
            pd.DataFrame(
                {
                    "indicator": key,
                    "period": periods,
                    "value": np.round(start + generator.normal(0, 20, rows).cumsum(), 1),
                    "method": generator.choice(np.array(["A", "B", None], dtype=object), rows),
                }
            )
        )
    return indicators, pd.concat(frames, ignore_index=True)


def compare(indicators: dict[str, model.Indicator], frame: pd.DataFrame) -> None:
    """Every trend and status field of assess_many equals that of assess."""
    many = progress.assess_many(frame, indicators, TODAY)
    for key, definition in indicators.items():
        one = progress.assess(definition, frame[frame["indicator"] == key], TODAY)
        row = many.loc[key]
        for name in FIELDS:
            expected, got = getattr(one, name), row[name]
            if expected is None:
                assert pd.isna(got), (key, name, got)
            elif isinstance(expected, float):
                assert got == pytest.approx(expected, rel=1e-9, abs=1e-9), (key, name)
            else:
                assert got == expected, (key, name)


@pytest.mark.parametrize("seed", [0, 1, 2, 3], ids=lambda seed: f"seed-{seed}")
def test_assess_many_agrees_with_assess_on_random_cases(seed):
    compare(*random_indicators(seed, 60))


def test_assess_many_agrees_on_every_table_case():
    indicators, frames = {}, []
    for case, definition, observations, _ in table.CASES:
        indicators[case] = definition
        frames.append(observations.assign(indicator=case))
    compare(indicators, pd.concat(frames, ignore_index=True))


def test_assess_many_covers_the_synthetic_benchmark_shape():
    indicators = benchmark.synthetic_indicators(40)
    frame = benchmark.synthetic_frame(indicators, 35)
    many = progress.assess_many(frame, indicators, dt.date(2025, 1, 1))
    assert list(many.index) == list(indicators)
    assert set(many["status"]) <= set(progress.STATUSES)
    assert (many.loc[many["points"] > 0, "points"] == 5).all()
    compare(indicators, frame)
