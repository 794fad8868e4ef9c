"""The data gaps page's rows: indicators whose data falls short (no values, too few, stale or
without a target), each with its reason in the page's language (pure)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from pledges import translation
from pledges.views.site import site_pages


@dataclass(frozen=True, slots=True)
class Gap:
    """An indicator whose data falls short: no values, too few, stale or without a target
    (its names, status and reason in the page's language)."""

    indicator: site_pages.IndicatorView
    reason: str
    name: str = ""
    pledge: str = ""
    status: site_pages.Status | None = None


def gaps(
    cities: Sequence[site_pages.CityView], t: translation.Translator = translation.ENGLISH
) -> list[Gap]:
    """Indicators whose data falls short, worst gap first within each city, in `t`'s words."""
    out = []
    for city in cities:
        for pledge in city.pledges:
            for view in pledge.indicators:
                a = view.item.assessment
                stored = len(view.item.observations)
                if a.latest_year is None:
                    out.append(Gap(view, t.gettext("no values stored")))
                elif view.status.code == "insufficient data" and stored < a.min_points:
                    reason = t.ngettext(
                        "only {count} value; {needed} needed",
                        "only {count} values; {needed} needed",
                        stored,
                        needed=a.min_points,
                    )
                    out.append(Gap(view, reason))
                elif view.status.code == "insufficient data":
                    reason = t.gettext(
                        "too old: no series has {needed} values at most {age} years old "
                        "(newest for {year})",
                        needed=a.min_points,
                        age=a.max_age,
                        year=a.latest_year,
                    )
                    out.append(Gap(view, reason))
                elif a.stale:
                    reason = t.gettext("stale: newest value is for {year}", year=a.latest_year)
                    out.append(Gap(view, reason))
                elif not a.has_targets:
                    out.append(Gap(view, t.gettext("no numeric target (trend only)")))
    return [
        dataclasses.replace(
            g,
            name=t.name(g.indicator.item.indicator.name),
            pledge=t.name(g.indicator.item.pledge.name),
            status=site_pages.status_of(g.indicator.status.code, t),
        )
        for g in out
    ]
