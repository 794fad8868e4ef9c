"""The site's vendored plotly.js basic bundle: the version plotly.py writes for, and every trace
the site draws of a type the bundle has (a missing type would leave a blank chart)."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import re
from pathlib import Path

import plotly.offline

from pledges import site as publishing
from tests.conftest import seed_repository

# The module, not the `build` function the package re-exports under the same name.
site_build = importlib.import_module("pledges.site.build")
WHEN = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)


def test_bundle_is_the_version_plotly_py_writes_figures_for() -> None:
    head = site_build.PLOTLY_JS.read_bytes()[:200].decode("ascii")
    found = re.search(r"plotly\.js \(basic - minified\) v(\S+)", head)
    assert found is not None, head
    assert found.group(1) == plotly.offline.get_plotlyjs_version()


def test_bundle_is_the_npm_file_the_vendor_note_names() -> None:
    digest = hashlib.sha256(site_build.PLOTLY_JS.read_bytes()).hexdigest()
    note = (site_build.PLOTLY_JS.parent / "README.md").read_text(encoding="utf-8")
    assert digest in note


def test_every_trace_of_the_seeded_site_is_in_the_bundle(tmp_path: Path) -> None:
    db = seed_repository(f"sqlite:///{tmp_path / 'seed.db'}", WHEN, panel=False)
    views = publishing.gather(db, WHEN.date())
    types = {
        trace.type
        for city in views
        for pledge in city.pledges
        for goal in pledge.goals
        for indicator in goal.indicators
        for trace in indicator.figure.data
    }
    assert types, "the seed draws no chart at all"
    assert types <= site_build.PLOTLY_TRACES, types - site_build.PLOTLY_TRACES
