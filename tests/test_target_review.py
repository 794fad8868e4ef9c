"""Proposing and reviewing target changes: who may, when it takes effect, and as-of reads."""

from __future__ import annotations

import datetime as dt

import pytest

from pledges import errors, model, service, store
from pledges.service import targets
from tests.conftest import long_frame

ANA = model.Actor("ana", "editor")
BEN = model.Actor("ben", "editor")
CAL = model.Actor("cal", "editor")
RENEWABLE = model.IndicatorRef("Testville", "green-deal", "renewable-share")
EMISSIONS = model.IndicatorRef("Testville", "green-deal", "emissions")


def _targets(db: store.Store, ref: model.IndicatorRef, as_of=None) -> tuple[model.Target, ...]:  # noqa: ANN001
    pledge = db.pledges(city=ref.city, as_of=as_of)[0]
    return next(i for _, i in pledge.indicators() if i.key == ref.indicator).targets


def _propose_70(db: store.Store, actor: model.Actor = ANA) -> int:
    proposal = targets.draft(
        db,
        RENEWABLE,
        "Council minutes 2026-01",
        "the council raised it",
        actor.name,
        service.NewTarget(2030, value=70),
    )
    return targets.propose(db, actor, proposal)


def test_a_proposal_changes_nothing_until_another_editor_approves(db: store.Store) -> None:
    change = _propose_70(db)
    assert [t.value for t in _targets(db, RENEWABLE)] == [60, 100]
    with pytest.raises(errors.NotAllowed, match="ana proposed target change"):
        targets.approve(db, ANA, change)
    entry = targets.approve(db, BEN, change, "checked the minutes")
    assert (entry.status, entry.change, entry.approved_by) == ("approved", "strengthened", ("ben",))
    assert [t.value for t in _targets(db, RENEWABLE)] == [70, 100]
    assert (entry.old, entry.new) == ("60 % by 2030", "70 % by 2030")


def test_an_approved_change_reads_as_of_like_a_value(db: store.Store) -> None:
    before = db.clock()  # the ticking clock: every later write is stamped after this moment
    change = _propose_70(db)
    targets.approve(db, BEN, change)
    assert [t.value for t in _targets(db, RENEWABLE, as_of=before)] == [60, 100]
    assert [t.value for t in _targets(db, RENEWABLE)] == [70, 100]
    assert service.target_ledger(db, "Testville", as_of=before) == ()
    assert [e.id for e in service.target_ledger(db, "Testville")] == [change]


def test_a_viewer_can_read_the_ledger_but_not_propose_approve_or_reject(db: store.Store) -> None:
    change = _propose_70(db)
    proposal = targets.draft(
        db, RENEWABLE, "s", "r", "anonymous", service.NewTarget(2030, value=80)
    )
    with pytest.raises(errors.NotAllowed, match="viewer and may not propose"):
        targets.propose(db, model.VIEWER, proposal)
    with pytest.raises(errors.NotAllowed, match="viewer and may not approve"):
        targets.approve(db, model.VIEWER, change)
    with pytest.raises(errors.NotAllowed, match="viewer and may not reject"):
        targets.reject(db, model.VIEWER, change, "no")
    with pytest.raises(errors.NotAllowed, match="viewer and may not propose"):
        targets.undo(db, model.VIEWER, change, "no")
    assert [e.status for e in targets.proposals(db, "Testville")] == ["pending"]
    assert service.target_ledger(db, "Testville") == ()


def test_a_rejection_needs_a_reason_and_changes_nothing(db: store.Store) -> None:
    change = _propose_70(db)
    with pytest.raises(errors.CatalogError, match="a reason is required"):
        targets.reject(db, BEN, change, "  ")
    entry = targets.reject(db, BEN, change, "the minutes say 65")
    assert entry.status == "rejected" and entry.comments == ("ben (reject): the minutes say 65",)
    assert [t.value for t in _targets(db, RENEWABLE)] == [60, 100]
    with pytest.raises(errors.NotAllowed, match="already rejected"):
        targets.approve(db, CAL, change)


