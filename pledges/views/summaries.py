"""Assessed indicators gathered by goal, pledge and city, and the tables the pages show.

Pure: service results in, frozen summaries and frames out (no Streamlit, no database).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from pledges import model, service, translation
from pledges.service import vocabulary
from pledges.views import formatting, pace_phrases

# Most-read first, so a phone shows what matters before the table scrolls sideways.
VERDICT_COLUMNS = [
    translation.N_("year"),
    translation.N_("target"),
    translation.N_("verdict"),
    translation.N_("detail"),
    translation.N_("kind"),
    translation.N_("source"),
]


def active_count(summaries: Sequence[service.PledgeSummary]) -> int:
    """How many of a city's pledges are still active and counted in its status."""
    return sum(1 for summary in summaries if summary.counted)


def latest_year(items: Sequence[service.IndicatorStatus]) -> int | None:
    """The newest year with a value among the indicators."""
    years = [i.assessment.latest_year for i in items if i.assessment.latest_year is not None]
    return max(years) if years else None


def stale_count(items: Sequence[service.IndicatorStatus]) -> int:
    """How many indicators carry the stale flag."""
    return sum(1 for i in items if i.assessment.stale)


def stale_note(
    items: Sequence[service.IndicatorStatus],
    after_years: int,
    t: translation.Translator = translation.ENGLISH,
) -> str:
    """The stale indicators in words, with the threshold the engine used (empty when none)."""
    stale = stale_count(items)
    if not stale:
        return ""
    return " " + t.gettext(
        "{stale} of the city's {count} indicators (every pledge, trend-only ones too) have no "
        "value in the last {years} years (stale).",
        stale=stale,
        count=len(items),
        years=after_years,
    )


def indicator_rows(
    items: Sequence[service.IndicatorStatus], t: translation.Translator = translation.ENGLISH
) -> pd.DataFrame:
    """One row an indicator: status, latest value, progress share and the sentence."""
    return pd.DataFrame(
        {
            "indicator": [t.name(i.indicator.name) for i in items],
            "status": [
                formatting.status_label(i.assessment.status, t)
                + (" · " + t.gettext("stale") if i.assessment.stale else "")
                for i in items
            ],
            "latest": [formatting.latest_text(i.assessment, i.indicator.unit, t) for i in items],
            "progress share": [formatting.share(i.assessment.progress_share, t) for i in items],
            "summary": [vocabulary.compose_sentence(i.assessment, t) for i in items],
        }
    )


def verdict_rows(
    item: service.IndicatorStatus, t: translation.Translator = translation.ENGLISH
) -> pd.DataFrame:
    """Every target of one indicator with its own verdict (its words in `t`'s language)."""
    unit = item.indicator.unit
    rows = []
    for verdict in item.assessment.verdicts:
        target = verdict.target
        detail = formatting.verdict_text(
            verdict.outcome, verdict.value, verdict.value_year, unit, t
        )
        if verdict.outcome == "ahead":
            bits = []
            if verdict.required_pace is not None:
                pace = pace_phrases.pace_text(verdict.required_pace, unit, t)
                bits.append(t.gettext("needs {pace}", pace=pace))
            if verdict.pace_ratio is not None:
                bits.append(pace_phrases.ratio_text(verdict.pace_ratio, t))
            if verdict.projected_year is not None:
                bits.append(t.gettext("projected {year}", year=verdict.projected_year))
            detail = "; ".join(bits) or t.gettext("ahead")
        if verdict.outcome in ("likely met", "likely missed") and verdict.line_value is not None:
            # No value for the target's year: the verdict comes from the trend line.
            detail = t.gettext(
                "{outcome}: the trend gives {value} in {year}, no value then",
                outcome=t.gettext(verdict.outcome),
                value=formatting.quantity(verdict.line_value, unit, t),
                year=target.year,
            )
        if verdict.outcome == "holding" and verdict.since is not None:
            detail = t.gettext("holding since {year}", year=verdict.since)
        if target.claimed_pct is not None:
            detail = f"{detail}; {formatting.claim_text(target.claimed_pct, t)}"
        rows.append(
            {
                "year": target.year,
                "target": formatting.target_text(target, unit, t),
                "kind": formatting.kind_text(target.kind, t),
                "verdict": formatting.status_label(verdict.status, t),
                "detail": detail,
                "source": target.source,
            }
        )
    for aside in item.assessment.set_aside:
        # Revision 3: a target of another coverage or an implausible level is listed, not judged.
        rows.append(
            {
                "year": aside.target.year,
                "target": formatting.target_text(aside.target, unit, t),
                "kind": formatting.kind_text(aside.target.kind, t),
                "verdict": t.gettext("not used"),
                "detail": aside.why.say(t),
                "source": aside.target.source,
            }
        )
    rows.sort(key=lambda row: row["year"])
    return pd.DataFrame(rows, columns=VERDICT_COLUMNS)


