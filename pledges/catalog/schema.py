"""The shape of a pledge definition file, checked field by field."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import pydantic

from pledges import model
from pledges.catalog.fields import LocalName, Name, Number, Slug, Strict, Text
from pledges.catalog.stewardship import CadenceDef, OwnerDef

SAME_AS = r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$"  # "pledge-id/indicator-id"


class CityDef(Strict):
    name: Name
    country: Name
    population: pydantic.PositiveInt | None = None
    population_year: int | None = pydantic.Field(default=None, ge=1900, le=2100)
    region: Name | None = None
    latitude: float | None = pydantic.Field(default=None, ge=-90, le=90)
    longitude: float | None = pydantic.Field(default=None, ge=-180, le=180)
    cdp_account: Annotated[str, pydantic.StringConstraints(pattern=r"^[0-9]+$")] | None = None

    @pydantic.model_validator(mode="after")
    def _population_has_year(self) -> CityDef:
        if self.population_year is not None and self.population is None:
            raise ValueError("population_year needs a population")
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("give both latitude and longitude, or neither")
        return self


class BaselineDef(Strict):
    year: int = pydantic.Field(ge=1900, le=2100)
    value: Number
    source: Text
    method: Text | None = None
    coverage: Text | None = None  # None: the indicator's own coverage; "Transport": that only
    definitional: bool = False  # true by definition (0 % below 1990 in 1990): never measured


class TargetDef(Strict):
    """One target of one of the four kinds: value, range, change_pct or maintain."""

    year: int = pydantic.Field(ge=1900, le=2100)
    source: Text
    value: Number | None = None
    range: tuple[Number, Number] | None = None
    change_pct: float | None = pydantic.Field(
        default=None, ge=-100, le=model.LARGEST_VALUE, allow_inf_nan=False
    )
    maintain: Number | None = None
    claimed_pct: Number | None = None  # the city's own "achieved so far", shown as its claim
    coverage: Text | None = None  # None: the indicator's own coverage; "Transport": that only

    @pydantic.model_validator(mode="after")
    def _one_kind(self) -> TargetDef:
        given = [
            k for k in ("value", "range", "change_pct", "maintain") if getattr(self, k) is not None
        ]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of value, range, change_pct, maintain"
                + (f" (found {', '.join(given)})" if given else "")
            )
        if self.range is not None and self.range[0] > self.range[1]:
            raise ValueError(f"range must be [low, high], got {list(self.range)}")
        return self

    @property
    def kind(self) -> model.TargetKind:
        """The kind of target, from the one key that is set."""
        for kind in ("value", "range", "change_pct", "maintain"):
            if getattr(self, kind) is not None:
                return kind  # type: ignore[return-value]
        raise AssertionError("validated TargetDef has no kind")


class IndicatorDef(Strict):
    id: Slug
    name: LocalName
    unit: Name
    direction: Literal["higher", "lower"]
    path: Literal["linear", "constant-rate"] = "linear"
    aggregation: Literal["last", "mean", "sum"] = "last"
    note: Text | None = None
    baseline: BaselineDef | None = None
    targets: list[TargetDef] = []
    owner: OwnerDef | None = None
    cadence: CadenceDef | None = None
    future_periods: bool = False
    coverage: Text | None = None  # None: the whole quantity as named
    floor: Number | None = None  # the level the quantity cannot go below (gross tonnes: 0)
    # "pledge-id/indicator-id" of the same city: the same quantity, its values stored there
    # once and judged here against this indicator's own targets (revision 3).
    same_as: Annotated[str, pydantic.StringConstraints(pattern=SAME_AS)] | None = None
    # The values it can hold, [low, high] (a reduction in % may be negative: [-100, 100]).
    valid_range: tuple[Number, Number] | None = None

    @pydantic.model_validator(mode="after")
    def _range_is_ordered(self) -> IndicatorDef:
        if self.valid_range is not None and self.valid_range[0] > self.valid_range[1]:
            raise ValueError(f"valid_range must be [low, high], got {list(self.valid_range)}")
        return self

    @pydantic.model_validator(mode="after")
    def _targets_need_baseline(self) -> IndicatorDef:
        if any(t.change_pct is not None for t in self.targets) and self.baseline is None:
            raise ValueError("a change_pct target needs a baseline to be relative to")
        return self


class GoalDef(Strict):
    id: Slug
    name: LocalName
    headline: Slug | None = None
    indicators: list[IndicatorDef] = []

    @pydantic.model_validator(mode="after")
    def _headline_is_an_indicator(self) -> GoalDef:
        ids = [indicator.id for indicator in self.indicators]
        if self.headline is not None and self.headline not in ids:
            raise ValueError(
                f"headline {self.headline!r} is not an indicator of this goal"
                f" (its indicators: {', '.join(ids) or 'none'})"
            )
        return self


class PledgeHeader(Strict):
    id: Slug
    name: LocalName
    adopted: int | None = pydantic.Field(default=None, ge=1900, le=2100)
    source: Text
    status: Literal["active", "abandoned", "superseded"] = "active"
    status_date: dt.date | None = None
    status_source: Text | None = None
    superseded_by: Slug | None = None
    note: Text | None = None
    owner: OwnerDef | None = None  # the default of every indicator that names none
    cadence: CadenceDef | None = None

    @pydantic.model_validator(mode="after")
    def _state_has_evidence(self) -> PledgeHeader:
        if self.status != "active" and (self.status_date is None or self.status_source is None):
            raise ValueError(f"a pledge that is {self.status} needs status_date and status_source")
        return self


class PledgeFile(Strict):
    """One definition file: a city, one of its pledges, and the pledge's goals."""

    city: CityDef
    pledge: PledgeHeader
    goals: list[GoalDef] = pydantic.Field(min_length=1)
