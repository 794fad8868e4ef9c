"""The field types every definition shares, and how a problem's place is written."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated

import pydantic

from pledges import model

Slug = Annotated[str, pydantic.StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]


# Characters no definition holds: C0 controls but tab and line breaks, DEL, the C1 controls
# (the same rule as an import's cells, `ingest.reading.readers.CONTROL`).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _no_control(text: str) -> str:
    """Refuse a text holding a control character (a YAML escape like \\0 can write one)."""
    found = _CONTROL.search(text)
    if found is not None:
        raise ValueError(
            f"holds the control character U+{ord(found.group()):04X}, which is never text; "
            "delete it"
        )
    return text


Text = Annotated[
    str,
    pydantic.StringConstraints(strip_whitespace=True, min_length=1),
    pydantic.AfterValidator(_no_control),
]

# The longest name (of a city, pledge, goal, indicator, unit or owner) in characters: any
# script fits PostgreSQL's index entries (at most 4 bytes a character, with an e-mail address
# beside a city name in the reminders' key, stays under its 2,704-byte limit).
NAME_MAX = 400

Name = Annotated[
    str,
    pydantic.StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MAX),
    pydantic.AfterValidator(_no_control),
]

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")


def _english_given(value: str | dict[str, str]) -> str | dict[str, str]:
    """A name in several languages must give the English one (`en`) and language codes only."""
    if isinstance(value, dict):
        if "en" not in value:
            raise ValueError("give the English name under `en:` (other languages beside it)")
        odd = sorted(key for key in value if not _LANGUAGE.match(key))
        if odd:
            raise ValueError(f"not a language code: {', '.join(odd)} (write en, es, ...)")
    return value


# A pledge's, goal's or indicator's name: one text, or one a language ({en: ..., es: ...}).
LocalName = Annotated[Name | dict[str, Name], pydantic.AfterValidator(_english_given)]


def english(name: str | dict[str, str]) -> str:
    """The English name of a `LocalName` (the name stored and used as a key)."""
    return name["en"] if isinstance(name, dict) else name


# A baseline's or target's number: finite, and within the bound every stored value keeps.
Number = Annotated[
    float,
    pydantic.Field(allow_inf_nan=False, ge=-model.LARGEST_VALUE, le=model.LARGEST_VALUE),
]


Email = Annotated[
    str,
    pydantic.StringConstraints(
        strip_whitespace=True, max_length=254, pattern=r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>.]+$"
    ),
]


class Strict(pydantic.BaseModel):
    """Unknown keys are errors: a typo must never be silently ignored."""

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)


def format_path(loc: Iterable[str | int]) -> str:
    """Render a pydantic location as `goals[2].indicators[0].targets[1].year`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("function-after", "function-before") or "[" in str(part):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out or "(file)"
