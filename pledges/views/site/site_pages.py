"""The public site's pages as plain values: the words, tables and figures each page shows.

Pure: service results in, frozen page views out (no Streamlit, no database, no HTML). The
site renderer (`pledges.site`) turns them into files; the slugs here are the site's addresses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from pledges import model, service, translation
from pledges.service import vocabulary
from pledges.views import chart_alternatives, charts, formatting, rollup_counts, summaries, tables
from pledges.views.council import goal_lines
from pledges.views.site import addresses, embed

NO_REGION = "Region not stated"
# The regions the CDP–ICLEI panel names (data, shown in the reader's language).
REGIONS = (
    translation.N_("Africa"),
    translation.N_("East Asia"),
    translation.N_("Europe"),
    translation.N_("Latin America"),
    translation.N_("Middle East"),
    translation.N_("North America"),
    translation.N_("South and West Asia"),
    translation.N_("Southeast Asia and Oceania"),
    translation.N_("Region not stated"),
)
EN = translation.ENGLISH


def slug(text: str) -> str:
    """A safe path segment for one name on its own (see `addresses` for a set of names)."""
    return addresses.address(text)


Table = tables.Table
cell = tables.cell
table = tables.table


@dataclass(frozen=True, slots=True)
class Status:
    """A status shown as symbol and word (never by colour alone) with its colours; `code` is
    the stored English word (the files' and the API's), `word` the reader's."""

    word: str
    symbol: str
    label: str
    text_colour: str
    code: str = ""


class ChartFrames:
    """An assessment whose chart frames (annual, required path, projection) are built once for
    the page's chart, its table and its summary, which each read all three."""

    FRAMES = frozenset({"annual", "required_path", "projection"})

    def __init__(self, assessment: Any) -> None:
        self._assessment = assessment
        self._built: dict[str, pd.DataFrame] = {}

    def __getattr__(self, name: str) -> Any:
        if name not in ChartFrames.FRAMES:
            return getattr(self._assessment, name)
        if name not in self._built:
            self._built[name] = getattr(self._assessment, name)
        return self._built[name]


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
    latest: str
    share: str
    sources: tuple[str, ...]
    item: service.IndicatorStatus
    frames: ChartFrames | None = None
    t: translation.Translator = EN

    @property
    def drawn(self) -> Any:
        """The assessment the chart, its table and its summary read (frames built once)."""
        return self.frames if self.frames is not None else self.item.assessment

    # Drawn when a page is rendered, not when the view is made: a publish that keeps a city's
    # earlier pages never pays for its charts and tables.
    @property
    def summary(self) -> str:
        """The chart's text alternative."""
        return chart_alternatives.indicator_summary(self.item.indicator, self.drawn, t=self.t)

    @property
    def figure(self) -> go.Figure:
        """The indicator chart."""
        return go.Figure(self.spec)

    @property
    def spec(self) -> dict[str, object]:
        """The indicator chart as plotly's data and layout (without plotly's template)."""
        return charts.indicator_spec(self.item.indicator, self.drawn, height=420, t=self.t)

    @property
    def verdicts(self) -> Table:
        """The milestones and their verdicts."""
        t = self.t
        rows = summaries.verdict_rows(self.item, t=t)
        # Headers in the reader's words whether the rows come with them or in English.
        rows = rows.rename(columns={c: t.gettext(c) for c in summaries.VERDICT_COLUMNS})
        return table(
            rows,
            t.gettext("Milestones of {indicator}", indicator=self.name),
            lang=t.lang,
        )

    @property
    def chart_table(self) -> Table:
        """Every number the chart draws, as a table."""
        t = self.t
        return table(
            chart_alternatives.chart_table(self.drawn, t=t),
            t.gettext("Every number the chart of {indicator} draws", indicator=self.name),
            lang=t.lang,
        )

    @property
    def values(self) -> Table:
        """The stored values."""
        return _values_table(self.item, self.name, self.t)


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
    region: str
    slug: str
    legacy: str
    status: Status
    counts: str
    freshness: str
    pledges: tuple[PledgeView, ...]
    # Each active pledge's goals in one line apiece, worst first: (pledge name, lines).
    lines: tuple[tuple[str, tuple[str, ...]], ...] = ()


embed_path = embed.embed_path


def embed_snippet(view: IndicatorView, base_url: str) -> str:
    """The copy-paste `<iframe>` for an indicator, at the site's absolute address (a relative
    one would point into whatever page it is pasted in). Plain text: the page escapes it."""
    src = base_url.rstrip("/") + "/" + in_language(embed_path(view.path), view.t.lang)
    return embed.snippet(src, view.name, view.city)


def in_language(path: str, lang: str) -> str:
    """A path in a language's part of the site (English at the root, others in /<lang>/)."""
    return path if lang == translation.DEFAULT else f"{lang}/{path}"


def status_of(word: str | None, t: translation.Translator = EN) -> Status:
    """A status word with its symbol, label and accessible text colour, in `t`'s words."""
    style = formatting.style_of(word)
    return Status(
        formatting.status_word(word, t),
        style.symbol,
        formatting.status_label(word, t),
        style.text,
        style.word,
    )


VALUE_COLUMNS = (
    translation.N_("period"),
    translation.N_("value"),
    translation.N_("unit"),
    translation.N_("source"),
)


