"""The CDP–ICLEI connector: export files in, pledge definitions and long frames out; pure.

One city per CDP account number. Its name, country, region, population (with its year) and
coordinates are the newest edition's non-blank cells. The five cities the seed already
defines are matched by `SEED_NAMES`, never duplicated. Every row not used is in the report
with a stable code; `Panel.counts()` totals them by code, and rows used but flagged (a total
repeated under another year) are counted apart by `Panel.flagged()`.

Each construction (the value's method) is its own series. An account's constructions share
the indicator `community-emissions` while their years do not overlap; a construction that
reports a year an earlier one already holds is its own indicator (`community-emissions-2`,
...), trend only, so a later edition on another construction is never stored as a revision.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pledges import catalog, model, translation
from pledges.ingest import report
from pledges.ingest.checking import validate
from pledges.sources import cdp_inventories, cdp_layouts, cdp_series, cdp_targets

PLEDGE_KEY = "cdp"
INDICATOR_KEY = "community-emissions"
UNIT = "t CO2e"
CITATION = translation.N_(
    "This data was collected in partnership by CDP and ICLEI - Local Governments for Sustainability"
)
CAVEAT = translation.N_(
    "The inventory data is based on non-verified self-reported city inputs. The reported "
    "inventory may not include all emission sources within the city boundary."
)

# Organisation names (lower case, as spelled in any edition) of the seed's five cities.
# Accounts: Los Angeles 10894, New York City 3417, Greater London Authority 3422,
# San Francisco 31182, Copenhagen 31009. "City of London, ON" (50558) is not London.
SEED_NAMES: dict[str, str] = {
    "city of los angeles": "Los Angeles",
    "city of los angeles, ca": "Los Angeles",
    "new york city": "New York City",
    "new york city, ny": "New York City",
    "greater london authority": "London",
    "city of san francisco": "San Francisco",
    "city of san francisco, ca": "San Francisco",
    "city of copenhagen": "Copenhagen",
}

_POINT = re.compile(r"^POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)$", re.IGNORECASE)
_PAIR = re.compile(r"^\(\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*\)$")


REPEATED = "repeated-total"
FLAG_CODES = frozenset({REPEATED})
"""Report codes of rows that are used but flagged (not counted as rows not used)."""


@dataclass(frozen=True, slots=True)
class FileResult:
    """One file read: its layout, edition, long frame (inventories) and report."""

    file_name: str
    layout: str | None
    edition: int | None
    frame: pd.DataFrame
    report: report.Report

    def counts(self) -> Counter[str]:
        """Rows not used, by code."""
        return Counter(i.code for i in self.report.issues if i.code not in FLAG_CODES)

    def flagged(self) -> Counter[str]:
        """Rows used but flagged, by code."""
        return Counter(i.code for i in self.report.issues if i.code in FLAG_CODES)


@dataclass(frozen=True, slots=True)
class Panel:
    """Everything the files give: one pledge a city, and each inventory file's frame."""

    pledges: tuple[model.Pledge, ...]
    files: tuple[FileResult, ...]

    @property
    def ok(self) -> bool:
        """True when every file was recognised (unused rows do not block)."""
        return all(f.report.ok for f in self.files)

    def counts(self) -> Counter[str]:
        """Rows not used over every file, by code."""
        total: Counter[str] = Counter()
        for f in self.files:
            total.update(f.counts())
        return total

    def flagged(self) -> Counter[str]:
        """Rows used but flagged over every file, by code."""
        total: Counter[str] = Counter()
        for f in self.files:
            total.update(f.flagged())
        return total

    def inventory_files(self) -> list[FileResult]:
        """Files with values, oldest edition first: a later report of a year revises it."""
        return sorted(
            (f for f in self.files if len(f.frame)), key=lambda f: (f.edition or 0, f.file_name)
        )


TARGETS_NAME = translation.N_("Emissions reduction targets reported to CDP")


def _warning(refused: cdp_inventories.Refused) -> report.Issue:
    return report.Issue(
        refused.code,
        refused.message,
        refused.row,
        refused.column,
        severity="warning",
        wording=None
        if refused.template is None
        else report.Phrase(refused.template, refused.values),
    )


def location(text: str) -> tuple[float, float] | None:
    """(latitude, longitude) from `POINT (lon lat)` or 2016's `(lat, lon)`."""
    point = _POINT.match(text)
    if point:
        lon, lat = float(point.group(1)), float(point.group(2))
    else:
        pair = _PAIR.match(text)
        if not pair:
            return None
        lat, lon = float(pair.group(1)), float(pair.group(2))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat, lon) == (0.0, 0.0):
        return None
    return lat, lon


def _facts(records: Iterable[cdp_layouts.Record]) -> dict[str, str]:
    """An account's newest non-blank cell of each place field (records given oldest first)."""
    facts: dict[str, str] = {}
    for record in records:
        for name in ("organisation", "city", "country", "region", "location"):
            if record.text(name):
                facts[name] = record.text(name)
        population = cdp_inventories.number(record.text("population"))
        if population is not None and population >= 1:
            facts["population"] = str(int(population))
            facts.pop("population_year", None)
            year = record.text("population_year")
            if year.isdigit() and 1900 <= int(year) <= 2100:
                facts["population_year"] = year
    return facts


