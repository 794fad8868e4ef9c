"""Statuses, evidence grades and target outcomes as enums, their labels and symbols, the rules."""

from __future__ import annotations

import enum
import types
from dataclasses import dataclass

from pledges import model, numbers, translation
from pledges.progress import thresholds as thresholds_module


class Status(enum.StrEnum):
    """A status; the value is the word the JSON and the CSV carry (stable across releases)."""

    WRONG_DIRECTION = "wrong direction"
    OFF_TRACK = "off track"
    NEEDS_ACCELERATION = "needs acceleration"
    ON_TRACK = "on track"
    ACHIEVED = "achieved"
    INSUFFICIENT_DATA = "insufficient data"
    TREND_ONLY = "trend only"
    # A roll-up word only: too few of a goal's (or pledge's) parts are assessed.
    TOO_LITTLE_EVIDENCE = "too little evidence"

    @property
    def slug(self) -> str:
        """A stable identifier for CSS classes, URLs and keys ("on-track")."""
        return self.value.replace(" ", "-")


class Grade(enum.StrEnum):
    """How strong the evidence under a status is."""

    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"

    @property
    def slug(self) -> str:
        """A stable identifier (the value itself)."""
        return self.value


class Outcome(enum.StrEnum):
    """What became of one target: met or missed when due, else the status against it."""

    MET = "met"
    MISSED = "missed"
    LIKELY_MET = "likely met"
    LIKELY_MISSED = "likely missed"
    HOLDING = "holding"
    SLIPPED = "slipped"
    NO_DATA = "no data"
    AHEAD = "ahead"

    @property
    def slug(self) -> str:
        """A stable identifier ("likely-met")."""
        return self.value.replace(" ", "-")


# The members as plain attributes, for the engine's inner loops: reading a member off an Enum
# class goes through a descriptor (about 130 ns in Python 3.11), off a namespace it does not.
STATUS = types.SimpleNamespace(**Status.__members__)
OUTCOME = types.SimpleNamespace(**Outcome.__members__)

# Worst first: the worst of several assessed statuses is the one earliest here.
RANKED: tuple[Status, ...] = (
    Status.WRONG_DIRECTION,
    Status.OFF_TRACK,
    Status.NEEDS_ACCELERATION,
    Status.ON_TRACK,
    Status.ACHIEVED,
)
UNASSESSED: tuple[Status, ...] = (
    Status.INSUFFICIENT_DATA,
    Status.TREND_ONLY,
    Status.TOO_LITTLE_EVIDENCE,
)
# Marked for the catalog: pages show `translator.gettext(LABELS[word])`; the JSON keeps English.
LABELS: dict[str, str] = {
    Status.WRONG_DIRECTION: translation.N_("wrong direction"),
    Status.OFF_TRACK: translation.N_("off track"),
    Status.NEEDS_ACCELERATION: translation.N_("needs acceleration"),
    Status.ON_TRACK: translation.N_("on track"),
    Status.ACHIEVED: translation.N_("achieved"),
    Status.INSUFFICIENT_DATA: translation.N_("insufficient data"),
    Status.TREND_ONLY: translation.N_("trend only"),
    Status.TOO_LITTLE_EVIDENCE: translation.N_("too little evidence"),
    Grade.STRONG: translation.N_("strong evidence"),
    Grade.MODERATE: translation.N_("moderate evidence"),
    Grade.WEAK: translation.N_("weak evidence"),
}
SYMBOL_OF: dict[str, str] = {
    Status.WRONG_DIRECTION: "✖",
    Status.OFF_TRACK: "▼",
    Status.NEEDS_ACCELERATION: "◆",
    Status.ON_TRACK: "▲",
    Status.ACHIEVED: "✔",
    Status.INSUFFICIENT_DATA: "?",
    Status.TREND_ONLY: "–",
    Status.TOO_LITTLE_EVIDENCE: "…",
}
# Kept for callers that index by position: the codes run worst to best, then the unassessed.
WORDS: tuple[str, ...] = tuple(Status)
SYMBOLS: tuple[str, ...] = tuple(SYMBOL_OF[word] for word in Status)
CODE_OF: dict[str, int] = {word: code for code, word in enumerate(WORDS)}
WRONG_DIRECTION, OFF_TRACK, NEEDS_ACCELERATION, ON_TRACK, ACHIEVED = range(5)
INSUFFICIENT_DATA, TREND_ONLY, TOO_LITTLE_EVIDENCE = 5, 6, 7
KIND_CODES: dict[str, int] = {"value": 0, "range": 1, "change_pct": 2, "maintain": 3}
RANGE, MAINTAIN = KIND_CODES["range"], KIND_CODES["maintain"]

