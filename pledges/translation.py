"""The one home of translation: a catalog per language, asked by whoever holds the language.

The language is always a parameter (a `Translator` passed down or `translator(lang)`), never
global state, so two sessions of the app can read two languages at once. Catalogs are gettext
files under pledges/locale/<lang>/LC_MESSAGES/ (docs/translating.md); adding a language is
adding a folder there.
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import babel

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
DEFAULT = "en"
# A test-only language: every catalog message comes back accented and in brackets, so a page
# read in it shows at a glance (and to a test) every English word that did not pass a catalog.
PSEUDO = "en-XA"

_PLACEHOLDER = re.compile(r"(\{[a-z_]+\})")
_EDITION = re.compile(r"(.+), (\d{4})")
_CONSTRUCTION = re.compile(r"Community-wide emissions, (.+) \(self-reported to CDP\)")
_ACCENTS = str.maketrans("aeiouyAEIOUY", "áéíóúýÁÉÍÓÚÝ")
# Country names as the CDP panel and the seed write them where Babel's English names differ
# (the UN's long forms, ISO codes); they name the same territory in Babel's locale data.
_COUNTRY_ALIASES = {
    "usa": "US",
    "united states of america": "US",
    "united kingdom of great britain and northern ireland": "GB",
    "taiwan, greater china": "TW",
    "turkey": "TR",
    "viet nam": "VN",
    "china, hong kong special administrative region": "HK",
    "russian federation": "RU",
    "republic of korea": "KR",
    "united republic of tanzania": "TZ",
    "côte d'ivoire": "CI",
    "bolivia (plurinational state of)": "BO",
    "state of palestine": "PS",
}


def N_(message: str) -> str:
    """Marks a message for the catalog where it is defined; it is translated where it is shown."""
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - gettext's own naming
    """Marks a message with a plural form where it is defined (shown with `ngettext(*pair, n)`)."""
    return singular, plural


# A name made from a catalog template and a value kept as stored (the CDP panel's series of
# another construction: "Community-wide emissions, {method} (self-reported to CDP)").
CONSTRUCTION_NAME = N_("Community-wide emissions, {method} (self-reported to CDP)")


def languages() -> tuple[str, ...]:
    """The languages a reader can choose: English and every language with a catalog."""
    found = sorted(
        path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")
    )
    return (DEFAULT, *(lang for lang in found if lang != DEFAULT))


def language_name(lang: str) -> str:
    """A language's name in itself ("English", "Español"), for the language switch."""
    if lang == PSEUDO:
        return "⟦Pseudo⟧"
    name = babel.Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_"))
    return (name or lang)[:1].upper() + (name or lang)[1:]


def resolve(lang: str | None) -> str:
    """A known language from what a URL or a flag asks ("es-MX" gives "es"), else English."""
    if not lang:
        return DEFAULT
    if lang == PSEUDO:
        return PSEUDO
    short = lang.replace("_", "-").split("-")[0].lower()
    return short if short in languages() else DEFAULT


@functools.cache
def _territory_codes() -> dict[str, str]:
    """Babel's English territory names (and the aliases above), folded, to their codes."""
    english = babel.Locale.parse(DEFAULT).territories
    codes = {name.casefold(): code for code, name in english.items() if not code.isdigit()}
    return {**codes, **_COUNTRY_ALIASES}


def country(name: str, lang: str) -> str:
    """A country's name in a language when Babel's locale data has it ("Estados Unidos"),
    else as stored (English, and the pseudo-locale, keep the stored name)."""
    if lang in (DEFAULT, PSEUDO):
        return name
    code = name if len(name) == 2 and name.isupper() else _territory_codes().get(name.casefold())
    if code is None:
        return name
    return babel.Locale.parse(lang.replace("-", "_")).territories.get(code, name)


def pseudo(message: str) -> str:
    """A message in the pseudo-locale: accented and bracketed, placeholders left as they are."""
    parts = _PLACEHOLDER.split(message)
    text = "".join(
        part if _PLACEHOLDER.fullmatch(part) else part.translate(_ACCENTS) for part in parts
    )
    return f"⟦{text}⟧"


class _Pseudo(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)


@dataclass(frozen=True, slots=True, eq=False)
class Translator:
    """One language's messages, its Babel locale (for numbers and dates) and the names a
    city's definitions give in it (`{en: ..., es: ...}`, keyed by the English name)."""

    lang: str
    catalog: gettext.NullTranslations
    names: Mapping[str, str] = field(default_factory=dict)

    def name(self, english: str) -> str:
        """A pledge's, goal's or indicator's name in this language: the definition's own, else
        a fixed name of the catalog (the CDP panel's, "..., 2021" keeping its year), else as is."""
        if self.lang == PSEUDO:
            return english
        if english in self.names:
            return self.names[english]
        construction = _CONSTRUCTION.fullmatch(english)
        if construction is not None:
            return self.gettext(CONSTRUCTION_NAME, method=construction.group(1))
        edition = _EDITION.fullmatch(english)
        if edition is not None:
            return f"{self.catalog.gettext(edition.group(1))}, {edition.group(2)}"
        return self.catalog.gettext(english)

    def country(self, name: str) -> str:
        """A country's name in this language (Babel's locale data), else as stored."""
        return country(name, self.lang)

    def with_names(self, names: Mapping[str, str]) -> Translator:
        """The same translator with the definitions' names in its language."""
        return Translator(self.lang, self.catalog, names)

    @property
    def locale(self) -> str:
        """The Babel locale that writes this language's numbers and dates."""
        return DEFAULT if self.lang == PSEUDO else self.lang

    def gettext(self, message: str, /, **values: object) -> str:
        """A message in this language, its named placeholders filled."""
        text = self.catalog.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """A message whose form follows a count (`{count}` is filled with it too)."""
        text = self.catalog.ngettext(singular, plural, count)
        return text.format(count=count, **values)


@functools.cache
def translator(lang: str | None = DEFAULT) -> Translator:
    """The translator of a language (English for anything unknown)."""
    code = resolve(lang)
    if code == PSEUDO:
        return Translator(code, _Pseudo())
    if code == DEFAULT:
        return Translator(code, gettext.NullTranslations())
    catalog = gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)
    return Translator(code, catalog)


ENGLISH = translator(DEFAULT)
