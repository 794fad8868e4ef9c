"""The reader's language with the names the city's definitions give in it."""

from __future__ import annotations

from pledges import settings, translation
from pledges.catalog import names


def translator(lang: str | None) -> translation.Translator:
    """The catalog's messages in `lang` and the configured definitions' names in it."""
    t = translation.translator(lang)
    if t.lang in (translation.DEFAULT, translation.PSEUDO):
        return t
    return t.with_names(names.name_translations(settings.load().catalog_dir, t.lang))