RULES: dict[Status, str] = {
    Status.ACHIEVED: translation.N_("the basis' last measured value already meets the target"),
    Status.ON_TRACK: translation.N_("pace ratio >= {on_track}"),
    Status.NEEDS_ACCELERATION: translation.N_("{needs_acceleration} <= pace ratio < {on_track}"),
    Status.OFF_TRACK: translation.N_("0 < pace ratio < {needs_acceleration}"),
    Status.WRONG_DIRECTION: translation.N_(
        "pace ratio <= 0: the trend moves away from the target, or is flat"
    ),
    Status.INSUFFICIENT_DATA: translation.N_(
        "no series has {min_points} values with the last at most {max_age} years old,"
        " or no comparable target"
    ),
    Status.TREND_ONLY: translation.N_("no numeric target: the trend is shown, and no status"),
    Status.TOO_LITTLE_EVIDENCE: translation.N_(
        "roll-ups only: fewer than half of the parts with targets are assessed"
    ),
}


def table(
    thresholds: thresholds_module.Thresholds = thresholds_module.DEFAULT,
    t: translation.Translator = translation.ENGLISH,
) -> list[tuple]:
    """The status table as (word, symbol, rule) rows, with the thresholds filled in, the rules
    in `t`'s language (the words stay the stored codes)."""
    names = {
        "on_track": numbers.exact(thresholds.on_track, t.lang),
        "needs_acceleration": numbers.exact(thresholds.needs_acceleration, t.lang),
        "min_points": thresholds.min_points,
        "max_age": thresholds.max_age,
    }
    return [(str(word), SYMBOL_OF[word], t.gettext(rule, **names)) for word, rule in RULES.items()]


def rank(word: str | None) -> int:
    """The one status order: assessed worst to best, then the unassessed, then no status."""
    return len(WORDS) if word is None else CODE_OF.get(word, len(WORDS))


def worst(words: list[str]) -> str | None:
    """The worst status among several; unassessed words count only when nothing else exists."""
    ranked = [word for word in RANKED if word in words]
    if ranked:
        return ranked[0]
    rest = [word for word in UNASSESSED if word in words]
    return rest[0] if rest else None


def grade_of(points: int, age: int, newest: bool) -> Grade:
    """The evidence grade from the points the trend uses and the age of its last one."""
    if points >= 4 and age <= 3:
        grade = Grade.STRONG
    elif points >= 3 and age <= 5:
        grade = Grade.MODERATE
    else:
        grade = Grade.WEAK
    if not newest:
        grade = {Grade.STRONG: Grade.MODERATE}.get(grade, Grade.WEAK)
    return grade


def meets(target: model.Target, sign: int, observed: float) -> bool:
    """Whether a value meets a target: inside a range, else on the good side of its level."""
    if target.kind == "range" and target.low is not None and target.high is not None:
        return target.low <= observed <= target.high
    return sign * (observed - target.value) >= 0


def aim(target: model.Target, observed: float) -> float:
    """The level the pace runs toward: a range's nearer edge from where the value is now."""
    if target.kind == "range" and target.low is not None and target.high is not None:
        if observed < target.low:
            return target.low
        if observed > target.high:
            return target.high
    return target.value


def outside_range(target: model.Target, sign: int, observed: float) -> bool:
    """Whether a value has gone past a range's far edge (overshot, not short of it)."""
    if target.kind != "range" or target.low is None or target.high is None:
        return False
    return observed > target.high if sign > 0 else observed < target.low


@dataclass(frozen=True, slots=True)
class Verdict:
    """One target's verdict: met or missed once due (likely so without a value), else its status."""

    target: model.Target
    outcome: Outcome
    status: Status
    symbol: str
    value: float | None = None
    value_year: int | None = None
    required_pace: float | None = None
    pace_ratio: float | None = None
    projected_year: int | None = None
    since: int | None = None
    line_value: float | None = None
    # A due target not met in its year, met by a later measured value: that value's year.
    reached: int | None = None
    # A level to hold: the years an earlier value slipped (the verdict is the latest value's).
    slips: tuple[int, ...] = ()
