"""The public site in every language (issue 32): English at the root, Spanish under /es/ at the
same addresses, each page naming its other languages; numbers and dates as each language writes
them; a pseudo-locale publish of the seed's site finds no English word outside the catalog."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import html.parser
import json
import re
from pathlib import Path

import feedparser
import pytest
from babel import dates as babel_dates

from pledges import cli, service, settings, store, translation
from pledges import site as publishing
from pledges.views.site import site_pages

AS_OF = "2026-12-05"
BASE = "https://example.org/p"
LA = "los-angeles/index.html"
LA_INDICATOR = "los-angeles/five-zeroes/renewable-share.html"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed shipped in data/ (L.A. and four more cities), loaded as `make run` loads it."""
    folder = tmp_path_factory.mktemp("seed-db")
    url = settings.sqlite_url(folder / "seed.db")
    config = settings.load({})
    db = store.Store.open(url)
    service.initialise(db, config.catalog_dir, config.observations_dir)
    db.engine.dispose()
    return url


def publish(url: str, out: Path, *extra: str) -> Path:
    """`publish --as-of AS_OF --base-url BASE` into `out`; returns the snapshot folder."""
    argv = ["--database", url, "publish", "--out", str(out), "--as-of", AS_OF, "--base-url", BASE]
    assert cli.main([*argv, *extra]) == 0
    return out / "as-of" / AS_OF


