"""Words, numbers and colours for the pages: pure formatting, no Streamlit, no database."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pledges import model, numbers, translation
from pledges.service import vocabulary


@dataclass(frozen=True, slots=True)
class StatusStyle:
    """How a status looks: word, symbol, a fill colour for charts and a text colour (>= 4.5:1)."""

    word: str
    symbol: str
    fill: str
    text: str
    badge: str


# Okabe-Ito hues for fills; text colours are darker shades of the same hue with at least
# 4.5:1 contrast on white. `badge` names Streamlit's own badge colour for the same meaning.
STATUS_STYLES: dict[str, StatusStyle] = {
    style.word: style
    for style in (
        StatusStyle("wrong direction", "✖", "#CC79A7", "#A4507F", "violet"),
        StatusStyle("off track", "▼", "#D55E00", "#B34F00", "red"),
        StatusStyle("needs acceleration", "◆", "#E69F00", "#8F6300", "orange"),
        StatusStyle("on track", "▲", "#0072B2", "#0072B2", "blue"),
        StatusStyle("achieved", "✔", "#009E73", "#007A5A", "green"),
        StatusStyle("insufficient data", "?", "#999999", "#595959", "gray"),
        StatusStyle("trend only", "–", "#BBBBBB", "#595959", "gray"),
    )
}
# One word for "cannot be judged" at every level: a roll-up's "too little evidence" (fewer
# than half of its parts assessed, revision 2) is shown as an indicator's "insufficient data".
UNJUDGED_WORD = "insufficient data"
STATUS_STYLES["too little evidence"] = STATUS_STYLES[UNJUDGED_WORD]
NO_STATUS = StatusStyle(translation.N_("no indicators"), "·", "#BBBBBB", "#595959", "gray")

STATE_WORDS: dict[str, str] = {
    "active": translation.N_("active"),
    "abandoned": translation.N_("abandoned"),
    "superseded": translation.N_("superseded"),
}

Translator = translation.Translator
EN = translation.ENGLISH

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:$~=^])")


def style_of(word: str | None) -> StatusStyle:
    """The style of a status word; unknown or missing statuses look neutral."""
    if word is None:
        return NO_STATUS
    return STATUS_STYLES.get(word, NO_STATUS)


def status_label(word: str | None, t: Translator = EN) -> str:
    """A status as symbol and word ("▼ off track"), so it never relies on colour."""
    style = style_of(word)
    return f"{style.symbol} {t.gettext(style.word)}"


def status_word(word: str | None, t: Translator = EN) -> str:
    """A status's word in the reader's language (the stored and JSON word stays English)."""
    return t.gettext(style_of(word).word)


def status_rank(word: str | None) -> int:
    """Sort key that puts the worst status first and 'no status' last (`progress.status`'s)."""
    return vocabulary.status_rank(word)


def plain(text: object) -> str:
    """Text from a definition or a CSV made inert for Streamlit markdown (no links, no markup)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def quantity(value: float | None, unit: str, t: Translator = EN) -> str:
    """A computed value rounded for reading, with its unit ("34 %", "1,235 t")."""
    if value is None or not math.isfinite(value):
        return t.gettext("no value")
    return numbers.quantity(value, unit, t.lang)


def stored_quantity(value: float | None, unit: str, t: Translator = EN) -> str:
    """A stored value with its own precision and its unit ("5.68 t", "28,922,796 t")."""
    if value is None or not math.isfinite(value):
        return t.gettext("no value")
    return numbers.exact_quantity(value, unit, t.lang)


def share(value: float | None, t: Translator = EN) -> str:
    """A progress share as a percentage, with the methodology's words outside 0-100 %."""
    if value is None or not math.isfinite(value):
        return t.gettext("no progress share")
    percent = numbers.percent(value, t.lang)
    if value < 0:
        return t.gettext("{percent} (moved away)", percent=percent)
    if value >= 1:
        return t.gettext("{percent} (target met)", percent=percent)
    return percent


def bar_fraction(value: float | None) -> float:
    """A progress share clipped to 0-1 for a progress bar."""
    if value is None or not math.isfinite(value):
        return 0.0
    return min(1.0, max(0.0, value))


def target_text(target: model.Target, unit: str, t: Translator = EN) -> str:
    """A target as people write it: "55 %", "900-1,500 t", "-50 % from baseline", "hold 100 %"."""
    if target.kind == "range" and target.low is not None and target.high is not None:
        low, high = numbers.exact(target.low, t.lang), numbers.exact(target.high, t.lang)
        return f"{low}–{high} {unit}".strip()
    if target.kind == "maintain":
        value = stored_quantity(target.value, unit, t)
        return t.gettext("hold {value} from {year}", value=value, year=target.year)
    if target.kind == "change_pct" and target.change_pct is not None:
        change = f"{numbers.signed(target.change_pct, t.lang)} %"
        value = quantity(target.value, unit, t)
        return t.gettext("{change} from baseline ({value})", change=change, value=value)
    return stored_quantity(target.value, unit, t)


KIND_WORDS = {
    "value": translation.N_("value to reach"),
    "range": translation.N_("range"),
    "change_pct": translation.N_("change from baseline"),
    "maintain": translation.N_("level to hold"),
}


def kind_text(kind: str, t: Translator = EN) -> str:
    """The target kind in words."""
    return t.gettext(KIND_WORDS[kind]) if kind in KIND_WORDS else kind


def period_text(period: dt.date, annual: bool | None = None) -> str:
    """A stored period as the upload format writes it: a year when the store says so, else ISO."""
    return vocabulary.write_period(period, annual)


def period_texts(frame: pd.DataFrame) -> list[str]:
    """The periods of a stored frame (with its `annual` column) as the upload format writes them."""
    return [
        vocabulary.write_period(p, bool(a))
        for p, a in zip(frame["period"], frame["annual"], strict=True)
    ]


def adoption(pledge: model.Pledge, t: Translator = EN) -> str:
    """When the pledge was adopted, or that no verified year is known."""
    if pledge.adopted:
        return t.gettext("Adopted {year}", year=pledge.adopted)
    return t.gettext("Adoption year not verified")


def latest_point(a: Any) -> tuple[int | None, float | None, str | None]:
    """(year, value, method) of "Latest": the engine's one rule (`Assessment.shown`), so the
    sentence and every page name the same value."""
    return a.shown if a.shown is not None else (None, None, None)


def latest_text(a: Any, unit: str, t: Translator = EN) -> str:
    """ "1,000 (2016)", and a newer value on another definition with its method after it."""
    year, value, _ = latest_point(a)
    if year is None:
        return t.gettext("no value yet")
    text = t.gettext("{value} ({year})", value=stored_quantity(value, unit, t), year=year)
    if a.newer_other is not None:
        newer_year, newer_value, newer_method = a.newer_other
        return t.gettext(
            "{latest}; newer: {value} in {year} ({method}: another definition)",
            latest=text,
            value=stored_quantity(newer_value, unit, t),
            year=newer_year,
            method=newer_method or t.gettext("no method given"),
        )
    return text


AS_REPORTED_NOTE = translation.N_(
    "As reported to CDP: shown beside the city's own pledges, not counted in its status."
)
"""What a panel pledge beside a city's own definitions says (revision 3: a headline is its own)."""


def pledge_state(
    pledge: model.Pledge, names: Mapping[str, str] | None = None, t: Translator = EN
) -> str | None:
    """A sentence for a pledge that is no longer active; None for an active pledge.

    `names` maps pledge ids to names, so "superseded by" can name the newer pledge.
    """
    if pledge.state == "active":
        return None
    values = {"newer": (names or {}).get(pledge.superseded_by or "", pledge.superseded_by)}
    values["day"] = numbers.short_day(pledge.state_date, t.lang) if pledge.state_date else ""
    if pledge.state == "superseded" and pledge.superseded_by:
        if pledge.state_date:
            return t.gettext("Superseded by {newer} on {day}.", **values)
        return t.gettext("Superseded by {newer}.", **values)
    if pledge.state == "superseded":
        return (
            t.gettext("Superseded on {day}.", **values)
            if values["day"]
            else t.gettext("Superseded.")
        )
    if pledge.state_date:
        return t.gettext("Abandoned on {day}.", **values)
    return t.gettext("Abandoned.")


def freshness(
    latest_year: int | None, last_import: dt.datetime | None, today: dt.date, t: Translator = EN
) -> str:
    """How fresh the data is: newest value's year and when the store last changed."""
    if latest_year is None:
        newest = t.gettext("no values stored yet")
    elif today.year - latest_year > 1:
        newest = t.ngettext(
            "newest value is for {year} ({count} year ago)",
            "newest value is for {year} ({count} years ago)",
            today.year - latest_year,
            year=latest_year,
        )
    else:
        newest = t.gettext("newest value is for {year}", year=latest_year)
    if last_import is None:
        return t.gettext("Data: {newest}.", newest=newest)
    day = numbers.short_day(last_import, t.lang)
    return t.gettext("Data: {newest}, last import {day}.", newest=newest, day=day)


def claim_text(claimed_pct: float, t: Translator = EN) -> str:
    """A city's own "share of the target achieved so far", labelled as its claim, not ours."""
    share = (
        f"{claimed_pct:g}" if t.lang == translation.DEFAULT else numbers.exact(claimed_pct, t.lang)
    )
    return t.gettext("the city's own claim: {share} % achieved (self-reported to CDP)", share=share)


# The engine's outcome words, marked for the catalog (the JSON keeps the English).
OUTCOME_WORDS = (
    translation.N_("met"),
    translation.N_("missed"),
    translation.N_("likely met"),
    translation.N_("likely missed"),
    translation.N_("holding"),
    translation.N_("slipped"),
    translation.N_("no data"),
    translation.N_("ahead"),
)


def verdict_text(
    verdict_outcome: str, value: float | None, year: int | None, unit: str, t: Translator = EN
) -> str:
    """A milestone's outcome in words ("missed: 36 % in 2025")."""
    word = t.gettext(verdict_outcome)
    if verdict_outcome in ("met", "missed", "slipped") and value is not None:
        value_text = quantity(value, unit, t)
        return t.gettext("{outcome}: {value} in {year}", outcome=word, value=value_text, year=year)
    return word


def batch_label(batch_id: int, batch: model.Batch | None, t: Translator = EN) -> str:
    """Where a value came from: "batch 3: los-angeles.csv by seed, 2026-11-25"."""
    if batch is None:
        return t.gettext("batch {id}", id=batch_id)
    return t.gettext(
        "batch {id}: {file} by {user}, {day}",
        id=batch_id,
        file=batch.file_name,
        user=batch.user,
        day=f"{batch.committed_at:%Y-%m-%d}",
    )
