"""Pledge definitions: YAML validated by pydantic, every problem named with file and path."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal

import pydantic
import yaml

from pledges import errors, model

Slug = Annotated[str, pydantic.StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, pydantic.StringConstraints(strip_whitespace=True, min_length=1)]
Email = Annotated[
    str,
    pydantic.StringConstraints(
        strip_whitespace=True, max_length=254, pattern=r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>.]+$"
    ),
]
_DUE_MONTHS = {"year": 12, "quarter": 3, "month": 1}  # how far after a period's end "MM" reaches


class _Strict(pydantic.BaseModel):
    """Unknown keys are errors: a typo must never be silently ignored."""

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)


class CityDef(_Strict):
    name: Text
    country: Text
    population: pydantic.PositiveInt | None = None
    population_year: int | None = pydantic.Field(default=None, ge=1900, le=2100)
    region: Text | None = None
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


class BaselineDef(_Strict):
    year: int = pydantic.Field(ge=1900, le=2100)
    value: float
    source: Text
    method: Text | None = None


class OwnerDef(_Strict):
    """Who sends the values: a person or a team (a department is enough), e-mail optional."""

    name: Text | None = None
    team: Text | None = None
    email: Email | None = None

    @pydantic.field_validator("email", mode="wrap")
    @classmethod
    def _say_email(cls, value: Any, handler: Any) -> Any:
        try:
            return handler(value)
        except pydantic.ValidationError:
            raise ValueError(
                f"{value!r} is not an e-mail address like data-team@example.org"
            ) from None

    @pydantic.model_validator(mode="after")
    def _named(self) -> OwnerDef:
        if self.name is None and self.team is None:
            raise ValueError("an owner needs a name or a team")
        return self


class CadenceDef(_Strict):
    """How often a value is due: every year, quarter or month, by "MM-DD" after the period."""

    every: Literal["year", "quarter", "month"]
    due: str

    @pydantic.field_validator("due")
    @classmethod
    def _month_day(cls, value: str) -> str:
        problem = f'{value!r} is not a day of the year written MM-DD, like "03-31"'
        if not re.fullmatch(r"\d\d-\d\d", value):
            raise ValueError(problem)
        try:
            dt.date(2000, int(value[:2]), int(value[3:]))  # a leap year: 02-29 is allowed
        except ValueError:
            raise ValueError(problem) from None
        return value

    @pydantic.model_validator(mode="after")
    def _month_in_reach(self) -> CadenceDef:
        months = _DUE_MONTHS[self.every]
        if int(self.due[:2]) > months:
            raise ValueError(
                f"due {self.due!r}: for every {self.every} the month counts from the period's "
                f"end and must be 01" + ("" if months == 1 else f" to {months:02d}")
            )
        return self

    def to_cadence(self) -> model.Cadence:
        """The domain form, with the due day as numbers."""
        return model.Cadence(self.every, (int(self.due[:2]), int(self.due[3:])))


class TargetDef(_Strict):
    """One target of one of the four kinds: value, range, change_pct or maintain."""

    year: int = pydantic.Field(ge=1900, le=2100)
    source: Text
    value: float | None = None
    range: tuple[float, float] | None = None
    change_pct: float | None = pydantic.Field(default=None, ge=-100)
    maintain: float | None = None
    claimed_pct: float | None = None  # the city's own "achieved so far", shown as its claim

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


class IndicatorDef(_Strict):
    id: Slug
    name: Text
    unit: Text
    direction: Literal["higher", "lower"]
    path: Literal["linear", "constant-rate"] = "linear"
    aggregation: Literal["last", "mean", "sum"] = "last"
    note: Text | None = None
    baseline: BaselineDef | None = None
    targets: list[TargetDef] = []
    owner: OwnerDef | None = None
    cadence: CadenceDef | None = None

    @pydantic.model_validator(mode="after")
    def _targets_need_baseline(self) -> IndicatorDef:
        if any(t.change_pct is not None for t in self.targets) and self.baseline is None:
            raise ValueError("a change_pct target needs a baseline to be relative to")
        return self


class GoalDef(_Strict):
    id: Slug
    name: Text
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


class PledgeHeader(_Strict):
    id: Slug
    name: Text
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


class PledgeFile(_Strict):
    """One definition file: a city, one of its pledges, and the pledge's goals."""

    city: CityDef
    pledge: PledgeHeader
    goals: list[GoalDef] = pydantic.Field(min_length=1)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice in one mapping."""


def _construct_unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)


def format_path(loc: Iterable[str | int]) -> str:
    """Render a pydantic location as `goals[2].indicators[0].targets[1].year`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("function-after", "function-before") or "[" in str(part):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out or "(file)"


