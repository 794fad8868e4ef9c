"""Names of any length and script are stored on both engines, up to a stated bound; past it
the definition file is refused with the field's place, before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from pledges import catalog, errors, service
from pledges.catalog import fields
from tests.conftest import SMALL_PLEDGE
from tests.conftest_engines import StoreMaker

# 300 characters in four scripts: 75 repeats of a 4-character mix (75 x 4 = 300).
LONG_CITY = "Zü北ا" * 75
LONG_UNIT = "t CO₂e / " * 30  # 9 characters x 30 = 270


def _write(folder: Path, city: str, unit: str = "kt") -> Path:
    folder.mkdir(exist_ok=True)
    text = SMALL_PLEDGE.replace(
        "{name: Testville, country: XX}", f'{{name: "{city}", country: XX}}'
    )
    text = text.replace("unit: kt", f'unit: "{unit}"')
    (folder / "long--green-deal.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_300_character_name_in_four_scripts_is_stored_and_read_back(
    make_store: StoreMaker, tmp_path: Path
) -> None:
    assert len(LONG_CITY) == 300 and len(LONG_UNIT.strip()) == 269
    db = make_store()
    db.migrate()
    db.sync_catalog(catalog.load_pledges(_write(tmp_path / "defs", LONG_CITY, LONG_UNIT)))
    assert [city.name for city in db.cities()] == [LONG_CITY]
    units = {i.unit for p in db.pledges(LONG_CITY) for g in p.goals for i in g.indicators}
    assert units == {"%", LONG_UNIT.strip()}


def test_init_takes_the_long_name(make_store: StoreMaker, tmp_path: Path) -> None:
    folder = _write(tmp_path / "defs", LONG_CITY)
    summary = service.initialise(make_store(), folder, tmp_path / "no-seed", seed=False)
    assert summary.sync.added >= 1


def test_a_name_past_the_bound_is_refused_with_its_file_and_field(tmp_path: Path) -> None:
    too_long = "x" * (fields.NAME_MAX + 1)  # 401 characters
    with pytest.raises(errors.CatalogError) as refused:
        catalog.load_pledges(_write(tmp_path / "defs", too_long))
    problem = "\n".join(refused.value.problems)
    assert "long--green-deal.yaml" in problem and "city.name" in problem
    assert "400 characters" in problem
