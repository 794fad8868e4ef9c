"""The small synthetic seed plus a hostile city, published as a site: shared by the site tests."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from pledges import catalog, cli, clock, service, store
from tests import sample_city

AS_OF = "2026-06-30"
HOSTILE_NAME = '<script>alert(1)</script> =HYPERLINK("http://evil.example","x")'
HOSTILE_SOURCE = '=HYPERLINK("http://evil.example","click")'
HOSTILE = textwrap.dedent(
    """\
    city: {name: Hostileton, country: XX}
    pledge:
      id: plan
      name: "Hostileton <b>plan</b>"
      adopted: 2020
      source: "Synthetic test definition"
    goals:
      - id: grid
        name: Grid
        indicators:
          - id: hostile
            name: '<script>alert(1)</script> =HYPERLINK("http://evil.example","x")'
            unit: "%"
            direction: higher
            baseline: {year: 2015, value: 10, source: "synthetic"}
            targets:
              - {year: 2030, value: 50, source: "synthetic"}
    """
)
_QUOTED_SOURCE = '"' + HOSTILE_SOURCE.replace('"', '""') + '"'
HOSTILE_CSV = "city,pledge,indicator,period,value,unit,source,note\n" + "".join(
    f"Hostileton,plan,hostile,{year},{10 + 2 * (year - 2015)},%,{_QUOTED_SOURCE},"
    "<img src=x onerror=alert(2)>\n"
    for year in range(2015, 2021)
)


def seed(folder: Path) -> str:
    """The sample city's database with the hostile city added; returns its URL."""
    url = sample_city.build(folder)
    definitions = folder / "definitions"
    (definitions / "hostileton--plan.yaml").write_text(HOSTILE, encoding="utf-8")
    # Stored in February, before the published as-of date.
    db = store.Store.open(url, now=clock.Ticking(dt.datetime(2026, 2, 1, tzinfo=dt.UTC)))
    db.sync_catalog(catalog.load_pledges(definitions))
    outcome = service.import_file(db, service.SEED_USER, HOSTILE_CSV.encode(), "hostile.csv")
    assert outcome.ok, outcome.result.report
    db.engine.dispose()
    return url


def publish(url: str, out: Path, *extra: str) -> Path:
    """Run `publish --as-of AS_OF` into `out`; returns the snapshot folder."""
    code = cli.main(["--database", url, "publish", "--out", str(out), "--as-of", AS_OF, *extra])
    assert code == 0
    return out / "as-of" / AS_OF
