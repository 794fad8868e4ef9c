"""The field types every definition shares, and how a problem's place is written."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated

import pydantic

from pledges import model

Slug = Annotated[str, pydantic.StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]


# Characters no definition holds: C0 controls but tab and line breaks, DEL, the C1 controls
# (the same rule as an import's cells, `ingest.readers.CONTROL`).
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
