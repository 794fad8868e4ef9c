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

from pledges import service, settings, translation
from pledges.site import ledger
from pledges.views import open_data, site_pages

TEMPLATES = Path(__file__).parent / "templates"
# plotly.js's basic bundle (scatter, bar, pie), a quarter of the full one: see vendor/README.md.
PLOTLY_JS = Path(__file__).parent / "vendor" / "plotly-basic.min.js"
PLOTLY_TRACES = frozenset({"scatter", "bar", "pie"})
METHODOLOGY = settings.PROJECT_ROOT / "docs" / "methodology.md"
CHART_CONFIG = {"displayModeBar": False, "responsive": True}
EMBED_HEIGHT = site_pages.EMBED_HEIGHT


def _environment(t: translation.Translator) -> jinja2.Environment:
    """Templates whose `_("...")` (a catalog message) and `ngettext` speak `t`'s language."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(_=t.gettext, ngettext=t.ngettext, lang=t.lang)
    return env


_env = _environment(translation.ENGLISH)
# Pages written in every language (the rest, methodology, data gaps, open data, embeds and
# target changes, are English only for now and linked from every language's pages).
TRANSLATED = ("index.html", "city.html", "pledge.html", "indicator.html")


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

    def __init__(
        self, as_of: dt.date, base_url: str | None, langs: Sequence[str] = (translation.DEFAULT,)
    ) -> None:
        self.as_of = as_of
        self.base_url = base_url.rstrip("/") + "/" if base_url else None
        self.files: dict[str, bytes] = {}
        self.langs = tuple(langs)
        self.lang = translation.DEFAULT
        self.env = _env

    def speak(self, t: translation.Translator) -> None:
        """Render the next pages in `t`'s language (English at the root, others in /<lang>/)."""
        self.lang = t.lang
        self.env = _env if t.lang == translation.DEFAULT else _environment(t)

    def at(self, path: str, lang: str | None = None) -> str:
        """Where a page of a language lives below the site's root."""
        lang = self.lang if lang is None else lang
        return path if lang == translation.DEFAULT else f"{lang}/{path}"

    def url(self, path: str) -> str | None:
        """The page's absolute address when the site's base URL is known."""
        return None if self.base_url is None else self.base_url + path

    def page(self, path: str, template: str, title: str, description: str, **context) -> None:
        """Render one HTML page into the files; a page written in every language links to its
        other languages (hreflang and the switch)."""
        here = self.at(path)
        root = _root(here)
        translated = template in TRANSLATED and len(self.langs) > 1
        alternates = (
            [
                (
                    lang,
                    translation.language_name(lang),
                    root + self.at(path, lang),
                    self.url(self.at(path, lang)),
                )
                for lang in self.langs
            ]
            if translated
            else []
        )
        env = self.env if template in TRANSLATED else _env
        html = env.get_template(template).render(
            root=root,
            home=root
            if self.lang == translation.DEFAULT or template not in TRANSLATED
            else root + f"{self.lang}/",
            title=title,
            description=description,
            url=self.url(here),
            as_of=self.as_of.isoformat(),
            alternates=alternates,
            **context,
        )
        self.files[here if template in TRANSLATED else path] = html.encode()


def assessed(
    db: service.Store, as_of: dt.date, cities: Sequence[str] | None = None
) -> tuple[list, list[service.IndicatorStatus]]:
    """The cities' pledges and assessed indicators, through the service, as stored by `as_of`."""
    wanted = set(cities) if cities else None
    pledges, items = [], []
    for city in sorted(c.name for c in db.cities()):
        if wanted is not None and city not in wanted:
            continue
        pledges += db.pledges(city=city, as_of=as_of)
        items += service.assess(db, city=city, as_of=as_of, today=as_of)
    return pledges, items


def gather(
    db: service.Store, as_of: dt.date, cities: Sequence[str] | None = None
) -> list[site_pages.CityView]:
    """The cities' page views, assessed through the service as stored by `as_of`."""
    pledges, items = assessed(db, as_of, cities)
    return site_pages.city_views(pledges, items, as_of)


def build(
    db: service.Store,
    as_of: dt.date,
    cities: Sequence[str] | None = None,
    base_url: str | None = None,
    langs: Sequence[str] | None = None,
) -> Site:
    """Every page, API file and embed of the site for the cities (default: all), its pages in
    every language with a catalog (English at the root, others in /<lang>/) or in `langs`."""
    langs = tuple(langs or translation.languages())
    pledges, items = assessed(db, as_of, cities)
    views = site_pages.city_views(pledges, items, as_of)
    r = _Renderer(as_of, base_url, langs)
    r.files["plotly.min.js"] = PLOTLY_JS.read_bytes()
    for name in ("site.css", "favicon.svg"):
        r.files[name] = (TEMPLATES / name).read_bytes()
    for lang in langs:
        t = service.translator(lang)
        r.speak(t)
        spoken = (
            views
            if lang == translation.DEFAULT
            else site_pages.city_views(pledges, items, as_of, t)
        )
        _translated_pages(r, spoken, t)
    r.speak(translation.ENGLISH)
    for city in views:
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


def _translated_pages(
    r: _Renderer, views: Sequence[site_pages.CityView], t: translation.Translator
) -> None:
    """The pages written in every language: the index, and each city, pledge and indicator."""
    r.page(
        "index.html",
        "index.html",
        t.gettext("Climate pledges"),
        t.ngettext(
            "How {count} city is doing on its climate pledges, as of {day}.",
            "How {count} cities are doing on their climate pledges, as of {day}.",
            len(views),
            day=r.as_of.isoformat(),
        ),
        cities=views,
    )
    for city in views:
        r.page(
            f"{city.slug}/index.html",
            "city.html",
            city.name,
            f"{city.name}: {t.gettext(city.status.word)}; {city.counts}.",
            city=city,
        )
        for pledge in city.pledges:
            base = "/".join(pledge.path)
            r.page(
                f"{base}/index.html",
                "pledge.html",
                f"{pledge.name} ({city.name})",
                f"{pledge.name}: {t.gettext(pledge.status.word)}; {pledge.counts}.",
                city=city,
                pledge=pledge,
            )
            for view in pledge.indicators:
                r.page(
                    f"{'/'.join(view.path)}.html",
                    "indicator.html",
                    f"{view.name} ({city.name})",
                    f"{view.status.symbol} {t.gettext(view.status.word)}: {view.sentence}",
                    city=city,
                    pledge=pledge,
                    view=view,
                    chart=_chart(view, "chart"),
                    snippet=site_pages.embed_snippet(view, r.base_url, EMBED_HEIGHT),
                    csv=f"api/v1/{open_data.csv_url(view)}",
                )


def _pledge_files(r: _Renderer, city: site_pages.CityView, pledge: site_pages.PledgeView) -> None:
    """A pledge's JSON, and each indicator's embed and CSV (English: the API's language)."""
    r.files[f"api/v1/{open_data.pledge_url(pledge)}"] = _dump(
        open_data.pledge_document(pledge, r.as_of)
    )
    for view in pledge.indicators:
        path = "/".join(view.path)
        embed = site_pages.embed_path(view.path)
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