def test_two_approvals_when_the_setting_asks_for_two(
    db: store.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLEDGES_TARGET_APPROVALS", "2")
    change = _propose_70(db)
    assert targets.approve(db, BEN, change).status == "pending"
    with pytest.raises(errors.NotAllowed, match="ben has already reviewed"):
        targets.approve(db, BEN, change)
    assert [t.value for t in _targets(db, RENEWABLE)] == [60, 100]
    entry = targets.approve(db, CAL, change)
    assert (entry.status, entry.approved_by) == ("approved", ("ben", "cal"))
    assert [t.value for t in _targets(db, RENEWABLE)] == [70, 100]


def test_undo_is_a_reviewed_change_back(db: store.Store) -> None:
    change = _propose_70(db)
    targets.approve(db, BEN, change)
    back = targets.undo(db, CAL, change, "approved by mistake")
    assert [t.value for t in _targets(db, RENEWABLE)] == [70, 100]
    entry = targets.approve(db, ANA, back)
    assert (entry.change, entry.old, entry.new) == ("weakened", "70 % by 2030", "60 % by 2030")
    assert [t.value for t in _targets(db, RENEWABLE)] == [60, 100]


def test_a_proposal_overtaken_by_another_is_refused_on_approval(db: store.Store) -> None:
    first, second = _propose_70(db), _propose_70(db, CAL)
    targets.approve(db, BEN, first)
    with pytest.raises(errors.NotAllowed, match="has changed since it was proposed"):
        targets.approve(db, BEN, second)
    assert [t.value for t in _targets(db, RENEWABLE)] == [70, 100]


def test_move_withdraw_and_add(db: store.Store) -> None:
    moved = targets.draft(
        db,
        RENEWABLE,
        "s",
        "LA100-style acceleration",
        "ana",
        service.NewTarget(2040, value=100),
        moves_from=2045,
    )
    withdrawn = targets.draft(db, RENEWABLE, "s", "dropped", "ana", withdraw_year=2030)
    added = targets.draft(
        db, RENEWABLE, "s", "new milestone", "ana", service.NewTarget(2025, range=(40, 50))
    )
    for proposal in (moved, withdrawn, added):
        targets.approve(db, BEN, targets.propose(db, ANA, proposal))
    words = [(e.change, e.old, e.new) for e in service.target_ledger(db, "Testville")]
    assert words == [
        ("moved earlier", "100 % by 2045", "100 % by 2040"),
        ("withdrawn", "60 % by 2030", "none"),
        ("added", "none", "40–50 % by 2025"),
    ]
    assert [(t.year, t.value) for t in _targets(db, RENEWABLE)] == [(2025, 40), (2040, 100)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"source": " "}, "a source is required"),
        ({"reason": ""}, "a reason is required"),
        (
            {"ref": model.IndicatorRef("Testville", "green-deal", "nope")},
            "unknown indicator 'nope'",
        ),
        ({"ref": model.IndicatorRef("Testville", "nope", "x")}, "unknown pledge 'nope'"),
        ({"new": service.NewTarget(2010, value=5)}, "before the baseline year 2015"),
        ({"new": service.NewTarget(2030, range=(9, 3))}, "range must be"),
        ({"new": service.NewTarget(2030, value=60), "source": "synthetic"}, "already that"),
        ({"new": None, "withdraw_year": 2031}, "no target for 2031"),
    ],
    ids=["source", "reason", "indicator", "pledge", "year", "range", "same", "withdraw"],
)
def test_a_bad_proposal_says_what_is_wrong_and_stores_nothing(
    db: store.Store, kwargs: dict, message: str
) -> None:
    args = {
        "ref": RENEWABLE,
        "source": "s",
        "reason": "r",
        "proposed_by": "ana",
        "new": service.NewTarget(2030, value=70),
    } | kwargs
    with pytest.raises(errors.CatalogError, match=message):
        targets.draft(db, **args)
    assert targets.proposals(db) == ()


def test_a_new_baseline_rebases_relative_targets_from_its_approval(db: store.Store) -> None:
    before = db.clock()
    base = model.Baseline(1990, 1200, "revised inventory", "GPC")
    proposal = targets.draft_baseline(db, EMISSIONS, base, "the 1990 inventory was revised", "ana")
    entry = targets.approve(db, BEN, targets.propose(db, ANA, proposal))
    # -50 % of 1200 kt is 600 kt, more than the 500 kt of -50 % of 1000 where lower is better.
    assert entry.change == "weakened"
    assert [t.value for t in _targets(db, EMISSIONS)] == [600, 0]
    pledge_then = db.pledges(city="Testville", as_of=before)[0]
    then = next(i for _, i in pledge_then.indicators() if i.key == "emissions")
    assert then.baseline == model.Baseline(1990, 1000, "synthetic")
    assert [t.value for t in then.targets] == [500, 0]


