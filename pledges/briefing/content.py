"""The briefing's sections gathered from the store and the progress engine (data, not markup)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from pledges import clock, model, service, settings, translation
from pledges.briefing import changes as changes_module
from pledges.service import vocabulary
from pledges.views import formatting
from pledges.views.council import one_pager
from pledges.views.pages import due as due_view

EN = translation.ENGLISH
THE_PLEDGE = translation.N_("(the pledge)")
"""The sources table's row for the pledge itself (shown through the catalog, as a name is)."""
# A pledge's state, as its sources row names it.
STATES = (translation.N_("superseded"), translation.N_("abandoned"))


@dataclass(frozen=True, slots=True)
class GoalSection:
    """One goal: its roll-up, each indicator's assessment, and the indicator it charts."""

    goal: model.Goal
    rollup: vocabulary.Rollup
    items: tuple[service.IndicatorStatus, ...]
    chart: service.IndicatorStatus | None


@dataclass(frozen=True, slots=True)
class PledgeSection:
    """One pledge: its roll-up and its goals, worst status first."""

    pledge: model.Pledge
    rollup: vocabulary.Rollup
    goals: tuple[GoalSection, ...]


@dataclass(frozen=True, slots=True)
class Gap:
    """An indicator the briefing cannot judge well, and why, in plain words."""

    pledge: str
    goal: str
    indicator: str
    problem: str
    no_values: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """Where a group of figures of one indicator comes from."""

    pledge: str
    indicator: str
    figures: str
    source: str


@dataclass(frozen=True, slots=True)
class Briefing:
    """Everything a council briefing shows, in reading order."""

    city: str
    as_of: dt.date
    made_at: dt.datetime
    pledge_filter: str | None
    pledges: tuple[PledgeSection, ...]
    changes: changes_module.Changes
    gaps: tuple[Gap, ...]
    trend_only: tuple[str, ...]
    sources: tuple[Source, ...]
    status_table: tuple[tuple[str, str, str], ...]
    thresholds: vocabulary.Thresholds
    late: tuple[str, ...] = ()  # "late since 31 Mar 2026: LASAN, Community inventory"
    summary: one_pager.OnePager | None = None
    ledger: tuple[service.LedgerEntry, ...] = ()  # every target change by `as_of`
    lang: str = translation.DEFAULT  # the language of every word of the briefing

    @property
    def empty(self) -> bool:
        """True when no indicator of the city has a single value."""
        return all(
            item.observations.empty for p in self.pledges for g in p.goals for item in g.items
        )


def chart_choice(items: list[service.IndicatorStatus]) -> service.IndicatorStatus | None:
    """The indicator that best shows a goal: one with a target and the most values."""
    charted = [item for item in items if not item.assessment.annual.empty]
    if not charted:
        return None
    return max(charted, key=lambda i: (i.assessment.has_targets, len(i.assessment.annual)))


def pledge_section(pledge: model.Pledge, items: list[service.IndicatorStatus]) -> PledgeSection:
    """A pledge's goals rolled up and ordered as every page orders them (`service.summarise`)."""
    summary = service.summarise([pledge], items)[0]
    goals = tuple(
        GoalSection(g.goal, g.rollup, g.items, chart_choice(list(g.items))) for g in summary.goals
    )
    return PledgeSection(pledge, summary.rollup, goals)


def problem(item: service.IndicatorStatus, t: translation.Translator = EN) -> str | None:
    """Why an indicator's data is too thin or too old to judge, or None when it is fine."""
    a = item.assessment
    parts = []
    if a.status == "insufficient data":
        if a.latest_year is None:
            parts.append(t.gettext("no values yet"))
        else:
            parts.append(vocabulary.status_reason(a, t))
    if a.stale and a.latest_year is not None:
        parts.append(
            t.ngettext(
                "stale: the latest value is from {year}, {count} year before this briefing",
                "stale: the latest value is from {year}, {count} years before this briefing",
                a.today.year - a.latest_year,
                year=a.latest_year,
            )
        )
    return "; ".join(parts) or None


def gaps(sections: tuple[PledgeSection, ...], t: translation.Translator = EN) -> tuple[Gap, ...]:
    """Every indicator with insufficient or stale data, named plainly."""
    found = []
    for p in sections:
        for g in p.goals:
            for item in g.items:
                text = problem(item, t)
                if text is not None:
                    found.append(
                        Gap(
                            p.pledge.name,
                            g.goal.name,
                            item.indicator.name,
                            text,
                            item.assessment.latest_year is None,
                        )
                    )
    return tuple(found)


def year_span(years: list[int]) -> str:
    """ "2019", "2019-2024" or "2010, 2013"."""
    unique = sorted(set(years))
    if len(unique) == 1:
        return str(unique[0])
    if unique == list(range(unique[0], unique[-1] + 1)):
        return f"{unique[0]}–{unique[-1]}"
    return ", ".join(str(y) for y in unique)


