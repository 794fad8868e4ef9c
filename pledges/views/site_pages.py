"""The public site's pages as plain values: the words, tables and figures each page shows.

Pure: service results in, frozen page views out (no Streamlit, no database, no HTML). The
site renderer (`pledges.site`) turns them into files; the slugs here are the site's addresses.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from pledges import model, numbers, service, translation
from pledges.service import vocabulary
from pledges.views import charts, formatting, goal_lines, summaries, tables

_UNSAFE = re.compile(r"[^a-z0-9]+")
EMBED_HEIGHT = 620
"""The iframe's height in CSS pixels: the embed page's chart, sentence and source at 390 px."""


def slug(text: str) -> str:
    """A safe path segment: lowercase letters, digits and single hyphens ("los-angeles")."""
    return _UNSAFE.sub("-", text.lower()).strip("-") or "x"


Table = tables.Table
cell = tables.cell
table = tables.table


@dataclass(frozen=True, slots=True)
class Status:
    """A status shown as symbol and word (never by colour alone) with its colours."""

    word: str
    symbol: str
    label: str
    text_colour: str


@dataclass(frozen=True, slots=True)
class IndicatorView:
    """One indicator's page, embed and API entry."""

    city: str
    pledge: str
    goal: str
    name: str
    path: tuple[str, str, str]  # city, pledge, indicator slugs
    status: Status
    stale: bool
    sentence: str
    summary: str
    latest: str
    share: str
    figure: go.Figure
    verdicts: Table
    chart_table: Table
    values: Table
    sources: tuple[str, ...]
    item: service.IndicatorStatus


@dataclass(frozen=True, slots=True)
class GoalView:
    """One goal of a pledge with its roll-up and indicators (worst first)."""

    name: str
    status: Status
    counts: str
    indicators: tuple[IndicatorView, ...]


@dataclass(frozen=True, slots=True)
class PledgeView:
    """One pledge's page: state, adoption, source and goals (worst first)."""

    city: str
    name: str
    key: str
    path: tuple[str, str]
    adoption: str
    state: str | None
    source: str
    status: Status
    counts: str
    goals: tuple[GoalView, ...]
    pledge: model.Pledge

    @property
    def indicators(self) -> tuple[IndicatorView, ...]:
        """Every indicator of the pledge, goal by goal."""
        return tuple(i for goal in self.goals for i in goal.indicators)


@dataclass(frozen=True, slots=True)
class CityView:
    """One city's page: the roll-up and its pledges (active first, worst first)."""

    name: str
    country: str
    slug: str
    status: Status
    counts: str
    freshness: str
    pledges: tuple[PledgeView, ...]
    # Each active pledge's goals in one line apiece, worst first: (pledge name, lines).
    lines: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class Gap:
    """An indicator whose data falls short: no values, too few, stale or without a target."""

    indicator: IndicatorView
    reason: str


def embed_path(path: tuple[str, str, str]) -> str:
    """Where an indicator's chrome-free embed lives below the site's root."""
    return "embed/" + "/".join(path) + ".html"


def embed_snippet(view: IndicatorView, base_url: str | None, height: int = EMBED_HEIGHT) -> str:
    """The copy-paste `<iframe>` for an indicator (absolute when the site's address is known).

    Plain text: the page that shows it escapes it, so a quote in a name cannot end the title.
    """
    src = (base_url.rstrip("/") + "/" if base_url else "") + embed_path(view.path)
    return iframe(src, view.name, view.city, height)


def iframe(src: str, name: str, city: str, height: int = EMBED_HEIGHT) -> str:
    """The one `<iframe>` snippet (the site's pages and the app's box); the title is escaped so
    a quote in a name cannot end it."""
    title = html.escape(f"{name} ({city})", quote=False).replace('"', "&quot;")
    return (
        f'<iframe src="{src}" title="{title}" width="100%" height="{height}" '
        'style="border:0" loading="lazy"></iframe>'
    )


def status_of(word: str | None) -> Status:
    """A status word with its symbol, label and accessible text colour."""
    style = formatting.style_of(word)
    return Status(style.word, style.symbol, formatting.status_label(word), style.text)


def _values_table(item: service.IndicatorStatus) -> Table:
    """The stored values as the upload format writes them, with unit and source."""
    frame = item.observations
    caption = f"Stored values of {item.indicator.name}"
    if frame.empty:
        return Table(caption, ("period", "value", "unit", "source"), ())
    part = frame.loc[:, ["period", "value", "unit", "source"]].reset_index(drop=True)
    texts = {"value": [numbers.exact(value) for value in frame["value"]]}
    if "annual" in frame.columns:
        texts["period"] = formatting.period_texts(frame)
    return table(part, caption, texts)


