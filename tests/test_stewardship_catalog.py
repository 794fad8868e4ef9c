"""Owner and cadence in definitions: validated with their path, defaulted, stored, traced."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from pledges import catalog, model, service, settings, store
from pledges.stewardship import listing
from tests.conftest import SMALL_PLEDGE, ticking_clock

FIRST = "        baseline: {year: 2015"


def _with(first_indicator: str = "", pledge_level: str = "") -> str:
    """The small pledge with lines added to its first indicator and to its header."""
    text = SMALL_PLEDGE.replace(FIRST, first_indicator + FIRST, 1)
    return text.replace(
        '  source: "Synthetic test definition"\n',
        '  source: "Synthetic test definition"\n' + pledge_level,
        1,
    )


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            "        owner: {team: Energy, email: not-an-address}\n",
            "x.yaml: goals[0].indicators[0].owner.email: 'not-an-address' is not an e-mail "
            "address like data-team@example.org",
        ),
        (
            "        owner: {email: a@example.org}\n",
            "x.yaml: goals[0].indicators[0].owner: an owner needs a name or a team",
        ),
        (
            '        cadence: {every: year, due: "02-30"}\n',
            "x.yaml: goals[0].indicators[0].cadence.due: '02-30' is not a day of the year "
            'written MM-DD, like "03-31"',
        ),
        (
            '        cadence: {every: year, due: "3-31"}\n',
            "x.yaml: goals[0].indicators[0].cadence.due: '3-31' is not a day of the year "
            'written MM-DD, like "03-31"',
        ),
        (
            '        cadence: {every: quarter, due: "04-30"}\n',
            "x.yaml: goals[0].indicators[0].cadence: due '04-30': for every quarter the month "
            "counts from the period's end and must be 01 to 03",
        ),
        (
            '        cadence: {every: month, due: "02-10"}\n',
            "x.yaml: goals[0].indicators[0].cadence: due '02-10': for every month the month "
            "counts from the period's end and must be 01",
        ),
        (
            '        cadence: {every: week, due: "01-10"}\n',
            "x.yaml: goals[0].indicators[0].cadence.every: Input should be 'year', 'quarter', "
            "'month' or 'discontinued'",
        ),
        (
            "        owner: {team: Energy, phone: 123}\n",
            "x.yaml: goals[0].indicators[0].owner.phone: Extra inputs are not permitted",
        ),
    ],
)
def test_bad_owner_or_cadence_is_a_field_error(lines: str, expected: str) -> None:
    parsed, problems = catalog.parse_text(_with(lines), "x.yaml")
    assert parsed is None
    assert problems == [expected]


def test_pledge_default_and_indicator_override() -> None:
    text = _with(
        "        owner: {name: Ana, team: Energy, email: ana@example.org}\n"
        '        cadence: {every: quarter, due: "01-15"}\n',
        '  owner: {team: Climate office}\n  cadence: {every: year, due: "03-31"}\n',
    )
    parsed, problems = catalog.parse_text(text, "x.yaml")
    assert problems == []
    first, second = [ind for _, ind in catalog.to_pledge(parsed).indicators()]
    assert first.owner == model.Owner("Ana", "Energy", "ana@example.org")
    assert first.cadence == model.Cadence("quarter", (1, 15))
    assert second.owner == model.Owner(None, "Climate office", None)
    assert second.cadence == model.Cadence("year", (3, 31))


def test_stored_read_back_and_changes_traced(tmp_path: Path) -> None:
    folder = tmp_path / "defs"
    folder.mkdir()
    path = folder / "t.yaml"
    path.write_text(_with("        owner: {team: Energy}\n"), encoding="utf-8")
    db = store.Store.open(f"sqlite:///{tmp_path / 's.db'}", now=ticking_clock())
    db.migrate()
    db.sync_catalog(catalog.load_pledges(folder))
    path.write_text(
        _with(
            "        owner: {team: Energy, email: e@example.org}\n"
            '        cadence: {every: month, due: "01-20"}\n'
        ),
        encoding="utf-8",
    )
    summary = db.sync_catalog(catalog.load_pledges(folder))
    assert summary.changed == 1
    indicator = db.pledges()[0].goals[0].indicators[0]
    assert indicator.owner == model.Owner(None, "Energy", "e@example.org")
    assert indicator.cadence == model.Cadence("month", (1, 20))
    with db.engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT field, old, new FROM definition_changes ORDER BY field")
        ).all()
    assert [tuple(r) for r in rows] == [
        ("cadence_due", None, "01-20"),
        ("cadence_every", None, "month"),
        ("owner_email", None, "e@example.org"),
    ]


def test_los_angeles_seed_by_state_on_1_december_2026(tmp_path: Path) -> None:
    config = settings.load({})
    db = store.Store.open(f"sqlite:///{tmp_path / 'la.db'}")
    service.initialise(db, config.catalog_dir, config.observations_dir)
    found = service.due(db, dt.date(2026, 12, 1), 30, city="Los Angeles")
    # every active L.A. indicator has a team and a yearly cadence, none an invented address
    assert all(i.owner.team and i.owner.email is None and i.owner.name is None for i in found)
    tally = listing.counts(found)
    # five-zeroes has 36 indicators and la100 2 (the 2015 plan is superseded: nobody is asked)
    assert sum(tally.values()) == 38
    # only stormwater capture has a 2025 value (LASAN's, data-sources-la-2026.md), whose
    # successor is due 2027-03-31; every other value is 2024 or older, its successor past due
    assert [i.indicator.key for i in found if i.status.state == "fresh"] == ["stormwater-capture"]
    assert tally["due soon"] == 0
    assert tally["late"] + tally["never reported"] == 37
    stored = {(k[1], k[2]) for k in service.latest_periods(db, "Los Angeles")}
    assert tally["late"] + tally["fresh"] == len(
        {(i.pledge.key, i.indicator.key) for i in found} & stored
    )
    records = [i.record() for i in found]
    assert list(records[0]) == list(listing.JSON_KEYS)
