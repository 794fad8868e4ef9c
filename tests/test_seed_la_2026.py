"""The L.A. seed against /work/shared/data-sources-la-2026.md: figures copied by hand from it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "data"
LA_CSV = DATA / "observations" / "los-angeles.csv"
FIVE_ZEROES = DATA / "pledges" / "los-angeles--five-zeroes.yaml"


def _rows() -> list[dict[str, str]]:
    with LA_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _value(indicator: str, period: str, pledge: str = "five-zeroes") -> tuple[float, str]:
    """The one seeded value and method at (pledge, indicator, period)."""
    found = [
        r
        for r in _rows()
        if (r["pledge"], r["indicator"], r["period"]) == (pledge, indicator, period)
    ]
    assert len(found) == 1, (pledge, indicator, period, len(found))
    return float(found[0]["value"]), found[0]["method"]


def _indicator(key: str) -> dict:
    doc = yaml.safe_load(FIVE_ZEROES.read_text(encoding="utf-8"))
    return next(i for g in doc["goals"] for i in g["indicators"] if i["id"] == key)


# (indicator, period, value as the document prints it, unit conversion, method) - section 1.
SPOT_CHECKS = [
    # 1.1: 9.4.1 totals in million metric tons, stored in t (x 1,000,000).
    (
        "community-ghg-gpc-basic",
        "2014",
        31.07 * 1_000_000,
        "City GPC inventory, BASIC (Open SDG 9.4.1)",
    ),
    (
        "community-ghg-gpc-basic",
        "2016",
        27.2 * 1_000_000,
        "City GPC inventory, BASIC (Open SDG 9.4.1)",
    ),
    # CDP 2019 parts: 17,416,935 + 8,023,092 + 1,881,103 = 27,321,130 t.
    ("community-ghg-gpc-basic", "2017-12-31", 27_321_130, "GPC BASIC"),
    # Sector tonnes, as published in Mt.
    ("building-ghg-gpc", "2016", 11.74, "City GPC inventory, BASIC (Open SDG 9.4.1)"),
    ("industrial-ghg-gpc", "2014", 8.66, "City GPC inventory, BASIC (Open SDG 9.4.1)"),
    ("transport-ghg-gpc", "2017", 5.87, "City GPC inventory, BASIC (Open SDG 9.4.1)"),
    ("waste-ghg-gpc", "2017", 1.91, "City GPC inventory, BASIC (Open SDG 9.4.1)"),
    # 1.2: Power Content Label joins the Briefing Book series (equal in 2013 and 2014).
    ("renewable-share", "2011", 19, "LADWP Briefing Book series"),
    ("renewable-share", "2012", 20, "LADWP Briefing Book series"),
    ("renewable-share", "2015", 21, "LADWP Briefing Book series"),
    ("renewable-share", "2016-12-31", 28, "SCPPA member page (unaudited)"),
    ("coal-share", "2011", 41, ""),
    ("coal-share", "2012", 33, ""),
    # 1.3: two counting methods for local solar.
    ("local-solar", "2018-02-28", 291, "pLAn progress pages (capacity as of the report month)"),
    ("local-solar", "2018", 420, ""),
    ("local-solar", "2017", 349.3, "Environment America 'Shining Cities' all-PV estimate"),
    ("energy-storage", "2017", 1296, ""),
    # 1.4
    ("ev-chargers", "2021-01-01", 2477, ""),
    ("zev-share", "2019", 5, "ICCT: EV registrations / light-duty vehicles registered in the city"),
    ("zev-share-la-county-proxy", "2022-12-31", 4.02, "LACI TEP tracker (EVs on the road)"),
    # 1.5: the correction, 76.4 % is the 2012 rate.
    ("landfill-diversion", "2012", 76.4, ""),
    # 1.6: four GPCD measures, never one line.
    ("water-use-per-capita", "2015-06-30", 113, "LADWP fiscal-year GPCD"),
    ("water-use-per-capita", "2015-08-31", 110, "LADWP rolling GPCD (as of August)"),
    ("water-use-per-capita", "2018", 112, "LADWP Briefing Book average daily use (label year)"),
    # 1.7
    (
        "local-water-share",
        "2015-01-31",
        12,
        "LADWP: groundwater, stormwater, conservation, recycling",
    ),
    ("stormwater-capture", "2023", 82_600, ""),
    ("stormwater-capture", "2025", 83_000, ""),
    (
        "stormwater-capture",
        "2014-06-30",
        108_199,
        "LADWP stormwater series before the 2015 Master Plan",
    ),
]


@pytest.mark.parametrize(
    ("indicator", "period", "expected", "method"),
    SPOT_CHECKS,
    ids=[f"{c[0]}-{c[1]}" for c in SPOT_CHECKS],
)
def test_seed_row_equals_the_document(
    indicator: str, period: str, expected: float, method: str
) -> None:
    value, stored_method = _value(indicator, period)
    assert value == pytest.approx(expected)
    assert stored_method == method


DERIVED = [
    # Section 2, with the document's arithmetic redone here.
    (
        "five-zeroes",
        "community-ghg-reduction-vs-1990",
        "2016-12-31",
        round((1 - 27.20 / 33.249) * 100, 1),
    ),
    (
        "five-zeroes",
        "community-ghg-reduction-vs-1990",
        "2014-12-31",
        round((1 - 31.07 / 33.249) * 100, 1),
    ),
    ("five-zeroes", "community-ghg-reduction-vs-1990", "2018", 0.48 * 50),
    ("la100", "carbon-free-share", "2019", 34 + 4 + 14),
    ("la100", "carbon-free-share", "2015", 21 + 3 + 10),
    ("five-zeroes", "local-groundwater-recycled-share", "2020", 9 + 2),
    ("five-zeroes", "mwd-share-of-supply", "2017", 54 + 10),
    ("five-zeroes", "local-water-share", "2018", 100 - 85),
    ("five-zeroes", "wastewater-recycled", "2019", round(0.81 * 27 + 0.19 * 100, 1)),
]


@pytest.mark.parametrize(
    ("pledge", "indicator", "period", "expected"), DERIVED, ids=[f"{d[1]}-{d[2]}" for d in DERIVED]
)
def test_derived_rows_are_the_documents_arithmetic_and_say_so(
    pledge: str, indicator: str, period: str, expected: float
) -> None:
    value, method = _value(indicator, period, pledge)
    assert value == pytest.approx(expected)
    row = next(
        r
        for r in _rows()
        if (r["pledge"], r["indicator"], r["period"]) == (pledge, indicator, period)
    )
    assert method.startswith("derived") and row["note"].startswith("derived")


def test_landfill_rate_76_4_is_dated_2012_not_its_report_year() -> None:
    periods = {r["period"] for r in _rows() if r["indicator"] == "landfill-diversion"}
    assert "2013" not in periods and "2012" in periods


def test_gpcd_baseline_is_the_fiscal_year_2013_14_figure() -> None:
    baseline = _indicator("water-use-per-capita")["baseline"]
    assert (baseline["year"], baseline["value"], baseline["method"]) == (
        2014,
        131,
        "LADWP fiscal-year GPCD",
    )
    assert "fiscal year ending June 30, 2015 was 113" in baseline["source"]


def test_stormwater_baseline_is_2015_at_64000() -> None:
    assert _indicator("stormwater-capture")["baseline"]["value"] == 64_000


def test_city_and_derived_reductions_never_share_a_line() -> None:
    """The City's 20 % (2013) and the derived 16.1 % for the same year keep their own methods."""
    city, city_method = _value("community-ghg-reduction-vs-1990", "2013")
    derived, derived_method = _value("community-ghg-reduction-vs-1990", "2013-12-31")
    assert (city, derived) == (20, 16.1)
    assert city_method != derived_method


def test_every_new_row_quotes_its_source() -> None:
    """Rows citing the two repositories or LADWP pages carry the quoted words in the note."""
    cited = [
        r for r in _rows() if "open-sdg-data-starter" in r["source"] or "hmiy-sxh5" in r["source"]
    ]
    assert len(cited) >= 40
    assert all(("'" in r["note"] or '"' in r["note"]) for r in cited)