def _values_table(item: service.IndicatorStatus, name: str, t: translation.Translator) -> Table:
    """The stored values as the upload format writes them, with unit and source."""
    frame = item.observations
    caption = t.gettext("Stored values of {indicator}", indicator=name)
    headers = tuple(t.gettext(c) for c in VALUE_COLUMNS)
    if frame.empty:
        return Table(caption, headers, ())
    texts = {"period": formatting.period_texts(frame)} if "annual" in frame.columns else None
    found = table(frame, caption, texts, VALUE_COLUMNS, lang=t.lang)
    return dataclasses.replace(found, headers=headers)


def indicator_view(
    item: service.IndicatorStatus,
    city_slug: str,
    segments: tuple[str, str] | None = None,
    t: translation.Translator = EN,
    frames: dict[int, ChartFrames] | None = None,
) -> IndicatorView:
    """Everything the indicator page, its embed and its API entry show (`segments`: the
    pledge's and the indicator's addresses, when known among their siblings), in `t`'s
    words; `frames` shares each assessment's chart frames between the languages' views."""
    a, indicator = item.assessment, item.indicator
    pledge_slug, indicator_slug = segments or (slug(item.pledge.key), slug(indicator.key))
    path = (city_slug, pledge_slug, indicator_slug)
    sources = sorted({str(s) for s in item.observations.get("source", pd.Series()).dropna()})
    if indicator.baseline is not None:
        sources = sorted({*sources, indicator.baseline.source})
    latest = formatting.latest_text(a, indicator.unit, t)
    drawn = None if frames is None else frames.get(id(a))
    if drawn is None:
        drawn = ChartFrames(a)
        if frames is not None:
            frames[id(a)] = drawn
    return IndicatorView(
        city=item.pledge.city.name,
        pledge=t.name(item.pledge.name),
        goal=t.name(item.goal.name),
        name=t.name(indicator.name),
        path=path,
        status=status_of(a.status, t),
        stale=a.stale,
        sentence=a.sentence if t.lang == translation.DEFAULT else vocabulary.compose_sentence(a, t),
        latest=latest,
        share=formatting.share(a.progress_share, t),
        sources=tuple(sources),
        item=item,
        frames=drawn,
        t=t,
    )


def city_views(
    pledges: Sequence[model.Pledge],
    items: Sequence[service.IndicatorStatus],
    today: dt.date,
    cities: Sequence[model.City] = (),
    t: translation.Translator = EN,
    frames: dict[int, ChartFrames] | None = None,
    only: set[str] | None = None,
) -> list[CityView]:
    """Every city with its pledges, goals and indicators, in name order (`cities` gives each
    its region; a city with no pledge in force is left out), in `t`'s words. `frames` shares
    chart frames between languages; `only` names the cities wanted (the others' addresses
    are still told apart from theirs)."""
    out = []
    names = {p.key: t.name(p.name) for p in pledges}
    regions = {c.name: c.region for c in cities}
    by_city: dict[str, list[model.Pledge]] = {}
    for p in pledges:
        by_city.setdefault(p.city.name, []).append(p)
    items_by_city: dict[str, list[service.IndicatorStatus]] = {}
    for i in items:
        items_by_city.setdefault(i.pledge.city.name, []).append(i)
    city_slugs = addresses.addresses(by_city)
    for city in sorted(by_city):
        if only is not None and city not in only:
            continue
        city_pledges = by_city[city]
        city_items = items_by_city.get(city, [])
        city_slug = city_slugs[city]
        pledge_slugs = addresses.addresses(p.key for p in city_pledges)
        summary_list = service.summarise(city_pledges, city_items)
        pledge_views = []
        for summary in summary_list:
            indicator_slugs = addresses.addresses(i.key for _, i in summary.pledge.indicators())
            goals = tuple(
                GoalView(
                    t.name(g.goal.name),
                    status_of(g.rollup.status, t),
                    _counts(g.rollup, t),
                    tuple(
                        sorted(
                            (
                                indicator_view(
                                    i,
                                    city_slug,
                                    (pledge_slugs[i.pledge.key], indicator_slugs[i.indicator.key]),
                                    t,
                                    frames,
                                )
                                for i in g.items
                            ),
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
                    path=(city_slug, pledge_slugs[p.key]),
                    adoption=formatting.adoption(p, t),
                    state=formatting.pledge_state(p, names, t)
                    or (t.gettext(formatting.AS_REPORTED_NOTE) if summary.beside_own else None),
                    source=p.source,
                    status=status_of(summary.rollup.status, t),
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
                country=t.country(city_pledges[0].city.country),
                region=t.gettext(regions.get(city) or city_pledges[0].city.region or NO_REGION),
                slug=city_slug,
                legacy=addresses.legacy(city),
                status=status_of(rollup.status, t),
                counts=_counts(rollup, t),
                freshness=formatting.freshness(summaries.latest_year(city_items), None, today, t),
                pledges=tuple(pledge_views),
                lines=lines,
            )
        )
    return out


def _rank(status: Status) -> int:
    """Worst first: the rank of a status word."""
    return formatting.status_rank(status.code)


def _counts(rollup: object, t: translation.Translator = EN) -> str:
    """A roll-up's counts in words ("2 of 3 on track, 1 off track"), whatever engine made it."""
    if not hasattr(rollup, "counts"):
        return str(getattr(rollup, "counts_text", ""))
    return rollup_counts.counts_text(rollup, t)
