"""The public ledger: a page and a JSON document per pledge, valid against its schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from pledges import clock, model, service, store, translation
from pledges.service import targets
from pledges.views.site import ledger_api
from tests import site_seed

ANA = model.Actor("ana", "editor")
BEN = model.Actor("ben", "editor")
RENEWABLE = model.IndicatorRef("Testville", "green-deal", "renewable-share")


def _approve(db: store.Store, new: service.NewTarget, reason: str, moves_from=None) -> None:  # noqa: ANN001
    proposal = targets.draft(
        db, RENEWABLE, "Council minutes", reason, "ana", new, moves_from=moves_from
    )
    targets.approve(db, BEN, targets.propose(db, ANA, proposal), "checked")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic seed with two approved changes before the as-of date and one after."""
    url = site_seed.seed(tmp_path_factory.mktemp("ledger-db"))
    before = store.Store.open(url, now=clock.Ticking(dt.datetime(2026, 3, 1, tzinfo=dt.UTC)))
    _approve(before, service.NewTarget(2040, value=100), "accelerated", moves_from=2045)
    _approve(before, service.NewTarget(2030, value=55), "budget cut")
    before.engine.dispose()
    later = store.Store.open(url, now=clock.Ticking(dt.datetime(2026, 8, 1, tzinfo=dt.UTC)))
    _approve(later, service.NewTarget(2030, value=70), "after the as-of date")
    later.engine.dispose()
    return site_seed.publish(url, tmp_path_factory.mktemp("ledger-site"))


def test_every_ledger_document_validates_against_its_schema(site: Path) -> None:
    schema = json.loads((site / "api/v1/schema/target-changes.json").read_text("utf-8"))
    assert schema == json.loads(json.dumps(ledger_api.SCHEMA))
    jsonschema.Draft202012Validator.check_schema(schema)
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    cities = json.loads((site / "api/v1/cities.json").read_text(encoding="utf-8"))
    expected = {
        f"{city['slug']}/{pledge['id']}/target-changes.json"
        for city in cities["cities"]
        for pledge in city["pledges"]
    }
    found = {
        str(p.relative_to(site / "api/v1"))
        for p in (site / "api/v1").rglob("target-changes.json")
        if "schema" not in p.parts
    }
    assert found == expected
    for path in found:
        document = json.loads((site / "api/v1" / path).read_text(encoding="utf-8"))
        jsonschema.validate(document, schema, format_checker=checker)


def test_the_ledger_as_of_the_publish_date(site: Path) -> None:
    document = json.loads(
        (site / "api/v1/testville/green-deal/target-changes.json").read_text(encoding="utf-8")
    )
    # The August change (70 % by 2030) comes after the 30 June as-of date: not listed. The
    # sample city's 2030 milestone stood at 65 % (raised from 60 % when it was re-synced).
    assert [(c["date"], c["change"], c["old"], c["new"]) for c in document["changes"]] == [
        ("2026-03-01", "moved earlier", "100 % by 2045", "100 % by 2040"),
        ("2026-03-01", "weakened", "65 % by 2030", "55 % by 2030"),
    ]
    first = document["changes"][0]
    assert first["approved_by"] == ["ben"] and first["proposed_by"] == "ana"
    assert first["old_value"] == {
        "year": 2045, "kind": "value", "value": 100, "low": None, "high": None, "change_pct": None
    }  # fmt: skip
    page = (site / "testville/green-deal/target-changes.html").read_text(encoding="utf-8")
    assert "2 changes: 1 moved earlier, 1 weakened." in page
    assert '100 % by 2045 <span aria-label="became">→</span> 100 % by 2040' in page
    assert "after the as-of date" not in page
    pledge_page = (site / "testville/green-deal/index.html").read_text(encoding="utf-8")
    assert 'href="../../testville/green-deal/target-changes.html"' in pledge_page


def test_the_spanish_ledger_page_says_the_targets_in_spanish(site: Path) -> None:
    page = (site / "es/testville/green-deal/target-changes.html").read_text(encoding="utf-8")
    # The same two changes as above; the JSON keeps the English ("100 % by 2045").
    assert '100 % para 2045 <span aria-label="pasó a">→</span> 100 % para 2040' in page
    assert "65 % para 2030" in page and "55 % para 2030" in page
    assert " by 2045" not in page


