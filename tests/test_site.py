"""The public site: every file deterministic, every JSON valid, every hostile name inert."""

from __future__ import annotations

import datetime as dt
import hashlib
import html as markup
import json
import re
from pathlib import Path

import jsonschema
import pytest

from pledges import service, store, translation
from pledges import site as publishing
from pledges.views.council import goal_lines
from pledges.views.site import gaps, open_data, site_pages
from tests import site_seed


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The synthetic seed with a hostile city, in a database of its own."""
    return site_seed.seed(tmp_path_factory.mktemp("site-db"))


@pytest.fixture(scope="module")
def site(seeded: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed published as of the test date, with a base URL."""
    out = tmp_path_factory.mktemp("site")
    return site_seed.publish(seeded, out, "--base-url", "https://example.org/pledges")


def test_slugs_are_safe_path_segments() -> None:
    assert site_pages.slug("Los Angeles") == "los-angeles"
    assert site_pages.slug("../Évry <x>") == "evry-x"
    # Nothing readable is left: a stable tag of the name (its SHA-256's first 8 hex digits).
    assert site_pages.slug("***") == "n-" + hashlib.sha256(b"***").hexdigest()[:8]


def test_site_has_every_page(site: Path) -> None:
    for path in [
        "index.html",
        "testville/index.html",
        "testville/green-deal/index.html",
        "testville/green-deal/renewable-share.html",
        "embed/testville/green-deal/renewable-share.html",
        "methodology.html",
        "data-gaps.html",
        "api.html",
        "api/v1/cities.json",
        "api/v1/testville/green-deal.json",
        "api/v1/testville/green-deal/renewable-share.csv",
        "api/v1/schema/cities.json",
        "api/v1/schema/pledge.json",
        "plotly.min.js",
        "sitemap.xml",
    ]:
        assert (site / path).is_file(), path


def test_plotly_is_one_shared_file_and_links_are_relative(site: Path) -> None:
    page = (site / "testville/green-deal/renewable-share.html").read_text(encoding="utf-8")
    assert '<script src="../../plotly.min.js"></script>' in page
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert len(text) < 200_000, html  # plotly's 4 MB is not inlined
        # Only the canonical address, og:url, the other languages' addresses (hreflang) and
        # the citation name the base URL; nothing is fetched from it. Sources' own web
        # addresses are links out, marked as such.
        for match in re.finditer(r'(?:src|href)="([^"]+)"', text):
            target = match.group(1)
            tag = text[text.rfind("<", 0, match.start()) : text.find(">", match.end()) + 1]
            if target.startswith("https://example.org/pledges/"):
                alternate = 'rel="alternate" hreflang=' in tag
                assert 'rel="canonical"' in tag or 'class="cite-url"' in tag or alternate, (
                    html,
                    tag,
                )
                continue
            if tag.startswith("<a ") and 'rel="external nofollow noopener"' in tag:
                assert re.match(r"^https?://", target), (html, tag)
                continue
            assert not re.match(r"^[a-z]+:", target), (html, target)
            if target.startswith("#"):
                continue
            assert (html.parent / target.split("#")[0]).resolve().is_file(), (html, target)


def test_status_is_symbol_and_word_and_chart_has_text(site: Path) -> None:
    page = (site / "testville/green-deal/renewable-share.html").read_text(encoding="utf-8")
    assert re.search(r'<span aria-hidden="true">[▲▼◆✔✖?–]</span> [a-z ]+</span>', page)
    assert "<figcaption>" in page and "What the chart shows" in page
    assert "&lt;iframe src=&#34;embed/testville/green-deal/renewable-share.html" not in page
    assert (
        "&lt;iframe src=&#34;https://example.org/pledges/as-of/2026-06-30/embed/testville/"
        "green-deal/renewable-share.html&#34;" in page
    )
    assert '<meta property="og:title" content="Renewable share (Testville)">' in page


def test_every_json_validates_against_its_schema(site: Path) -> None:
    schemas = {
        name: json.loads((site / f"api/v1/schema/{name}.json").read_text(encoding="utf-8"))
        for name in ("cities", "pledge")
    }
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    cities = json.loads((site / "api/v1/cities.json").read_text(encoding="utf-8"))
    jsonschema.validate(cities, schemas["cities"], format_checker=checker)
    documents = [
        p
        for p in (site / "api/v1").rglob("*.json")
        if "schema" not in p.parts and p.name != "target-changes.json"  # tests/test_site_ledger.py
    ]
    assert len(documents) == 1 + sum(len(c["pledges"]) for c in cities["cities"])
    for path in documents:
        if path.name != "cities.json":
            jsonschema.validate(
                json.loads(path.read_text(encoding="utf-8")),
                schemas["pledge"],
                format_checker=checker,
            )
    for city in cities["cities"]:
        for pledge in city["pledges"]:
            assert (site / "api/v1" / pledge["url"]).is_file()


def test_schema_rejects_a_wrong_document(site: Path) -> None:
    document = json.loads((site / "api/v1/testville/green-deal.json").read_text(encoding="utf-8"))
    document["goals"][0]["indicators"][0]["assessment"]["latest_value"] = "34"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, open_data.PLEDGE_SCHEMA)


