"""Templates to bytes: the Jinja environment, each page's relative root, charts and JSON."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import jinja2
import jinja2.bccache
import plotly.io as pio
import plotly.utils
from markupsafe import Markup, escape

from pledges import numbers, translation
from pledges.views.site import citation, site_pages

TEMPLATES = Path(__file__).parent / "templates"
CHART_CONFIG = {"displayModeBar": False, "responsive": True}
THEME = "plotly"


def _linked(text: str) -> Markup:
    """Source text escaped, its web addresses as links that leave the site."""
    out = []
    for part, href in citation.linked(text):
        if href is None:
            out.append(str(escape(part)))
        else:
            out.append(
                f'<a href="{escape(href)}" rel="external nofollow noopener">{escape(part)}</a>'
            )
    return Markup("".join(out))  # noqa: S704 - every part escaped above


class _Compiled(jinja2.BytecodeCache):
    """Compiled templates kept in memory and shared by every language's environment, so a
    second language does not compile them again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _Compiled()


def _environment(t: translation.Translator) -> jinja2.Environment:
    """Templates whose `_("...")`, `ngettext`, numbers and days speak `t`'s language; a
    message's placeholders are escaped as they are filled (a Markup value goes in as it is)."""

    def gettext(message: str, /, **values: object) -> Markup:
        text = Markup(escape(t.gettext(message)))  # noqa: S704 - escaped
        return text.format(**values) if values else text

    def ngettext(singular: str, plural: str, count: int, /, **values: object) -> Markup:
        text = t.catalog.ngettext(singular, plural, count)
        return Markup(escape(text)).format(count=count, **values)  # noqa: S704 - escaped

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_COMPILED,
    )
    env.filters["linked"] = _linked
    env.globals.update(
        _=gettext,
        ngettext=ngettext,
        lang=t.lang,
        t=t,
        bytes=lambda size: numbers.exact(size, t.lang),
        day_of=lambda iso: numbers.day(dt.date.fromisoformat(iso), t.lang) if iso else "",
    )
    return env


def root(path: str) -> str:
    """The relative way back to the site's root from a file at `path`."""
    return "../" * path.count("/")


def dump(document: object) -> bytes:
    """JSON with sorted keys and a final newline; `<`, `>` and `&` as escapes, inert anywhere."""
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    return (_inert(text) + "\n").encode()


def compact(document: object) -> bytes:
    """`dump` without indentation, for files read by scripts only (the search index)."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (_inert(text) + "\n").encode()


def _inert(text: str) -> str:
    for char, escape_ in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escape_)
    return text


def _finite(value: object) -> object:
    """Plain data with every non-finite number as None (JSON has no NaN; plotly draws a gap)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def figure_json(spec: dict[str, object]) -> tuple[str, str]:
    """A chart's data and layout as inert JSON (made once, shared by page and embed)."""
    spec = _finite(spec)
    data = json.dumps(spec["data"], ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    layout = json.dumps(spec["layout"], ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _inert(data), _inert(layout)


def theme_script() -> bytes:
    """plotly.py's own template ("plotly", its default), which it puts in every figure, written
    once for all charts (`Plotly.newPlot` calls add it to each layout). Named, not read from
    `pio.templates.default`, so a process that changes the default cannot change the site."""
    template = pio.templates[THEME].to_plotly_json()
    plain = json.loads(json.dumps(template, cls=plotly.utils.PlotlyJSONEncoder))
    canonical = json.dumps(plain, sort_keys=True, separators=(",", ":"))
    return f"window.pledgesTemplate={_inert(canonical)};\n".encode()


def chart(div_id: str, parts: tuple[str, str], height: int | None, label: str) -> Markup:
    """A chart's div and the `Plotly.newPlot` call drawing it (`height` None: fill the box)."""
    data, layout = parts
    size = f"height:{height}px;width:100%" if height else "height:100%;width:100%"
    extra = '{"template":window.pledgesTemplate}'
    if height is None:
        extra = '{"template":window.pledgesTemplate,"height":null,"autosize":true}'
    layout = f"Object.assign({layout},{extra})"
    config = json.dumps(CHART_CONFIG, sort_keys=True)
    call = f'Plotly.newPlot("{escape(div_id)}",{data},{layout},{config});'
    if height is None:  # the box's size is known once the text after it is laid out
        call = f'document.addEventListener("DOMContentLoaded",function(){{{call}}});'
    return Markup(  # noqa: S704 - ids are our own addresses; the JSON has `<`, `>`, `&` escaped
        f'<div id="{escape(div_id)}" class="plotly-graph-div" style="{size}" role="img" '
        f'aria-label="{escape(label)}"></div>\n<script>{call}</script>'
    )


# Where a language's page lives below the site's root: English at the root, any other
# language under /<lang>/ at the same address.
at = site_pages.in_language


class Renderer:
    """Renders templates into a files mapping, each page with its own relative root, in one
    language at a time (`speak`); `langs` are every language the site is published in."""

    def __init__(
        self,
        as_of: dt.date,
        base_url: str | None,
        langs: tuple[str, ...] = (translation.DEFAULT,),
    ) -> None:
        self.as_of = as_of
        self.base_url = base_url.rstrip("/") + "/" if base_url else None
        self.files: dict[str, bytes] = {}
        self.langs = langs
        self.t = translation.ENGLISH
        self._envs: dict[str, jinja2.Environment] = {}

    def speak(self, t: translation.Translator) -> None:
        """Render the next pages in `t`'s language."""
        self.t = t
        self._envs.setdefault(t.lang, _environment(t))

    def at(self, path: str) -> str:
        """Where a page of the language spoken now lives below the site's root."""
        return at(path, self.t.lang)

    def day(self) -> str:
        """The as-of day as the language spoken now writes it in prose."""
        return numbers.day(self.as_of, self.t.lang)

    def url(self, path: str) -> str | None:
        """The page's absolute address when the site's base URL is known."""
        return None if self.base_url is None else self.base_url + path

    def text(self, template: str, **context: object) -> str:
        """A template rendered in the language spoken now with the site's common context."""
        env = self._envs.get(self.t.lang) or self._envs.setdefault(
            self.t.lang, _environment(self.t)
        )
        return env.get_template(template).render(
            as_of=self.day(),
            as_of_iso=self.as_of.isoformat(),
            **context,
        )

    def alternates(self, path: str) -> list[tuple[str, str, str, str | None]]:
        """The page in each language published: (code, name, relative link, absolute
        address), for hreflang links and the language switch."""
        here = root(self.at(path))
        return [
            (lang, translation.language_name(lang), here + at(path, lang), self.url(at(path, lang)))
            for lang in self.langs
        ]

    def page(self, path: str, template: str, title: str, description: str, **context) -> None:
        """Render one HTML page into the files, at its address in the language spoken now
        (`root` leads to the language's own root, `assets` to the site's shared files)."""
        here = self.at(path)
        assets = root(here)
        self.files[here] = self.text(
            template,
            root=root(path),
            assets=assets,
            title=title,
            description=description,
            url=self.url(here),
            alternates=self.alternates(path),
            **context,
        ).encode()
