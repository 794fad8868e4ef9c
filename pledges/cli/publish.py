"""`python -m pledges publish`: write the public static site, its open-data API and embeds."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pledges import numbers, service, settings, site, translation
from pledges.cli import common


def register(sub: argparse._SubParsersAction) -> None:
    """The `publish` sub-command and its options."""
    p = sub.add_parser(
        "publish", help="write the public site (HTML, open-data API, embeds) into a folder"
    )
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="the site's folder")
    common.add_date_option(
        p, "--as-of", "as stored by this day, written to DIR/as-of/DATE/ (default: today, to DIR)"
    )
    p.add_argument(
        "--base-url",
        default=None,
        metavar="URL",
        help="where the site is served (adds sitemap.xml, canonical and og:url, and the embed "
        "snippets); default: PLEDGES_SITE_URL",
    )
    p.add_argument(
        "--city", action="append", default=None, metavar="NAME", help="only this city (repeat)"
    )
    p.add_argument(
        "--lang",
        action="append",
        default=None,
        choices=translation.languages(),
        help="write the pages in this language only (repeat; default: every language, English "
        "at DIR/ and the others at DIR/<lang>/); the data files and the API are written always; "
        "what it prints is in the first one named (default: PLEDGES_LANG, else en)",
    )
    p.set_defaults(run=run_publish)


def run_publish(args: argparse.Namespace) -> int:
    """Build the site beside the folder and swap it in; exit 1 on an unknown city."""
    t = service.translator(args.lang[0] if args.lang else common.default_language())
    db = common.open_store(args)
    if common.unknown_cities(db, args.city or (), t):
        return common.BAD_INPUT
    as_of = args.as_of or service.today(db)
    out = args.out / "as-of" / as_of.isoformat() if args.as_of else args.out
    base_url = args.base_url or settings.load().site_url
    if not base_url:
        print(
            t.gettext(
                "publish: no embed snippets: their address must be absolute; give {option} or "
                "set {setting} to where the site is served",
                option="--base-url",
                setting="PLEDGES_SITE_URL",
            ),
            file=sys.stderr,
        )
    if base_url and args.as_of:
        base_url = f"{base_url.rstrip('/')}/as-of/{as_of.isoformat()}/"
    started = time.perf_counter()
    built = site.build(db, as_of, args.city, base_url, out, args.lang)
    result = site.write(out, built.files, built.kept, keep_snapshots=not args.as_of)
    seconds = time.perf_counter() - started
    size = sum((out / path).stat().st_size for path in built.paths())
    langs = args.lang or translation.languages()
    print(
        t.ngettext(
            "published {count} file ({pages} pages, {size} bytes) to {out} as of {as_of}:"
            " {written} written, {unchanged} unchanged, {seconds} s (pages in {langs})",
            "published {count} files ({pages} pages, {size} bytes) to {out} as of {as_of}:"
            " {written} written, {unchanged} unchanged, {seconds} s (pages in {langs})",
            len(built.paths()),
            pages=numbers.exact(len(built.pages()), t.lang),
            size=numbers.exact(size, t.lang),
            out=out,
            as_of=as_of,
            written=numbers.exact(len(result.written), t.lang),
            unchanged=numbers.exact(len(result.unchanged), t.lang),
            seconds=numbers.fixed(seconds, 1, t.lang),
            langs=", ".join(langs),
        )
    )
    return common.OK
