"""The public site's addresses: readable, stable and unique for names of any length and script.

Pure. A name is transliterated to ASCII (anyascii: "Bogotá" → `bogota`, "東京" → `dongjing`),
lowercased and hyphenated; a long one is cut and given a stable suffix (the first hex digits of
the SHA-256 of the whole name), as is a name whose address another name also reaches (a name
already written in plain ASCII keeps the bare address). The page keeps the full name.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

import anyascii

MAX_LENGTH = 60
"""Characters of a transliterated address before it is cut (a path segment stays short)."""
SUFFIX_LENGTH = 8
_UNSAFE = re.compile(r"[^a-z0-9]+")


def legacy(text: str) -> str:
    """The address earlier publishes gave (ASCII letters kept, the rest dropped), to redirect."""
    return _UNSAFE.sub("-", text.lower()).strip("-") or "x"


def suffix(text: str) -> str:
    """A stable short tag of the whole name."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:SUFFIX_LENGTH]


def base(text: str) -> str:
    """The name transliterated and hyphenated; cut (with the suffix) when long, and only the
    suffix when nothing readable is left."""
    plain = _UNSAFE.sub("-", anyascii.anyascii(text).lower()).strip("-")
    if not plain:
        return f"n-{suffix(text)}"
    if len(plain) > MAX_LENGTH:
        return plain[:MAX_LENGTH].rstrip("-") + "-" + suffix(text)
    return plain


def addresses(names: Iterable[str]) -> dict[str, str]:
    """Each name's unique address; names sharing one get the suffix, except a plain-ASCII one."""
    groups: dict[str, list[str]] = defaultdict(list)
    for name in sorted(set(names)):
        groups[base(name)].append(name)
    out: dict[str, str] = {}
    for address, group in groups.items():
        plain = [name for name in group if name.isascii()]
        for name in group:
            alone = len(group) == 1 or (len(plain) == 1 and name == plain[0])
            out[name] = (
                address
                if alone or address.endswith(suffix(name))
                else (f"{address}-{suffix(name)}")
            )
    taken = set(out.values())
    if len(taken) < len(out):  # a suffixed address met another name's bare one: suffix them all
        return {name: f"{base(name)}-{suffix(name)}" for name in out}
    return out


def address(name: str, among: Iterable[str] = ()) -> str:
    """One name's address among the others published with it."""
    return addresses([name, *among])[name]