def target_rows(
    summaries: Sequence[service.PledgeSummary], t: translation.Translator = translation.ENGLISH
) -> pd.DataFrame:
    """Every target of every pledge: goal, indicator, year, value or range, kind, verdict."""
    rows = []
    for summary in summaries:
        state = formatting.STATE_WORDS.get(summary.pledge.state, summary.pledge.state)
        for goal in summary.goals:
            for item in goal.items:
                verdicts = verdict_rows(item, t)
                for row in verdicts.to_dict("records"):
                    rows.append(
                        {
                            "pledge": summary.pledge.name,
                            "pledge state": state,
                            "goal": t.name(goal.goal.name),
                            "indicator": t.name(item.indicator.name),
                            **row,
                        }
                    )
    columns = ["pledge", "pledge state", "indicator", *VERDICT_COLUMNS, "goal"]
    return pd.DataFrame(rows, columns=columns)


def target_changes(history: pd.DataFrame, pledges: Sequence[model.Pledge]) -> pd.DataFrame:
    """Targets that changed: every version with when it came into and went out of force."""
    if history.empty:
        return pd.DataFrame(
            columns=["pledge", "indicator", "year", "target", "in force from", "replaced on"]
        )
    names = {(p.key, i.key): (p.name, i.name, i.unit) for p in pledges for _, i in p.indicators()}
    counts = history.groupby(["pledge", "indicator", "year"])["valid_from"].transform("size")
    changed = history[(counts > 1) | history["valid_to"].notna()]
    rows = []
    for row in changed.to_dict("records"):
        pledge_name, indicator_name, unit = names.get(
            (row["pledge"], row["indicator"]), (row["pledge"], row["indicator"], "")
        )
        target = model.Target(
            year=int(row["year"]),
            kind=row["kind"],
            value=float(row["value"]),
            source=str(row["source"]),
            low=None if pd.isna(row["low"]) else float(row["low"]),
            high=None if pd.isna(row["high"]) else float(row["high"]),
            change_pct=None if pd.isna(row["change_pct"]) else float(row["change_pct"]),
            coverage=None if pd.isna(row["coverage"]) else str(row["coverage"]),
        )
        rows.append(
            {
                "pledge": pledge_name,
                "indicator": indicator_name,
                "year": target.year,
                "target": formatting.target_text(target, unit),
                "in force from": row["valid_from"],
                "replaced on": row["valid_to"],
            }
        )
    return pd.DataFrame(
        rows, columns=["pledge", "indicator", "year", "target", "in force from", "replaced on"]
    )


def sources_rows(observations: pd.DataFrame) -> pd.DataFrame:
    """Each stored value with its provenance: source, method, note and import batch."""
    if observations.empty:
        return pd.DataFrame(columns=["period", "value", "method", "source", "note", "batch"])
    frame = observations.loc[:, ["period", "value", "method", "source", "note", "batch_id"]]
    return frame.rename(columns={"batch_id": "batch"}).reset_index(drop=True)


def shared_indicators(
    cities: Sequence[tuple[str, Sequence[service.IndicatorStatus]]],
    t: translation.Translator = translation.ENGLISH,
) -> pd.DataFrame:
    """Indicators (same id and unit) that several cities measure under active pledges:
    status and progress share per city, never the raw values."""
    groups: dict[tuple[str, str], list[tuple[str, service.IndicatorStatus]]] = {}
    for city, items in cities:
        for item in items:
            # A panel account's other constructions are numbered per city: never one quantity.
            other_construction = (
                item.pledge.key == service.PANEL_PLEDGE
                and item.indicator.key != service.PANEL_INDICATOR
            )
            if item.pledge.state == "active" and not other_construction:
                groups.setdefault((item.indicator.key, item.indicator.unit), []).append(
                    (city, item)
                )
    rows = []
    for (key, unit), members in sorted(groups.items()):
        if len({city for city, _ in members}) < 2:
            continue
        for city, item in members:
            rows.append(
                {
                    "indicator": key,
                    "unit": unit,
                    "city": city,
                    "pledge": t.name(item.pledge.name),
                    "status": formatting.status_label(item.assessment.status, t),
                    "progress share": formatting.share(item.assessment.progress_share, t),
                    "newest value": item.assessment.latest_year,
                }
            )
    columns = ["indicator", "unit", "city", "pledge", "status", "progress share", "newest value"]
    return pd.DataFrame(rows, columns=columns)
