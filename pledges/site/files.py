"""Writing the site all or nothing: the new site is built in a folder beside the old one and
swapped in with one rename, so a reader (or a killed publish) sees one whole site or the other.

Files whose bytes did not change are hard links to the old site's (their modification times
stay as they were, so syncing tools skip them); the rest are written new. Snapshots under
`as-of/` are published separately and carried over as links. The guarantee is against a
process that stops at any moment (kill -9, a crash); the new files are not fsynced, so after a
power cut the file system's own journal decides.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SNAPSHOTS = "as-of"
_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


@dataclass(frozen=True, slots=True)
class Written:
    """What a publish did to the folder."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]


def staging(out: Path) -> Path:
    """Where the next site is built: a hidden folder beside `out`, on the same file system."""
    return out.parent / f".{out.name}.publishing"


def write(
    out: Path,
    files: Mapping[str, bytes],
    kept: Sequence[str] = (),
    keep_snapshots: bool = True,
) -> Written:
    """Build the site (`files`, plus `kept` paths linked from the old site) beside `out`, then
    swap it in; a leftover from a killed publish is removed first."""
    out = out.absolute()
    new = staging(out)
    if new.exists():
        shutil.rmtree(new)
    if _already(out, files, kept, keep_snapshots):
        return Written((), tuple(sorted({*files, *kept})))
    new.mkdir(parents=True)
    try:
        written, unchanged = _fill(out, new, files, kept, keep_snapshots)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)  # a failed publish leaves nothing behind
        raise
    swap(new, out)
    if new.exists():
        shutil.rmtree(new)  # the old site, now beside
    return Written(tuple(sorted(written)), tuple(sorted(unchanged)))


def _fill(
    out: Path, new: Path, files: Mapping[str, bytes], kept: Sequence[str], keep_snapshots: bool
) -> tuple[list[str], list[str]]:
    """The new site's files in `new`: links to the old site's where the bytes are the same."""
    written, unchanged = [], []
    made: set[Path] = {new}  # folders made so far: one mkdir each, not one a file
    for relative in sorted(kept):
        _link(out / relative, new / relative, made)
        unchanged.append(relative)
    for relative in sorted(files):
        data, old, target = files[relative], out / relative, new / relative
        if old.is_file() and old.stat().st_size == len(data) and old.read_bytes() == data:
            _link(old, target, made)
            unchanged.append(relative)
            continue
        _write_file(target, data, made)
        written.append(relative)
    if keep_snapshots and (out / SNAPSHOTS).is_dir():
        _copy_tree(out / SNAPSHOTS, new / SNAPSHOTS)
    return written, unchanged


def _already(
    out: Path, files: Mapping[str, bytes], kept: Sequence[str], keep_snapshots: bool
) -> bool:
    """True when the folder holds exactly this site already (nothing to build or swap)."""
    if not out.is_dir():
        return False
    present = set()
    top = str(out)
    for folder, subfolders, names in os.walk(top):
        here = folder[len(top) + 1 :].replace(os.sep, "/")
        if not here and keep_snapshots and SNAPSHOTS in subfolders:
            subfolders.remove(SNAPSHOTS)
        present.update(f"{here}/{name}" if here else name for name in names)
    if present != {*files, *kept}:
        return False
    for relative, data in files.items():
        old = out / relative
        if old.stat().st_size != len(data) or old.read_bytes() != data:
            return False
    return True


def _folder(target: Path, made: set[Path] | None) -> None:
    """The folder `target` goes in, made unless `made` records it was already (then each
    missing folder is made once, outermost first: no failed attempt before its parent)."""
    if made is None:
        target.parent.mkdir(parents=True, exist_ok=True)
        return
    missing = []
    folder = target.parent
    while folder not in made and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True)
        made.add(folder)


def _write_file(target: Path, data: bytes, made: set[Path] | None = None) -> None:
    """One new file of the site being built (no reader sees this folder until the swap)."""
    _folder(target, made)
    target.write_bytes(data)


def _link(source: Path, target: Path, made: set[Path] | None = None) -> None:
    """`target` as a hard link to `source` (a copy where links are not possible)."""
    _folder(target, made)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _copy_tree(source: Path, target: Path) -> None:
    """A folder's files linked into another, folder by folder (nothing in `source` changes)."""
    for path in sorted(source.rglob("*")):
        if path.is_file() and not any(part.endswith(".publishing") for part in path.parts):
            _link(path, target / path.relative_to(source))


def swap(new: Path, out: Path) -> None:
    """Put `new` where `out` is in one step; the old site ends at `new`'s path (if any).

    Linux exchanges the two folders atomically (renameat2 RENAME_EXCHANGE). Elsewhere the old
    folder is renamed aside and the new one renamed in: two renames, a moment with no site.
    """
    if not out.exists():
        new.rename(out)
        return
    if _exchange(new, out):
        return
    aside = out.parent / f".{out.name}.old"
    if aside.exists():
        shutil.rmtree(aside)
    out.rename(aside)
    new.rename(out)
    aside.rename(new)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically where the system can; False when it cannot."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))