def test_the_effect_shows_the_status_with_and_without_the_change(db: store.Store) -> None:
    db.commit(
        long_frame(
            [("renewable-share", y, v) for y, v in [(2017, 24), (2018, 27), (2019, 30), (2020, 33)]]
        ),
        "t",
        "f.csv",
        "h",
    )
    proposal = targets.draft(db, RENEWABLE, "s", "r", "ana", service.NewTarget(2030, value=90))
    shown = targets.effect(db, proposal, today=dt.date(2021, 1, 1))
    # The line is fitted to the 2015 baseline (20) and the four values: mean year 2017.8,
    # mean value 26.8; Sxy = 38.8, Sxx = 14.8, slope 38.8 / 14.8 = 2.6216 a year. At the
    # start of 2021 it stands at 26.8 + 2.6216 x 3.2 = 35.189. To 60 by 2030 needs
    # (60 - 35.189) / 9 = 2.7568 a year: ratio 0.951 (on track from 0.95). To 90 needs
    # (90 - 35.189) / 9 = 6.0901 a year: ratio 0.4305 (off track below 0.5).
    assert shown.before.verdicts[0].target.value == 60
    assert shown.after.verdicts[0].target.value == 90
    assert shown.before.slope == pytest.approx(38.8 / 14.8)
    assert shown.before.pace_ratio == pytest.approx((38.8 / 14.8) / ((60 - 35.18919) / 9), 1e-5)
    assert shown.after.pace_ratio == pytest.approx((38.8 / 14.8) / ((90 - 35.18919) / 9), 1e-5)
    assert (shown.before.status, shown.after.status) == ("on track", "off track")
    assert [t.value for t in _targets(db, RENEWABLE)] == [60, 100]


def test_the_briefing_appendix_lists_the_ledger(db: store.Store) -> None:
    from pledges.briefing import content, html
    from pledges.views.council import appendix

    targets.approve(db, BEN, _propose_70(db), "checked the minutes")
    made = content.gather(db, "Testville", as_of=dt.date(2026, 1, 1))
    table = appendix.ledger(made)
    assert table is not None
    assert table.rows == (
        (
            "01 Jan 2026",
            "strengthened",
            "Renewable share",
            "60 % by 2030",
            "70 % by 2030",
            "the council raised it",
            "ben",
        ),
    )
    assert "The ledger of target changes" in html.render(made)
    spanish = appendix.ledger(made, service.translator("es"))
    assert spanish is not None
    assert spanish.rows[0][3:5] == ("60 % para 2030", "70 % para 2030")


def test_the_targets_page_tables_say_the_targets_in_the_readers_language(
    db: store.Store,
) -> None:
    from pledges.views.pages import target_ledger

    es = service.translator("es")
    waiting = _propose_70(db)
    pending = target_ledger.pending_rows(targets.proposals(db, "Testville", "pending"), {}, 1, es)
    assert list(pending[["id", "old", "new"]].itertuples(index=False, name=None)) == [
        (waiting, "60 % para 2030", "70 % para 2030")
    ]
    targets.approve(db, BEN, waiting, "checked the minutes")
    shown = target_ledger.ledger_rows(service.target_ledger(db, "Testville"), {}, es)
    assert list(shown[["change", "old", "new"]].itertuples(index=False, name=None)) == [
        ("reforzado", "60 % para 2030", "70 % para 2030")
    ]


def test_propose_approve_and_read_back_on_each_engine(any_db: store.Store) -> None:
    before = any_db.clock()
    base = model.Baseline(1990, 800, "revised inventory")
    proposal = targets.draft_baseline(any_db, EMISSIONS, base, "revised", "ana")
    entry = targets.approve(any_db, BEN, targets.propose(any_db, ANA, proposal))
    # -50 % of 800 kt is 400 kt, less than 500 kt where lower is better.
    assert (entry.change, entry.status) == ("strengthened", "approved")
    assert [t.value for t in _targets(any_db, EMISSIONS)] == [400, 0]
    assert [t.value for t in _targets(any_db, EMISSIONS, as_of=before)] == [500, 0]
    assert [e.id for e in service.target_ledger(any_db, "Testville")] == [entry.id]
