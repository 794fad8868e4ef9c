"""What changed between two briefings: new values, revised values, changed or withdrawn targets."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from pledges import model, numbers, service, translation


@dataclass(frozen=True, slots=True)
class ValueChange:
    """A value that arrived, was revised or was removed in the window, with its batch."""

    pledge: str
    indicator: str
    unit: str
    period: dt.date
    kind: str  # "new", "revised" or "removed"
    old: float | None
    new: float | None
    batch_id: int
    batch_file: str
    batch_user: str
    committed_at: dt.datetime


@dataclass(frozen=True, slots=True)
class NewValues:
    """The new values of one indicator, summarised (a full list would run to pages)."""

    pledge: str
    indicator: str
    unit: str
    count: int
    first_period: dt.date
    last_period: dt.date
    last_value: float
    batches: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TargetChange:
    """A target added, changed or withdrawn in the window (the old version is kept)."""

    pledge: str
    indicator: str
    year: int
    kind: str  # "added", "changed" or "withdrawn"
    old: str | None
    new: str | None
    changed_at: dt.datetime
    source: str


@dataclass(frozen=True, slots=True)
class StatusMove:
    """A goal's or indicator's status then (assessed as the store stood at `since`) and now."""

    pledge: str
    level: str  # "goal" or "indicator"
    name: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Changes:
    """Everything that changed after `since` and up to `as_of`."""

    since: dt.date
    since_reason: str
    new_values: tuple[NewValues, ...]
    new_count: int
    revisions: tuple[ValueChange, ...]
    targets: tuple[TargetChange, ...]
    pledge_states: tuple[model.Pledge, ...]
    moves: tuple[StatusMove, ...] = ()
    names: dict[str, str] | None = None  # pledge key -> name, for "superseded by"

    @property
    def nothing(self) -> bool:
        """True when nothing at all changed in the window."""
        return not (
            self.new_count or self.revisions or self.targets or self.pledge_states or self.moves
        )


Names = dict[tuple[str, str], tuple[str, str]]
"""(pledge key, indicator key) -> (indicator name, unit)."""


def _figure(value: float, lang: str) -> str:
    """A target's level to four significant figures, as the reader's language writes it."""
    return numbers.exact(float(f"{value:.4g}"), lang)


def describe_target(
    row: pd.Series | dict[str, object],
    unit: str,
    t: translation.Translator = translation.ENGLISH,
) -> str:
    """A target version in words: "55 %", "between 900 and 1,500 t", "-50 % (= 500 kt)"."""
    kind, value = row["kind"], float(row["value"])  # type: ignore[arg-type]
    level = f"{_figure(value, t.lang)} {unit}".strip()
    if kind == "range":
        low, high = _figure(float(row["low"]), t.lang), _figure(float(row["high"]), t.lang)  # type: ignore[arg-type]
        return t.gettext("between {low} and {high} {unit}", low=low, high=high, unit=unit)
    if kind == "change_pct":
        change = numbers.signed(float(row["change_pct"]), t.lang)  # type: ignore[arg-type]
        return t.gettext("{change} % from the baseline (= {level})", change=change, level=level)
    if kind == "maintain":
        return t.gettext("hold {level}", level=level)
    return level


def mask(flags: Iterable[bool]) -> np.ndarray:
    """A boolean row mask that also works on an empty frame."""
    return np.fromiter(flags, dtype=bool)


def _float(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _values(
    db: service.Store,
    city: str,
    names: Names,
    start: dt.datetime,
    end: dt.datetime,
    batches: dict[int, model.Batch],
) -> tuple[list[NewValues], int, list[ValueChange]]:
    revs = db.revisions(city, since=start)
    revs = revs.loc[
        mask(
            (p, i) in names and t <= end
            for p, i, t in zip(revs["pledge"], revs["indicator"], revs["replaced_at"], strict=True)
        )
    ]
    revised_keys = set(
        zip(revs["pledge"], revs["indicator"], revs["period"], revs["replaced_by"], strict=True)
    )
    revisions = [
        ValueChange(
            pledge=row.pledge,
            indicator=names[(row.pledge, row.indicator)][0],
            unit=names[(row.pledge, row.indicator)][1],
            period=row.period,
            kind="revised" if _float(row.new_value) is not None else "removed",
            old=_float(row.value),
            new=_float(row.new_value),
            batch_id=int(row.replaced_by),
            batch_file=str(row.replaced_file),
            batch_user=str(row.replaced_user),
            committed_at=row.replaced_at,
        )
        for row in revs.itertuples(index=False)
    ]
    frame = db.observations(city=city, as_of=end)
    in_window = [
        (p, i) in names
        and b in batches
        and start < batches[b].committed_at <= end
        and (p, i, d, b) not in revised_keys
        for p, i, d, b in zip(
            frame["pledge"], frame["indicator"], frame["period"], frame["batch_id"], strict=True
        )
    ]
    fresh = frame.loc[mask(in_window)]
    summaries = []
    for (pledge, indicator), part in fresh.groupby(["pledge", "indicator"], sort=False):
        name, unit = names[(pledge, indicator)]
        summaries.append(
            NewValues(
                pledge=pledge,
                indicator=name,
                unit=unit,
                count=len(part),
                first_period=part["period"].iloc[0],
                last_period=part["period"].iloc[-1],
                last_value=float(part["value"].iloc[-1]),
                batches=tuple(
                    f"{b} ({batches[b].file_name})" for b in dict.fromkeys(part["batch_id"])
                ),
            )
        )
    return summaries, len(fresh), revisions


def _targets(
    db: service.Store,
    city: str,
    names: Names,
    start: dt.datetime,
    end: dt.datetime,
    t: translation.Translator = translation.ENGLISH,
) -> list[TargetChange]:
    history = db.target_history(city)
    if history.empty:
        return []
    out: list[TargetChange] = []
    for (pledge, indicator), part in history.groupby(["pledge", "indicator"], sort=False):
        if (pledge, indicator) not in names:
            continue
        name, unit = names[(pledge, indicator)]
        first_load = part["valid_from"].min()
        closed = part.loc[
            mask(v is not None and not pd.isna(v) and start < v <= end for v in part["valid_to"])
        ]
        opened = part.loc[mask(start < v <= end and v > first_load for v in part["valid_from"])]
        paired: set[int] = set()
        for _, old in closed.iterrows():
            match = opened[
                (opened["year"] == old["year"]) & (opened["valid_from"] == old["valid_to"])
            ]
            if len(match):
                new = match.iloc[0]
                paired.add(int(match.index[0]))
                out.append(
                    TargetChange(
                        pledge,
                        name,
                        int(old["year"]),
                        "changed",
                        describe_target(old, unit, t),
                        describe_target(new, unit, t),
                        old["valid_to"],
                        str(new["source"]),
                    )
                )
            else:
                out.append(
                    TargetChange(
                        pledge,
                        name,
                        int(old["year"]),
                        "withdrawn",
                        describe_target(old, unit, t),
                        None,
                        old["valid_to"],
                        str(old["source"]),
                    )
                )
        for index, new in opened.iterrows():
            if int(index) not in paired:
                out.append(
                    TargetChange(
                        pledge,
                        name,
                        int(new["year"]),
                        "added",
                        None,
                        describe_target(new, unit, t),
                        new["valid_from"],
                        str(new["source"]),
                    )
                )
    return sorted(out, key=lambda change: (change.changed_at, change.pledge, change.indicator))


def gather(
    db: service.Store,
    city: str,
    pledges: list[model.Pledge],
    since: dt.date,
    since_reason: str,
    as_of: dt.date,
    t: translation.Translator = translation.ENGLISH,
) -> Changes:
    """What changed for these pledges after the end of `since` up to the end of `as_of`."""
    start, end = service.as_moment(since), service.as_moment(as_of)
    assert start is not None and end is not None
    names: Names = {
        (p.key, ind.key): (ind.name, ind.unit) for p in pledges for _, ind in p.indicators()
    }
    batches = {b.id: b for b in db.history()}
    summaries, count, revisions = _values(db, city, names, start, end, batches)
    states = tuple(
        p
        for p in pledges
        if p.state != "active" and p.state_date is not None and since < p.state_date <= as_of
    )
    return Changes(
        since=since,
        since_reason=since_reason,
        new_values=tuple(summaries),
        new_count=count,
        revisions=tuple(revisions),
        targets=tuple(_targets(db, city, names, start, end, t)),
        pledge_states=states,
    )


MOVES_NOTE = translation.N_(
    "No status history is stored: a status that moved is found by assessing the store as it"
    " stood at the end of {since} and comparing with the status as of {as_of}."
)


def status_moves(before: Iterable[Any], after: Iterable[Any]) -> tuple[StatusMove, ...]:
    """Goals, then indicators, whose status differs between two gatherings of the sections."""

    def statuses(sections: Iterable[Any]) -> dict[tuple[str, str, str], tuple[str, str, str]]:
        out = {}
        for p in sections:
            for g in p.goals:
                word = str(g.rollup.status) if g.rollup.status is not None else "no indicators"
                out[("goal", p.pledge.key, g.goal.key)] = (p.pledge.name, g.goal.name, word)
                for item in g.items:
                    key = ("indicator", p.pledge.key, item.indicator.key)
                    out[key] = (p.pledge.name, item.indicator.name, str(item.assessment.status))
        return out

    then, now = statuses(before), statuses(after)
    # A goal defined since then has no status to move from, and one with no target in force
    # then ("trend only") gained a target, a change of its own: neither is a moved status.
    moves = [
        StatusMove(pledge, key[0], name, then[key][2], word)
        for key, (pledge, name, word) in now.items()
        if key in then and then[key][2] not in (word, "trend only")
    ]
    return tuple(sorted(moves, key=lambda m: m.level != "goal"))
