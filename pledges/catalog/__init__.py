"""Pledge definitions: YAML validated by pydantic, every problem named with file and path."""

from __future__ import annotations

from pathlib import Path

from pledges import errors, model
from pledges.catalog.conversion import resolve_target, to_pledge
from pledges.catalog.fields import format_path
from pledges.catalog.parsing import parse_mapping, parse_text
from pledges.catalog.schema import PledgeFile
from pledges.catalog.stewardship import parse_stewardship

__all__ = [
    "PledgeFile",
    "format_path",
    "load_pledges",
    "parse_mapping",
    "parse_stewardship",
    "parse_text",
    "resolve_target",
    "to_pledge",
]


def load_pledges(directory: Path) -> list[model.Pledge]:
    """Load every `*.yaml` definition in a folder; raise CatalogError listing every problem."""
    files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
    if not files:
        raise errors.CatalogError([f"{directory}: no pledge definitions (*.yaml) found"])
    problems: list[str] = []
    pledges: list[model.Pledge] = []
    seen: dict[tuple[str, str], str] = {}
    for path in files:
        text = _utf8(path)
        if isinstance(text, list):
            problems += text
            continue
        parsed, found = parse_text(text, path.name)
        problems += found
        if parsed is None:
            continue
        key = (parsed.city.name, parsed.pledge.id)
        if key in seen:
            problems.append(
                f"{path.name}: pledge.id: pledge {key[1]!r} of {key[0]} is also defined in "
                f"{seen[key]}"
            )
            continue
        seen[key] = path.name
        pledges.append(to_pledge(parsed))
    problems += same_quantity_problems(pledges, seen)
    if problems:
        raise errors.CatalogError(problems)
    return pledges


def same_quantity_problems(
    pledges: list[model.Pledge], files: dict[tuple[str, str], str]
) -> list[str]:
    """Each `same_as` names another indicator of the same city, in the same unit, that holds
    its own values (one quantity, one series: no chains)."""
    found = {(p.city.name, p.key, i.key): i for p in pledges for _, i in p.indicators()}
    problems = []
    for p in pledges:
        for _, indicator in p.indicators():
            if indicator.same_as is None:
                continue
            here = f"{files.get((p.city.name, p.key), p.key)}: indicator {indicator.key!r}: same_as"
            pledge_key, indicator_key = indicator.same_as.split("/")
            other = found.get((p.city.name, pledge_key, indicator_key))
            if other is None or (pledge_key, indicator_key) == (p.key, indicator.key):
                problems.append(
                    f"{here}: {indicator.same_as!r} is no other indicator of {p.city.name}"
                )
            elif other.same_as is not None:
                problems.append(f"{here}: {indicator.same_as!r} takes its values from another")
            elif other.unit != indicator.unit:
                problems.append(
                    f"{here}: {indicator.same_as!r} is in {other.unit!r}, this in "
                    f"{indicator.unit!r}"
                )
    return problems


def _utf8(path: Path) -> str | list[str]:
    """A definition file's text, or where its first byte that is not UTF-8 sits."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return [
            f"{path.name}: line {line}: the byte 0x{data[error.start]:02X} is not UTF-8; "
            "save the file as UTF-8 (definitions are always UTF-8)"
        ]