@pytest.fixture(scope="module")
def site(seeded: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed's site in every language (no --lang)."""
    return publish(seeded, tmp_path_factory.mktemp("site"))


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_page_has_its_spanish_twin_at_the_same_address(site: Path) -> None:
    english = {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith("es/")
    }
    spanish = {p.relative_to(site / "es").as_posix() for p in (site / "es").rglob("*.html")}
    redirects = {p for p in english if 'name="robots" content="noindex"' in read(site, p)}
    assert spanish == english - redirects
    assert '<html lang="en">' in read(site, LA)
    assert '<html lang="es">' in read(site, "es/" + LA)
    # The data files and the API are one English set (an interface), never under /es/.
    assert not (site / "es" / "api").exists() and not (site / "es" / "data").exists()


@pytest.mark.parametrize("path", [LA, LA_INDICATOR, "index.html", "embed/" + LA_INDICATOR])
def test_hreflang_both_ways_and_a_switch_to_the_same_page(site: Path, path: str) -> None:
    base = f"{BASE}/as-of/{AS_OF}/"
    for lang, other, page in (("en", "es", path), ("es", "en", "es/" + path)):
        text = read(site, page)
        assert f'<link rel="alternate" hreflang="en" href="{base}{path}">' in text
        assert f'<link rel="alternate" hreflang="x-default" href="{base}{path}">' in text
        assert f'<link rel="alternate" hreflang="es" href="{base}es/{path}">' in text
        if path.startswith("embed/"):
            continue  # an embed has no header: its switch would leave the host page
        switch = re.search(rf'<a href="([^"]+)" hreflang="{other}" lang="{other}">', text)
        assert switch, (page, lang)
        target = (site / page).parent / switch.group(1)
        assert target.resolve() == (site / (path if other == "en" else "es/" + path)).resolve()


def test_spanish_words_numbers_and_dates(site: Path) -> None:
    city = html.unescape(read(site, "es/" + LA))
    # 2026-12-05 in Spanish prose: "5 de diciembre de 2026".
    assert "Cifras tal como estaban guardadas el 5 de diciembre de 2026." in city
    assert "Los Angeles: compromisos climáticos y avance. Pledge Tracker, datos al 5 de " in city
    assert "Cada meta en una línea, de peor a mejor" in city
    assert "Fuentes y sus condiciones de uso" in city
    page = html.unescape(read(site, "es/" + LA_INDICATOR))
    # data/observations/los-angeles.csv: renewable share 19.7 % in 2010, written "19,7" in
    # Spanish (a decimal comma); English keeps "19.7".
    assert "<td>19,7</td>" in page and "<td>19.7</td>" in read(site, LA_INDICATOR)
    assert "Valores guardados de " in page and "Qué muestra el gráfico" in page
    # The chart speaks Spanish: legend names, and plotly's decimal comma and grouping point.
    assert (
        '"name":"Valor real (LADWP Briefing Book series)"' in page and '"separators":",."' in page
    )
    assert '"name":"Actual (LADWP Briefing Book series)"' in read(site, LA_INDICATOR)


def test_search_index_in_spanish_names_countries_and_regions_in_spanish(site: Path) -> None:
    english = json.loads(read(site, "search.json"))
    spanish = json.loads(read(site, "es/search.json"))
    fields = english["fields"]
    la_en = dict(
        zip(fields, next(c for c in english["cities"] if c[0] == "Los Angeles"), strict=True)
    )
    la_es = dict(
        zip(fields, next(c for c in spanish["cities"] if c[0] == "Los Angeles"), strict=True)
    )
    # data/pledges/los-angeles--*.yaml: country US, region North America. Babel's Spanish
    # names US "Estados Unidos"; the catalog's Spanish for the region is "América del Norte".
    assert (la_en["country"], la_en["region"]) == ("US", "North America")
    assert (la_es["country"], la_es["region"]) == ("Estados Unidos", "América del Norte")
    assert la_es["path"] == la_en["path"] == "los-angeles/"  # below each language's root
    form = read(site, "es/" + LA)
    assert 'data-none="Ninguna ciudad coincide."' in form
    assert 'placeholder="Ciudad, país o región"' in form


def test_spanish_feed_is_valid_atom_in_spanish(site: Path) -> None:
    parsed = feedparser.parse((site / "es/los-angeles/feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert (
        parsed.feed.title == "Los Angeles: qué cambió en las cifras de sus compromisos climáticos"
    )
    assert parsed.feed.language == "es"
    english = feedparser.parse((site / "los-angeles/feed.xml").read_bytes())
    assert len(parsed.entries) == len(english.entries) > 0
    # Entry links lead to the Spanish pages (the feed's base is the Spanish root).
    assert all(e.link.startswith(f"{BASE}/as-of/{AS_OF}/es/") for e in parsed.entries)


def test_lang_names_the_languages_written(seeded: str, tmp_path: Path, site: Path) -> None:
    only_en = publish(seeded, tmp_path / "en", "--lang", "en")
    only_es = publish(seeded, tmp_path / "es", "--lang", "es")
    assert (only_en / LA).is_file() and not (only_en / "es").exists()
    assert (only_es / "es" / LA).is_file() and not (only_es / LA).exists()
    # One English set of data files and API documents whatever the languages.
    for path in ("api/v1/cities.json", "data/los-angeles.csv", "data/all-cities.json"):
        assert (
            (only_en / path).read_bytes()
            == (only_es / path).read_bytes()
            == ((site / path).read_bytes())
        )
    # Each language's pages are the same bytes whether published alone or beside the other,
    # but for the hreflang links and the switch to a language not published.
    alone = re.sub(r'<link rel="alternate" hreflang=[^>]+>\n', "", read(only_es, "es/" + LA))
    beside = re.sub(r'<link rel="alternate" hreflang=[^>]+>\n', "", read(site, "es/" + LA))
    beside = re.sub(r'<span class="languages".*?</span>\n', "", beside)
    assert alone == beside


def test_chart_frames_are_built_once_for_every_language(
    seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    original = site_pages.ChartFrames.__init__

    def counted(self: site_pages.ChartFrames, assessment: object) -> None:
        made.append(id(assessment))
        original(self, assessment)

    monkeypatch.setattr(site_pages.ChartFrames, "__init__", counted)
    db = store.Store.open(seeded)
    day = dt.date.fromisoformat(AS_OF)
    built = publishing.build(db, day, ["Los Angeles"], BASE, None, ("en", "es"))
    indicators = len(service.publishing.site_data(db, day, ["Los Angeles"]).items)
    db.engine.dispose()
    assert indicators > 0 and len(made) == len(set(made)) == indicators
    assert LA_INDICATOR in built.files and "es/" + LA_INDICATOR in built.files


class _Text(html.parser.HTMLParser):
    """The words a reader meets: text and labelling attributes, leaving out scripts, styles,
    code, the embed snippet, feed ids and any part marked as another language (`lang`)."""

    SKIP = frozenset({"script", "style", "textarea", "code", "id"})
    SAID = ("aria-label", "placeholder", "title", "alt", "data-none", "data-one", "data-many")
    VOID = frozenset({"meta", "link", "input", "br", "img"})

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang, self.stack, self.parts = lang, [], []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        quiet = tag in self.SKIP or found.get("lang", self.lang) != self.lang
        if not (self.stack and self.stack[-1]):
            self.parts += [found[a] or "" for a in self.SAID if a in found]
            if tag == "meta" and found.get("name") == "description":
                self.parts.append(found.get("content") or "")
        if tag not in self.VOID:
            self.stack.append(quiet or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def _said(document: str, lang: str) -> str:
    """Every word of a page or feed a reader meets, chart words included (legend, hover text,
    annotations from the JSON the page gives plotly)."""
    chart = re.findall(r'"(?:name|hovertemplate|text)":"((?:[^"\\]|\\.)*)"', document)
    parser = _Text(lang)
    parser.feed(document)
    text = " ".join([*parser.parts, *(json.loads(f'"{c}"') for c in chart)])
    text = re.sub(r"%\{[^}]*\}|<extra></extra>|<br>|\{[a-z_]+\}", " ", text)
    return re.sub(r"https?://\S+", " ", text)


def _data_words(db: store.Store, day: dt.date) -> set[str]:
    """Words of the city's own data, shown as stored: names, units, sources, methods and
    coverage of the definitions, the values' sources and methods, the ledger's entries (but
    their old and new targets in words, which the catalog gives: `old_in(t)`, `new_in(t)`)."""

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if dataclasses.is_dataclass(value):
            return [
                s
                for f in dataclasses.fields(value)
                if f.name not in ("note", "key", "old", "new")
                for s in strings(getattr(value, f.name))
            ]
        if isinstance(value, tuple | list):
            return [s for item in value for s in strings(item)]
        return []

    texts = strings(db.pledges(as_of=day)) + strings(db.cities())
    values = db.observations()
    texts += [str(v) for c in ("source", "method", "unit") for v in values[c].dropna()]
    for city in db.cities():
        texts += strings(service.target_ledger(db, city.name, as_of=day))
    return set(re.findall(r"[A-Za-z]+", " ".join(texts)))


def test_pseudo_locale_site_has_no_english_outside_the_catalog(seeded: str) -> None:
    """Every catalog message comes back accented and bracketed in `en-XA`; an unaccented word
    with a vowel came from somewhere else. Allowed: the data's own words (names, units,
    sources), the brand, a file format's name and month names (the pseudo-locale writes dates as
    English does)."""
    db = store.Store.open(seeded)
    day = dt.date.fromisoformat(AS_OF)
    built = publishing.build(db, day, None, BASE, None, (translation.PSEUDO,))
    allowed = _data_words(db, day) | {"Pledge", "Tracker", "JSON"}  # the brand, a format
    db.engine.dispose()
    allowed |= {
        name
        for width in ("abbreviated", "wide")
        for name in babel_dates.get_month_names(width, locale="en").values()
    }
    pages = {
        p: b for p, b in built.files.items() if p.endswith((".html", ".xml")) and p != "sitemap.xml"
    }
    assert len(pages) > 150 and all(p.startswith(f"{translation.PSEUDO}/") for p in pages)
    english: dict[str, set[str]] = {}
    for path, document in pages.items():
        text = _said(document.decode(), translation.PSEUDO)
        assert "⟦" in text, path
        for word in re.findall(r"[A-Za-z]{3,}", text):
            if re.search("[aeiouyAEIOUY]", word) and word not in allowed:
                english.setdefault(word, set()).add(path)
    assert not english, {w: sorted(p)[:2] for w, p in sorted(english.items())}


def test_methodology_in_spanish(site: Path) -> None:
    """The Spanish methodology page shows docs/methodology.es.md (a language without its own
    document gets the English one, marked `lang="en"`: tests/test_methodology_doc.py)."""
    page = read(site, "es/methodology.html")
    spanish = settings.PROJECT_ROOT / "docs" / "methodology.es.md"
    heading = spanish.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
    assert html.escape(heading, quote=False) in page
    assert '<div class="prose" lang="en">' not in page
    assert "Por ahora, este documento solo está disponible en inglés." not in page
    assert '<div class="prose">' in read(site, "methodology.html")
