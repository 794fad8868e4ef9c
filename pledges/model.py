"""The domain as frozen dataclasses: what crosses module boundaries (catalog, store, progress)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Literal

Direction = Literal["higher", "lower"]
PathShape = Literal["linear", "constant-rate"]
Aggregation = Literal["last", "mean", "sum"]
TargetKind = Literal["value", "range", "change_pct", "maintain"]
PledgeState = Literal["active", "abandoned", "superseded"]
Role = Literal["editor", "viewer"]
# "discontinued": no value is due any more (the series has ended; it is never late).
Every = Literal["year", "quarter", "month", "discontinued"]

# The largest magnitude a stored value (an observation, a baseline, a target) may have. A
# double holds up to 1.8e308, but the sums, squares and ratios of progress arithmetic on
# numbers near that overflow to infinity; 10^100 leaves them finite, and no measurement comes
# near it (the world's yearly energy use is about 6e20 J). Imports and definitions refuse more.
LARGEST_VALUE = 1e100


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: a signed-in editor, or an anonymous viewer."""

    name: str
    role: Role = "viewer"

    @property
    def can_edit(self) -> bool:
        """Only editors may import, undo or change targets."""
        return self.role == "editor"


VIEWER = Actor("anonymous", "viewer")


@dataclass(frozen=True, slots=True)
class City:
    """A jurisdiction that makes pledges; the rest is what a panel source knows of it."""

    name: str
    country: str
    population: int | None = None
    population_year: int | None = None
    region: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    cdp_account: str | None = None


@dataclass(frozen=True, slots=True)
class Baseline:
    """The reference point progress is measured from."""

    year: int
    value: float
    source: str
    method: str | None = None
    # None: the same coverage as the indicator's series; "Transport": that sector only.
    coverage: str | None = None
    # True by definition (0 % below 1990 in 1990): a reference, never a measured point.
    definitional: bool = False


@dataclass(frozen=True, slots=True)
class Target:
    """One milestone or final target, already resolved to absolute numbers.

    `value` is the level to reach (for `range` the edge nearer the baseline, for `change_pct`
    the baseline times (1 + pct/100), for `maintain` the level to hold from `year` on).
    `low`/`high` are set for `range` only; `change_pct` keeps the percentage as written.
    `claimed_pct` is the city's own "share of the target achieved so far", never computed.
    `coverage` None is the indicator's own coverage; a name ("Transport") covers only that.
    """

    year: int
    kind: TargetKind
    value: float
    source: str
    low: float | None = None
    high: float | None = None
    change_pct: float | None = None
    claimed_pct: float | None = None
    coverage: str | None = None

    def rebased(self, baseline: Baseline) -> Target:
        """This target against another baseline: a change from the baseline comes to a new
        level (the same percentage of the new value); a target of any other kind is the same."""
        if self.kind != "change_pct" or self.change_pct is None:
            return self
        return replace(self, value=changed_level(baseline.value, self.change_pct))


def changed_level(baseline_value: float, change_pct: float) -> float:
    """The level a change of `change_pct` % from a baseline value comes to (-40 % of 500: 300)."""
    return baseline_value * (1 + change_pct / 100)


@dataclass(frozen=True, slots=True)
class Owner:
    """Who sends an indicator's values: a person or a team, e-mail optional."""

    name: str | None = None
    team: str | None = None
    email: str | None = None

    @property
    def label(self) -> str:
        """How the owner is named on pages and in reminders."""
        if self.name and self.team and self.name != self.team:
            return f"{self.name} ({self.team})"
        return self.name or self.team or self.email or "unassigned"


@dataclass(frozen=True, slots=True)
class Cadence:
    """How often a value is due, and when: the value for a period is due `due` after it ends.

    `due` is (month, day): for `year`, the month and day of the following year ("03-31": the
    value for 2024 is due by 31 March 2025); for `quarter` and `month`, the month counted from
    the period's end (1 = the month after) and the day (clamped to the month's end).
    """

    every: Every
    due: tuple[int, int]

    @property
    def due_text(self) -> str:
        """The due day as written in the definition, "MM-DD"."""
        return f"{self.due[0]:02d}-{self.due[1]:02d}"


@dataclass(frozen=True, slots=True)
class Indicator:
    """What is measured for a goal, with its baseline and targets (sorted by year)."""

    key: str
    name: str
    unit: str
    direction: Direction
    path: PathShape = "linear"
    aggregation: Aggregation = "last"
    baseline: Baseline | None = None
    targets: tuple[Target, ...] = ()
    note: str | None = None
    owner: Owner | None = None
    cadence: Cadence | None = None
    # Values for periods after today are allowed (a projection); observations never are.
    future_periods: bool = False
    # None: the whole quantity as named; a name ("Transport"): only that part of it.
    coverage: str | None = None
    # The level the quantity cannot go below (0 for gross emissions); None: no floor.
    floor: float | None = None
    # "pledge/indicator" of the same city holding the same quantity: its values are this
    # indicator's too, judged against this indicator's own targets; None: its own values.
    same_as: str | None = None
    # The values the indicator can hold, declared (low, high); None: a "%" share is 0-100.
    valid_range: tuple[float, float] | None = None

    @property
    def bounds(self) -> tuple[float, float] | None:
        """The values an import may store: the declared range, else 0-100 for a share in %."""
        if self.valid_range is not None:
            return self.valid_range
        return (0.0, 100.0) if self.unit.strip() == "%" else None

    @property
    def sign(self) -> int:
        """+1 where higher is better, -1 where lower is better."""
        return 1 if self.direction == "higher" else -1


@dataclass(frozen=True, slots=True)
class Goal:
    """One pillar of a pledge."""

    key: str
    name: str
    indicators: tuple[Indicator, ...] = ()
    # An indicator id whose status and grade are the goal's (revision 2); None: the half rule.
    headline: str | None = None


@dataclass(frozen=True, slots=True)
class Pledge:
    """A city's named commitment, with its state (active, abandoned or superseded)."""

    key: str
    name: str
    adopted: int | None
    source: str
    city: City
    goals: tuple[Goal, ...] = ()
    state: PledgeState = "active"
    state_date: dt.date | None = None
    state_source: str | None = None
    superseded_by: str | None = None
    note: str | None = None

    def indicators(self) -> list[tuple[Goal, Indicator]]:
        """Every indicator of the pledge with its goal, in definition order."""
        return [(goal, indicator) for goal in self.goals for indicator in goal.indicators]


@dataclass(frozen=True, slots=True)
class IndicatorRef:
    """The natural key of an indicator as the upload format names it."""

    city: str
    pledge: str
    indicator: str


@dataclass(frozen=True, slots=True)
class Batch:
    """One import (or undo) committed to the store."""

    id: int
    user: str
    file_name: str
    sha256: str
    committed_at: dt.datetime
    added: int
    changed: int
    unchanged: int
    removed: int
    status: str
    undoes: int | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
