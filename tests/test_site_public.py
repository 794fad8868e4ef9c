"""The public site for many cities: addresses in any script, redirects from the old ones, the
search index, country and region, citation and terms, data files, feeds, and a folder that
holds exactly one publish."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import feedparser
import jsonschema
import pytest

from pledges import cli
from pledges import site as publishing
from pledges.views.site import addresses
from tests import site_seed, site_world

AS_OF = site_seed.AS_OF
BASE = "https://example.org/p"


def _tag(name: str) -> str:
    """The stable suffix, worked out here: the first 8 hex digits of the name's SHA-256."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> str:
    return site_world.seed(tmp_path_factory.mktemp("world-db"))


@pytest.fixture(scope="module")
def site(world: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return site_seed.publish(world, tmp_path_factory.mktemp("world-site"), "--base-url", BASE)


def _page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_names_in_any_script_get_readable_unique_addresses() -> None:
    found = addresses.addresses(["東京", "北京", "Bogotá", "Montréal", "San José", "San Jose"])
    assert found["東京"] == "dongjing"  # anyascii's Mandarin reading, not "x"
    assert found["北京"] == "beijing"
    assert found["Bogotá"] == "bogota"
    assert found["Montréal"] == "montreal"
    # Two names meet at san-jose: the one written in plain ASCII keeps it, the other is tagged.
    assert found["San Jose"] == "san-jose"
    assert found["San José"] == "san-jose-" + _tag("San José")
    assert len(set(found.values())) == len(found)


def test_a_long_name_is_cut_with_a_stable_suffix() -> None:
    assert len(site_world.LONG_NAME) == 300
    address = addresses.base(site_world.LONG_NAME)
    # "ciudad-" (7) then "muy-" repeated: 60 characters cut, the hyphen at the cut dropped.
    cut = ("ciudad-" + "muy-" * 72 + "larga")[:60].rstrip("-")
    assert address == f"{cut}-{_tag(site_world.LONG_NAME)}"
    assert addresses.addresses([site_world.LONG_NAME, "x"])[site_world.LONG_NAME] == address


def test_every_city_is_published_at_its_address_with_its_full_name(site: Path) -> None:
    expected = {
        "東京": "dongjing",
        "北京": "beijing",
        "Bogotá": "bogota",
        "Bogor": "bogor",
        "San Jose": "san-jose",
        "San José": "san-jose-" + _tag("San José"),
        site_world.LONG_NAME: addresses.base(site_world.LONG_NAME),
    }
    for name, slug in expected.items():
        page = _page(site, f"{slug}/index.html")
        assert f"<h1>{name}</h1>" in page, slug
    long_page = _page(site, f"{expected[site_world.LONG_NAME]}/plan/emissions.html")
    assert site_world.LONG_NAME in long_page


def test_old_mangled_addresses_send_readers_on(site: Path) -> None:
    # bogot/ was Bogotá's address (the á dropped); x/ was shared by 東京 and 北京.
    redirect = _page(site, "bogot/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../bogota/index.html">' in redirect
    # Old addresses were English pages: their redirects name no other language (issue 32).
    assert "hreflang" not in redirect and not (site / "es" / "bogot").exists()
    deep = _page(site, "bogot/plan/emissions.html")
    assert 'url=../../bogota/plan/emissions.html"' in deep
    chooser = _page(site, "x/index.html")
    assert 'http-equiv="refresh"' not in chooser
    assert '<a href="../dongjing/index.html">東京</a>' in chooser
    assert '<a href="../beijing/index.html">北京</a>' in chooser
    # san-jos/ was San José's; San Jose (plain ASCII) kept san-jose/ all along.
    assert "url=../san-jose-" + _tag("San José") in _page(site, "san-jos/index.html")
    sitemap = _page(site, "sitemap.xml")
    assert "/bogota/index.html</loc>" in sitemap and "/bogot/" not in sitemap


def test_city_page_shows_country_region_citation_and_terms(site: Path) -> None:
    page = _page(site, "bogota/index.html")
    assert '<p class="place">Colombia · Latin America</p>' in page
    assert "This data was collected in partnership by CDP and ICLEI - Local Governments for " in (
        page
    )
    assert "non-verified self-reported city inputs" in page
    url = "https://data.cdp.net/Emissions/2021-City-wide-Emissions/tmta-7i7p"
    assert f'<a href="{url}" rel="external nofollow noopener">{url}</a>' in page
    canonical = f"{BASE}/as-of/{AS_OF}/bogota/index.html"
    # The date of the data as English prose writes it (AS_OF is 2026-06-30).
    assert (
        f"Bogotá: climate pledges and progress. Pledge Tracker, data as of June 30, 2026. "
        f"{canonical}" in (page)
    )
    assert '<a href="../data/bogota.csv">' in page and '<a href="../bogota/feed.xml"' in page


def test_search_index_has_every_city_by_its_names_country_and_region(site: Path) -> None:
    index = json.loads(_page(site, "search.json"))
    assert index["fields"] == ["name", "match", "country", "region", "path"]
    rows = {row[0]: row for row in index["cities"]}
    # 3 sample cities + Hostileton + the 7 world cities.
    assert len(rows) == 11
    assert rows["東京"][1:] == ["東京 dongjing", "Japan", "East Asia", "dongjing/"]
    assert rows["Bogotá"][1] == "bogota"  # accents folded, so "bogo" finds it
    assert (site / "search.js").is_file()


def test_index_groups_cities_by_region_and_country_and_stays_small(site: Path) -> None:
    page = _page(site, "index.html")
    assert page.index("East Asia") < page.index("Europe") < page.index("Latin America")
    assert "<details><summary>Japan" in page
    assert '<li><a href="dongjing/index.html">東京</a>' in page
    assert '<form class="search" role="search" action="index.html#countries"' in page
    assert len(page.encode()) < 150_000


def test_data_files_hold_every_indicator_and_match_the_schema(site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_page(site, "data/bogota.csv"))))
    assert [r["indicator"] for r in rows] == ["emissions"]
    assert rows[0]["status"] == "wrong direction" and rows[0]["latest_value"] == "104"
    schema = json.loads(_page(site, "data/schema.json"))
    everything = json.loads(_page(site, "data/all-cities.json"))
    jsonschema.validate(everything, schema)
    jsonschema.validate(json.loads(_page(site, "data/bogota.json")), schema)
    bulk = list(csv.DictReader(io.StringIO(_page(site, "data/all-cities.csv"))))
    per_city = sum(
        len(json.loads(p.read_text(encoding="utf-8"))["indicators"])
        for p in (site / "data").glob("*.json")
        if p.name not in ("all-cities.json", "schema.json")
    )
    assert len(bulk) == len(everything["indicators"]) == per_city
    listing = _page(site, "data.html")
    size = (site / "data/bogota.csv").stat().st_size
    assert f'<a href="data/bogota.csv">CSV</a> {size:,} B' in listing