def _duplicate_ids(raw: Any) -> list[tuple[str, str]]:
    """Goal ids unique in the pledge; indicator ids unique in the pledge (they key uploads)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("goals"), list):
        return []
    problems: list[tuple[str, str]] = []
    goal_ids: dict[str, str] = {}
    indicator_ids: dict[str, str] = {}
    for g, goal in enumerate(raw["goals"]):
        if not isinstance(goal, dict):
            continue
        gid = goal.get("id")
        if isinstance(gid, str):
            here = f"goals[{g}].id"
            if gid in goal_ids:
                problems.append((here, f"duplicate goal id {gid!r} (first at {goal_ids[gid]})"))
            goal_ids.setdefault(gid, here)
        for i, indicator in enumerate(goal.get("indicators") or []):
            iid = indicator.get("id") if isinstance(indicator, dict) else None
            if isinstance(iid, str):
                here = f"goals[{g}].indicators[{i}].id"
                if iid in indicator_ids:
                    first = indicator_ids[iid]
                    problems.append((here, f"duplicate indicator id {iid!r} (first at {first})"))
                indicator_ids.setdefault(iid, here)
    return problems


def _target_order(parsed: PledgeFile) -> list[tuple[str, str]]:
    """Targets come after the baseline and are not given twice for one year and kind."""
    problems: list[tuple[str, str]] = []
    for g, goal in enumerate(parsed.goals):
        for i, indicator in enumerate(goal.indicators):
            seen: set[tuple[int, str]] = set()
            for t, target in enumerate(indicator.targets):
                here = f"goals[{g}].indicators[{i}].targets[{t}].year"
                if indicator.baseline and target.year < indicator.baseline.year:
                    problems.append(
                        (
                            here,
                            f"target year {target.year} is before the baseline year "
                            f"{indicator.baseline.year}",
                        )
                    )
                if (target.year, target.kind) in seen:
                    problems.append((here, f"two {target.kind} targets for {target.year}"))
                seen.add((target.year, target.kind))
    return problems


def parse_text(text: str, name: str) -> tuple[PledgeFile | None, list[str]]:
    """Validate one definition's YAML; return the model or every problem as `name: path: msg`."""
    try:
        raw = yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [f"{name}: {where}: not valid YAML: {problem}"]
    return parse_mapping(raw, name)


def parse_mapping(raw: Any, name: str) -> tuple[PledgeFile | None, list[str]]:
    """Validate a definition already in memory (a connector's) by the same rules as YAML."""
    problems = [f"{name}: {path}: {msg}" for path, msg in _duplicate_ids(raw)]
    try:
        parsed = PledgeFile.model_validate(raw)
    except pydantic.ValidationError as exc:
        for err in exc.errors():
            message = err["msg"].removeprefix("Value error, ")
            problems.append(f"{name}: {format_path(err['loc'])}: {message}")
        return None, problems
    problems += [f"{name}: {path}: {msg}" for path, msg in _target_order(parsed)]
    return (None, problems) if problems else (parsed, [])


