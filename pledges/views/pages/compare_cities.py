"""The Compare page's cities side by side: their share bars and their table, in the reader's
language (pure: service results in, bars and columns out)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pledges import model, translation
from pledges.views import formatting, rollup_counts, summaries
from pledges.views.pages import panel, share_bars

# One city as the page gathered it: the city, its pledge summaries, its roll-up, its indicators.
CityRow = tuple[model.City, Sequence[Any], Any, Sequence[Any]]


def bars(rows: Sequence[CityRow], t: translation.Translator) -> list[share_bars.ShareBar]:
    """One progress-share bar per city; a city without an active pledge says so."""
    return [
        share_bars.ShareBar(
            city.name
            if summaries.active_count(pledged)
            else t.gettext("{city} (no active pledge)", city=city.name),
            rollup.progress_share,
            rollup.status,
            rollup_counts.counts_text(rollup, t),
        )
        for city, pledged, rollup, _ in rows
    ]


def side_by_side(rows: Sequence[CityRow], t: translation.Translator) -> dict[str, list[object]]:
    """The cities' table by column: status, grade and progress share, never raw values."""
    return {
        "city": [city.name for city, _, _, _ in rows],
        "country": [city.country for city, _, _, _ in rows],
        "active pledges": [summaries.active_count(pledged) for _, pledged, _, _ in rows],
        "status": [
            formatting.status_label(rollup.status, t)
            if summaries.active_count(pledged)
            else t.gettext("no active pledge")
            for _, pledged, rollup, _ in rows
        ],
        "grade": [panel.grade_text(rollup.evidence, t) for _, _, rollup, _ in rows],
        "progress share": [formatting.share(rollup.progress_share, t) for _, _, rollup, _ in rows],
        "indicators": [rollup_counts.counts_text(rollup, t) for _, _, rollup, _ in rows],
        "newest value": [summaries.latest_year(items) for _, _, _, items in rows],
    }
