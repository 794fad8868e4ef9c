"""The mapping form at office scale: whole names, every value offered, tables with a search."""

from __future__ import annotations

from pledges import model
from pledges.service import uploads
from pledges.views.upload import mapping_form as form
from pledges.views.upload import upload_names

LONG = "Renewable share of LADWP power, measured at the meter, in percent of retail sales"
REF = model.IndicatorRef("Los Angeles", "five-zeroes", "renewable-share")
CATALOG = {REF: model.Indicator("renewable-share", LONG, "%", "higher")}
NAMES = {("Los Angeles", "five-zeroes"): "Five Zeroes (L.A.'s Green New Deal)"}


def test_an_indicator_is_named_by_its_whole_path_never_cut() -> None:
    labels = upload_names.indicator_labels(
        CATALOG, NAMES, "Los Angeles", goals={REF: "Zero-carbon grid"}
    )
    assert labels == {
        "renewable-share": f"Five Zeroes (L.A.'s Green New Deal) › Zero-carbon grid › {LONG}"
    }
    assert form.chosen_note(labels["renewable-share"]).endswith("retail sales**")


def test_a_filter_offers_every_value_past_two_hundred() -> None:
    # 300 municipalities, Umeå the 250th: the old list stopped at 200
    places = [f"Kommun {n:03d}" for n in range(300)]
    places[249] = "Umeå"
    text = "Kommun;Value\n" + "".join(f"{place};1\n" for place in places)
    found = uploads.distinct_values(text.encode("utf-8"), "Kommun", delimiter=";")
    assert len(found) == 300 and found[249] == "Umeå"


def test_a_value_table_searches_and_shows_only_what_is_left() -> None:
    found = ["Renewable", "Coal", "Natural Gas", "Large Hydroelectric"]
    chosen = {"Renewable": "renewable-share", "Coal": "", "Natural Gas": None}
    assert form.values_shown(found, chosen, "", False) == found
    assert form.values_shown(found, chosen, "  gas ", False) == ["Natural Gas"]
    assert form.values_shown(found, chosen, "", True) == [
        "Coal",
        "Natural Gas",
        "Large Hydroelectric",
    ]
    assert form.values_shown(found, chosen, "re", True) == []  # "Renewable" is mapped
    # 4 values, 1 mapped: 3 left
    assert form.left_note(found, chosen, 2) == "Showing 2 of 4 values; 3 not mapped yet."


def test_the_meanings_give_full_names_of_mapped_values_only() -> None:
    chosen = {"Renewable": "renewable-share", "Coal": ""}
    lines = form.meaning_lines(chosen, {"renewable-share": "A › B › C"})
    assert lines == ["**Renewable** → A › B › C"]


def test_the_preview_counts_say_where_the_rows_go_by_full_name() -> None:
    import pandas as pd

    from pledges.ingest.checking import preview
    from pledges.views.upload import upload_preview

    counts = pd.DataFrame(
        [["Los Angeles", "five-zeroes", "renewable-share", 7, 0, 0]], columns=preview.COUNT_COLUMNS
    )
    compared = preview.Preview(pd.DataFrame(columns=preview.ROW_COLUMNS), counts, ())
    full = upload_names.full_names(CATALOG, NAMES, {REF: "Zero-carbon grid"})
    assert upload_preview.destinations(compared, full) == [
        f"Los Angeles / renewable-share: Five Zeroes (L.A.'s Green New Deal) › Zero-carbon grid"
        f" › {LONG}"
    ]