def test_the_schema_refuses_a_change_without_a_source_or_a_known_word(site: Path) -> None:
    path = site / "api/v1/testville/green-deal/target-changes.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    for key, bad in (("source", ""), ("change", "improved"), ("approved_by", [])):
        broken = json.loads(json.dumps(document))
        broken["changes"][0][key] = bad
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, ledger_api.SCHEMA)


def test_feed_items_for_the_city_feed(tmp_path: Path) -> None:
    url = site_seed.seed(tmp_path)
    db = store.Store.open(url, now=clock.Ticking(dt.datetime(2026, 3, 1, tzinfo=dt.UTC)))
    _approve(db, service.NewTarget(2040, value=100), "accelerated", moves_from=2045)
    items = ledger_api.feed_items(
        service.target_ledger(db, "Testville"), "testville", {"green-deal": "Green Deal"}
    )
    assert [(i.title, i.link) for i in items] == [
        (
            "Green Deal: Renewable share moved earlier (100 % by 2045 → 100 % by 2040)",
            "testville/green-deal/target-changes.html",
        )
    ]
    assert items[0].id.startswith("urn:pledge-tracker:target-change:testville:green-deal:")
    assert items[0].summary == "accelerated Source: Council minutes. Approved by ben."
    spanish = ledger_api.feed_items(
        service.target_ledger(db, "Testville"),
        "testville",
        {"green-deal": "Green Deal"},
        translation.translator("es"),
    )
    assert "(100 % para 2045 → 100 % para 2040)" in spanish[0].title


def test_the_city_feed_carries_each_approved_target_change(site: Path) -> None:
    import feedparser

    parsed = feedparser.parse((site / "testville/feed.xml").read_bytes())
    assert parsed.bozo == 0 and parsed.version == "atom10"
    changes = [e for e in parsed.entries if ":target-change:" in e.id]
    # The two changes approved on 1 March 2026; the one of 1 August is after the as-of day.
    assert len(changes) == 2
    assert {e.updated[:10] for e in changes} == {"2026-03-01"}
    assert sorted("moved earlier" in e.title or "weakened" in e.title for e in changes) == [
        True,
        True,
    ]
    assert all(e.link.endswith("testville/green-deal/target-changes.html") for e in changes)


def test_every_citys_ledger_from_one_read_is_the_ledger_of_that_city(tmp_path: Path) -> None:
    url = site_seed.seed(tmp_path)
    db = store.Store.open(url, now=clock.Ticking(dt.datetime(2026, 3, 1, tzinfo=dt.UTC)))
    _approve(db, service.NewTarget(2030, value=55), "budget cut")
    cities = [c.name for c in db.cities()]
    assert "Testville" in cities and len(cities) > 1
    for as_of in (dt.date(2026, 2, 28), dt.date(2026, 6, 30)):
        one_by_one = {city: service.target_ledger(db, city, as_of=as_of) for city in cities}
        assert service.target_ledgers(db, cities, as_of) == one_by_one
    # Approved on 1 March: not yet in the ledger of 28 February, the only entry by 30 June.
    assert service.target_ledgers(db, cities, dt.date(2026, 2, 28))["Testville"] == ()
    listed = service.target_ledgers(db, cities, dt.date(2026, 6, 30))
    assert [(e.city, e.new) for e in listed["Testville"]] == [("Testville", "55 % by 2030")]
    assert all(entries == () for city, entries in listed.items() if city != "Testville")


def test_definitions_change_only_at_the_moments_the_store_lists(tmp_path: Path) -> None:
    url = site_seed.seed(tmp_path)
    db = store.Store.open(url, now=clock.Ticking(dt.datetime(2026, 3, 1, tzinfo=dt.UTC)))
    _approve(db, service.NewTarget(2030, value=55), "budget cut")
    moments = db.definition_moments()
    assert moments == sorted(set(moments))
    step = dt.timedelta(microseconds=1)
    for moment, following in zip(moments, moments[1:], strict=False):
        # From one listed moment to just before the next, the same definitions are read.
        assert db.pledges(as_of=moment) == db.pledges(as_of=following - step)
    changed = [m for m in moments if db.pledges(as_of=m - step) != db.pledges(as_of=m)]
    approved = db.target_changes(status="approved")[0].decided_at
    assert approved in changed  # the approval put the 55 % milestone in force
    testville = [p for p in db.pledges(as_of=approved) if p.city.name == "Testville"]
    assert any(t.value == 55 for p in testville for _, i in p.indicators() for t in i.targets)
