"""Definition names in other languages: each `{en: ..., es: ...}` name of the catalog's files,
as a map from the English name (the one stored) to the name in one language."""

from __future__ import annotations

import functools
from pathlib import Path

from pledges.catalog import fields
from pledges.catalog.parsing import parse_text


def _pairs(name: object, lang: str) -> list[tuple[str, str]]:
    if isinstance(name, dict) and lang in name:
        return [(fields.english(name), name[lang])]
    return []


@functools.cache
def _translations(directory: Path, lang: str, stamp: tuple[float, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml")):
        parsed, _problems = parse_text(path.read_text(encoding="utf-8"), path.name)
        if parsed is None:
            continue  # a broken file is reported by `load_pledges`, not here
        pairs = _pairs(parsed.pledge.name, lang)
        for goal in parsed.goals:
            pairs += _pairs(goal.name, lang)
            for indicator in goal.indicators:
                pairs += _pairs(indicator.name, lang)
        found.update(pairs)
    return found


def name_translations(directory: Path, lang: str) -> dict[str, str]:
    """English name -> name in `lang`, from the definition files (read again when one changes)."""
    files = sorted(directory.glob("*.y*ml")) if directory.is_dir() else []
    stamp = tuple(path.stat().st_mtime for path in files)
    return dict(_translations(directory, lang, stamp))
