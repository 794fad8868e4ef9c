"""The "Data due" table and the due line of the indicator page: pure, no Streamlit."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Sequence

import pandas as pd

from pledges import model, numbers, translation
from pledges.service import vocabulary

EN = translation.ENGLISH
ALL_OWNERS = translation.N_("All owners")
STATES: tuple[str, ...] = vocabulary.DUE_STATES  # the State filter's choices, most urgent first
CADENCES: tuple[str, ...] = typing.get_args(model.Every)  # year, quarter, month, discontinued
# The states and cadences in words (the stored codes stay English: they are an interface).
STATE_WORDS = {
    "late": translation.N_("late"),
    "never reported": translation.N_("never reported"),
    "due soon": translation.N_("due soon"),
    "fresh": translation.N_("fresh"),
    "discontinued": translation.N_("discontinued"),
}
# A count of indicators in one state ("3 late"): the word agrees with the count.
STATE_COUNTS = {
    "late": translation.NP_("{count} late", "{count} late"),
    "never reported": translation.NP_("{count} never reported", "{count} never reported"),
    "due soon": translation.NP_("{count} due soon", "{count} due soon"),
    "fresh": translation.NP_("{count} fresh", "{count} fresh"),
    "discontinued": translation.NP_("{count} discontinued", "{count} discontinued"),
}
CADENCE_WORDS = {
    "year": translation.N_("year"),
    "quarter": translation.N_("quarter"),
    "month": translation.N_("month"),
    "discontinued": translation.N_("discontinued"),
}
BADGES = {
    "late": "red",
    "never reported": "orange",
    "due soon": "blue",
    "fresh": "green",
    "discontinued": "gray",
}


def _day(day: dt.date, t: translation.Translator = EN) -> str:
    return numbers.brief_day(day, t.lang)


def due_text(item: vocabulary.DueItem, today: dt.date, t: translation.Translator = EN) -> str:
    """One line saying when the next value is due, and since when it is late."""
    s = item.status
    if s.state == "late":
        return t.ngettext(
            "late since {day} ({count} day): the value for {period}",
            "late since {day} ({count} days): the value for {period}",
            s.days_late or 0,
            day=_day(s.due, t),
            period=s.period,
        )
    if s.state == "never reported":
        if s.due < today:
            return t.gettext(
                "never reported: the value for {period} was due {day}",
                period=s.period,
                day=_day(s.due, t),
            )
        return t.gettext(
            "never reported: the value for {period} is due {day}",
            period=s.period,
            day=_day(s.due, t),
        )
    if s.state == "due soon":
        return t.gettext(
            "due soon: the value for {period} by {day}", period=s.period, day=_day(s.due, t)
        )
    if s.state == "discontinued":
        if s.latest_period:
            return t.gettext(
                "discontinued: no value will come again; the last value is for {period}, and "
                "nothing is late",
                period=s.period,
            )
        return t.gettext(
            "discontinued: no value will come again; no value was reported, and nothing is late"
        )
    return t.gettext(
        "fresh: the value for {period} is due by {day}", period=s.period, day=_day(s.due, t)
    )


def state_word(state: str, t: translation.Translator = EN) -> str:
    """A due state in the reader's words."""
    return t.gettext(STATE_WORDS[state]) if state in STATE_WORDS else state


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


def table(items: Sequence[vocabulary.DueItem], t: translation.Translator = EN) -> pd.DataFrame:
    """One row per indicator, most urgent first, as the page shows it."""
    rows = [
        {
            "State": state_word(item.status.state, t),
            "Indicator": t.name(item.indicator.name),
            "Pledge": t.name(item.pledge.name),
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


def unreachable_sentence(
    items: Iterable[vocabulary.DueItem], t: translation.Translator = EN
) -> str | None:
    """Who has no e-mail address (so `remind` cannot reach them) and who must add one."""
    counts: dict[str, int] = {}
    for item in items:
        if item.status.state != "discontinued" and not item.owner.email:
            counts[item.owner.label] = counts.get(item.owner.label, 0) + 1
    if not counts:
        return None
    owners = ", ".join(
        t.ngettext("{owner} ({count} indicator)", "{owner} ({count} indicators)", n, owner=label)
        for label, n in counts.items()
    )
    return t.gettext(
        "No e-mail address for {owners}, so reminders cannot reach them. The sources name a "
        "department, not a contact: an editor adds the address below (Change an indicator's "
        "owner), or the city's data lead adds `email` to the owner in the pledge's definition "
        "file (data/pledges/).",
        owners=owners,
    )


def counts_text(items: Iterable[vocabulary.DueItem], t: translation.Translator = EN) -> str:
    """ "3 late · 1 never reported · 0 due soon · 2 fresh · 0 discontinued"."""
    counts = vocabulary.due_counts(items).items()
    return " · ".join(
        t.ngettext(*STATE_COUNTS[state], n)
        if state in STATE_COUNTS
        else f"{n} {state_word(state, t)}"
        for state, n in counts
    )


def gaps_sentence(
    items: Iterable[vocabulary.DueItem], t: translation.Translator = translation.ENGLISH
) -> list[str]:
    """Late lines for a briefing's data gaps: "late since 31 Mar 2026: LASAN, Waste GHG"."""
    return [
        t.gettext(
            "late since {day}: {owner}, {indicator}",
            day=_day(item.status.due, t),
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
