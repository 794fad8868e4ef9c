"""One city's files: its page, feed and data files, each pledge's page and JSON, and each
indicator's page, embed and CSV."""

from __future__ import annotations

from collections.abc import Sequence

from pledges import service
from pledges.site import render
from pledges.views.site import citation, city_data, feed, open_data, site_pages

EMBED_NOTE = (
    "Embed code needs the site's address: publish with --base-url or set PLEDGES_SITE_URL "
    "(a relative address would point into the page it is pasted in)."
)


def feed_path(city: site_pages.CityView) -> str:
    """Where the city's Atom feed lives."""
    return f"{city.slug}/feed.xml"


def data_paths(city: site_pages.CityView) -> tuple[str, str]:
    """The city's CSV and JSON files of every indicator."""
    return f"data/{city.slug}.csv", f"data/{city.slug}.json"


def render_city(
    r: render.Renderer, city: site_pages.CityView, entries: Sequence[feed.Entry]
) -> None:
    """Every file of one city into the renderer's files."""
    records = city_data.rows(city)
    csv_path, json_path = data_paths(city)
    r.files[csv_path] = service.publishing.table_csv(city_data.COLUMNS, city_data.table(records))
    r.files[json_path] = render.dump(city_data.document(records, r.as_of.isoformat()))
    shown = {
        s for p in city.pledges for s in (p.source, *(s for v in p.indicators for s in v.sources))
    }
    page = f"{city.slug}/index.html"
    r.page(
        page,
        "city.html",
        city.name,
        f"{city.name} ({city.country}): {city.status.word}; {city.counts}.",
        city=city,
        cite=citation.cite(
            f"{city.name}: climate pledges and progress", r.as_of.isoformat(), r.url(page)
        ),
        sources=citation.sources(shown),
        feed=feed_path(city),
        data=(csv_path, json_path),
    )
    r.files[feed_path(city)] = r.text(
        "feed.xml",
        city=city,
        entries=entries,
        updated=feed.updated(entries, r.as_of),
        base=r.base_url or "../",
        self_path=feed_path(city),
        city_id=feed.entry_id("feed", city.name),
    ).encode()
    for pledge in city.pledges:
        _pledge_files(r, city, pledge)


def _pledge_files(
    r: render.Renderer, city: site_pages.CityView, pledge: site_pages.PledgeView
) -> None:
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
    r.files[f"api/v1/{open_data.pledge_url(pledge)}"] = render.dump(
        open_data.pledge_document(pledge, r.as_of)
    )
    for view in pledge.indicators:
        path = "/".join(view.path)
        summary = view.summary
        label = f"Chart of {view.name} ({city.name}): {summary}"
        parts = render.figure_json(view.spec)
        snippet = None if r.base_url is None else site_pages.embed_snippet(view, r.base_url)
        r.page(
            f"{path}.html",
            "indicator.html",
            f"{view.name} ({city.name})",
            f"{view.status.label}: {view.sentence}",
            city=city,
            pledge=pledge,
            view=view,
            chart=render.chart(f"chart-{'-'.join(view.path)}", parts, 420, label),
            summary=summary,
            snippet=snippet,
            embed_note=EMBED_NOTE,
            csv=f"api/v1/{open_data.csv_url(view)}",
            sources=citation.sources(view.sources),
        )
        r.page(
            site_pages.embed_path(view.path),
            "embed.html",
            f"{view.name} ({city.name})",
            f"{view.status.label}: {view.sentence}",
            city=city,
            view=view,
            chart=render.chart(f"embed-{'-'.join(view.path)}", parts, None, label),
            summary=summary,
            page=f"{path}.html",
        )
        r.files[f"api/v1/{open_data.csv_url(view)}"] = service.publishing.values_csv(
            view.item.observations
        )