def test_feed_is_valid_atom_with_each_batch_and_status_change(site: Path) -> None:
    parsed = feedparser.parse((site / "bogota/feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    titles = [e.title for e in parsed.entries]
    # Newest first. April: 2 values (2019, 2020) that turn the fall into a rise; March: 3
    # values (2016-2018) that give the first trend. Each batch: one value entry, one status.
    assert titles == [
        "Community emissions: 2 new values",
        "Community emissions: needs acceleration → wrong direction",
        "Community emissions: 3 new values",
        "Community emissions: insufficient data → needs acceleration",
    ]
    assert parsed.entries[0].updated.startswith("2026-04-01T09:00")
    assert parsed.entries[1].summary.startswith("Community emissions: 104 t CO2e in 2020")
    link = f"{BASE}/as-of/{AS_OF}/bogota/plan/emissions.html"
    assert parsed.entries[0].link == link
    assert len({e.id for e in parsed.entries}) == 4


def test_feed_is_the_same_whenever_it_is_published(world: str, site: Path, tmp_path: Path) -> None:
    again = site_seed.publish(world, tmp_path, "--base-url", BASE)
    assert (again / "bogota/feed.xml").read_bytes() == (site / "bogota/feed.xml").read_bytes()


def test_without_an_address_no_snippet_and_publish_says_why(
    world: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.delenv("PLEDGES_SITE_URL", raising=False)
    out = site_seed.publish(world, tmp_path)
    assert "no embed snippets" in capsys.readouterr().err
    page = _page(out, "bogota/plan/emissions.html")
    assert "embed-code" not in page and "publish with --base-url" in page


def test_the_folder_holds_exactly_this_publish(world: str, tmp_path: Path) -> None:
    out = site_seed.publish(world, tmp_path)
    (out / "stray.html").write_text("left by hand", encoding="utf-8")
    code = cli.main(
        ["--database", world, "publish", "--out", str(tmp_path), "--as-of", AS_OF]
        + ["--city", "Bogotá"]
    )
    assert code == 0
    assert not (out / "stray.html").exists()
    assert not (out / "dongjing").exists() and not (out / "testville").exists()
    assert (out / "bogota/index.html").is_file()
    assert json.loads(_page(out, "search.json"))["cities"] == [
        ["Bogotá", "bogota", "Colombia", "Latin America", "bogota/"]
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["as-of"]  # nothing left beside it
    assert [p.name for p in (tmp_path / "as-of").iterdir()] == [AS_OF]


def test_a_publish_keeps_unchanged_cities_files(world: str, tmp_path: Path, capsys) -> None:
    out = site_seed.publish(world, tmp_path)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    capsys.readouterr()
    site_seed.publish(world, tmp_path)
    assert ": 0 written," in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps


def test_snapshots_survive_a_publish_of_the_current_site(world: str, tmp_path: Path) -> None:
    snapshot = site_seed.publish(world, tmp_path)
    before = {p: p.read_bytes() for p in snapshot.rglob("*") if p.is_file()}
    publishing.write(tmp_path, {"index.html": b"today's site"})
    assert (tmp_path / "index.html").read_bytes() == b"today's site"
    assert {p: p.read_bytes() for p in snapshot.rglob("*") if p.is_file()} == before
