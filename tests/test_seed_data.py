"""Seed data checks: every shipped observation is sourced, well-formed and matches a definition."""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "data"
OBSERVATION_FILES = sorted((DATA / "observations").glob("*.csv"))
PLEDGE_FILES = sorted((DATA / "pledges").glob("*.yaml"))
HEADER = ["city", "pledge", "indicator", "period", "value", "unit", "source", "note", "method"]
PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
YEAR = re.compile(r"^\d{4}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TARGET_KINDS = ("value", "range", "change_pct", "maintain")


def _read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of one observation file, read as the upload format defines it."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def _load_yaml(path: Path) -> dict[str, Any]:
    """One pledge definition as plain data."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _definition_units() -> dict[tuple[str, str, str], str]:
    """Every defined indicator's unit, keyed as the upload format names it."""
    units: dict[tuple[str, str, str], str] = {}
    for path in PLEDGE_FILES:
        doc = _load_yaml(path)
        for goal in doc["goals"]:
            for indicator in goal.get("indicators", []):
                key = (doc["city"]["name"], doc["pledge"]["id"], indicator["id"])
                units[key] = indicator["unit"]
    return units


def _is_period(text: str) -> bool:
    """A year like 2019 or an ISO date like 2019-06-30."""
    if YEAR.match(text):
        return True
    if ISO_DATE.match(text):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return False
        return True
    return False


def _file_params(paths: list[Path]) -> list[Any]:
    """One test case per file, named by the file."""
    return [pytest.param(path, id=path.name) for path in paths]


def test_seed_files_exist() -> None:
    """The seed must not silently vanish: both folders hold files for all five cities."""
    slugs = {path.name.split("--")[0] for path in PLEDGE_FILES}
    assert {"los-angeles", "new-york-city", "london", "san-francisco", "copenhagen"} <= slugs
    assert {path.stem for path in OBSERVATION_FILES} >= {"los-angeles", "new-york-city", "london"}


@pytest.mark.parametrize("path", _file_params(OBSERVATION_FILES))
def test_observation_rows_are_well_formed(path: Path) -> None:
    """Each row has a source, a plain numeric value, a year or ISO date, and a unit."""
    header, rows = _read_rows(path)
    assert header == HEADER
    assert rows, f"{path.name} has no rows"
    problems = []
    for number, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            problems.append(f"line {number}: wrong number of fields")
            continue
        if not row["source"].strip():
            problems.append(f"line {number}: empty source")
        if not row["unit"].strip():
            problems.append(f"line {number}: empty unit")
        if not PLAIN_NUMBER.match(row["value"]) or not math.isfinite(float(row["value"])):
            problems.append(f"line {number}: value {row['value']!r} is not a plain number")
        if not _is_period(row["period"]):
            problems.append(f"line {number}: period {row['period']!r} is not a year or date")
        if row["city"] != row["city"].strip() or not row["city"]:
            problems.append(f"line {number}: bad city {row['city']!r}")
    assert problems == []


@pytest.mark.parametrize("path", _file_params(OBSERVATION_FILES))
def test_observation_keys_are_unique(path: Path) -> None:
    """One value per (city, pledge, indicator, period): the store's key."""
    _, rows = _read_rows(path)
    keys = [(r["city"], r["pledge"], r["indicator"], r["period"]) for r in rows]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert duplicates == []


@pytest.mark.parametrize("path", _file_params(OBSERVATION_FILES))
def test_observations_match_a_definition_and_its_unit(path: Path) -> None:
    """Every (city, pledge, indicator) is defined in some YAML file, with the same unit."""
    units = _definition_units()
    _, rows = _read_rows(path)
    problems = []
    for number, row in enumerate(rows, start=2):
        key = (row["city"], row["pledge"], row["indicator"])
        if key not in units:
            problems.append(f"line {number}: {key} is not defined")
        elif units[key] != row["unit"]:
            problems.append(f"line {number}: unit {row['unit']!r}, definition has {units[key]!r}")
    assert problems == []


@pytest.mark.parametrize("path", _file_params(PLEDGE_FILES))
def test_definition_numbers_are_sourced(path: Path) -> None:
    """Every baseline and target carries a non-empty source; targets are of one kind, in order."""
    doc = _load_yaml(path)
    pledge = doc["pledge"]
    assert path.name == f"{_slug(doc['city']['name'])}--{pledge['id']}.yaml"
    assert str(pledge.get("source", "")).strip()
    if pledge.get("status", "active") != "active":
        assert pledge.get("status_date") and str(pledge.get("status_source", "")).strip()
    problems = []
    for goal in doc["goals"]:
        assert SLUG.match(goal["id"])
        for indicator in goal.get("indicators", []):
            where = f"{goal['id']}/{indicator['id']}"
            assert SLUG.match(indicator["id"]), where
            baseline = indicator.get("baseline")
            if baseline is not None and not str(baseline.get("source", "")).strip():
                problems.append(f"{where}: baseline without source")
            targets = indicator.get("targets", [])
            for target in targets:
                if not str(target.get("source", "")).strip():
                    problems.append(f"{where}: target {target.get('year')} without source")
                kinds = [kind for kind in TARGET_KINDS if kind in target]
                if len(kinds) != 1:
                    problems.append(f"{where}: target {target.get('year')} has kinds {kinds}")
                if "change_pct" in target and baseline is None:
                    problems.append(f"{where}: change_pct target without a baseline")
            years = [target["year"] for target in targets]
            if years != sorted(years):
                problems.append(f"{where}: targets not sorted by year")
    assert problems == []


def _slug(name: str) -> str:
    """A city name as it appears in file names: 'New York City' -> 'new-york-city'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def test_abandoned_copenhagen_pledge_is_recorded() -> None:
    """The CPH 2025 goal was abandoned on 2022-08-23; the seed must say so."""
    doc = _load_yaml(DATA / "pledges" / "copenhagen--cph-2025.yaml")
    assert doc["pledge"]["status"] == "abandoned"
    assert doc["pledge"]["status_date"] == dt.date(2022, 8, 23)


def test_county_proxy_is_not_mixed_with_city_zev_share() -> None:
    """L.A. County vehicle shares live only in their own, clearly labelled indicator."""
    _, rows = _read_rows(DATA / "observations" / "los-angeles.csv")
    city_rows = [r for r in rows if r["indicator"] == "zev-share"]
    proxy_rows = [r for r in rows if r["indicator"] == "zev-share-la-county-proxy"]
    assert proxy_rows
    assert all("County" in r["note"] for r in proxy_rows)
    assert all("CEC" not in r["method"] and "County" not in r["note"] for r in city_rows)
