"""`python -m pledges publish`: write the public static site, its open-data API and embeds."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pledges import service, settings, site, translation
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
        "at DIR/ and the others at DIR/<lang>/); the data files and the API are written always",
    )
    p.set_defaults(run=run_publish)


def run_publish(args: argparse.Namespace) -> int:
    """Build the site beside the folder and swap it in; exit 1 on an unknown city."""
    db = common.open_store(args)
    if common.unknown_cities(db, args.city or ()):
        return common.BAD_INPUT
    as_of = args.as_of or service.today(db)
    out = args.out / "as-of" / as_of.isoformat() if args.as_of else args.out
    base_url = args.base_url or settings.load().site_url
    if not base_url:
        print(
            "publish: no embed snippets: their address must be absolute; give --base-url or "
            "set PLEDGES_SITE_URL to where the site is served",
            file=sys.stderr,
        )
    if base_url and args.as_of:
        base_url = f"{base_url.rstrip('/')}/as-of/{as_of.isoformat()}/"
    started = time.perf_counter()
    built = site.build(db, as_of, args.city, base_url, out, args.lang)
    result = site.write(out, built.files, built.kept, keep_snapshots=not args.as_of)
    seconds = time.perf_counter() - started
    size = sum((out / path).stat().st_size for path in built.paths())
    print(
        f"published {len(built.paths())} files ({len(built.pages())} pages, {size:,} bytes) to "
        f"{out} as of {as_of}: {len(result.written)} written, {len(result.unchanged)} unchanged, "
        f"{seconds:.1f} s (pages in {', '.join(args.lang or translation.languages())})"
    )
    return common.OK