def _resolve_target(target: TargetDef, indicator: IndicatorDef) -> model.Target:
    """Turn a target as written into absolute numbers, once, on load."""
    kind = target.kind
    low = high = None
    if kind == "range":
        low, high = target.range  # type: ignore[misc]
        value = low if indicator.direction == "higher" else high
    elif kind == "change_pct":
        assert indicator.baseline is not None
        value = indicator.baseline.value * (1 + target.change_pct / 100)  # type: ignore[operator]
    elif kind == "maintain":
        value = target.maintain  # type: ignore[assignment]
    else:
        value = target.value  # type: ignore[assignment]
    return model.Target(
        year=target.year,
        kind=kind,
        value=float(value),
        source=target.source,
        low=low,
        high=high,
        change_pct=target.change_pct,
        claimed_pct=target.claimed_pct,
    )


def _owner(owner: OwnerDef | None) -> model.Owner | None:
    return None if owner is None else model.Owner(owner.name, owner.team, owner.email)


def _cadence(cadence: CadenceDef | None) -> model.Cadence | None:
    return None if cadence is None else cadence.to_cadence()


class _StewardshipEdit(_Strict):
    owner: OwnerDef | None = None
    cadence: CadenceDef | None = None


def parse_stewardship(
    owner: dict[str, Any] | None, cadence: dict[str, Any] | None
) -> tuple[model.Owner | None, model.Cadence | None, list[str]]:
    """An owner and cadence typed in the app, held to the definition files' rules."""
    try:
        edit = _StewardshipEdit.model_validate({"owner": owner, "cadence": cadence})
    except pydantic.ValidationError as exc:
        return (
            None,
            None,
            [
                f"{format_path(e['loc'])}: {e['msg'].removeprefix('Value error, ')}"
                for e in exc.errors()
            ],
        )
    return _owner(edit.owner), _cadence(edit.cadence), []


def to_pledge(parsed: PledgeFile) -> model.Pledge:
    """Convert a validated definition into the frozen domain objects."""
    city = model.City(**parsed.city.model_dump())
    default_owner, default_cadence = parsed.pledge.owner, parsed.pledge.cadence
    goals = []
    for goal in parsed.goals:
        indicators = []
        for ind in goal.indicators:
            baseline = (
                model.Baseline(
                    ind.baseline.year, ind.baseline.value, ind.baseline.source, ind.baseline.method
                )
                if ind.baseline
                else None
            )
            targets = tuple(
                sorted((_resolve_target(t, ind) for t in ind.targets), key=lambda t: t.year)
            )
            indicators.append(
                model.Indicator(
                    key=ind.id,
                    name=ind.name,
                    unit=ind.unit,
                    direction=ind.direction,
                    path=ind.path,
                    aggregation=ind.aggregation,
                    baseline=baseline,
                    targets=targets,
                    note=ind.note,
                    owner=_owner(ind.owner or default_owner),
                    cadence=_cadence(ind.cadence or default_cadence),
                )
            )
        goals.append(model.Goal(goal.id, goal.name, tuple(indicators), goal.headline))
    p = parsed.pledge
    return model.Pledge(
        key=p.id,
        name=p.name,
        adopted=p.adopted,
        source=p.source,
        city=city,
        goals=tuple(goals),
        state=p.status,
        state_date=p.status_date,
        state_source=p.status_source,
        superseded_by=p.superseded_by,
        note=p.note,
    )


def load_pledges(directory: Path) -> list[model.Pledge]:
    """Load every `*.yaml` definition in a folder; raise CatalogError listing every problem."""
    files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
    if not files:
        raise errors.CatalogError([f"{directory}: no pledge definitions (*.yaml) found"])
    problems: list[str] = []
    pledges: list[model.Pledge] = []
    seen: dict[tuple[str, str], str] = {}
    for path in files:
        parsed, found = parse_text(path.read_text(encoding="utf-8"), path.name)
        problems += found
        if parsed is None:
            continue
        key = (parsed.city.name, parsed.pledge.id)
        if key in seen:
            problems.append(
                f"{path.name}: pledge.id: pledge {key[1]!r} of {key[0]} is also defined in "
                f"{seen[key]}"
            )
            continue
        seen[key] = path.name
        pledges.append(to_pledge(parsed))
    if problems:
        raise errors.CatalogError(problems)
    return pledges
