"""The seven statuses (word and symbol), the rules that choose one, and a verdict per target."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pledges import model
from pledges.progress import thresholds as thresholds_module

# Codes run from worst to best, so the worst of several is their minimum; the last two are
# reported but rank only when nothing else exists.
WRONG_DIRECTION, OFF_TRACK, NEEDS_ACCELERATION, ON_TRACK, ACHIEVED = 0, 1, 2, 3, 4
INSUFFICIENT_DATA, TREND_ONLY = 5, 6
WORDS: tuple[str, ...] = (
    "wrong direction",
    "off track",
    "needs acceleration",
    "on track",
    "achieved",
    "insufficient data",
    "trend only",
)
SYMBOLS: tuple[str, ...] = ("✖", "▼", "◆", "▲", "✔", "?", "–")
RULES: tuple[str, ...] = (
    "pace ratio <= 0: the trend moves away from the target, or is flat",
    "0 < pace ratio < {needs_acceleration:g}",
    "{needs_acceleration:g} <= pace ratio < {on_track:g}",
    "pace ratio >= {on_track:g}",
    "the latest value already meets the target",
    "fewer than {min_points} annual values, or none since the baseline",
    "no numeric target: the trend is shown, and no status",
)
SYMBOL_OF: dict[str, str] = dict(zip(WORDS, SYMBOLS, strict=True))
CODE_OF: dict[str, int] = {word: code for code, word in enumerate(WORDS)}
KIND_CODES: dict[str, int] = {"value": 0, "range": 1, "change_pct": 2, "maintain": 3}
RANGE, MAINTAIN = KIND_CODES["range"], KIND_CODES["maintain"]


def table(thresholds: thresholds_module.Thresholds = thresholds_module.DEFAULT) -> list[tuple]:
    """The status table as (word, symbol, rule) rows, with the thresholds filled in."""
    names = {
        "on_track": thresholds.on_track,
        "needs_acceleration": thresholds.needs_acceleration,
        "min_points": thresholds.min_points,
    }
    order = (ACHIEVED, ON_TRACK, NEEDS_ACCELERATION, OFF_TRACK, WRONG_DIRECTION)
    rows = [(WORDS[code], SYMBOLS[code], RULES[code].format(**names)) for code in order]
    rows += [(WORDS[code], SYMBOLS[code], RULES[code].format(**names)) for code in (5, 6)]
    return rows


def worst(words: list[str]) -> str | None:
    """The worst status among several; insufficient data and trend only count last."""
    codes = [CODE_OF[word] for word in words]
    if not codes:
        return None
    ranked = [code for code in codes if code <= ACHIEVED]
    return WORDS[min(ranked)] if ranked else WORDS[min(codes)]


def meets(
    kind: np.ndarray,
    value: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    sign: np.ndarray,
    observed: np.ndarray,
) -> np.ndarray:
    """Whether each observed value meets its target: inside a range, else on the good side."""
    with np.errstate(invalid="ignore"):
        inside = (observed >= low) & (observed <= high)
        beyond = sign * (observed - value) >= 0
    return np.where(kind == RANGE, inside, beyond)


def aim(
    kind: np.ndarray, value: np.ndarray, low: np.ndarray, high: np.ndarray, observed: np.ndarray
) -> np.ndarray:
    """The level the pace runs toward: a range's nearer edge from where the value is now."""
    with np.errstate(invalid="ignore"):
        edge = np.where(observed < low, low, np.where(observed > high, high, value))
    return np.where(kind == RANGE, edge, value)


def classify(
    *,
    has_target: np.ndarray,
    has_recent: np.ndarray,
    maintained: np.ndarray,
    holding: np.ndarray,
    met: np.ndarray,
    points: np.ndarray,
    due: np.ndarray,
    slope: np.ndarray,
    toward: np.ndarray,
    required_pace: np.ndarray,
    thresholds: thresholds_module.Thresholds = thresholds_module.DEFAULT,
) -> tuple[np.ndarray, np.ndarray]:
    """Status codes and pace ratios for many (indicator, target) pairs, by the methodology's rules.

    `maintained` marks a level-to-hold target already in force, `holding` whether every value
    since its year meets it; `due` a target whose year is not after the latest value's.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(~met & ~due, slope / required_pace, np.nan)
        rounded = np.round(ratio, thresholds.decimals)
    conditions = [
        ~has_target,
        ~has_recent,
        maintained & holding,
        maintained,
        met,
        points < thresholds.min_points,
        due & (slope * toward > 0),
        due,
        rounded >= thresholds.on_track,
        rounded >= thresholds.needs_acceleration,
        ratio > 0,
    ]
    choices = [
        TREND_ONLY,
        INSUFFICIENT_DATA,
        ACHIEVED,
        OFF_TRACK,
        ACHIEVED,
        INSUFFICIENT_DATA,
        OFF_TRACK,
        WRONG_DIRECTION,
        ON_TRACK,
        NEEDS_ACCELERATION,
        OFF_TRACK,
    ]
    codes = np.select(conditions, choices, default=WRONG_DIRECTION)
    ratio = np.where(
        np.isin(codes, (ON_TRACK, NEEDS_ACCELERATION, OFF_TRACK, WRONG_DIRECTION)) & ~due,
        ratio,
        np.nan,
    )
    return codes, ratio


@dataclass(frozen=True, slots=True)
class Verdict:
    """One target's verdict: met or missed once due, else the status against it."""

    target: model.Target
    outcome: str  # "met", "missed", "holding", "slipped", "no data" or "ahead"
    status: str
    symbol: str
    value: float | None = None
    value_year: int | None = None
    required_pace: float | None = None
    pace_ratio: float | None = None
    projected_year: int | None = None
    since: int | None = None
