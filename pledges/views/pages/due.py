"""The "Data due" table and the due line of the indicator page: pure, no Streamlit."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Sequence

import pandas as pd

from pledges import model, numbers, translation
from pledges.service import vocabulary

ALL_OWNERS = "All owners"
STATES: tuple[str, ...] = vocabulary.DUE_STATES  # the State filter's choices, most urgent first
CADENCES: tuple[str, ...] = typing.get_args(model.Every)  # year, quarter, month, discontinued
BADGES = {
    "late": "red",
    "never reported": "orange",
    "due soon": "blue",
    "fresh": "green",
    "discontinued": "gray",
}


def _day(day: dt.date, lang: str = translation.DEFAULT) -> str:
    if lang != translation.DEFAULT:
        return numbers.short_day(day, lang)
    return f"{day.day} {day:%b %Y}"


def due_text(item: vocabulary.DueItem, today: dt.date) -> str:
    """One line saying when the next value is due, and since when it is late."""
    s = item.status
    if s.state == "late":
        return f"late since {_day(s.due)} ({s.days_late} days): the value for {s.period}"
    if s.state == "never reported":
        verb = "was" if s.due < today else "is"
        return f"never reported: the value for {s.period} {verb} due {_day(s.due)}"
    if s.state == "due soon":
        return f"due soon: the value for {s.period} by {_day(s.due)}"
    if s.state == "discontinued":
        last = f"the last value is for {s.period}" if s.latest_period else "no value was reported"
        return f"discontinued: no value will come again; {last}, and nothing is late"
    return f"fresh: the value for {s.period} is due by {_day(s.due)}"


def owner_options(items: Iterable[vocabulary.DueItem]) -> list[str]:
    """The owner filter's choices: everyone, then each owner as labelled, by name."""
    return [ALL_OWNERS, *sorted({item.owner.label for item in items})]


def select(
    items: Sequence[vocabulary.DueItem], owner: str, states: Sequence[str]
) -> list[vocabulary.DueItem]:
    """The items of one owner (or all) in the chosen states (none chosen: every state)."""
    wanted = set(states) or set(vocabulary.DUE_STATES)
    return [
        item
        for item in items
        if item.status.state in wanted and (owner == ALL_OWNERS or item.owner.label == owner)
    ]


def table(items: Sequence[vocabulary.DueItem]) -> pd.DataFrame:
    """One row per indicator, most urgent first, as the page shows it."""
    rows = [
        {
            "State": item.status.state,
            "Indicator": item.indicator.name,
            "Pledge": item.pledge.name,
            "Owner": item.owner.label,
            "E-mail": item.owner.email or "",
            "Value due": item.status.period,
            "Due": item.status.due,
            "Days late": item.status.days_late,
            "Latest period": item.status.latest_period,
        }
        for item in items
    ]
    columns = ["State", "Owner", "Indicator", "Due", "Days late", "Value due", "Latest period"]
    return pd.DataFrame(rows, columns=[*columns, "Pledge", "E-mail"])


def unreachable_sentence(items: Iterable[vocabulary.DueItem]) -> str | None:
    """Who has no e-mail address (so `remind` cannot reach them) and who must add one."""
    counts: dict[str, int] = {}
    for item in items:
        if item.status.state != "discontinued" and not item.owner.email:
            counts[item.owner.label] = counts.get(item.owner.label, 0) + 1
    if not counts:
        return None
    owners = ", ".join(f"{label} ({n} indicator{'s' * (n != 1)})" for label, n in counts.items())
    return (
        f"No e-mail address for {owners}, so reminders cannot reach them. The sources name a "
        "department, not a contact: an editor adds the address below (Change an indicator's "
        "owner), or the city's data lead adds `email` to the owner in the pledge's definition "
        "file (data/pledges/)."
    )


def counts_text(items: Iterable[vocabulary.DueItem]) -> str:
    """ "3 late · 1 never reported · 0 due soon · 2 fresh · 0 discontinued"."""
    return " · ".join(f"{n} {state}" for state, n in vocabulary.due_counts(items).items())


def gaps_sentence(
    items: Iterable[vocabulary.DueItem], t: translation.Translator = translation.ENGLISH
) -> list[str]:
    """Late lines for a briefing's data gaps: "late since 31 Mar 2026: LASAN, Waste GHG"."""
    return [
        t.gettext(
            "late since {day}: {owner}, {indicator}",
            day=_day(item.status.due, t.lang),
            owner=item.owner.label,
            indicator=t.name(item.indicator.name),
        )
        for item in items
        if item.status.state == "late"
    ]


def edit_choices(items: Sequence[vocabulary.DueItem]) -> dict[str, vocabulary.DueItem]:
    """The indicators an editor may give an owner or due day, labelled pledge / indicator."""
    return {f"{item.pledge.name} / {item.indicator.name}": item for item in items}


def current_fields(item: vocabulary.DueItem) -> dict[str, str]:
    """The edit form's starting values: the indicator's owner and cadence as stored."""
    owner, cadence = item.owner, item.indicator.cadence
    return {
        "name": owner.name or "",
        "team": owner.team or "",
        "email": owner.email or "",
        "every": cadence.every if cadence else "year",
        "due": cadence.due_text if cadence else "03-31",
    }