def seed_name(organisations: Iterable[str]) -> str | None:
    """The seed city an account is, if any of its organisation names is in `SEED_NAMES`."""
    return next((SEED_NAMES[o.lower()] for o in organisations if o.lower() in SEED_NAMES), None)


def city_names(accounts: dict[str, dict[str, str]], seeds: dict[str, str]) -> dict[str, str]:
    """A unique display name per account: the city, else the organisation; clashes say more."""
    names = {
        a: seeds.get(a) or f.get("city") or f.get("organisation") or a for a, f in accounts.items()
    }
    taken = {n.lower() for n in seeds.values()}
    counts = Counter(n.lower() for a, n in names.items() if a not in seeds)
    out: dict[str, str] = {}
    for account, name in names.items():
        if account in seeds:
            out[account] = name
            continue
        if counts[name.lower()] > 1 or name.lower() in taken:
            name = f"{name} ({accounts[account].get('country', 'CDP')}, CDP {account})"
        out[account] = name
    return out


def _city(name: str, account: str, facts: dict[str, str]) -> dict[str, Any]:
    city: dict[str, Any] = {
        "name": name,
        "country": facts.get("country", "not stated"),
        "cdp_account": account,
    }
    if "region" in facts:
        city["region"] = facts["region"]
    if "population" in facts:
        city["population"] = int(facts["population"])
        if "population_year" in facts:
            city["population_year"] = int(facts["population_year"])
    where = location(facts.get("location", ""))
    if where:
        city["latitude"], city["longitude"] = where
    return city


def _indicator(key: str, name: str, note: str) -> dict[str, Any]:
    return {
        "id": key,
        "name": name,
        "unit": UNIT,
        "direction": "lower",
        "floor": 0,  # gross emissions cannot go below zero
        "note": note,
    }


def _definition(
    city: dict[str, Any],
    plan: cdp_targets.Plan | None,
    edition: int | None,
    series: cdp_series.Series,
) -> dict[str, Any]:
    """A pledge definition as the catalog reads it, for one account."""
    source = f"CDP–ICLEI Open Data (account {city['cdp_account']}). {CITATION}. Self-reported."
    indicator = _indicator(
        INDICATOR_KEY,
        translation.N_("Community-wide emissions (self-reported to CDP)"),
        "Total: BASIC, else scope 1 + 2; each construction (protocol; boundary; which total "
        "and how it was built) is its own series; period: the year the accounting period ends "
        f"(one ending on 1 January: the year before). {CAVEAT}",
    )
    name = translation.N_("City-wide emissions reported to CDP")
    texts: tuple[str, ...] = ()
    if plan is not None:
        # The panel's fixed names are in the catalog: pages show them in the reader's language
        # (`Translator.name`, the edition year kept as it is).
        name = f"{TARGETS_NAME}, {edition}"
        cited = f"CDP–ICLEI {edition} Cities Emissions Reduction Targets"
        if plan.baseline is not None:
            base = plan.baseline
            indicator["baseline"] = {
                "year": base.year,
                "value": base.value,
                "source": f"{cited}, row {base.row} (self-reported)",
                "coverage": base.coverage,
                # Its own year's construction (or the one its coverage names); None: on no
                # series of the panel, a reference only (`cdp_series.baseline_method`).
                "method": series.baseline_method,
            }
        indicator["targets"] = [
            {
                "year": t.year,
                **(
                    {"change_pct": t.change_pct} if t.change_pct is not None else {"value": t.value}
                ),
                "claimed_pct": t.claimed_pct,
                "coverage": t.coverage,
                "source": f"{cited}, row {t.row} (self-reported)",
            }
            for t in plan.targets
        ]
        texts = plan.texts
    indicators = [indicator] + [
        _indicator(
            key,
            translation.CONSTRUCTION_NAME.format(method=method),
            f"Another construction ({method}) reporting years the main series holds: its own "
            f"series, trend only. {CAVEAT}",
        )
        for key, method in series.extra
    ]
    goal: dict[str, Any] = {
        "id": INDICATOR_KEY,
        "name": translation.N_("Community-wide emissions"),
        "indicators": indicators,
    }
    if series.extra:
        goal["headline"] = INDICATOR_KEY
    return {
        "city": city,
        "pledge": {
            "id": PLEDGE_KEY,
            "name": name,
            "source": source,
            **({"note": "; ".join(texts)} if texts else {}),
        },
        "goals": [goal],
    }


