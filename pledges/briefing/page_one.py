"""Page 1 of the briefing: the one-pager's view objects as HTML, sized to one sheet of paper."""

from __future__ import annotations

import html

from pledges.views import formatting, one_pager

CSS = """
section.onepager { font-size: 8.6pt; line-height: 1.25; }
section.onepager h1 { font-size: 14pt; margin: 0 0 .1rem; }
section.onepager h2 { font-size: 10pt; margin: .45rem 0 .15rem; border-bottom: 1px solid #1f1f1f;
  padding-bottom: .05rem; }
section.onepager p { margin: .12rem 0; }
section.onepager table { font-size: 8pt; margin: .1rem 0 .2rem; }
section.onepager th, section.onepager td { padding: .08rem .25rem; }
section.onepager ul { margin: .1rem 0; padding-left: 1rem; }
section.onepager li { margin: .05rem 0; }
section.onepager .lead { font-size: 9.5pt; font-weight: bold; }
section.onepager svg { vertical-align: middle; }
section.onepager table.goals td:nth-child(2) { min-width: 8.5rem; font-weight: bold; }
section.onepager table.goals td:nth-child(4) { min-width: 11rem; }
section.onepager .small { font-size: 7.5pt; color: #595959; }
@media print { section.onepager { break-after: page; } section.onepager h2 { margin-top: .35rem; } }
"""
SPARK_W, SPARK_H = 100, 24


def esc(text: object) -> str:
    """Text from a definition or a user made inert in HTML."""
    return html.escape(str(text), quote=True)


def sparkline(row: one_pager.GoalRow) -> str:
    """A tiny inline SVG: measured values (solid) and the required path (dashed)."""
    xs = [*row.years, *row.path_years]
    ys = [*row.values, *row.path_values]
    if len(row.years) < 2:
        return ""
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    dx, dy = (x1 - x0) or 1, (y1 - y0) or 1

    def points(years: tuple[int, ...], values: tuple[float, ...]) -> str:
        xy = [
            (2 + (x - x0) / dx * (SPARK_W - 4), SPARK_H - 2 - (y - y0) / dy * (SPARK_H - 4))
            for x, y in zip(years, values, strict=True)
        ]
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)

    path = (
        f'<polyline fill="none" stroke="#8a8a8a" stroke-width="1" stroke-dasharray="3 2"'
        f' points="{points(row.path_years, row.path_values)}"/>'
        if len(row.path_years) >= 2
        else ""
    )
    return (
        f'<svg width="{SPARK_W}" height="{SPARK_H}" role="img" aria-hidden="true">{path}'
        f'<polyline fill="none" stroke="#1f1f1f" stroke-width="1.4"'
        f' points="{points(row.years, row.values)}"/></svg>'
    )


def status_html(word: str, symbol: str) -> str:
    """A status as symbol and word in its accessible colour."""
    style = formatting.style_of(word if word in formatting.STATUS_STYLES else None)
    return f'<span class="status" style="color:{style.text}">{esc(symbol)} {esc(word)}</span>'


def render(s: one_pager.OnePager) -> str:
    """The one-pager as an HTML section (no script: it prints as it is)."""
    parts = [
        '<section class="onepager" id="page-one">',
        f"<h1>{esc(s.city)}: {esc(s.pledge)}, council briefing</h1>",
        f'<p class="small">As of {s.as_of:%d %B %Y}. Worst goal first. Status is a word and a'
        " symbol: ✔ achieved, ▲ on track, ◆ needs acceleration, ▼ off track, ✖ wrong"
        " direction, ? insufficient data, … too little evidence.</p>",
        f'<p class="lead">{status_html(s.status, s.symbol)}. {esc(s.sentence)}</p>'
        if not s.sentence.lower().startswith(s.status)
        else f'<p class="lead">{esc(s.symbol)} {esc(s.sentence)}</p>',
    ]
    if s.goals:
        rows = "".join(
            f"<tr><td>{status_html(g.status, g.symbol)}</td><td>{esc(g.goal)}</td>"
            f"<td>{esc(g.evidence)}</td><td>{esc(g.indicator)}: {esc(g.latest)}</td>"
            f"<td>{esc(g.pace)}{'<br>' + esc(g.pace_words) if g.pace_words else ''}</td>"
            f"<td>{sparkline(g)}</td></tr>"
            for g in s.goals
        )
        parts.append(
            "<h2>Goals, worst first</h2><table class='goals'><thead><tr><th>Status</th>"
            "<th>Goal</th>"
            "<th>Evidence</th><th>Headline indicator: latest</th><th>Pace it has; pace it"
            f" needs</th><th>Trend; dashed: needed</th></tr></thead><tbody>{rows}</tbody>"
            "</table>"
        )
    if s.milestones:
        rows = "".join(
            f"<tr><td>{esc(m.goal)}</td><td>{esc(m.which)}</td><td>{m.year}</td>"
            f"<td>{esc(m.target)}</td><td>{esc(m.verdict)}</td></tr>"
            for m in s.milestones
        )
        parts.append(
            "<h2>Milestones</h2><table><thead><tr><th>Goal</th><th>Milestone</th><th>Year</th>"
            f"<th>Target</th><th>Verdict</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    parts.append("<h2>What we cannot tell yet, and why</h2>")
    if s.gaps:
        parts.append(
            "<ul>"
            + "".join(
                f"<li><strong>{esc(g.reason)} ({len(g.indicators)})</strong>:"
                f" {esc('; '.join(g.indicators))}</li>"
                for g in s.gaps
            )
            + "</ul>"
        )
    else:
        parts.append("<p>Every indicator with a target can be assessed.</p>")
    parts.append("<h2>Changed since the last briefing</h2>")
    if s.changes:
        parts.append("<ul>" + "".join(f"<li>{esc(c)}</li>" for c in s.changes) + "</ul>")
    else:
        parts.append("<p>No status-moving change: no revised value and no target change.</p>")
    parts.append(f'<p class="small">{esc(s.changes_pointer)}</p>')
    if s.peers:
        parts.append(f"<p><strong>Peers:</strong> {esc(s.peers)}</p>")
    if s.others:
        parts.append(f'<p class="small">Also in the appendix: {esc("; ".join(s.others))}.</p>')
    parts.append(f'<p class="small">{esc(s.sources)} Method: {esc(s.methodology)}.</p></section>')
    return "".join(parts)
