"""Goal, pledge and city roll-ups: mean clipped share, worst status, and the counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pledges.progress import status


class Rated(Protocol):
    """Anything with a status and a progress share: an Assessment or a Rollup."""

    @property
    def status(self) -> str: ...

    @property
    def progress_share(self) -> float | None: ...


@dataclass(frozen=True, slots=True)
class Rollup:
    """A goal, pledge or city summarised from its parts."""

    name: str
    status: str | None
    symbol: str | None
    progress_share: float | None
    counts: dict[str, int] = field(hash=False)
    counts_text: str = ""
    total: int = 0


def clip(share: float) -> float:
    """A share clipped to 0-100 %, as the roll-up uses it."""
    return min(1.0, max(0.0, share))


def counts_text(counts: dict[str, int]) -> str:
    """ "2 of 3 on track (1 achieved), 1 off track": on track counts achieved ones too."""
    rated = sum(n for word, n in counts.items() if status.CODE_OF[word] <= status.ACHIEVED)
    achieved = counts.get("achieved", 0)
    parts = []
    if rated:
        good = counts.get("on track", 0) + achieved
        parts.append(
            f"{good} of {rated} on track" + (f" ({achieved} achieved)" if achieved else "")
        )
    for code in (
        status.NEEDS_ACCELERATION,
        status.OFF_TRACK,
        status.WRONG_DIRECTION,
        status.INSUFFICIENT_DATA,
        status.TREND_ONLY,
    ):
        if counts.get(status.WORDS[code]):
            parts.append(f"{counts[status.WORDS[code]]} {status.WORDS[code]}")
    return ", ".join(parts) if parts else "nothing to assess"


def rollup(items: Sequence[tuple[str, Rated]], name: str = "") -> Rollup:
    """Roll up named parts: the worst status among those with targets, the mean clipped share."""
    words = [item.status for _, item in items if item.status is not None]
    worst = status.worst(words)
    counts = {word: words.count(word) for word in status.WORDS if word in words}
    shares = [clip(item.progress_share) for _, item in items if item.progress_share is not None]
    share = sum(shares) / len(shares) if shares else None
    return Rollup(
        name=name,
        status=worst,
        symbol=None if worst is None else status.SYMBOL_OF[worst],
        progress_share=share,
        counts=counts,
        counts_text=counts_text(counts),
        total=len(items),
    )
