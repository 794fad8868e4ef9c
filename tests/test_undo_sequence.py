"""Undo never dead-ends: a batch can be undone while its values stand, whatever was undone since."""

from __future__ import annotations

import pytest

from pledges import errors, store
from tests.conftest import long_frame


def _values(db: store.Store) -> list[tuple[str, int, float]]:
    stored = db.observations()
    return [(row.indicator, row.period.year, row.value) for row in stored.itertuples(index=False)]


def test_the_earlier_batch_can_be_undone_after_the_later_one(db: store.Store) -> None:
    """The sequence that dead-ended: undo 2, then undo 1 said "undo 2 first"."""
    first = db.commit(long_frame([("renewable-share", 2019, 34.0)]), "ana", "a.csv", "a")
    second = db.commit(long_frame([("renewable-share", 2019, 35.0)]), "ana", "b.csv", "b")
    with pytest.raises(errors.UnknownBatch, match=f"changed later by batch {second.id}"):
        db.undo(first.id, "ana")
    db.undo(second.id, "ana")
    assert _values(db) == [("renewable-share", 2019, 34.0)]
    plan = db.undo_plan(first.id)
    assert list(plan["action"]) == ["remove"]
    db.undo(first.id, "ana")
    assert _values(db) == []


def test_three_batches_undone_newest_first_end_where_they_began(db: store.Store) -> None:
    seed = db.commit(long_frame([("renewable-share", 2019, 30.0)]), "ana", "s.csv", "s")
    one = db.commit(long_frame([("renewable-share", 2019, 31.0)]), "ana", "1.csv", "1")
    two = db.commit(
        long_frame([("renewable-share", 2019, 32.0), ("emissions", 2019, 700.0)]), "a", "2", "2"
    )
    three = db.commit(long_frame([("renewable-share", 2019, 33.0)]), "ana", "3.csv", "3")
    db.undo(three.id, "ana")
    db.undo(two.id, "ana")
    assert _values(db) == [("renewable-share", 2019, 31.0)]
    db.undo(one.id, "ana")
    assert _values(db) == [("renewable-share", 2019, 30.0)]
    assert {b.id: b.status for b in db.history()}[seed.id] == "committed"


def test_a_value_changed_again_by_a_live_batch_still_blocks(db: store.Store) -> None:
    first = db.commit(long_frame([("renewable-share", 2019, 34.0)]), "ana", "a.csv", "a")
    second = db.commit(long_frame([("renewable-share", 2019, 35.0)]), "ana", "b.csv", "b")
    third = db.commit(long_frame([("renewable-share", 2019, 36.0)]), "ana", "c.csv", "c")
    db.undo(third.id, "ana")
    with pytest.raises(errors.UnknownBatch, match=f"undo {second.id} first"):
        db.undo(first.id, "ana")


def test_every_blocking_batch_is_named(db: store.Store) -> None:
    first = db.commit(
        long_frame([("renewable-share", 2019, 34.0), ("emissions", 2019, 800.0)]), "a", "a", "a"
    )
    second = db.commit(long_frame([("renewable-share", 2019, 35.0)]), "ana", "b.csv", "b")
    third = db.commit(long_frame([("emissions", 2019, 790.0)]), "ana", "c.csv", "c")
    with pytest.raises(errors.UnknownBatch, match=f"undo {second.id} and {third.id} first"):
        db.undo(first.id, "ana")


def test_as_of_between_an_undo_and_the_next_reads_one_value_per_period(db: store.Store) -> None:
    first = db.commit(long_frame([("renewable-share", 2019, 34.0)]), "ana", "a.csv", "a")
    second = db.commit(long_frame([("renewable-share", 2019, 35.0)]), "ana", "b.csv", "b")
    undone = db.undo(second.id, "ana")
    last = db.undo(first.id, "ana")
    assert list(db.observations(as_of=undone.committed_at)["value"]) == [34.0]
    assert list(db.observations(as_of=second.committed_at)["value"]) == [35.0]
    assert db.observations(as_of=last.committed_at).empty
