"""A sentence the engine says about a reference, kept as its catalog template and its values.

The engine decides why a baseline or target is set aside before anyone knows who will read it;
the words are chosen where it is shown, in the reader's language (docs/translating.md), so the
template is stored with raw values and worded by `say`.
"""

from __future__ import annotations

from dataclasses import dataclass

from pledges import numbers, translation


@dataclass(frozen=True, slots=True)
class Said:
    """A catalog template (marked with `translation.N_`) and its values: years and names as
    they are, `amounts` written with `unit` and plain `figures` in the reader's locale."""

    template: str
    values: tuple[tuple[str, str | int], ...] = ()
    amounts: tuple[tuple[str, float], ...] = ()
    figures: tuple[tuple[str, float], ...] = ()
    unit: str = ""

    def say(self, t: translation.Translator = translation.ENGLISH) -> str:
        """The sentence in `t`'s language, its numbers as that language writes them."""
        filled: dict[str, object] = dict(self.values)
        filled.update((key, numbers.quantity(v, self.unit, t.lang)) for key, v in self.amounts)
        filled.update((key, numbers.number(v, t.lang)) for key, v in self.figures)
        return t.gettext(self.template, **filled)
