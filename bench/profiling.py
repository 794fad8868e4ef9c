"""Where the import's time goes: one run of the command line's path under pyinstrument."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pyinstrument import Profiler
from pyinstrument.frame import Frame

from bench import imports
from pledges import service, store

ENTRY = "import_file"


@dataclass(frozen=True, slots=True)
class Spot:
    """A function and the seconds spent in it (its callees included for phases, not for spots)."""

    function: str
    place: str
    seconds: float


@dataclass(frozen=True, slots=True)
class Profile:
    """The phases of `service.import_file` and the functions that took the most time themselves."""

    rows: int
    total: float
    phases: tuple[Spot, ...]
    hot_spots: tuple[Spot, ...]


def _find(frame: Frame, function: str) -> Frame | None:
    if frame.function == function:
        return frame
    for child in frame.children:
        found = _find(child, function)
        if found is not None:
            return found
    return None


def _place(frame: Frame) -> str:
    path = frame.file_path_short or frame.file_path or "?"
    return f"{path}:{frame.line_no}" if frame.line_no else path


def _self_times(frame: Frame, owner: Frame, into: dict[tuple[str, str], float]) -> None:
    """Time spent in each function itself; pyinstrument's synthetic "[self]" leaves count for
    the function that holds them."""
    real = owner if frame.is_synthetic else frame
    for child in frame.children:
        _self_times(child, real, into)
    own = frame.time - sum(child.time for child in frame.children)
    into[(real.function or "?", _place_of_function(real))] += own


def _place_of_function(frame: Frame) -> str:
    return frame.file_path_short or frame.file_path or "?"


def profile_import(folder: Path, item: imports.Upload, top: int = 10) -> Profile:
    """Profile one import of `item` into a fresh SQLite copy of the synthetic template."""
    path = imports.fresh(imports.template(folder, item))
    db = store.Store.open(f"sqlite:///{path}")
    profiler = Profiler()
    profiler.start()
    outcome = service.import_file(
        db, imports.EDITOR, item.data, "synthetic.csv", item.options, with_preview=False
    )
    profiler.stop()
    db.engine.dispose()
    imports.remove(path)
    imports.check(outcome, item.rows)
    root = profiler.last_session.root_frame() if profiler.last_session else None
    entry = _find(root, ENTRY) if root is not None else None
    if entry is None:
        return Profile(item.rows, 0.0, (), ())
    phases = tuple(
        Spot(child.function, _place(child), child.time)
        for child in sorted(entry.children, key=lambda c: -c.time)
        if child.time >= 0.005 * entry.time and not child.is_synthetic
    )
    totals: dict[tuple[str, str], float] = defaultdict(float)
    _self_times(entry, entry, totals)
    spots = sorted(totals.items(), key=lambda kv: -kv[1])[:top]
    return Profile(
        item.rows,
        entry.time,
        phases,
        tuple(Spot(function, place, seconds) for (function, place), seconds in spots),
    )
