"""A roll-up's counts in the reader's language ("2 of 4 indicators assessed: 1 on track")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pledges import translation
from pledges.service import vocabulary
from pledges.views import formatting

Translator = translation.Translator
EN = translation.ENGLISH


_ASSESSED = {
    "indicators": translation.NP_(
        "{assessed} of {count} indicator assessed",
        "{assessed} of {count} indicators assessed",
    ),
    "goals": translation.NP_(
        "{assessed} of {count} goal assessed",
        "{assessed} of {count} goals assessed",
    ),
    "pledges": translation.NP_(
        "{assessed} of {count} pledge assessed",
        "{assessed} of {count} pledges assessed",
    ),
}
_NONE_WITH_TARGET = {
    "indicators": translation.N_("no indicators with a target"),
    "goals": translation.N_("no goals with a target"),
    "pledges": translation.N_("no pledges with a target"),
}


# A count of parts with one status ("2 need acceleration"): the word agrees with the count.
COUNTED: dict[str, tuple[str, str]] = {
    "wrong direction": translation.NP_("{count} wrong direction", "{count} wrong direction"),
    "off track": translation.NP_("{count} off track", "{count} off track"),
    "needs acceleration": translation.NP_(
        "{count} needs acceleration", "{count} need acceleration"
    ),
    "on track": translation.NP_("{count} on track", "{count} on track"),
    "achieved": translation.NP_("{count} achieved", "{count} achieved"),
}


def counted(count: int, word: str, t: Translator = EN) -> str:
    """ "2 need acceleration", "1 logrado": a count of parts with one status."""
    if word not in COUNTED:
        return f"{count} {formatting.status_word(word, t)}"
    return t.ngettext(*COUNTED[word], count)


def counts_line(
    counts: Mapping[str, int], assessed: int, total: int, noun: str, t: Translator = EN
) -> str:
    """Every count of a roll-up, in its own order ("1 of 2 goals assessed: 1 off track,
    1 insufficient data"; "...: none"), as `status --by` prints it."""
    singular, plural = _ASSESSED.get(noun, _ASSESSED["indicators"])
    text = t.ngettext(singular, plural, total, assessed=assessed)
    parts = ", ".join(counted(n, word, t) for word, n in counts.items())
    return t.gettext("{text}: {parts}", text=text, parts=parts or t.gettext("none"))


def counts_text(rollup: Any, t: Translator = EN) -> str:
    """A roll-up's counts in the reader's language ("2 of 4 indicators assessed: 1 on track,
    1 off track"); English is the engine's own text."""
    noun = getattr(rollup, "noun", "indicators")
    if t.lang == translation.DEFAULT or noun not in _ASSESSED:
        return str(getattr(rollup, "counts_text", ""))
    counts = rollup.counts
    if not rollup.with_targets:
        without = sum(counts.values())
        text = t.gettext(_NONE_WITH_TARGET[noun])
        return text + (" " + t.gettext("({count} trend only)", count=without) if without else "")
    order = reversed(vocabulary.RANKED)
    parts = [counted(counts[w], str(w), t) for w in order if counts.get(w)]
    singular, plural = _ASSESSED[noun]
    text = t.ngettext(singular, plural, rollup.with_targets, assessed=rollup.assessed)
    return t.gettext("{text}: {parts}", text=text, parts=", ".join(parts)) if parts else text
