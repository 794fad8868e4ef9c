"""Rendering the site from the store as path -> bytes, keeping a city's earlier files when
nothing it is made of has changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import markdown
from markupsafe import Markup

from pledges import service, settings, translation
from pledges.site import city_files, ledger, render
from pledges.views.site import addresses, city_data, feed, open_data, site_index, site_pages
from pledges.views.site import gaps as data_gaps

if TYPE_CHECKING:
    from pledges import store

PACKAGE = Path(__file__).resolve().parent.parent
# plotly.js's basic bundle (scatter, bar, pie), a quarter of the full one: see vendor/README.md.
PLOTLY_JS = Path(__file__).parent / "vendor" / "plotly-basic.min.js"
PLOTLY_TRACES = frozenset({"scatter", "bar", "pie"})
METHODOLOGY = settings.PROJECT_ROOT / "docs" / "methodology.md"
MANIFEST = "publish.json"
STATIC = ("site.css", "favicon.svg", "search.js")


@dataclass(frozen=True, slots=True)
class Site:
    """Every file of the site: bytes rendered now, and paths kept from the previous publish."""

    files: dict[str, bytes]
    kept: tuple[str, ...]
    as_of: dt.date

    def pages(self) -> list[str]:
        """The HTML pages' paths."""
        return sorted(p for p in (*self.files, *self.kept) if p.endswith(".html"))

    def paths(self) -> list[str]:
        """Every file's path."""
        return sorted({*self.files, *self.kept})


