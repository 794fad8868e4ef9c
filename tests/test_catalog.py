"""Definition files: a good one loads; each kind of bad one names the file, the field and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from pledges import catalog, errors, settings
from tests.conftest import SMALL_PLEDGE


def problems_of(text: str) -> list[str]:
    parsed, problems = catalog.parse_text(text, "city.yaml")
    assert (parsed is None) == bool(problems)
    return problems


def test_good_file_loads_with_targets_resolved(catalog_dir: Path) -> None:
    (pledge,) = catalog.load_pledges(catalog_dir)
    assert pledge.city.name == "Testville"
    emissions = pledge.goals[0].indicators[1]
    assert [(t.year, t.kind, t.value) for t in emissions.targets] == [
        (2030, "change_pct", 500.0),
        (2050, "value", 0.0),
    ]


BAD = [
    (
        "unknown-key",
        SMALL_PLEDGE.replace("unit: kt", "unit: kt\n        colour: red"),
        "goals[0].indicators[1].colour: Extra inputs are not permitted",
    ),
    (
        "bad-direction",
        SMALL_PLEDGE.replace("direction: lower", "direction: down"),
        "goals[0].indicators[1].direction:",
    ),
    (
        "bad-target-year",
        SMALL_PLEDGE.replace("{year: 2050, value: 0", "{year: twenty, value: 0"),
        "goals[0].indicators[1].targets[1].year:",
    ),
    (
        "two-kinds",
        SMALL_PLEDGE.replace("{year: 2050, value: 0,", "{year: 2050, value: 0, maintain: 1,"),
        "goals[0].indicators[1].targets[1]: give exactly one of value, range, change_pct, maintain",
    ),
    (
        "no-kind",
        SMALL_PLEDGE.replace("{year: 2050, value: 0,", "{year: 2050,"),
        "goals[0].indicators[1].targets[1]: give exactly one",
    ),
    (
        "duplicate-indicator",
        SMALL_PLEDGE.replace("id: emissions", "id: renewable-share"),
        "goals[0].indicators[1].id: duplicate indicator id 'renewable-share'",
    ),
    (
        "target-before-baseline",
        SMALL_PLEDGE.replace("{year: 2030, value: 60", "{year: 2010, value: 60"),
        "goals[0].indicators[0].targets[0].year: target year 2010 is before the baseline year 2015",
    ),
    ("bad-slug", SMALL_PLEDGE.replace("id: clean-grid", "id: Clean Grid"), "goals[0].id:"),
    (
        "abandoned-without-evidence",
        SMALL_PLEDGE.replace("adopted: 2019", "adopted: 2019\n  status: abandoned"),
        "pledge: a pledge that is abandoned needs status_date and status_source",
    ),
    (
        "duplicate-yaml-key",
        SMALL_PLEDGE.replace("unit: kt", "unit: kt\n        unit: t"),
        "not valid YAML: duplicate key 'unit'",
    ),
    ("missing-goals", SMALL_PLEDGE.split("goals:")[0], "goals: Field required"),
    (
        "reversed-range",
        SMALL_PLEDGE.replace("{year: 2030, value: 60", "{year: 2030, range: [60, 40]"),
        "targets[0]: range must be [low, high]",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_file_names_file_path_and_problem(text: str, expected: str) -> None:
    found = problems_of(text)
    assert any(p.startswith("city.yaml: ") and expected in p for p in found), found


def test_every_problem_reported_at_once() -> None:
    text = (
        SMALL_PLEDGE.replace("direction: lower", "direction: down")
        .replace("{year: 2050, value: 0", "{year: 2050, value: zero")
        .replace("id: emissions", "id: renewable-share")
    )
    found = problems_of(text)
    assert len(found) >= 3, found


def test_duplicate_pledge_across_files(catalog_dir: Path) -> None:
    (catalog_dir / "copy.yaml").write_text(SMALL_PLEDGE, encoding="utf-8")
    with pytest.raises(errors.CatalogError) as caught:
        catalog.load_pledges(catalog_dir)
    assert "also defined in" in caught.value.problems[0]


def test_project_catalog_loads() -> None:
    pledges = catalog.load_pledges(settings.DATA_DIR / "pledges")
    cities = {p.city.name for p in pledges}
    assert {"Los Angeles", "New York City", "London", "San Francisco", "Copenhagen"} <= cities
    five = next(p for p in pledges if p.key == "five-zeroes")
    assert len([i for _, i in five.indicators()]) >= 12
    copenhagen = [p for p in pledges if p.city.name == "Copenhagen"]
    assert any(p.state == "abandoned" and p.state_date for p in copenhagen)


def test_adoption_year_may_be_left_out_when_not_verified() -> None:
    parsed, problems = catalog.parse_text(SMALL_PLEDGE.replace("  adopted: 2019\n", ""), "c.yaml")
    assert problems == [] and parsed is not None
    pledge = catalog.to_pledge(parsed)
    assert pledge.adopted is None
    from pledges.views import formatting

    assert formatting.adoption(pledge) == "Adoption year not verified"
