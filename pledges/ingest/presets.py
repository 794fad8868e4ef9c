"""Saved column mappings (presets): one JSON file a name in the presets folder."""

from __future__ import annotations

import re
from pathlib import Path

from pledges.ingest import mapping as column_mapping

_PRESET_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def preset_file(folder: Path, name: str) -> Path | None:
    """Where a named preset lives; None when the name has no letters or digits."""
    slug = _PRESET_NAME.sub("-", name.strip()).strip("-").lower()
    return folder / f"{slug}.json" if slug else None


def preset_names(folder: Path) -> list[str]:
    """The saved presets, by name."""
    if not folder.is_dir():
        return []
    return sorted(path.stem for path in folder.glob("*.json"))


def save_preset(folder: Path, name: str, mapping: column_mapping.ColumnMapping) -> Path | None:
    """Save a mapping under a name for the next upload; None when the name is unusable."""
    path = preset_file(folder, name)
    if path is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    column_mapping.save_preset(mapping, path)
    return path


def load_preset(folder: Path, name: str) -> column_mapping.ColumnMapping | None:
    """A saved preset, or None when it is missing or unreadable."""
    path = preset_file(folder, name)
    if path is None or not path.is_file():
        return None
    try:
        return column_mapping.load_preset(path)
    except (ValueError, TypeError, AttributeError):
        return None
