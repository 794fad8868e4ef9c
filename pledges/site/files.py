"""Writing the site to a folder: only files whose bytes differ are rewritten."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Written:
    """What a publish did to the folder."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]


def write(out: Path, files: Mapping[str, bytes]) -> Written:
    """Write each file under `out`, comparing bytes first so unchanged files keep their mtime."""
    written, unchanged = [], []
    for relative in sorted(files):
        data = files[relative]
        target = out / relative
        if target.is_file() and target.read_bytes() == data:
            unchanged.append(relative)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(data)
        partial.replace(target)  # readers never see half a file
        written.append(relative)
    return Written(tuple(written), tuple(unchanged))
