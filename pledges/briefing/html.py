"""The briefing as one self-contained, accessible HTML page (plotly.js inline, print-ready CSS).

Every text that came from a definition or a CSV goes through `esc`; nothing is fetched from
elsewhere, so the page reads the same from an e-mail attachment as from a printer.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Iterable, Sequence

import plotly.graph_objects as go
import plotly.offline

from pledges import service
from pledges.briefing import changes as changes_module
from pledges.briefing import content, page_one
from pledges.views import charts, formatting

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
CHART_HEIGHT = 300
CHART_CONFIG = {"displayModeBar": False, "staticPlot": True, "responsive": False}

CSS = """
:root { --ink: #1f1f1f; --muted: #595959; --rule: #d0d0d0; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink);
  line-height: 1.4; margin: 0 auto; max-width: 50rem; padding: 1.5rem; font-size: 11pt; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem;
  margin-top: 2rem; }
h3 { font-size: 1.15rem; margin: 1.4rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1.1rem 0 .3rem; }
p, li { margin: .25rem 0; overflow-wrap: break-word; }
.meta, .note, figcaption, .muted { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; font-size: .88rem; }
caption { text-align: left; font-weight: bold; padding: .2rem 0; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .4rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }
th { background: #f2f2f2; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
.sources { font-size: .85rem; }
.sources ol { padding-left: 1.6rem; font-size: .8rem; }
.sources li { overflow-wrap: anywhere; margin: .15rem 0; }
td.num { text-align: right; white-space: nowrap; }
.status { font-weight: bold; white-space: nowrap; }
.bar { display: inline-block; width: 7rem; height: .8rem; border: 1px solid var(--muted);
  vertical-align: middle; margin-right: .4rem; background: #fff; }
.bar span { display: block; height: 100%; print-color-adjust: exact;
  -webkit-print-color-adjust: exact; }
ul.indicators { padding-left: 1.1rem; }
ul.indicators li { margin: .35rem 0; }
figure { margin: .6rem 0 1rem; break-inside: avoid; }
.chart { width: 680px; max-width: 100%; }
.state { border-left: 4px solid var(--muted); padding: .2rem .6rem; margin: .4rem 0; }
.empty { border: 1px solid var(--rule); padding: .6rem .8rem; background: #fafafa; }
dl.methodology dt { font-weight: bold; margin-top: .4rem; }
dl.methodology dd { margin: 0 0 0 1rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  h3, h4 { break-after: avoid; }
  section.major + section.major { break-before: page; }
  body.compact section.major + section.major { break-before: auto; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""


def esc(text: object) -> str:
    """Text from a definition, a CSV or a user made inert in HTML."""
    return html.escape(str(text), quote=True)


def page_css(paper: str, footer: str) -> str:
    """The paper size and the running footer with page numbers (Chromium's margin boxes)."""
    size = PAPER_SIZES.get(paper, "A4")
    quoted = footer.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return (
        f"@page {{ size: {size}; margin: 16mm 15mm 18mm;"
        f' @bottom-left {{ content: "{quoted}"; font: 8pt sans-serif; color: #595959; }}'
        ' @bottom-right { content: "Page " counter(page) " of " counter(pages);'
        " font: 8pt sans-serif; color: #595959; } }"
    )


def status_span(word: str | None) -> str:
    """A status as symbol and word in its accessible colour (never colour alone)."""
    style = formatting.style_of(word)
    return (
        f'<span class="status" style="color:{style.text}">'
        f"{esc(style.symbol)} {esc(style.word)}</span>"
    )


def progress_bar(share: float | None, word: str | None) -> str:
    """A drawn bar (hidden from screen readers) beside the share in words."""
    if share is None or not math.isfinite(share):
        return esc(formatting.share(share))
    fill = formatting.bar_fraction(share)
    colour = formatting.style_of(word).fill
    return (
        f'<span class="bar" aria-hidden="true"><span style="width:{fill * 100:.0f}%;'
        f'background:{colour}"></span></span>{esc(formatting.share(share))}'
    )


def table(
    caption: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: frozenset[int] = frozenset(),
    nowrap: frozenset[int] = frozenset(),
) -> str:
    """A table whose cells are already-escaped HTML fragments."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{cell}</td>'
            if i in numeric
            else (f'<td class="nowrap">{cell}</td>' if i in nowrap else f"<td>{cell}</td>")
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def pledge_heading(section: content.PledgeSection) -> str:
    """The pledge's name, adoption, state and overall roll-up."""
    p = section.pledge
    state = formatting.pledge_state(p)
    state_html = f'<p class="state">{esc(state)}</p>' if state else ""
    r = section.rollup
    return (
        f"<h3>{esc(p.name)}</h3>"
        f'<p class="meta">{formatting.adoption(p)} · {esc(p.source)}</p>{state_html}'
        f"<p>Overall: {status_span(r.status)} · {progress_bar(r.progress_share, r.status)}"
        f" · goals: {esc(r.counts_text)}</p>"
    )


def headline(b: content.Briefing) -> str:
    """Section 1: each pledge's roll-up with every goal, off-track goals first."""
    parts = ['<section class="major" id="headline"><h2>1. Headline</h2>']
    if not b.pledges:
        parts.append(
            f'<p class="empty">No pledge of {esc(b.city)} is recorded as of {b.as_of:%d %B %Y}.</p>'
        )
    elif b.empty:
        parts.append(
            f'<p class="empty">No values are stored yet for any indicator of {esc(b.city)}'
            f" as of {b.as_of:%d %B %Y}, so no status can be given. The pledges and their"
            " targets are listed below; the data gaps section names every missing series.</p>"
        )
    for section in b.pledges:
        parts.append(pledge_heading(section))
        rows = [
            (
                status_span(g.rollup.status),
                esc(g.goal.name),
                progress_bar(g.rollup.progress_share, g.rollup.status),
                esc(g.rollup.counts_text),
            )
            for g in section.goals
        ]
        if rows:
            parts.append(
                table(
                    f"Goals of {section.pledge.name}, worst status first",
                    ("Status", "Goal", "Progress to target", "Indicators"),
                    rows,
                    nowrap=frozenset({2}),
                )
            )
    parts.append("</section>")
    return "".join(parts)


def year_ticks(figure: go.Figure) -> dict[str, object]:
    """Whole-year ticks on a short axis (plotly would label 2016 three times)."""
    years = [float(x) for trace in figure.data if trace.x is not None for x in trace.x]
    if years and max(years) - min(years) < 8:
        return {"dtick": 1, "tick0": int(min(years))}
    return {}


def chart_html(item: service.IndicatorStatus, index: int) -> str:
    """One small indicator chart with a text alternative that says what it shows."""
    figure = charts.indicator_figure(item.indicator, item.assessment, None, CHART_HEIGHT)
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
    summary = charts.indicator_summary(item.indicator, item.assessment)
    label = f"Chart of {item.indicator.name}. {summary}"
    return (
        f'<figure><div class="chart" role="img" aria-label="{esc(label)}">{div}</div>'
        f"<figcaption><strong>Chart: {esc(item.indicator.name)}</strong>"
        f" ({esc(item.indicator.unit)}). {esc(summary)}</figcaption></figure>"
    )


def goal_sections(b: content.Briefing) -> str:
    """Section 2: per goal, each indicator's sentence and one small chart."""
    parts = ['<section class="major" id="goals"><h2>2. Goal by goal</h2>']
    index = 0
    for section in b.pledges:
        parts.append(f"<h3>{esc(section.pledge.name)}</h3>")
        if not section.goals:
            parts.append('<p class="empty">This pledge has no goals defined.</p>')
        for g in section.goals:
            parts.append(
                f'<section class="goal"><h4>{esc(g.goal.name)}: {status_span(g.rollup.status)}'
                f'</h4><p class="muted">{esc(g.rollup.counts_text)}</p><ul class="indicators">'
            )
            for item in g.items:
                a = item.assessment
                stale = " (stale)" if a.stale else ""
                parts.append(f"<li>{status_span(a.status)}{esc(stale)}: {esc(a.sentence)}</li>")
            parts.append("</ul>")
            if g.chart is not None:
                index += 1
                parts.append(chart_html(g.chart, index))
            else:
                parts.append('<p class="note">No chart: no indicator of this goal has values.</p>')
            parts.append("</section>")
    parts.append("</section>")
    return "".join(parts)


def _value(value: float | None, unit: str) -> str:
    return esc(formatting.quantity(value, unit)) if value is not None else "removed"


def _period(period: dt.date) -> str:
    return f"{period.year}" if (period.month, period.day) == (1, 1) else period.isoformat()


def changes_section(b: content.Briefing) -> str:
    """Section 3: new values, revised values (old -> new, with the batch), target changes."""
    c: changes_module.Changes = b.changes
    parts = [
        f'<section class="major" id="changes"><h2>3. What changed since {c.since:%d %B %Y}</h2>'
        f'<p class="meta">Since {c.since:%d %B %Y}: {esc(c.since_reason)}. Up to the end of'
        f" {b.as_of:%d %B %Y}.</p>"
    ]
    if c.nothing:
        parts.append(
            "<p>Nothing changed: no new or revised values and no target changes.</p></section>"
        )
        return "".join(parts)
    for p in c.pledge_states:
        parts.append(f'<p class="state">{esc(p.name)}: {esc(formatting.pledge_state(p))}</p>')
    if c.revisions:
        rows = [
            (
                esc(r.indicator),
                esc(_period(r.period)),
                _value(r.old, r.unit),
                _value(r.new, r.unit),
                esc(
                    f"batch {r.batch_id} ({r.batch_file}, {r.batch_user}, "
                    f"{r.committed_at:%d %b %Y})"
                ),
            )
            for r in c.revisions
        ]
        parts.append(
            table(
                f"Revised values ({len(c.revisions)}): old -> new",
                ("Indicator", "Period", "Old value", "New value", "Changed by"),
                rows,
                numeric=frozenset({2, 3}),
            )
        )
    else:
        parts.append("<p>No stored value was revised.</p>")
    if c.new_values:
        rows = [
            (
                esc(n.indicator),
                str(n.count),
                esc(
                    f"{_period(n.first_period)}–{_period(n.last_period)}"
                    if n.count > 1
                    else _period(n.first_period)
                ),
                esc(formatting.quantity(n.last_value, n.unit)),
                esc(", ".join(n.batches)),
            )
            for n in c.new_values
        ]
        parts.append(
            table(
                f"New values ({c.new_count}), by indicator",
                ("Indicator", "Values", "Periods", "Latest new value", "Batch"),
                rows,
                numeric=frozenset({1, 3}),
            )
        )
    else:
        parts.append("<p>No new values.</p>")
    if c.targets:
        rows = [
            (
                esc(t.indicator),
                str(t.year),
                esc(t.kind),
                esc(t.old or "–"),
                esc(t.new or "–"),
                esc(f"{t.changed_at:%d %b %Y}"),
            )
            for t in c.targets
        ]
        parts.append(
            table(
                "Targets added, changed or withdrawn",
                ("Indicator", "Year", "Change", "Before", "After", "When"),
                rows,
            )
        )
    else:
        parts.append("<p>No target was added, changed or withdrawn.</p>")
    parts.append("</section>")
    return "".join(parts)


def gaps_section(b: content.Briefing) -> str:
    """Section 4: indicators with no, too few or stale values, and those with no target."""
    parts = ['<section class="major" id="gaps"><h2>4. Data gaps</h2>']
    empty = [g for g in b.gaps if g.no_values]
    thin = [g for g in b.gaps if not g.no_values]
    if not b.gaps:
        parts.append("<p>Every indicator has enough recent values for a trend.</p>")
    if b.late:
        parts.append(
            f"<h3>Late data ({len(b.late)} indicators)</h3>"
            "<p>The next value was due and has not been sent (owner, indicator):</p><ul>"
            + "".join(f"<li>{esc(line)}</li>" for line in b.late)
            + "</ul>"
        )
    if empty:
        parts.append(
            f"<h3>No values at all ({len(empty)} indicators)</h3>"
            "<p>Nothing is known about these; the pledge cannot be judged on them.</p><ul>"
        )
        by_goal: dict[tuple[str, str], list[str]] = {}
        for g in empty:
            by_goal.setdefault((g.pledge, g.goal), []).append(g.indicator)
        for (pledge, goal), names in by_goal.items():
            parts.append(
                f"<li><strong>{esc(goal)}</strong> ({esc(pledge)}): {esc('; '.join(names))}</li>"
            )
        parts.append("</ul>")
    if thin:
        parts.append(
            table(
                f"Too few or too old values ({len(thin)} indicators)",
                ("Indicator", "Goal", "What is missing"),
                ((esc(g.indicator), esc(g.goal), esc(g.problem)) for g in thin),
            )
        )
    if b.trend_only:
        parts.append(
            "<p>Shown as trends only, because the pledge sets them no numeric target: "
            + esc("; ".join(b.trend_only))
            + ".</p>"
        )
    parts.append("</section>")
    return "".join(parts)


def sources_section(b: content.Briefing) -> str:
    """Section 5: the source of every figure (numbered once each), and the method in brief."""
    parts = ['<section class="major" id="sources"><h2>5. Sources and method</h2>']
    numbers: dict[str, int] = {}
    rows: dict[str, dict[str, list[str]]] = {}
    for s in b.sources:
        n = numbers.setdefault(s.source, len(numbers) + 1)
        rows.setdefault(s.pledge, {}).setdefault(s.indicator, []).append(f"{s.figures} [{n}]")
    if rows:
        parts.append('<div class="sources">')
        for pledge, indicators in rows.items():
            parts.append(
                table(
                    f"{pledge}: every figure and its source (numbered in the list below)",
                    ("Indicator", "Figures [source]"),
                    (
                        (esc(indicator), esc("; ".join(figures)))
                        for indicator, figures in indicators.items()
                    ),
                )
            )
        parts.append("<h3>Sources</h3><ol>")
        parts.extend(f"<li>{esc(source)}</li>" for source in numbers)
        parts.append("</ol></div>")
    t = b.thresholds
    parts.append(
        '<h3>Method in brief</h3><dl class="methodology">'
        "<dt>Progress share</dt><dd>How far the latest value has moved from the baseline"
        " toward the final target (0 % at the baseline, 100 % at the target). A goal's share"
        " is the mean of its indicators' shares, each clipped to 0-100 %.</dd>"
        "<dt>Trend and projection</dt><dd>A straight line fitted (ordinary least squares) to"
        f" the last {t.window} annual values, at least {t.min_points}; the projection carries"
        f" it forward with an {t.band:.0%} prediction band.</dd>"
        "<dt>Status</dt><dd>Judged against the next target not yet due: today's pace (the"
        " trend's slope) divided by the pace still needed to reach that target in time."
        " A goal takes the worst status among its indicators that have targets.</dd>"
        f"<dt>Stale</dt><dd>A latest value more than {t.stale_after} years old.</dd></dl>"
    )
    parts.append(
        table(
            "Statuses and their rules",
            ("Status", "Rule"),
            ((status_span(word), esc(rule)) for word, _, rule in b.status_table),
        )
    )
    parts.append(
        '<p class="note">The full methodology is in docs/methodology.md of Pledge Tracker.</p>'
        "</section>"
    )
    return "".join(parts)


def title(b: content.Briefing) -> str:
    """The document title: city, pledge (if one) and the as-of date."""
    what = b.pledges[0].pledge.name if b.pledge_filter and b.pledges else "climate pledges"
    return f"{b.city}: {what}, council briefing as of {b.as_of:%d %B %Y}"


def render(b: content.Briefing, paper: str = "a4", summary_only: bool = False) -> str:
    """The whole briefing as one HTML document: page 1, then the appendix (unless summary only)."""
    heading = title(b)
    footer = f"{b.city} · briefing as of {b.as_of:%d %b %Y}"
    front = page_one.render(b.summary) if b.summary is not None else ""
    if summary_only:
        return (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(heading)}</title>"
            f"<style>{CSS}{page_one.CSS}{page_css(paper, footer)}</style></head>"
            f"<body><main>{front}</main></body></html>"
        )
    scripts = f"<script>{plotly.offline.get_plotlyjs()}</script>" if _has_charts(b) else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(heading)}</title>"
        f'<meta name="pledges-city" content="{esc(b.city)}">'
        f'<meta name="pledges-as-of" content="{b.as_of.isoformat()}">'
        f"<style>{CSS}{page_one.CSS}{page_css(paper, footer)}</style>{scripts}</head>"
        f'<body class="{"compact" if b.empty else "full"}">{front}'
        f"<header><h1>Appendix. {esc(b.city)}: council briefing</h1>"
        f'<p class="meta">{esc(heading)}. Made {b.made_at:%d %B %Y %H:%M} UTC from the values'
        f" stored by the end of {b.as_of:%d %B %Y}. Status is a word and a symbol:"
        " ✔ achieved, ▲ on track, ◆ needs acceleration, ▼ off track, ✖ wrong direction,"
        " ? insufficient data, – trend only.</p></header><main>"
        f"{headline(b)}{goal_sections(b)}{changes_section(b)}{gaps_section(b)}"
        f"{sources_section(b)}</main></body></html>"
    )


def _has_charts(b: content.Briefing) -> bool:
    return any(g.chart is not None for p in b.pledges for g in p.goals)