def indicator_view(
    item: service.IndicatorStatus, city_slug: str, t: translation.Translator = translation.ENGLISH
) -> IndicatorView:
    """Everything the indicator page, its embed and its API entry show (words in `t`'s
    language; the API files are written from the English views)."""
    a, indicator = item.assessment, item.indicator
    path = (city_slug, slug(item.pledge.key), slug(indicator.key))
    figure = charts.indicator_figure(indicator, a, height=420)
    sources = sorted({str(s) for s in item.observations.get("source", pd.Series()).dropna()})
    if indicator.baseline is not None:
        sources = sorted({*sources, indicator.baseline.source})
    latest = formatting.latest_text(a, indicator.unit, formatting.own_method(indicator), t)
    return IndicatorView(
        city=item.pledge.city.name,
        pledge=t.name(item.pledge.name),
        goal=t.name(item.goal.name),
        name=t.name(indicator.name),
        path=path,
        status=status_of(a.status),
        stale=a.stale,
        sentence=vocabulary.compose_sentence(a, t),
        summary=charts.indicator_summary(indicator, a),
        latest=latest,
        share=formatting.share(a.progress_share, t),
        figure=figure,
        verdicts=table(summaries.verdict_rows(item), f"Milestones of {indicator.name}"),
        chart_table=table(
            charts.chart_table(a), f"Every number the chart of {indicator.name} draws"
        ),
        values=_values_table(item),
        sources=tuple(sources),
        item=item,
    )


def city_views(
    pledges: Sequence[model.Pledge],
    items: Sequence[service.IndicatorStatus],
    today: dt.date,
    t: translation.Translator = translation.ENGLISH,
) -> list[CityView]:
    """Every city with its pledges, goals and indicators, in name order, in `t`'s language."""
    out = []
    names = {p.key: p.name for p in pledges}
    for city in sorted({p.city.name for p in pledges}):
        city_pledges = [p for p in pledges if p.city.name == city]
        city_items = [i for i in items if i.pledge.city.name == city]
        city_slug = slug(city)
        summary_list = service.summarise(city_pledges, city_items)
        pledge_views = []
        for summary in summary_list:
            goals = tuple(
                GoalView(
                    t.name(g.goal.name),
                    status_of(g.rollup.status),
                    _counts(g.rollup, t),
                    tuple(
                        sorted(
                            (indicator_view(i, city_slug, t) for i in g.items),
                            key=lambda v: _rank(v.status),
                        )
                    ),
                )
                for g in summary.goals
            )
            p = summary.pledge
            pledge_views.append(
                PledgeView(
                    city=city,
                    name=t.name(p.name),
                    key=p.key,
                    path=(city_slug, slug(p.key)),
                    adoption=formatting.adoption(p, t),
                    state=formatting.pledge_state(p, names, t)
                    or (t.gettext(formatting.AS_REPORTED_NOTE) if summary.beside_own else None),
                    source=p.source,
                    status=status_of(summary.rollup.status),
                    counts=_counts(summary.rollup, t),
                    goals=goals,
                    pledge=p,
                )
            )
        pledge_views.sort(key=lambda v: (v.pledge.state != "active", _rank(v.status)))
        rollup = service.city_rollup(summary_list, city)
        lines = tuple(
            (
                t.name(s.pledge.name),
                tuple(line.text for line in goal_lines.goal_lines(s.goals, t=t)),
            )
            for s in summary_list
            if s.active and s.goals
        )
        out.append(
            CityView(
                name=city,
                country=city_pledges[0].city.country,
                slug=city_slug,
                status=status_of(rollup.status),
                counts=_counts(rollup, t),
                freshness=formatting.freshness(summaries.latest_year(city_items), None, today, t),
                pledges=tuple(pledge_views),
                lines=lines,
            )
        )
    return out


def _rank(status: Status) -> int:
    """Worst first: the rank of a status word."""
    return formatting.status_rank(status.word)


def _counts(rollup: object, t: translation.Translator = translation.ENGLISH) -> str:
    """A roll-up's counts in words ("2 of 3 on track, 1 off track"), whatever engine made it."""
    return formatting.counts_text(rollup, t)


def gaps(cities: Sequence[CityView]) -> list[Gap]:
    """Indicators whose data falls short, worst gap first within each city."""
    out = []
    for city in cities:
        for pledge in city.pledges:
            for view in pledge.indicators:
                a = view.item.assessment
                stored = len(view.item.observations)
                if a.latest_year is None:
                    out.append(Gap(view, "no values stored"))
                elif view.status.word == "insufficient data" and stored < a.min_points:
                    out.append(Gap(view, f"only {stored} value(s); {a.min_points} needed"))
                elif view.status.word == "insufficient data":
                    out.append(
                        Gap(
                            view,
                            f"too old: no series has {a.min_points} values at most {a.max_age}"
                            f" years old (newest for {a.latest_year})",
                        )
                    )
                elif a.stale:
                    out.append(Gap(view, f"stale: newest value is for {a.latest_year}"))
                elif not a.has_targets:
                    out.append(Gap(view, "no numeric target (trend only)"))
    return out
