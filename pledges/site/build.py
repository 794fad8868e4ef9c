"""Rendering the site's pages, API files and embeds from the store, as path -> bytes."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
import markdown
from markupsafe import Markup

from pledges import service, settings
from pledges.site import ledger
from pledges.views import open_data, site_pages

TEMPLATES = Path(__file__).parent / "templates"
# plotly.js's basic bundle (scatter, bar, pie), a quarter of the full one: see vendor/README.md.
PLOTLY_JS = Path(__file__).parent / "vendor" / "plotly-basic.min.js"
PLOTLY_TRACES = frozenset({"scatter", "bar", "pie"})
METHODOLOGY = settings.PROJECT_ROOT / "docs" / "methodology.md"
CHART_CONFIG = {"displayModeBar": False, "responsive": True}
EMBED_HEIGHT = site_pages.EMBED_HEIGHT

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=jinja2.select_autoescape(["html", "xml"]),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


@dataclass(frozen=True, slots=True)
class Site:
    """Every file of the site as bytes, by path relative to its root."""

    files: dict[str, bytes]
    as_of: dt.date

    def pages(self) -> list[str]:
        """The HTML pages' paths."""
        return sorted(p for p in self.files if p.endswith(".html"))


def _root(path: str) -> str:
    """The relative way back to the site's root from a file at `path`."""
    return "../" * path.count("/")


def _chart(view: site_pages.IndicatorView, prefix: str) -> Markup:
    """The indicator figure as a div and script (plotly's JSON escapes `<`), with a fixed id."""
    html = view.figure.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=f"{prefix}-{'-'.join(view.path)}",
        config=CHART_CONFIG,
        default_width="100%",
    )
    return Markup(html)  # noqa: S704 - plotly's own output, its JSON has `<` escaped


def _dump(document: dict) -> bytes:
    """JSON with sorted keys and a final newline; `<`, `>` and `&` as escapes, inert anywhere."""
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escape)
    return (text + "\n").encode()


class _Renderer:
    """Renders templates into the files mapping with each page's own relative root."""

    def __init__(self, as_of: dt.date, base_url: str | None) -> None:
        self.as_of = as_of
        self.base_url = base_url.rstrip("/") + "/" if base_url else None
        self.files: dict[str, bytes] = {}

    def url(self, path: str) -> str | None:
        """The page's absolute address when the site's base URL is known."""
        return None if self.base_url is None else self.base_url + path

    def page(self, path: str, template: str, title: str, description: str, **context) -> None:
        """Render one HTML page into the files."""
        html = _env.get_template(template).render(
            root=_root(path),
            title=title,
            description=description,
            url=self.url(path),
            as_of=self.as_of.isoformat(),
            **context,
        )
        self.files[path] = html.encode()


def gather(
    db: service.Store, as_of: dt.date, cities: Sequence[str] | None = None
) -> list[site_pages.CityView]:
    """The cities' page views, assessed through the service as stored by `as_of`."""
    wanted = set(cities) if cities else None
    pledges, items = [], []
    for city in sorted(c.name for c in db.cities()):
        if wanted is not None and city not in wanted:
            continue
        pledges += db.pledges(city=city, as_of=as_of)
        items += service.assess(db, city=city, as_of=as_of, today=as_of)
    return site_pages.city_views(pledges, items, as_of)


def build(
    db: service.Store,
    as_of: dt.date,
    cities: Sequence[str] | None = None,
    base_url: str | None = None,
) -> Site:
    """Every page, API file and embed of the site for the cities (default: all)."""
    views = gather(db, as_of, cities)
    r = _Renderer(as_of, base_url)
    r.files["plotly.min.js"] = PLOTLY_JS.read_bytes()
    for name in ("site.css", "favicon.svg"):
        r.files[name] = (TEMPLATES / name).read_bytes()
    r.page(
        "index.html",
        "index.html",
        "Climate pledges",
        f"How {len(views)} cities are doing on their climate pledges, as of {as_of}.",
        cities=views,
    )
    for city in views:
        r.page(
            f"{city.slug}/index.html",
            "city.html",
            city.name,
            f"{city.name}: {city.status.word}; {city.counts}.",
            city=city,
        )
        for pledge in city.pledges:
            _pledge_files(r, city, pledge)
    r.page(
        "methodology.html",
        "methodology.html",
        "Methodology",
        "How Pledge Tracker measures progress and decides a status.",
        body=Markup(
            markdown.markdown(METHODOLOGY.read_text(encoding="utf-8"), extensions=["tables"])
        ),  # noqa: S704 - our own document
    )
    r.page(
        "data-gaps.html",
        "gaps.html",
        "Data gaps",
        "Indicators with no values, too few values, stale values or no numeric target.",
        gaps=site_pages.gaps(views),
    )
    r.page(
        "api.html",
        "api.html",
        "Open data",
        "The figures as JSON and CSV files, with a JSON Schema for each shape.",
        cities=views,
        schemas=sorted(open_data.SCHEMAS),
    )
    ledger.add(db, views, as_of, r.page, r.files, _dump)
    r.files["api/v1/cities.json"] = _dump(open_data.cities_document(views, as_of))
    for name, schema in open_data.SCHEMAS.items():
        r.files[f"api/v1/schema/{name}.json"] = _dump(schema)
    if r.base_url is not None:
        r.files["sitemap.xml"] = (
            _env.get_template("sitemap.xml")
            .render(
                urls=[
                    r.url(p)
                    for p in sorted(r.files)
                    if p.endswith(".html") and not p.startswith("embed/")
                ]
            )
            .encode()
        )
    return Site(dict(sorted(r.files.items())), as_of)


def _pledge_files(r: _Renderer, city: site_pages.CityView, pledge: site_pages.PledgeView) -> None:
    """A pledge's page and JSON, and each indicator's page, embed and CSV."""
    base = "/".join(pledge.path)
    r.page(
        f"{base}/index.html",
        "pledge.html",
        f"{pledge.name} ({city.name})",
        f"{pledge.name}: {pledge.status.word}; {pledge.counts}.",
        city=city,
        pledge=pledge,
    )
    r.files[f"api/v1/{open_data.pledge_url(pledge)}"] = _dump(
        open_data.pledge_document(pledge, r.as_of)
    )
    for view in pledge.indicators:
        path = "/".join(view.path)
        embed = site_pages.embed_path(view.path)
        snippet = site_pages.embed_snippet(view, r.base_url, EMBED_HEIGHT)
        r.page(
            f"{path}.html",
            "indicator.html",
            f"{view.name} ({city.name})",
            f"{view.status.label}: {view.sentence}",
            city=city,
            pledge=pledge,
            view=view,
            chart=_chart(view, "chart"),
            snippet=snippet,
            csv=f"api/v1/{open_data.csv_url(view)}",
        )
        r.page(
            embed,
            "embed.html",
            f"{view.name} ({city.name})",
            f"{view.status.label}: {view.sentence}",
            view=view,
            chart=_chart(view, "embed"),
            page=f"{path}.html",
        )
        r.files[f"api/v1/{open_data.csv_url(view)}"] = service.export_frame(view.item.observations)