def test_pledge_json_numbers(site: Path) -> None:
    document = json.loads((site / "api/v1/testville/green-deal.json").read_text(encoding="utf-8"))
    share = next(
        i for g in document["goals"] for i in g["indicators"] if i["id"] == "renewable-share"
    )
    # The 2030 milestone was raised from 60 to 65; the restated 2020 value is 34.5.
    assert [t["value"] for t in share["targets"]] == [65, 100]
    assert share["assessment"]["latest_year"] == 2020
    assert share["assessment"]["latest_value"] == 34.5
    assert share["values_csv"] == "testville/green-deal/renewable-share.csv"


def test_csv_reimports_to_the_same_values(site: Path, seeded: str) -> None:
    db = store.Store.open(seeded)
    data = (site / "api/v1/testville/green-deal/renewable-share.csv").read_bytes()
    result = service.read_file(db, data, "renewable-share.csv")
    assert result.report.ok
    stored = db.observations(city="Testville")
    stored = stored[(stored["pledge"] == "green-deal") & (stored["indicator"] == "renewable-share")]
    # 3 old-method years and 5 new ones, 2020 restated to 34.5.
    expected = [15.0, 17.0, 20.0, 23.0, 25.0, 27.0, 30.0, 34.5]
    assert sorted(result.frame["value"].tolist()) == expected
    assert sorted(stored["value"].tolist()) == expected
    assert sorted(result.frame["period"].tolist()) == sorted(stored["period"].tolist())
    db.engine.dispose()


def test_two_publishes_are_byte_identical(seeded: str, site: Path, tmp_path: Path) -> None:
    again = site_seed.publish(seeded, tmp_path, "--base-url", "https://example.org/pledges")
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []


def test_second_run_rewrites_nothing(seeded: str, tmp_path: Path, capsys) -> None:
    out = site_seed.publish(seeded, tmp_path)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    capsys.readouterr()
    site_seed.publish(seeded, tmp_path)
    assert "0 written" in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps
    assert not (out / "sitemap.xml").exists()  # no base URL, no sitemap


def test_hostile_names_are_text_everywhere(site: Path) -> None:
    checked = 0
    for path in site.rglob("*"):
        # CSV is data in the upload format: the note stays as written, formulas are defused.
        if not path.is_file() or path.suffix not in (".html", ".json", ".xml"):
            continue
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text, path
        assert "<img src=x" not in text, path
        assert "<b>plan</b>" not in text, path
        checked += "hostile" in path.name or "hostileton" in str(path)
    assert checked >= 4
    page = (site / "hostileton/plan/hostile.html").read_text(encoding="utf-8")
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt; =HYPERLINK(" in page
    document = json.loads((site / "api/v1/hostileton/plan.json").read_text(encoding="utf-8"))
    assert document["goals"][0]["indicators"][0]["name"] == site_seed.HOSTILE_NAME
    csv = (site / "api/v1/hostileton/plan/hostile.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in csv
    assert csv.count("<img src=x onerror=alert(2)>") == 6  # the note, as text
    sources = page[page.index("<h2>Sources</h2>") :]
    # Still text: the address inside it is a link out, the quotes around it escaped.
    assert (
        '=HYPERLINK(&#34;<a href="http://evil.example" rel="external nofollow noopener">'
        "http://evil.example</a>&#34;,&#34;click&#34;)"
    ) in sources
    assert re.search(r'(^|,)"?=HYPERLINK', csv, re.M) is None


def test_data_gaps_name_each_shortfall(seeded: str) -> None:
    db = store.Store.open(seeded)
    views = publishing.gather(db, dt.date(2026, 6, 30), ["Testville"])
    db.engine.dispose()
    reasons = {g.indicator.name: g.reason for g in gaps.gaps(views)}
    # Cool roofs has no values; Trees planted has one (a trend needs more); Renewable share's
    # newest value is for 2020, six years before the as-of date.
    assert reasons["Cool roofs"] == "no values stored"
    assert reasons["Trees planted"].startswith("only 1 value;")
    assert reasons["Renewable share"] == "stale: newest value is for 2020"


def test_embed_snippet_is_escaped_text() -> None:
    fields = {"name": 'A "quoted" <b>', "city": "X&Y", "path": ("x", "p", "i")}
    view = type("V", (), {**fields, "t": translation.ENGLISH})()
    snippet = site_pages.embed_snippet(view, "https://example.org/site/")
    assert snippet.startswith('<iframe src="https://example.org/site/embed/x/p/i.html" ')
    assert 'title="A &quot;quoted&quot; &lt;b&gt; (X&amp;Y)"' in snippet
    # A Spanish page's snippet embeds the Spanish embed, under /es/.
    spanish = type("V", (), {**fields, "t": translation.translator("es")})()
    snippet = site_pages.embed_snippet(spanish, "https://example.org/site/")
    assert snippet.startswith('<iframe src="https://example.org/site/es/embed/x/p/i.html" ')


def test_city_page_opens_with_each_goals_line(seeded: str, site: Path) -> None:
    """The public city page says each active pledge's goals in one line, as the one-pager does."""

    db = store.Store.open(seeded)
    as_of = dt.date.fromisoformat(site_seed.AS_OF)
    pledges = db.pledges(city="Testville", as_of=as_of)
    items = service.assess(db, city="Testville", as_of=as_of, today=as_of)
    page = markup.unescape((site / "testville/index.html").read_text(encoding="utf-8"))
    heading = page.index("Each goal in one line, worst first")
    assert heading < page.index("Pledges, worst first")
    for summary in service.summarise(pledges, items):
        if summary.active and summary.goals:
            for line in goal_lines.goal_lines(summary.goals):
                assert line.text in page[heading:]
