"""The briefing as one self-contained, accessible HTML page, from Jinja templates (autoescaped).

Every text that came from a definition or a CSV is escaped by the templates; nothing is fetched
from elsewhere, so the page reads the same from an e-mail attachment as from a printer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import plotly.graph_objects as go
import plotly.offline
from markupsafe import Markup

from pledges import numbers, service, translation
from pledges.briefing import changes, content, jinja, page_one
from pledges.service import vocabulary
from pledges.views import chart_alternatives, charts, formatting, rollup_counts
from pledges.views.council import appendix, one_pager_rows

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
CHART_HEIGHT = 300
CHART_CONFIG = {"displayModeBar": False, "staticPlot": True, "responsive": False}
CSS = jinja.css("briefing.css")


def page_css(paper: str, footer: str, t: translation.Translator = translation.ENGLISH) -> str:
    """The paper size and the running footer with page numbers (Chromium's margin boxes)."""
    size = PAPER_SIZES.get(paper, "A4")
    quoted = footer.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    # "Page 1 of 2": the words around CSS's counters, in the page's language.
    page, of = t.gettext("Page"), t.gettext("of")
    return (
        f"@page {{ size: {size}; margin: 16mm 15mm 18mm;"
        f' @bottom-left {{ content: "{quoted}"; font: 8pt sans-serif; color: #595959; }}'
        f' @bottom-right {{ content: "{page} " counter(page) " {of} " counter(pages);'
        " font: 8pt sans-serif; color: #595959; } }"
    )


def fraction(share: float | None) -> float | None:
    """How much of a progress bar to fill, or None where the share is not a number."""
    if share is None or not math.isfinite(share):
        return None
    return formatting.bar_fraction(share)


def year_ticks(figure: go.Figure) -> dict[str, object]:
    """Whole-year ticks on a short axis (plotly would label 2016 three times)."""
    years = [float(x) for trace in figure.data if trace.x is not None for x in trace.x]
    if years and max(years) - min(years) < 8:
        return {"dtick": 1, "tick0": int(min(years))}
    return {}


def chart_html(
    item: service.IndicatorStatus, index: int, t: translation.Translator = translation.ENGLISH
) -> Markup:
    """One small indicator chart with a text alternative that says what it shows."""
    figure = charts.indicator_figure(item.indicator, item.assessment, None, CHART_HEIGHT, t=t)
    figure.update_layout(width=680, title=None, margin={"l": 8, "r": 8, "t": 8, "b": 8})
    figure.update_xaxes(title_text=None, **year_ticks(figure))
    div = figure.to_html(
        full_html=False,
        include_plotlyjs=False,
        config=CHART_CONFIG,
        div_id=f"chart-{index}",
        default_width="680px",
        default_height=f"{CHART_HEIGHT}px",
    )
    summary = chart_alternatives.indicator_summary(item.indicator, item.assessment, t)
    figure_html = jinja.env.get_template("chart.html").render(
        caption=t.gettext("Chart: {name}", name=t.name(item.indicator.name)),
        unit=item.indicator.unit,
        summary=summary,
        label=t.gettext(
            "Chart of {name}. {summary}", name=t.name(item.indicator.name), summary=summary
        ),
        div=Markup(div),  # noqa: S704 - plotly's own markup; its JSON escapes "<"
    )
    return Markup(figure_html)  # noqa: S704 - rendered by an autoescaping template


def title(b: content.Briefing, t: translation.Translator = translation.ENGLISH) -> str:
    """The document title: city, pledge (if one) and the as-of date."""
    day = long_day(b.as_of, t)
    if b.pledge_filter and b.pledges:
        return t.gettext(
            "{city}: {pledge}, council briefing as of {day}",
            city=b.city,
            pledge=t.name(b.pledges[0].pledge.name),
            day=day,
        )
    return t.gettext("{city}: climate pledges, council briefing as of {day}", city=b.city, day=day)


def render(b: content.Briefing, paper: str = "a4", summary_only: bool = False) -> str:
    """The whole briefing as one HTML document: page 1, then the appendix (unless summary only),
    every word in the briefing's language."""
    t = service.translator(b.lang)
    day = numbers.short_day(b.as_of, t.lang)
    footer = t.gettext("{city} · briefing as of {day}", city=b.city, day=day)
    counter = iter(range(1, 10_000))
    charted = not summary_only and any(g.chart is not None for p in b.pledges for g in p.goals)
    scripts = f"<script>{plotly.offline.get_plotlyjs()}</script>" if charted else ""
    return jinja.env.get_template("briefing.html").render(
        b=b,
        heading=title(b, t),
        summary_only=summary_only,
        front=Markup(page_one.render(b.summary)) if b.summary is not None else "",  # noqa: S704
        css=Markup(CSS + page_one.CSS + page_css(paper, footer, t)),  # noqa: S704 - our own CSS
        scripts=Markup(scripts),  # noqa: S704 - plotly.js itself
        moves_note=t.gettext(
            changes.MOVES_NOTE,
            since=long_day(b.changes.since, t),
            as_of=long_day(b.as_of, t),
        ),
        chart=lambda item: chart_html(item, next(counter), t),
        appendix=appendix,
        style=lambda word: style(word, t),
        share=lambda value: formatting.share(value, t),
        fraction=fraction,
        grade=lambda evidence: one_pager_rows.grade_text(evidence, t),
        adoption=lambda pledge: formatting.adoption(pledge, t),
        pledge_state=lambda pledge, names=None: formatting.pledge_state(
            pledge, {key: t.name(one) for key, one in (names or {}).items()}, t
        ),
        counts=lambda rollup: rollup_counts.counts_text(rollup, t),
        t=t,
        gettext=t.gettext,
        ngettext=t.ngettext,
        name=t.name,
        day=lambda when: long_day(when, t),
        when=lambda moment: f"{long_day(moment.date(), t)} {moment:%H:%M}",
        percent=lambda share: numbers.percent(share, t.lang),
        sentence=lambda a: vocabulary.compose_sentence(a, t),
        joined=lambda names: "; ".join(t.name(one) for one in names),
    )


def long_day(day: dt.date, t: translation.Translator) -> str:
    """A day in the appendix's prose ("05 December 2026", "5 de diciembre de 2026")."""
    return f"{day:%d %B %Y}" if t.lang == translation.DEFAULT else numbers.day(day, t.lang)


def style(word: str | None, t: translation.Translator) -> formatting.StatusStyle:
    """A status word's colours and symbol, its word in the reader's language."""
    found = formatting.style_of(word)
    return dataclasses.replace(found, word=formatting.status_word(word, t)) if word else found
