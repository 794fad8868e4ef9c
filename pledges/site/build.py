"""Rendering the site from the store as path -> bytes, keeping a city's earlier files when
nothing it is made of has changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import markdown
from markupsafe import Markup

from pledges import service, settings
from pledges.site import city_files, ledger, render
from pledges.views.site import addresses, city_data, feed, open_data, site_index, site_pages

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
    """A digest of the code and templates that draw the site: a new release redraws it."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".html", ".xml", ".css", ".js", ".svg"}:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update(METHODOLOGY.read_bytes())
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
) -> Site:
    """Every page, API file, feed and embed of the site for the cities (default: all); with
    `out`, a city whose inputs match its last publish there keeps those files."""
    data = service.publishing.site_data(db, as_of, cities)
    views = site_pages.city_views(data.pledges, data.items, as_of, data.cities)
    r = render.Renderer(as_of, base_url)
    known = previous(out) if out is not None else {}
    context = f"{code_digest()}|{as_of}|{r.base_url}"
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
    ledgers = service.target_ledgers(db, [c.name for c in fresh], as_of)
    manifest: dict[str, dict] = {}
    for city in views:
        if city.name in kept:
            manifest[city.name] = {"digest": digests[city.name], "files": kept[city.name]}
            continue
        before = set(r.files)
        targets = ledgers[city.name]
        entries = feed.city_entries(city, by_city_values, by_city_statuses, targets)
        city_files.render_city(r, city, entries)
        ledger.add_city(city, targets, as_of, r.page, r.files, render.dump)
        manifest[city.name] = {
            "digest": digests[city.name],
            "files": {p: len(r.files[p]) for p in sorted(set(r.files) - before)},
        }
    _common_files(r, views, manifest)
    r.files[MANIFEST] = render.compact(
        {"version": 1, "as_of": as_of.isoformat(), "cities": manifest}
    )
    kept_paths = tuple(sorted(p for files in kept.values() for p in files))
    return Site(dict(sorted(r.files.items())), kept_paths, as_of)


def _common_files(
    r: render.Renderer, views: list[site_pages.CityView], manifest: Mapping[str, dict]
) -> None:
    """The pages, index files and redirects made from every city at once."""
    r.files["plotly.min.js"] = PLOTLY_JS.read_bytes()
    r.files["chart-theme.js"] = render.theme_script()
    ledger.add_schema(r.files, render.dump)
    for name in STATIC:
        r.files[name] = (render.TEMPLATES / name).read_bytes()
    regions = site_index.regions(views)
    r.page(
        "index.html",
        "index.html",
        "Climate pledges",
        f"How {len(views)} cities are doing on their climate pledges, as of {r.as_of}.",
        regions=regions,
        count=len(views),
    )
    r.files["search.json"] = render.compact(site_index.search_index(views))
    records = [row for city in views for row in city_data.rows(city)]
    r.files["data/all-cities.csv"] = service.publishing.table_csv(
        city_data.COLUMNS, city_data.table(records)
    )
    r.files["data/all-cities.json"] = render.compact(
        city_data.document(records, r.as_of.isoformat())
    )
    r.files["data/schema.json"] = render.dump(city_data.SCHEMA)
    sizes = {p: size for entry in manifest.values() for p, size in entry["files"].items()}
    r.page(
        "data.html",
        "data.html",
        "Download the data",
        "Every city's indicators as CSV and JSON, one file a city and one for all, with schemas.",
        cities=views,
        sizes=sizes,
        bulk={p: len(r.files[p]) for p in ("data/all-cities.csv", "data/all-cities.json")},
        columns=city_data.DESCRIPTIONS,
        paths={c.name: city_files.data_paths(c) for c in views},
    )
    r.page(
        "methodology.html",
        "methodology.html",
        "Methodology",
        "How Pledge Tracker measures progress and decides a status.",
        body=Markup(  # noqa: S704 - our own document
            markdown.markdown(METHODOLOGY.read_text(encoding="utf-8"), extensions=["tables"])
        ),
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
    r.files["api/v1/cities.json"] = render.dump(open_data.cities_document(views, r.as_of))
    for name, schema in open_data.SCHEMAS.items():
        r.files[f"api/v1/schema/{name}.json"] = render.dump(schema)
    moved = _redirects(r, views)
    if r.base_url is not None:
        r.files["sitemap.xml"] = r.text(
            "sitemap.xml",
            urls=[
                r.url(p)
                for p in sorted({*r.files, *(p for e in manifest.values() for p in e["files"])})
                if p.endswith(".html") and not p.startswith("embed/") and p not in moved
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