def indicator_sources(
    pledge: model.Pledge, item: service.IndicatorStatus, t: translation.Translator = EN
) -> list[Source]:
    """The baseline's, each target's and the values' sources of one indicator, grouped by text."""
    figures: dict[str, list[str]] = {}
    ind = item.indicator
    if ind.baseline is not None:
        figures.setdefault(ind.baseline.source, []).append(
            t.gettext("baseline {year}", year=ind.baseline.year)
        )
    for target in ind.targets:
        figures.setdefault(target.source, []).append(t.gettext("target {year}", year=target.year))
    obs = item.observations
    if not obs.empty:
        by_source: dict[str, list[int]] = {}
        for period, source in zip(obs["period"], obs["source"], strict=True):
            by_source.setdefault(str(source or t.gettext("no source given")), []).append(
                period.year
            )
        for source, years in by_source.items():
            figures.setdefault(source, []).append(
                t.gettext("values {years}", years=year_span(years))
            )
    return [
        Source(pledge.name, ind.name, ", ".join(parts), source) for source, parts in figures.items()
    ]


def sections_as_of(
    db: service.Store, city: str, pledge: str | None, as_of: dt.date
) -> tuple[PledgeSection, ...]:
    """The pledges' sections as the store stood at the end of a day (no status history is kept,
    so a past status is found by assessing the store as of then)."""
    items = [
        i for i in service.assess(db, city=city, as_of=as_of) if pledge in (None, i.pledge.key)
    ]
    pledges = list({i.pledge.key: i.pledge for i in items}.values())
    return tuple(pledge_section(p, [i for i in items if i.pledge.key == p.key]) for p in pledges)


def gather(
    db: service.Store,
    city: str,
    pledge: str | None = None,
    as_of: dt.date | None = None,
    since: dt.date | None = None,
    previous: dt.date | None = None,
    lang: str = translation.DEFAULT,
) -> Briefing:
    """Gather a city's briefing (one pledge, or all) as the store stood at the end of `as_of`,
    every word in `lang`."""
    t = service.translator(lang)
    as_of = as_of or clock.today(db.clock)
    if since is not None:
        reason = t.gettext("the date asked for")
    elif previous is not None and previous < as_of:
        since, reason = previous, t.gettext("the previous briefing")
    else:
        since = clock.year_before(as_of)
        reason = t.gettext("a year before this briefing (no earlier briefing is recorded)")
    items = [
        i for i in service.assess(db, city=city, as_of=as_of) if pledge in (None, i.pledge.key)
    ]
    pledges = list({i.pledge.key: i.pledge for i in items}.values())
    if pledge is None:
        # Pledges with no indicators have no items, yet belong in the briefing.
        known = {p.key for p in pledges}
        pledges += [p for p in db.pledges(city=city, as_of=as_of) if p.key not in known]
    sections = tuple(
        pledge_section(p, [i for i in items if i.pledge.key == p.key]) for p in pledges
    )
    sources = []
    for p in sections:
        sources.append(
            Source(
                p.pledge.name,
                t.gettext(THE_PLEDGE),
                formatting.adoption(p.pledge, t).lower(),
                p.pledge.source,
            )
        )
        if p.pledge.state_source:
            sources.append(
                Source(
                    p.pledge.name,
                    t.gettext(THE_PLEDGE),
                    t.gettext(p.pledge.state),
                    p.pledge.state_source,
                )
            )
        for g in p.goals:
            for item in g.items:
                sources.extend(indicator_sources(p.pledge, item, t))
    trend_only = tuple(
        item.indicator.name
        for p in sections
        for g in p.goals
        for item in g.items
        if not item.assessment.has_targets
    )
    due_items = [
        i
        for i in service.due(db, as_of, settings.load().due_soon_days, city, as_of=as_of)
        if pledge in (None, i.pledge.key)
    ]
    owners = {i.indicator.key: f"{i.owner.label}, {i.status.state}" for i in due_items}
    changed = dataclasses.replace(
        changes_module.gather(db, city, pledges, since, reason, as_of, t),
        moves=changes_module.status_moves(
            sections_as_of(db, city, pledge, since) if since < as_of else (), sections
        ),
        names={p.key: p.name for p in db.pledges(city=city, as_of=as_of)},
    )
    summary = one_pager.build(
        city,
        as_of,
        sections,
        changed,
        owners,
        peers_line(db, city, as_of),
        len({s.source for s in sources}),
        t,
    )
    return Briefing(
        city=city,
        as_of=as_of,
        made_at=clock.naive_utc(db.clock()),
        pledge_filter=pledge,
        pledges=sections,
        changes=changed,
        gaps=gaps(sections, t),
        trend_only=trend_only,
        sources=tuple(sources),
        status_table=tuple(tuple(row) for row in vocabulary.status_rules(t=t)),
        thresholds=vocabulary.DEFAULT_THRESHOLDS,
        late=tuple(due_view.gaps_sentence(due_items, t)),
        summary=summary,
        ledger=service.target_ledger(db, city, pledge, as_of),
        lang=t.lang,
    )


def peers_line(db: service.Store, city: str, as_of: dt.date) -> str | None:
    """One line on the city's rank among its CDP peers, when the panel holds the city."""
    return one_pager.peers_line(service.panel_status(db, as_of=as_of, today=as_of), city)