def _frame(
    values: Sequence[cdp_inventories.Value],
    names: dict[str, str],
    keys: dict[tuple[str, str], str] | None = None,
    notes: dict[int, str] | None = None,
) -> pd.DataFrame:
    """The long frame of one file's values (columns as `ingest.checking.validate.FRAME_COLUMNS`)."""
    keys, notes = keys or {}, notes or {}
    return validate.long_frame(
        {
            "city": [names[v.account] for v in values],
            "pledge": [PLEDGE_KEY] * len(values),
            "indicator": [keys.get((v.account, v.method), INDICATOR_KEY) for v in values],
            "period": [dt.date(v.year, 1, 1) for v in values],
            "annual": [True] * len(values),
            "value": [v.value for v in values],
            "unit": [UNIT] * len(values),
            "source": [
                f"CDP–ICLEI Open Data, city-wide emissions (account {v.account}; self-reported)"
                for v in values
            ],
            "note": [_joined(v.note, notes.get(v.row)) for v in values],
            "method": [v.method for v in values],
            "row": [v.row for v in values],
        }
    )


def _joined(*notes: str | None) -> str | None:
    return "; ".join(n for n in notes if n) or None


def read(files: Sequence[tuple[str, bytes]]) -> Panel:
    """Read every file given (any order, any editions) into one panel."""
    tables: list[tuple[str, cdp_layouts.Table | None]] = [
        (name, cdp_layouts.read(data)) for name, data in files
    ]
    known = [(n, t) for n, t in tables if t is not None]
    known.sort(key=lambda item: (cdp_inventories.edition_of(item[1]) or 0, item[0]))
    by_account: dict[str, list[cdp_layouts.Record]] = {}
    for _, table in known:
        for record in table.records:
            if record.text("account"):
                by_account.setdefault(record.text("account"), []).append(record)

    inventory: dict[str, tuple[list[cdp_inventories.Value], list[report.Issue]]] = {}
    plans: dict[str, cdp_targets.Plan] = {}
    target_issues: dict[str, list[report.Issue]] = {}
    target_edition: int | None = None
    for name, table in known:
        if table.layout.kind == "inventory":
            values, refused = cdp_inventories.read_table(table)
            inventory[name] = (values, [_warning(r) for r in refused])
            continue
        target_edition = cdp_inventories.edition_of(table)
        rows: dict[str, list[cdp_layouts.Record]] = {}
        issues: list[report.Issue] = []
        for record in table.records:
            if record.text("account"):
                rows.setdefault(record.text("account"), []).append(record)
            else:
                issues.append(
                    report.said(
                        "no-account",
                        translation.N_("the account number is blank"),
                        {},
                        record.row,
                        "account",
                        severity="warning",
                    )
                )
        for account, records in rows.items():
            plan = cdp_targets.plan(account, records)
            issues += [_warning(r) for r in plan.refused]
            if plan.targets or plan.texts:
                plans[account] = plan
        target_issues[name] = sorted(issues, key=lambda i: i.row or 0)

    baselines = {a: p.baseline for a, p in plans.items() if p.baseline is not None}
    keys, series, flags = cdp_series.place(inventory, INDICATOR_KEY, UNIT, REPEATED, baselines)
    with_values = {v.account for values, _ in inventory.values() for v in values}
    accounts = {a: _facts(by_account[a]) for a in sorted(with_values | set(plans), key=int)}
    seeds = {
        a: s
        for a in accounts
        if (s := seed_name(r.text("organisation") for r in by_account[a])) is not None
    }
    names = city_names(accounts, seeds)
    pledges: list[model.Pledge] = []
    refused_accounts: dict[str, report.Issue] = {}
    for account, facts in accounts.items():
        raw = _definition(
            _city(names[account], account, facts),
            plans.get(account),
            target_edition,
            series.get(account, cdp_series.Series()),
        )
        parsed, problems = catalog.parse_mapping(raw, f"CDP account {account}")
        if parsed is None:
            refused_accounts[account] = report.Issue(
                "definition-invalid", "; ".join(problems), None, None, severity="warning"
            )
            continue
        pledges.append(catalog.to_pledge(parsed))

    results: list[FileResult] = []
    for name, table in tables:
        if table is None:
            issue = report.said(
                "unknown-layout",
                translation.N_("the header is none of the CDP–ICLEI layouts this connector knows"),
                {},
                1,
                None,
            )
            results.append(FileResult(name, None, None, _frame([], names), report.Report((issue,))))
            continue
        edition = cdp_inventories.edition_of(table)
        if name in inventory:
            values, issues = inventory[name]
            kept = [v for v in values if v.account not in refused_accounts]
            issues = issues + [
                dataclasses.replace(refused_accounts[v.account], row=v.row)
                for v in values
                if v.account in refused_accounts
            ]
            flagged = flags.get(name, [])
            issues = sorted(issues + flagged, key=lambda i: i.row or 0)
            notes = {i.row or 0: cdp_series.repeat_note(i) for i in flagged}
            frame = _frame(kept, names, keys, notes)
        else:
            issues, frame = target_issues.get(name, []), _frame([], names)
        results.append(
            FileResult(
                name, table.layout.name, edition, frame, report.Report(tuple(issues), cap=10**9)
            )
        )
    return Panel(tuple(pledges), tuple(results))
