"""Pledge definitions: YAML validated by pydantic, every problem named with file and path."""

from __future__ import annotations

from pathlib import Path

from pledges import errors, model
from pledges.catalog.conversion import to_pledge
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
    if problems:
        raise errors.CatalogError(problems)
    return pledges


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
