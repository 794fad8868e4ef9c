"""Every indicator with a cadence, its owner and its reporting state on a day: pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pledges import model, translation
from pledges.stewardship import due

JSON_KEYS = (
    "city",
    "pledge",
    "indicator",
    "owner",
    "team",
    "email",
    "state",
    "due",
    "days_late",
    "latest_period",
)


@dataclass(frozen=True, slots=True)
class DueItem:
    """One indicator's reporting state, with the pledge and owner it belongs to."""

    city: str
    pledge: model.Pledge
    indicator: model.Indicator
    status: due.Due

    @property
    def owner(self) -> model.Owner:
        """The indicator's owner, or an empty one when it names none."""
        return self.indicator.owner or model.Owner()

    def record(self) -> dict[str, object]:
        """The documented JSON record (dates as ISO text)."""
        latest = self.status.latest_period
        return {
            "city": self.city,
            "pledge": self.pledge.key,
            "indicator": self.indicator.key,
            "owner": self.owner.name,
            "team": self.owner.team,
            "email": self.owner.email,
            "state": self.status.state,
            "due": self.status.due.isoformat(),
            "days_late": self.status.days_late,
            "latest_period": latest.isoformat() if latest else None,
        }


def items(
    pledges: Iterable[model.Pledge],
    latest: Mapping[tuple[str, str, str], dt.date],
    today: dt.date,
    soon_days: int,
    owner_email: str | None = None,
) -> list[DueItem]:
    """Every active pledge's indicators that have a cadence, most urgent first."""
    out = []
    for pledge in pledges:
        if pledge.state != "active":
            continue  # an abandoned or superseded pledge asks nobody for data
        for _, indicator in pledge.indicators():
            if indicator.cadence is None:
                continue
            email = indicator.owner.email if indicator.owner else None
            if owner_email is not None and (email or "").lower() != owner_email.lower():
                continue
            last = latest.get((pledge.city.name, pledge.key, indicator.key))
            status = due.assess(indicator.cadence, last, today, soon_days)
            out.append(DueItem(pledge.city.name, pledge, indicator, status))
    rank = {state: n for n, state in enumerate(due.STATES)}
    return sorted(
        out, key=lambda i: (rank[i.status.state], -(i.status.days_late or 0), i.status.due)
    )


# How a line of text counts the items in each state (JSON and CSV keep the state codes).
COUNTED = {
    "late": translation.NP_("{count} late", "{count} late"),
    "never reported": translation.NP_("{count} never reported", "{count} never reported"),
    "due soon": translation.NP_("{count} due soon", "{count} due soon"),
    "fresh": translation.NP_("{count} fresh", "{count} fresh"),
    "discontinued": translation.NP_("{count} discontinued", "{count} discontinued"),
}


def counts(found: Iterable[DueItem]) -> dict[str, int]:
    """How many indicators are in each state (every state named, zero included)."""
    tally = dict.fromkeys(due.STATES, 0)
    for item in found:
        tally[item.status.state] += 1
    return tally
