"""Only clean values and text reach the store: every probe of issue 29 is a problem with its
row and column, on both engines, and nothing of the file is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from pledges import catalog, errors, ingest, model, service, store
from pledges.ingest.checking import units
from tests.conftest import SMALL_PLEDGE

EDITOR = model.Actor("ana", "editor")
HEADER = "city,pledge,indicator,period,value,unit,source,note\n"


def row(value: str = "800", unit: str = "kt", source: str = "city inventory", year: int = 2019):
    return f"Testville,green-deal,emissions,{year},{value},{unit},{source},\n"


def positions(result: ingest.Result) -> set[tuple[int | None, str | None, str]]:
    return {issue.position() for issue in result.report.errors}


def refused_everywhere(db: store.Store, data: bytes) -> set[tuple[int | None, str | None, str]]:
    """The errors of both in-memory readers and of a real import, which must store nothing."""
    index = db.catalog_index()
    found = positions(ingest.read(data, "probe.csv", index))
    assert positions(ingest.read_general(data, "probe.csv", index)) == found
    outcome = service.import_file(db, EDITOR, data, "probe.csv")
    assert outcome.batch is None and positions(outcome.result) == found
    assert db.observations().empty and db.history() == []
    return found


def test_a_one_followed_by_400_zeros_is_too_large_not_infinity(any_db: store.Store) -> None:
    data = (HEADER + row("1" + "0" * 400)).encode()
    assert refused_everywhere(any_db, data) == {(2, "value", "number-too-large")}


@pytest.mark.parametrize(
    ("value", "unit", "held"),
    [
        ("1e100", "kt", True),  # exactly the bound
        ("-1e100", "kt", True),
        ("1.0000001e100", "kt", False),  # just past it
        ("1e98", "kt", True),
        # 1e98 Mt is 1e98 x 1,000 = 1e101 kt, past the bound once converted
        ("1e98", "Mt", False),
        ("inf", "kt", False),
        ("nan", "kt", False),
    ],
)
def test_the_bound_is_ten_to_the_hundred_in_the_indicators_unit(
    db: store.Store, value: str, unit: str, held: bool
) -> None:
    result = ingest.read((HEADER + row(value, unit)).encode(), "b.csv", db.catalog_index())
    assert result.report.ok is held
    if not held:
        assert {(r, c) for r, c, _ in positions(result)} == {(2, "value")}


def test_a_nul_byte_after_the_first_8_kb_is_refused_at_its_cell(any_db: store.Store) -> None:
    # 200 rows of about 60 bytes: the NUL on row 201 sits past byte 8,192.
    lines = [row(str(800 - n), year=1800 + n) for n in range(200)]
    lines.append(row(source="inventory\x00 2020", year=2020))
    data = (HEADER + "".join(lines)).encode()
    assert data.index(b"\x00") > 8192
    assert refused_everywhere(any_db, data) == {(202, "column 7", "control-character")}


@pytest.mark.parametrize("character", ["\x01", "\x1b", "\x7f", "\x85"], ids=repr)
def test_other_control_characters_are_refused_too(db: store.Store, character: str) -> None:
    data = (HEADER + row(source=f"inventory{character}")).encode()
    assert positions(ingest.read(data, "c.csv", db.catalog_index())) == {
        (2, "column 7", "control-character")
    }


ZURICH = (HEADER + row(source="Zürich café report")).encode()


def test_one_stray_byte_in_a_utf8_file_is_named_not_read_as_windows_1252(
    any_db: store.Store,
) -> None:
    # One é written as a lone Windows-1252 byte (0xE9) in a file otherwise UTF-8.
    data = ZURICH.replace("café".encode(), b"caf\xe9")
    assert refused_everywhere(any_db, data) == {(2, "column 7", "encoding")}
    issue = ingest.read(data, "z.csv", any_db.catalog_index()).report.errors[0]
    assert "0xE9" in issue.message and "UTF-8" in issue.message
    assert "Windows-1252" in issue.message and "--encoding" in issue.message


def test_a_whole_windows_1252_file_is_still_read_and_the_encoding_can_be_chosen(
    db: store.Store,
) -> None:
    data = (HEADER + row(source="Zürich café report")).encode("cp1252")
    found = ingest.read(data, "w.csv", db.catalog_index())
    assert found.report.ok and found.encoding == "cp1252"
    assert list(found.frame["source"]) == ["Zürich café report"]
    chosen = ingest.read(data, "w.csv", db.catalog_index(), ingest.Options(encoding="utf-8"))
    assert positions(chosen) == {(2, "column 7", "encoding")}


@pytest.mark.parametrize(
    ("cut", "expected"),
    [
        # cut inside the source: the row has 7 of 8 cells and no line break
        (lambda data: data[: data.rindex(b"inventory") + 4], {(None, None, "cut-off-file")}),
        # cut inside a quoted source: the quote is never closed
        (
            lambda data: data.replace(b"city inventory,\n", b'"city, inventory",\n')[:-6],
            {(None, None, "cut-off-file")},
        ),
    ],
    ids=["short-row", "open-quote"],
)
def test_a_file_cut_in_its_last_row_is_refused(db: store.Store, cut, expected) -> None:
    whole = (HEADER + row() + row("790", year=2020)).encode()
    assert positions(ingest.read(cut(whole), "cut.csv", db.catalog_index())) == expected


def test_a_whole_file_without_a_last_line_break_is_still_read(db: store.Store) -> None:
    data = (HEADER + row() + row("790", year=2020)).encode().removesuffix(b"\n")
    assert ingest.read(data, "whole.csv", db.catalog_index()).report.ok


@pytest.mark.parametrize("unit", ["(t", "t)", "1/0", "10**10**10", "kt^^2"])
def test_a_unit_pint_cannot_parse_is_unknown_never_a_crash(db: store.Store, unit: str) -> None:
    assert units.conversion(unit, "kt").code == "unit-unknown"
    result = ingest.read((HEADER + row(unit=unit)).encode(), "u.csv", db.catalog_index())
    assert positions(result) == {(2, "unit", "unit-unknown")}


@pytest.mark.parametrize(
    ("edit", "place"),
    [
        (("value: 60", "value: .inf"), "goals[0].indicators[0].targets[0].value"),
        (("value: 60", "value: 1e400"), "goals[0].indicators[0].targets[0].value"),
        (("value: 60", "value: 1.1e100"), "goals[0].indicators[0].targets[0].value"),
        (("change_pct: -50", "change_pct: .nan"), "goals[0].indicators[1].targets[0].change_pct"),
        (("name: Testville Green Deal", 'name: "Green\\0Deal"'), "pledge.name"),
        (('source: "synthetic"}', 'source: "syn\\x1bthetic"}'), "baseline.source"),
    ],
    ids=["inf", "1e400", "past-bound", "nan", "nul", "escape"],
)
def test_definitions_follow_the_same_rules(
    tmp_path: Path, edit: tuple[str, str], place: str
) -> None:
    (tmp_path / "t--green-deal.yaml").write_text(SMALL_PLEDGE.replace(*edit, 1), encoding="utf-8")
    with pytest.raises(errors.CatalogError) as refused:
        catalog.load_pledges(tmp_path)
    assert any(place in problem for problem in refused.value.problems), refused.value.problems


def test_a_definition_that_is_not_utf8_is_named_with_its_line(tmp_path: Path) -> None:
    text = SMALL_PLEDGE.replace("Testville Green Deal", "Zürich Green Deal")
    (tmp_path / "z--green-deal.yaml").write_bytes(text.encode("cp1252"))
    with pytest.raises(errors.CatalogError) as refused:
        catalog.load_pledges(tmp_path)
    # The pledge's name is on the fourth line of the file.
    assert refused.value.problems == [
        "z--green-deal.yaml: line 4: the byte 0xFC is not UTF-8; save the file as UTF-8 "
        "(definitions are always UTF-8)"
    ]
