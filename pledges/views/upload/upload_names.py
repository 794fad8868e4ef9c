"""The Upload form's pickers in readers' words: pledge and indicator names, limited to one city."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pledges import model

Catalog = Mapping[model.IndicatorRef, model.Indicator]
PledgeNames = Mapping[tuple[str, str], str]
GoalNames = Mapping[model.IndicatorRef, str]
SEPARATOR = " · "
PATH = " › "


def pledge_names(pledges: Iterable[model.Pledge]) -> dict[tuple[str, str], str]:
    """Each pledge's name by (city, pledge id), as the catalog spells it."""
    return {(pledge.city.name, pledge.key): pledge.name for pledge in pledges}


def goal_names(pledges: Iterable[model.Pledge]) -> dict[model.IndicatorRef, str]:
    """The name of each indicator's goal, so a picker can write pledge › goal › indicator."""
    return {
        model.IndicatorRef(pledge.city.name, pledge.key, indicator.key): goal.name
        for pledge in pledges
        for goal, indicator in pledge.indicators()
    }


def in_city(catalog: Catalog, city: str | None) -> list[model.IndicatorRef]:
    """The catalog's indicators of one city (every city's when none is chosen)."""
    return [ref for ref in catalog if not city or ref.city == city]


def pledge_label(key: str, names: PledgeNames, city: str | None = None) -> str:
    """A pledge as readers know it ("Five Zeroes (L.A.'s Green New Deal)"), its id if unnamed."""
    if not key:
        return key
    for (place, pledge), name in names.items():
        if pledge == key and (not city or place == city):
            return name
    return key


def indicator_labels(
    catalog: Catalog,
    names: PledgeNames,
    city: str | None,
    pledge: str | None = None,
    goals: GoalNames | None = None,
) -> dict[str, str]:
    """Indicator id -> "Pledge name · Indicator name" for the chosen city (and pledge, if any);
    with `goals`, the whole path "Pledge › Goal › Indicator", never cut."""
    labels: dict[str, str] = {}
    for ref in sorted(in_city(catalog, city), key=lambda r: (r.city, r.pledge, r.indicator)):
        if pledge and ref.pledge != pledge:
            continue
        name = catalog[ref].name
        pledge_name = names.get((ref.city, ref.pledge), ref.pledge)
        goal = (goals or {}).get(ref)
        path = (
            f"{pledge_name}{PATH}{goal}{PATH}{name}" if goal else f"{pledge_name}{SEPARATOR}{name}"
        )
        labels.setdefault(ref.indicator, path)
    return dict(sorted(labels.items(), key=lambda item: item[1].casefold()))


def full_names(
    catalog: Catalog, names: PledgeNames, goals: GoalNames
) -> dict[model.IndicatorRef, str]:
    """Every indicator's whole name, "Pledge › Goal › Indicator", by its reference."""
    return {
        ref: PATH.join(
            part
            for part in (
                names.get((ref.city, ref.pledge), ref.pledge),
                goals.get(ref),
                indicator.name,
            )
            if part
        )
        for ref, indicator in catalog.items()
    }


def label_of(labels: Mapping[str, str], key: str) -> str:
    """A picked id as its label (blank stays blank, an unknown id stays as it is)."""
    return labels.get(key, key) if key else key


def units_of(catalog: Catalog, city: str | None) -> list[str]:
    """The units the chosen city's indicators are kept in, for mapping a file's units."""
    return sorted({catalog[ref].unit for ref in in_city(catalog, city)}, key=str.casefold)
