"""The Targets page's editor controls: propose a change (with its effect first) and review."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import streamlit as st

from pledges import errors, model, service, settings
from pledges.service import targets
from pledges.views import formatting
from pledges.views.pages import target_ledger as ledger_view
from pledges.web import widgets

if TYPE_CHECKING:
    from pledges import store

DONE = "target_change_done"
ACTIONS = {
    "set": "Add or change a target",
    "move": "Move a target to another year",
    "withdraw": "Withdraw a target",
    "baseline": "Change the baseline",
}
KINDS = {
    "value": "a level to reach",
    "range": "a range",
    "change_pct": "a change from the baseline (%)",
    "maintain": "a level to hold",
}


def _refused(exc: errors.PledgesError) -> None:
    problems = exc.problems if isinstance(exc, errors.CatalogError) else [str(exc)]
    for problem in problems:
        st.error(formatting.plain(problem))


def _new_target(year: int, now: model.Target | None, key: str) -> service.NewTarget:
    """The target the kind picker and its number fields describe (starting from `now`)."""
    kinds = list(KINDS)
    start = kinds.index(now.kind) if now is not None else 0
    kind = st.radio(
        "Kind", kinds, start, format_func=KINDS.get, horizontal=True, key=f"tc_kind_{key}"
    )
    if kind == "range":
        left, right = st.columns(2)
        low = left.number_input(
            "From", value=float(now.low or 0) if now else 0.0, key=f"tc_lo_{key}"
        )
        high = right.number_input(
            "To", value=float(now.high or 0) if now else 0.0, key=f"tc_hi_{key}"
        )
        return service.NewTarget(year, range=(low, high))
    number = now.change_pct if now is not None and kind == "change_pct" else now.value if now else 0
    value = st.number_input(KINDS[kind].capitalize(), value=float(number or 0), key=f"tc_n_{key}")
    return service.NewTarget(year, **{kind: value})


def _draft(
    db: store.Store, actor: model.Actor, pledge: model.Pledge, source: str, reason: str
) -> store.Proposal | None:
    """The proposal the fields describe, or None with every problem shown."""
    indicators = {i.key: i for _, i in pledge.indicators()}
    key = st.selectbox(
        "Indicator",
        list(indicators),
        format_func=lambda k: indicators[k].name,
        key=f"tc_indicator_{pledge.key}",
    )
    indicator = indicators[key]
    years = [t.year for t in indicator.targets]
    widgets.note(
        "Its targets now: "
        + (
            "; ".join(
                formatting.plain(formatting.target_text(t, indicator.unit)) + f" ({t.year})"
                for t in indicator.targets
            )
            or "none"
        )
    )
    action = st.radio("Change", list(ACTIONS), format_func=ACTIONS.get, key="tc_action")
    ref = model.IndicatorRef(pledge.city.name, pledge.key, key)
    try:
        if action == "baseline":
            base = indicator.baseline
            year = st.number_input("Baseline year", 1900, 2100, base.year if base else 2020)
            value = st.number_input("Baseline value", value=base.value if base else 0.0)
            method = st.text_input("Method (optional)", base.method or "" if base else "")
            wanted = model.Baseline(int(year), float(value), source.strip(), method or None)
            return targets.draft_baseline(db, ref, wanted, reason, actor.name)
        if action == "withdraw":
            if not years:
                st.info("This indicator has no target to withdraw.")
                return None
            year = st.selectbox("Year to withdraw", years, key="tc_withdraw")
            return targets.draft(db, ref, source, reason, actor.name, withdraw_year=year)
        moves_from = None
        if action == "move":
            if not years:
                st.info("This indicator has no target to move.")
                return None
            moves_from = st.selectbox("Move the target of", years, key="tc_from")
        start = moves_from or (years[-1] if years else 2030)
        year = int(st.number_input("Year", 1900, 2100, start, key=f"tc_year_{key}"))
        now = next((t for t in indicator.targets if t.year == (moves_from or year)), None)
        wanted = _new_target(year, now, f"{key}_{year}")
        return targets.draft(db, ref, source, reason, actor.name, wanted, moves_from=moves_from)
    except errors.CatalogError as exc:
        _refused(exc)
        return None


def propose(db: store.Store, actor: model.Actor, pledges: Sequence[model.Pledge]) -> None:
    """The proposal form: what changes, its source and reason, the effect, then send."""
    active = {p.key: p for p in pledges}
    if not active:
        return
    with st.expander("Propose a target change", expanded=False):
        widgets.note(
            "Another editor approves or rejects it; it takes effect when approved. "
            "The source and the reason are required and are published with the change."
        )
        key = st.selectbox(
            "Pledge", list(active), format_func=lambda k: active[k].name, key="tc_pledge"
        )
        source = st.session_state.get("tc_source", "").strip()
        reason = st.session_state.get("tc_reason", "").strip()
        # Until both are written, the preview stands in for them; sending needs the real ones.
        proposal = _draft(db, actor, active[key], source or "-", reason or "-")
        st.text_input("Source (a URL or the document's title)", key="tc_source")
        st.text_area("Reason", key="tc_reason", height=80)
        if proposal is None:
            return
        shown = targets.effect(db, proposal)
        st.markdown(f"**Effect today.** {formatting.plain(ledger_view.effect_line(shown))}")
        unit = next(i.unit for _, i in active[key].indicators() if i.key == proposal.ref.indicator)
        st.dataframe(ledger_view.effect_rows(shown, unit), hide_index=True, width="stretch")
        if not (source and reason):
            widgets.note("Write the source and the reason to send it for review.")
        if st.button(
            "Send for review", type="primary", key="tc_send", disabled=not (source and reason)
        ):
            try:
                change_id = targets.propose(db, actor, proposal)
            except errors.PledgesError as exc:
                _refused(exc)
                return
            mailed, failure = targets.notify(db, change_id, settings.load())
            told = f" E-mailed {', '.join(mailed)}." if mailed else ""
            told += f" The e-mail failed ({failure})." if failure else ""
            st.session_state[DONE] = f"Proposal {change_id} sent for review.{told}"
            st.rerun()


def review(
    db: store.Store,
    actor: model.Actor,
    waiting: Sequence[service.LedgerEntry],
) -> None:
    """Approve or reject a waiting proposal made by someone else, with a comment."""
    theirs = {e.id: e for e in waiting if e.proposed_by != actor.name}
    if not theirs:
        widgets.note("No proposal of another editor waits for you.")
        return
    picked = st.selectbox(
        "Proposal to review",
        list(theirs),
        format_func=lambda i: (
            f"{i}: {theirs[i].indicator_name}, {theirs[i].old} → "
            f"{theirs[i].new} ({theirs[i].change}, by {theirs[i].proposed_by})"
        ),
        key="tc_review",
    )
    comment = st.text_input("Comment (required to reject)", key="tc_comment")
    left, right = st.columns(2)
    approve = left.button("Approve", type="primary", key="tc_approve")
    reject = right.button("Reject", key="tc_reject")
    if not (approve or reject):
        return
    try:
        if approve:
            entry = targets.approve(db, actor, picked, comment)
        else:
            entry = targets.reject(db, actor, picked, comment)
    except errors.PledgesError as exc:
        _refused(exc)
        return
    widgets.forget_definitions()
    st.session_state[DONE] = f"Proposal {entry.id}: {entry.status} by {actor.name}."
    st.rerun()
