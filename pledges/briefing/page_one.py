"""Page 1 of the briefing: the one-pager's view objects as HTML, sized to one sheet of paper."""

from __future__ import annotations

from markupsafe import Markup

from pledges.briefing import jinja
from pledges.views import formatting
from pledges.views.council import one_pager, one_pager_text

CSS = jinja.css("page_one.css")
SPARK_W, SPARK_H = 100, 24


def sparkline(row: one_pager.GoalRow) -> Markup:
    """A tiny inline SVG: measured values (solid) and the required path (dashed)."""
    xs = [*row.years, *row.path_years]
    ys = [*row.values, *row.path_values]
    if len(row.years) < 2:
        return Markup("")
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
    return Markup(  # noqa: S704 - numbers only
        f'<svg width="{SPARK_W}" height="{SPARK_H}" role="img" aria-hidden="true">{path}'
        f'<polyline fill="none" stroke="#1f1f1f" stroke-width="1.4"'
        f' points="{points(row.years, row.values)}"/></svg>'
    )


def style(word: str) -> formatting.StatusStyle:
    """A status word's colours (a roll-up's "no indicators" has the plain style)."""
    return formatting.style_of(word if word in formatting.STATUS_STYLES else None)


def render(s: one_pager.OnePager) -> str:
    """The one-pager as an HTML section (no script: it prints as it is)."""
    return jinja.env.get_template("page_one.html").render(
        s=s, t=one_pager_text, sparkline=sparkline, style=style
    )
