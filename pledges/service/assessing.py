"""Every indicator of a city assessed from the store as of a moment, in one engine call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from pledges import clock, model, progress, store

# Joins city, pledge and indicator into one engine key (a unit separator never typed in a name).
SEPARATOR = "\x1f"


@dataclass(frozen=True, slots=True)
class IndicatorStatus:
    """One indicator's assessment with where it sits in the city's pledges."""

    pledge: model.Pledge
    goal: model.Goal
    indicator: model.Indicator
    assessment: progress.Assessment
    observations: pd.DataFrame


def assessment_day(
    as_of: dt.date | dt.datetime | None, today: dt.date | None, now: clock.Clock
) -> dt.date:
    """The day an assessment speaks of: the one given, else the as-of day, else today."""
    if today is not None:
        return today
    if as_of is not None:
        return as_of.date() if isinstance(as_of, dt.datetime) else as_of
    return clock.today(now)


def assess(
    db: store.Store,
    city: str | None = None,
    as_of: dt.date | dt.datetime | None = None,
    today: dt.date | None = None,
    now: clock.Clock | None = None,
) -> list[IndicatorStatus]:
    """Every indicator of every pledge (of one city), assessed from the store as of a moment.

    One call of the engine for all of them; `today` defaults to the as-of date, else today
    by `now`, else by the store's own clock (the engine itself never reads the clock).
    """
    pledges = db.pledges(city=city, as_of=as_of)
    frame = db.observations(city=city, as_of=as_of)
    today = assessment_day(as_of, today, now or db.clock)
    groups = {key: part for key, part in frame.groupby(["city", "pledge", "indicator"], sort=False)}
    empty = frame.iloc[0:0]
    placed = [
        (pledge, goal, indicator, SEPARATOR.join((pledge.city.name, pledge.key, indicator.key)))
        for pledge in pledges
        for goal, indicator in pledge.indicators()
    ]
    keyed = frame.assign(
        indicator=frame["city"] + SEPARATOR + frame["pledge"] + SEPARATOR + frame["indicator"]
    )
    # One quantity, one series: an indicator `same_as` another is judged on that one's values.
    values_of = {
        key: (pledge.city.name, *indicator.same_as.split("/"))
        if indicator.same_as
        else (pledge.city.name, pledge.key, indicator.key)
        for pledge, _, indicator, key in placed
    }
    shared = [
        groups[source].assign(indicator=key)
        for key, source in values_of.items()
        if source[1:] != tuple(key.split(SEPARATOR)[1:]) and source in groups
    ]
    if shared:
        keyed = pd.concat([keyed, *shared], ignore_index=True)
    results = progress.assess_all(keyed, {key: ind for _, _, ind, key in placed}, today)
    out: list[IndicatorStatus] = []
    for pledge, goal, indicator, key in placed:
        series = groups.get(values_of[key], empty)
        out.append(
            IndicatorStatus(pledge, goal, indicator, results[key], series.reset_index(drop=True))
        )
    return out


def latest_periods(
    db: store.Store, city: str | None = None, as_of: dt.date | dt.datetime | None = None
) -> dict[tuple[str, str, str], dt.date]:
    """The latest period stored (by `as_of`) for each (city, pledge, indicator) series."""
    frame = db.observations(city=city, as_of=as_of)
    if frame.empty:
        return {}
    latest = frame.groupby(["city", "pledge", "indicator"], sort=False)["period"].max()
    return {key: value for key, value in latest.items()}