def code_digest() -> str:
    """A digest of the code, templates and message catalogs that draw the site: a new release
    or translation redraws it."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".html", ".xml", ".css", ".js", ".svg", ".mo"}:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    for document in sorted(METHODOLOGY.parent.glob("methodology*.md")):
        digest.update(document.read_bytes())
    return digest.hexdigest()


def previous(out: Path) -> dict[str, dict]:
    """What the folder's last publish recorded of each city (digest and files), if anything."""
    try:
        return json.loads((out / MANIFEST).read_text(encoding="utf-8"))["cities"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def gather(
    db: store.Store, as_of: dt.date, cities: Sequence[str] | None = None
) -> list[site_pages.CityView]:
    """The cities' page views, assessed through the service as stored by `as_of`."""
    data = service.publishing.site_data(db, as_of, cities)
    return site_pages.city_views(data.pledges, data.items, as_of, data.cities)


def build(
    db: store.Store,
    as_of: dt.date,
    cities: Sequence[str] | None = None,
    base_url: str | None = None,
    out: Path | None = None,
    langs: Sequence[str] | None = None,
) -> Site:
    """Every page, API file, feed and embed of the site for the cities (default: all), its
    pages in every language with a catalog (default) or in `langs`: English at the root, the
    others under /<lang>/. With `out`, a city whose inputs match its last publish there keeps
    those files. Each city is assessed and its chart frames built once for all languages."""
    langs = tuple(dict.fromkeys(langs or translation.languages()))
    data = service.publishing.site_data(db, as_of, cities)
    frames: dict[int, site_pages.ChartFrames] = {}
    # The English views make the data files and API documents (an interface, in English).
    views = site_pages.city_views(data.pledges, data.items, as_of, data.cities, frames=frames)
    r = render.Renderer(as_of, base_url, langs)
    known = previous(out) if out is not None else {}
    translators = {lang: service.translator(lang) for lang in langs}
    # The names the definitions give in each language are read from the catalog folder, not
    # the store: a new Spanish name redraws the cities too.
    names = hashlib.sha256(repr([sorted(t.names.items()) for t in translators.values()]).encode())
    context = f"{code_digest()}|{as_of}|{r.base_url}|{','.join(langs)}|{names.hexdigest()}"
    fingerprints = service.publishing.fingerprints(db, as_of, data.pledges)
    digests = {
        c.name: hashlib.sha256(f"{context}|{c.slug}|{fingerprints[c.name]}".encode()).hexdigest()
        for c in views
    }
    kept = {
        c.name: known[c.name]["files"]
        for c in views
        if c.name in known
        and known[c.name].get("digest") == digests[c.name]
        and out is not None
        and all((out / p).is_file() for p in known[c.name]["files"])
    }
    fresh = [c for c in views if c.name not in kept]
    values = service.publishing.value_changes(db, as_of, [c.name for c in fresh])
    statuses = service.publishing.status_changes(db, values)
    by_city_values: dict[str, list[service.ValueChange]] = {}
    for group in values.values():
        for change in group:
            by_city_values.setdefault(change.city, []).append(change)
    by_city_statuses: dict[str, list[service.StatusChange]] = {}
    for found in statuses.values():
        for change in found:
            by_city_statuses.setdefault(change.city, []).append(change)
    spoken = {
        lang: views
        if lang == translation.DEFAULT
        else site_pages.city_views(
            data.pledges,
            data.items,
            as_of,
            data.cities,
            t=translators[lang],
            frames=frames,
            only={c.name for c in fresh},
        )
        for lang in langs
    }
    by_name = {lang: {c.name: c for c in found} for lang, found in spoken.items()}
    ledgers = service.target_ledgers(db, [c.name for c in fresh], as_of)
    manifest: dict[str, dict] = {}
    for city in views:
        if city.name in kept:
            manifest[city.name] = {"digest": digests[city.name], "files": kept[city.name]}
            continue
        before = set(r.files)
        targets = ledgers[city.name]
        city_files.data_files(r, city)
        for lang in langs:
            r.speak(translators[lang])
            mine = by_name[lang][city.name]
            entries = feed.city_entries(mine, by_city_values, by_city_statuses, targets)
            city_files.render_city(r, mine, entries)
            ledger.add_city(mine, targets, as_of, r.page, r.files, render.dump, r.t)
        manifest[city.name] = {
            "digest": digests[city.name],
            "files": {p: len(r.files[p]) for p in sorted(set(r.files) - before)},
        }
    _shared_files(r, views, manifest)
    for lang in langs:
        r.speak(translators[lang])
        _common_pages(r, views, by_name[lang], manifest)
    moved: set[str] = set()
    if translation.DEFAULT in langs:  # earlier publishes' addresses were English pages'
        r.speak(translators[translation.DEFAULT])
        r.langs = (translation.DEFAULT,)  # in English only: no other language's twin
        moved = _redirects(r, views)
        r.langs = langs
    _sitemap(r, manifest, moved)
    r.files[MANIFEST] = render.compact(
        {"version": 1, "as_of": as_of.isoformat(), "cities": manifest}
    )
    kept_paths = tuple(sorted(p for files in kept.values() for p in files))
    return Site(dict(sorted(r.files.items())), kept_paths, as_of)


def _shared_files(
    r: render.Renderer, views: list[site_pages.CityView], manifest: Mapping[str, dict]
) -> None:
    """The files every language shares: scripts, styles, the bulk data and the API."""
    r.files["plotly.min.js"] = PLOTLY_JS.read_bytes()
    r.files["chart-theme.js"] = render.theme_script()
    ledger.add_schema(r.files, render.dump)
    for name in STATIC:
        r.files[name] = (render.TEMPLATES / name).read_bytes()
    records = [row for city in views for row in city_data.rows(city)]
    r.files["data/all-cities.csv"] = service.publishing.table_csv(
        city_data.COLUMNS, city_data.table(records)
    )
    r.files["data/all-cities.json"] = render.compact(
        city_data.document(records, r.as_of.isoformat())
    )
    r.files["data/schema.json"] = render.dump(city_data.SCHEMA)
    r.files["api/v1/cities.json"] = render.dump(open_data.cities_document(views, r.as_of))
    for name, schema in open_data.SCHEMAS.items():
        r.files[f"api/v1/schema/{name}.json"] = render.dump(schema)


def _listed(
    english: list[site_pages.CityView],
    spoken: Mapping[str, site_pages.CityView],
    t: translation.Translator,
) -> list[site_pages.CityView]:
    """Every city as the index and search list it in `t`'s language: its status, country and
    region in its words (a city rendered now has its whole view in them already)."""
    if t.lang == translation.DEFAULT:
        return english
    return [
        spoken.get(city.name)
        or dataclasses.replace(
            city,
            status=site_pages.status_of(city.status.code, t),
            country=t.country(city.country),
            region=t.gettext(city.region),
            pledges=(),
            lines=(),
        )
        for city in english
    ]


def _common_pages(
    r: render.Renderer,
    english: list[site_pages.CityView],
    spoken: Mapping[str, site_pages.CityView],
    manifest: Mapping[str, dict],
) -> None:
    """The pages made from every city at once, in the language the renderer speaks."""
    t = r.t
    listed = _listed(english, spoken, t)
    regions = site_index.regions(listed, t.gettext(site_pages.NO_REGION))
    r.page(
        "index.html",
        "index.html",
        t.gettext("Climate pledges"),
        t.ngettext(
            "How {count} city is doing on its climate pledges, as of {day}.",
            "How {count} cities are doing on their climate pledges, as of {day}.",
            len(listed),
            day=r.day(),
        ),
        regions=regions,
        count=len(listed),
    )
    r.files[r.at("search.json")] = render.compact(site_index.search_index(listed))
    sizes = {p: size for entry in manifest.values() for p, size in entry["files"].items()}
    r.page(
        "data.html",
        "data.html",
        t.gettext("Download the data"),
        t.gettext(
            "Every city's indicators as CSV and JSON, one file a city and one for all, "
            "with schemas."
        ),
        cities=listed,
        sizes=sizes,
        bulk={p: len(r.files[p]) for p in ("data/all-cities.csv", "data/all-cities.json")},
        columns={name: t.gettext(text) for name, text in city_data.DESCRIPTIONS.items()},
        paths={c.name: city_files.data_paths(c) for c in listed},
    )
    r.page(
        "methodology.html",
        "methodology.html",
        t.gettext("Methodology"),
        t.gettext("How Pledge Tracker measures progress and decides a status."),
        **_methodology(t.lang),
    )
    r.page(
        "data-gaps.html",
        "gaps.html",
        t.gettext("Data gaps"),
        t.gettext("Indicators with no values, too few values, stale values or no numeric target."),
        gaps=data_gaps.gaps(english, t),
    )
    r.page(
        "api.html",
        "api.html",
        t.gettext("Open data"),
        t.gettext("The figures as JSON and CSV files, with a JSON Schema for each shape."),
        cities=english,
        schemas=sorted(open_data.SCHEMAS),
    )


def _methodology(lang: str) -> dict[str, object]:
    """The methodology document as HTML in `lang` when docs/ has it (`methodology.es.md`),
    else the English one, with the language it is written in."""
    translated = METHODOLOGY.with_name(f"methodology.{lang}.md")
    document, written = (
        (translated, lang) if translated.is_file() else (METHODOLOGY, translation.DEFAULT)
    )
    body = markdown.markdown(document.read_text(encoding="utf-8"), extensions=["tables"])
    return {"body": Markup(body), "body_lang": written}  # noqa: S704 - our own document


def _sitemap(r: render.Renderer, manifest: Mapping[str, dict], moved: set[str]) -> None:
    """Every page's address, in every language (only with a base URL: a sitemap needs
    absolute addresses)."""
    if r.base_url is None:
        return
    r.files["sitemap.xml"] = r.text(
        "sitemap.xml",
        urls=[
            r.url(p)
            for p in sorted({*r.files, *(p for e in manifest.values() for p in e["files"])})
            if p.endswith(".html") and "embed/" not in p and p not in moved
        ],
    ).encode()


def _redirects(r: render.Renderer, views: list[site_pages.CityView]) -> set[str]:
    """Pages at the addresses earlier publishes gave (letters dropped, other scripts lost),
    sending readers on; an address several cities shared lists them to choose from. Returns
    their paths (a sitemap leaves them out)."""
    written: set[str] = set()
    taken = {c.slug for c in views}
    by_legacy: dict[str, list[site_pages.CityView]] = {}
    for city in views:
        # A name too long for a path never had a page (publish stopped on it): nothing to send on.
        if len(city.legacy) > addresses.MAX_LENGTH * 3:
            continue
        if city.legacy != city.slug and city.legacy not in taken:
            by_legacy.setdefault(city.legacy, []).append(city)
    for legacy, found in sorted(by_legacy.items()):
        if len(found) > 1:
            r.page(
                f"{legacy}/index.html",
                "redirect.html",
                "Which city?",
                "This address was shared by several cities; choose one.",
                targets=[(c.name, f"{c.slug}/index.html") for c in found],
            )
            written.add(f"{legacy}/index.html")
            continue
        city = found[0]
        moves = {f"{legacy}/index.html": f"{city.slug}/index.html"}
        for pledge in city.pledges:
            old_pledge = addresses.legacy(pledge.key)
            moves[f"{legacy}/{old_pledge}/index.html"] = "/".join(pledge.path) + "/index.html"
            for view in pledge.indicators:
                old = f"{legacy}/{old_pledge}/{addresses.legacy(view.item.indicator.key)}.html"
                moves[old] = "/".join(view.path) + ".html"
                moves["embed/" + old] = site_pages.embed_path(view.path)
        for old, new in moves.items():
            r.page(
                old,
                "redirect.html",
                f"{city.name} has moved",
                f"This page is now at {new}.",
                targets=[(city.name, new)],
            )
        written.update(moves)
    return written
