"""One source of truth: the store keeps targets after `init`; files follow by export or review."""

from __future__ import annotations

from pathlib import Path

import pytest

from pledges import catalog, errors, model, service, settings, store
from pledges.service import target_catalog, targets
from tests.conftest import SMALL_PLEDGE, ticking_clock

BEN = model.Actor("ben", "editor")
ANA = model.Actor("ana", "editor")
RENEWABLE = model.IndicatorRef("Testville", "green-deal", "renewable-share")


@pytest.fixture
def fresh(tmp_path: Path, catalog_dir: Path) -> store.Store:
    """A store loaded by `init` from the small definition (no seed values, no history)."""
    db = store.Store.open(f"sqlite:///{tmp_path / 'init.db'}", now=ticking_clock())
    service.initialise(db, catalog_dir, None, seed=False)
    return db


def _values(db: store.Store) -> list[float]:
    return [t.value for t in db.pledges(city="Testville")[0].goals[0].indicators[0].targets]


def _approve_70(db: store.Store) -> None:
    proposal = targets.draft(
        db, RENEWABLE, "minutes", "raised", "ana", service.NewTarget(2030, value=70)
    )
    targets.approve(db, BEN, targets.propose(db, ANA, proposal))


def test_an_app_edit_survives_the_next_init(fresh: store.Store, catalog_dir: Path) -> None:
    _approve_70(fresh)
    summary = service.initialise(fresh, catalog_dir, None, seed=False)
    assert summary.sync.nothing and summary.proposed == 0
    assert _values(fresh) == [70, 100]


def test_a_changed_file_becomes_a_proposal_not_an_overwrite(
    fresh: store.Store, catalog_dir: Path
) -> None:
    path = catalog_dir / "testville--green-deal.yaml"
    path.write_text(
        SMALL_PLEDGE.replace("{year: 2045, value: 100", "{year: 2045, value: 95"), encoding="utf-8"
    )
    summary = service.initialise(fresh, catalog_dir, None, seed=False)
    assert summary.proposed == 1 and _values(fresh) == [60, 100]
    waiting = targets.proposals(fresh, status="pending")
    assert [(e.proposed_by, e.old, e.new, e.change) for e in waiting] == [
        ("catalog", "100 % by 2045", "95 % by 2045", "weakened")
    ]
    assert "testville--green-deal.yaml" in waiting[0].reason
    again = service.initialise(fresh, catalog_dir, None, seed=False)
    assert again.proposed == 0 and len(targets.proposals(fresh, status="pending")) == 1
    targets.approve(fresh, BEN, waiting[0].id)
    assert _values(fresh) == [60, 95]


def test_a_yaml_round_trip_changes_nothing(
    fresh: store.Store, catalog_dir: Path, tmp_path: Path
) -> None:
    _approve_70(fresh)
    out = tmp_path / "exported"
    out.mkdir()
    for name, text in service.export_files(fresh).items():
        (out / name).write_text(text, encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["testville--green-deal.yaml"]
    assert catalog.load_pledges(out) == fresh.pledges()
    summary = service.initialise(fresh, out, None, seed=False)
    assert summary.sync.nothing and summary.proposed == 0
    # ...and the exported file is now what `init` remembers: the old file would be a change.
    assert service.initialise(fresh, catalog_dir, None, seed=False).proposed == 1


def test_the_project_catalog_round_trips(tmp_path: Path) -> None:
    db = store.Store.open(f"sqlite:///{tmp_path / 'all.db'}", now=ticking_clock())
    service.initialise(db, settings.load().catalog_dir, None, seed=False)
    out = tmp_path / "exported"
    out.mkdir()
    files = service.export_files(db)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    assert sorted(files) == sorted(p.name for p in settings.load().catalog_dir.glob("*.yaml"))
    assert catalog.load_pledges(out) == catalog.load_pledges(settings.load().catalog_dir)
    summary = service.initialise(db, out, None, seed=False)
    assert summary.sync.nothing and summary.proposed == 0


def test_the_seeded_la_ledger(tmp_path: Path) -> None:
    db = store.Store.open(f"sqlite:///{tmp_path / 'la.db'}", now=ticking_clock())
    config = settings.load()
    first = service.initialise(db, config.catalog_dir, None, seed=True)
    rows = [
        (str(e.date), e.pledge, e.indicator, e.year, e.change)
        for e in service.target_ledger(db, "Los Angeles")
    ]
    # The definitions' own numbers: pLAn 2015 80/45/60 % below 1990 and 50 % local water,
    # the Green New Deal's 100/50/73 % and 70 %, its 80 % renewable by 2036, LA100's 80 %
    # renewable by 2030 and 97 / 100 % carbon-free by 2030 / 2035.
    assert rows == [
        ("2018-06-07", "five-zeroes", "community-ghg-reduction-vs-1990", 2050, "strengthened"),
        ("2019-04-29", "five-zeroes", "community-ghg-reduction-vs-1990", 2025, "strengthened"),
        ("2019-04-29", "five-zeroes", "community-ghg-reduction-vs-1990", 2035, "strengthened"),
        ("2019-04-29", "five-zeroes", "local-water-share", 2035, "strengthened"),
        ("2021-09-08", "la100", "renewable-share", 2030, "moved earlier"),
        ("2021-09-08", "la100", "carbon-free-share", 2035, "added"),
        ("2021-09-08", "la100", "carbon-free-share", 2030, "added"),
    ]
    assert first.history == 7
    assert service.initialise(db, config.catalog_dir, None, seed=True).history == 0
    # An edit in the app of a target the history names does not make the history new again.
    la100 = model.IndicatorRef("Los Angeles", "la100", "renewable-share")
    raised = targets.draft(db, la100, "s", "r", "ana", service.NewTarget(2030, value=85))
    targets.approve(db, BEN, targets.propose(db, ANA, raised))
    assert service.initialise(db, config.catalog_dir, None, seed=True).history == 0
    assert len(service.target_ledger(db, "Los Angeles")) == 8
    moved = service.target_ledger(db, "Los Angeles", "la100")[0]
    assert (moved.old, moved.new) == (
        "80 % by 2036 (in Five Zeroes (L.A.'s Green New Deal))",
        "80 % by 2030",
    )
    # In Spanish, the pledge it was in by the name its definition gives in Spanish.
    assert (moved.old_in(service.translator("es")), moved.new_in(service.translator("es"))) == (
        "80 % para 2036 (en Cinco Ceros (el Green New Deal de Los Ángeles))",
        "80 % para 2030",
    )
    assert moved.approved_by == ("Los Angeles City Council",)


def test_a_history_naming_a_missing_target_says_where(tmp_path: Path) -> None:
    db = store.Store.open(f"sqlite:///{tmp_path / 'h.db'}", now=ticking_clock())
    service.initialise(db, settings.load().catalog_dir, None, seed=False)
    folder = tmp_path / "history"
    folder.mkdir()
    (folder / "la.yaml").write_text(
        "city: Los Angeles\nchanges:\n  - date: 2019-04-29\n"
        "    new: {pledge: five-zeroes, indicator: renewable-share, year: 2031}\n"
        "    source: s\n    reason: r\n    decided_by: council\n",
        encoding="utf-8",
    )
    with pytest.raises(errors.CatalogError) as caught:
        target_catalog.seed_history(db, folder)
    assert caught.value.problems == [
        "la.yaml: changes[0].new: Los Angeles has no target five-zeroes/renewable-share for 2031"
    ]
    assert service.target_ledger(db, "Los Angeles") == ()
