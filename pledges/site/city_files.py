"""One city's files: its data files and API documents (once, in English: an interface), and
in each language its page, feed, each pledge's page and each indicator's page and embed."""

from __future__ import annotations

from collections.abc import Sequence

from pledges import service, translation
from pledges.site import render
from pledges.views.site import citation, city_data, feed, open_data, site_pages

EMBED_NOTE = translation.N_(
    "Embed code needs the site's address: publish with --base-url or set PLEDGES_SITE_URL "
    "(a relative address would point into the page it is pasted in)."
)


def feed_path(city: site_pages.CityView) -> str:
    """Where the city's Atom feed lives (below its language's root)."""
    return f"{city.slug}/feed.xml"


def data_paths(city: site_pages.CityView) -> tuple[str, str]:
    """The city's CSV and JSON files of every indicator."""
    return f"data/{city.slug}.csv", f"data/{city.slug}.json"


def data_files(r: render.Renderer, city: site_pages.CityView) -> None:
    """The city's data files, pledge documents and value CSVs, from its English view."""
    records = city_data.rows(city)
    csv_path, json_path = data_paths(city)
    r.files[csv_path] = service.publishing.table_csv(city_data.COLUMNS, city_data.table(records))
    r.files[json_path] = render.dump(city_data.document(records, r.as_of.isoformat()))
    for pledge in city.pledges:
        r.files[f"api/v1/{open_data.pledge_url(pledge)}"] = render.dump(
            open_data.pledge_document(pledge, r.as_of)
        )
        for view in pledge.indicators:
            r.files[f"api/v1/{open_data.csv_url(view)}"] = service.publishing.values_csv(
                view.item.observations
            )


def render_city(
    r: render.Renderer, city: site_pages.CityView, entries: Sequence[feed.Entry]
) -> None:
    """Every page of one city, and its feed, in the language the renderer speaks (the city's
    view is made in it)."""
    t = r.t
    shown = {
        s for p in city.pledges for s in (p.source, *(s for v in p.indicators for s in v.sources))
    }
    page = f"{city.slug}/index.html"
    r.page(
        page,
        "city.html",
        city.name,
        t.gettext(
            "{city} ({country}): {status}; {counts}.",
            city=city.name,
            country=city.country,
            status=city.status.word,
            counts=city.counts,
        ),
        city=city,
        cite=citation.cite(
            t.gettext("{city}: climate pledges and progress", city=city.name),
            r.day(),
            r.url(r.at(page)),
            t,
        ),
        sources=citation.sources(shown, t),
        feed=feed_path(city),
        data=data_paths(city),
    )
    r.files[r.at(feed_path(city))] = r.text(
        "feed.xml",
        city=city,
        entries=entries,
        updated=feed.updated(entries, r.as_of),
        base=r.url(r.at("")) or "../",
        self_path=feed_path(city),
        city_id=feed.entry_id("feed", city.name)
        if t.lang == translation.DEFAULT
        else feed.entry_id("feed", city.name, t.lang),
    ).encode()
    for pledge in city.pledges:
        _pledge_files(r, city, pledge)


def _pledge_files(
    r: render.Renderer, city: site_pages.CityView, pledge: site_pages.PledgeView
) -> None:
    """A pledge's page, and each indicator's page and embed."""
    t = r.t
    base = "/".join(pledge.path)
    r.page(
        f"{base}/index.html",
        "pledge.html",
        t.gettext("{pledge} ({city})", pledge=pledge.name, city=city.name),
        t.gettext(
            "{pledge}: {status}; {counts}.",
            pledge=pledge.name,
            status=pledge.status.word,
            counts=pledge.counts,
        ),
        city=city,
        pledge=pledge,
    )
    for view in pledge.indicators:
        path = "/".join(view.path)
        summary = view.summary
        label = t.gettext(
            "Chart of {indicator} ({city}): {summary}",
            indicator=view.name,
            city=city.name,
            summary=summary,
        )
        parts = render.figure_json(view.spec)
        snippet = None if r.base_url is None else site_pages.embed_snippet(view, r.base_url)
        title = t.gettext("{indicator} ({city})", indicator=view.name, city=city.name)
        description = t.gettext(
            "{status}: {sentence}", status=view.status.label, sentence=view.sentence
        )
        r.page(
            f"{path}.html",
            "indicator.html",
            title,
            description,
            city=city,
            pledge=pledge,
            view=view,
            chart=render.chart(f"chart-{'-'.join(view.path)}", parts, 420, label),
            summary=summary,
            snippet=snippet,
            embed_note=t.gettext(EMBED_NOTE),
            csv=f"api/v1/{open_data.csv_url(view)}",
            sources=citation.sources(view.sources, t),
        )
        r.page(
            site_pages.embed_path(view.path),
            "embed.html",
            title,
            description,
            city=city,
            view=view,
            chart=render.chart(f"embed-{'-'.join(view.path)}", parts, None, label),
            summary=summary,
            page=f"{path}.html",
        )
