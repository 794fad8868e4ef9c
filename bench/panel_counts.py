"""Issue 25's "Done when" counts over the whole CDP–ICLEI panel, from a store `init` filled.

Like `bench.panel`, it reads the real data/ (the shipped CDP exports), not synthetic data; it
times nothing. `python -m bench.panel_counts --database URL --today 2026-12-05` prints them;
docs/cdp-panel.md quotes them.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pledges import service, settings, store
from pledges.progress import status as st
from pledges.sources import cdp

AGREE_POINTS = 10
UNRANKED = (st.Status.INSUFFICIENT_DATA, st.Status.TREND_ONLY)


@dataclass(frozen=True, slots=True)
class Counts:
    """Counts per rule (mapping and engine) and the panel's statuses, shares and claims."""

    cities: int
    with_status: int
    with_share: int
    claims_agree: int
    claims_comparable: int
    targets_coverage: int
    targets_unit_slip: int
    targets_met_side: int
    targets_relative: int
    baselines_coverage: int
    baselines_implausible: int
    baselines_reference_only: int


@dataclass(frozen=True, slots=True)
class Mapping:
    """What the mapping does to the shipped files, before any engine rule."""

    values: int
    extra_indicators: int
    extra_cities: int
    extra_values: int
    periods_moved: int
    repeated_totals: int


def engine_counts(db: store.Store, today: dt.date) -> Counts:
    """Every panel city's main indicator assessed as of `today`, counted by rule."""
    items = [
        s
        for s in service.assess(db, today=today)
        if s.pledge.key == cdp.PLEDGE_KEY and s.indicator.key == cdp.INDICATOR_KEY
    ]
    rules: collections.Counter[str] = collections.Counter()
    agree = comparable = 0
    for item in items:
        a = item.assessment
        for aside in a.set_aside:
            kind = "unit slip" if "unit slip" in aside.reason else "met side"
            kind = "coverage" if " covers " in aside.reason else kind
            rules[kind if aside.problem or kind == "coverage" else "relative"] += 1
        if a.baseline_note:
            rules["baseline implausible" if "times or more" in a.baseline_note else "baseline"] += 1
        rules["reference only"] += a.baseline_other_method
        final = a.final_target
        if a.progress_share is not None and final is not None and final.claimed_pct is not None:
            comparable += 1
            agree += abs(final.claimed_pct - 100 * a.progress_share) <= AGREE_POINTS
    return Counts(
        cities=len(items),
        with_status=sum(s.assessment.status not in UNRANKED for s in items),
        with_share=sum(s.assessment.progress_share is not None for s in items),
        claims_agree=agree,
        claims_comparable=comparable,
        targets_coverage=rules["coverage"],
        targets_unit_slip=rules["unit slip"],
        targets_met_side=rules["met side"],
        targets_relative=rules["relative"],
        baselines_coverage=rules["baseline"],
        baselines_implausible=rules["baseline implausible"],
        baselines_reference_only=rules["reference only"],
    )


def mapping_counts(folder: Path) -> Mapping:
    """The shipped files read by the connector: constructions apart, periods, repeats."""
    panel = cdp.read([(p.name, p.read_bytes()) for p in sorted(folder.glob("*.csv"))])
    frame = pd.concat([f.frame for f in panel.inventory_files()])
    extra = frame[frame["indicator"] != cdp.INDICATOR_KEY]
    return Mapping(
        values=len(frame),
        extra_indicators=extra.groupby(["city", "indicator"]).ngroups,
        extra_cities=extra["city"].nunique(),
        extra_values=len(extra),
        periods_moved=int(frame["note"].fillna("").str.contains("ends on 1 January").sum()),
        repeated_totals=panel.flagged()[cdp.REPEATED],
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Print the counts of one store as of one day."""
    parser = argparse.ArgumentParser(prog="python -m bench.panel_counts")
    parser.add_argument("--database", required=True, help="a store filled by `init`")
    parser.add_argument("--today", required=True, type=dt.date.fromisoformat)
    args = parser.parse_args(argv)
    db = store.Store.open(args.database)
    for name, value in dataclasses.asdict(engine_counts(db, args.today)).items():
        print(f"{name}: {value}")
    for name, value in dataclasses.asdict(mapping_counts(settings.load({}).panel_dir)).items():
        print(f"{name}: {value}")


if __name__ == "__main__":
    main()
