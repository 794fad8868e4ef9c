"""The Targets page's editor controls: propose a change (with its effect first) and review."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import streamlit as st

from pledges import errors, model, service, settings, translation
from pledges.service import targets
from pledges.views import formatting
from pledges.views.pages import target_ledger as ledger_view
from pledges.web import widgets

if TYPE_CHECKING:
    from pledges import store

DONE = "target_change_done"
N_ = translation.N_
Translator = translation.Translator
EN = translation.ENGLISH
ACTIONS = {
    "set": N_("Add or change a target"),
    "move": N_("Move a target to another year"),
    "withdraw": N_("Withdraw a target"),
    "baseline": N_("Change the baseline"),
}
KINDS = {
    "value": N_("a level to reach"),
    "range": N_("a range"),
    "change_pct": N_("a change from the baseline (%)"),
    "maintain": N_("a level to hold"),
}


def _refused(exc: errors.PledgesError) -> None:
    problems = exc.problems if isinstance(exc, errors.CatalogError) else [str(exc)]
    for problem in problems:
        st.error(formatting.plain(problem))


def _new_target(
    year: int, now: model.Target | None, key: str, t: Translator = EN
) -> service.NewTarget:
    """The target the kind picker and its number fields describe (starting from `now`)."""
    kinds = list(KINDS)
    start = kinds.index(now.kind) if now is not None else 0
    kind = st.radio(
        t.gettext("Kind"),
        kinds,
        start,
        format_func=lambda k: t.gettext(KINDS[k]),
        horizontal=True,
        key=f"tc_kind_{key}",
    )
    if kind == "range":
        left, right = st.columns(2)
        low = left.number_input(
            t.gettext("From"), value=float(now.low or 0) if now else 0.0, key=f"tc_lo_{key}"
        )
        high = right.number_input(
            t.gettext("To"), value=float(now.high or 0) if now else 0.0, key=f"tc_hi_{key}"
        )
        return service.NewTarget(year, range=(low, high))
    number = now.change_pct if now is not None and kind == "change_pct" else now.value if now else 0
    label = t.gettext(KINDS[kind])
    value = st.number_input(
        label[:1].upper() + label[1:], value=float(number or 0), key=f"tc_n_{key}"
    )
    return service.NewTarget(year, **{kind: value})


def _draft(
    db: store.Store,
    actor: model.Actor,
    pledge: model.Pledge,
    source: str,
    reason: str,
    t: Translator = EN,
) -> store.Proposal | None:
    """The proposal the fields describe, or None with every problem shown."""
    indicators = {i.key: i for _, i in pledge.indicators()}
    key = st.selectbox(
        t.gettext("Indicator"),
        list(indicators),
        format_func=lambda k: t.name(indicators[k].name),
        key=f"tc_indicator_{pledge.key}",
    )
    indicator = indicators[key]
    years = [t.year for t in indicator.targets]
    listed = "; ".join(
        formatting.plain(formatting.target_text(target, indicator.unit, t)) + f" ({target.year})"
        for target in indicator.targets
    )
    widgets.note(t.gettext("Its targets now: {targets}", targets=listed or t.gettext("none")))
    action = st.radio(
        t.gettext("Change"),
        list(ACTIONS),
        format_func=lambda a: t.gettext(ACTIONS[a]),
        key="tc_action",
    )
    ref = model.IndicatorRef(pledge.city.name, pledge.key, key)
    try:
        if action == "baseline":
            base = indicator.baseline
            year = st.number_input(
                t.gettext("Baseline year"), 1900, 2100, base.year if base else 2020
            )
            value = st.number_input(t.gettext("Baseline value"), value=base.value if base else 0.0)
            method = st.text_input(
                t.gettext("Method (optional)"), base.method or "" if base else ""
            )
            wanted = model.Baseline(int(year), float(value), source.strip(), method or None)
            return targets.draft_baseline(db, ref, wanted, reason, actor.name)
        if action == "withdraw":
            if not years:
                st.info(t.gettext("This indicator has no target to withdraw."))
                return None
            year = st.selectbox(t.gettext("Year to withdraw"), years, key="tc_withdraw")
            return targets.draft(db, ref, source, reason, actor.name, withdraw_year=year)
        moves_from = None
        if action == "move":
            if not years:
                st.info(t.gettext("This indicator has no target to move."))
                return None
            moves_from = st.selectbox(t.gettext("Move the target of"), years, key="tc_from")
        start = moves_from or (years[-1] if years else 2030)
        year = int(st.number_input(t.gettext("Year"), 1900, 2100, start, key=f"tc_year_{key}"))
        now = next((p for p in indicator.targets if p.year == (moves_from or year)), None)
        wanted = _new_target(year, now, f"{key}_{year}", t)
        return targets.draft(db, ref, source, reason, actor.name, wanted, moves_from=moves_from)
    except errors.CatalogError as exc:
        _refused(exc)
        return None


def propose(
    db: store.Store, actor: model.Actor, pledges: Sequence[model.Pledge], t: Translator = EN
) -> None:
    """The proposal form: what changes, its source and reason, the effect, then send."""
    active = {p.key: p for p in pledges}
    if not active:
        return
    with st.expander(t.gettext("Propose a target change"), expanded=False):
        widgets.note(
            t.gettext(
                "Another editor approves or rejects it; it takes effect when approved. The source"
                " and the reason are required and are published with the change."
            )
        )
        key = st.selectbox(
            t.gettext("Pledge"),
            list(active),
            format_func=lambda k: t.name(active[k].name),
            key="tc_pledge",
        )
        source = st.session_state.get("tc_source", "").strip()
        reason = st.session_state.get("tc_reason", "").strip()
        # Until both are written, the preview stands in for them; sending needs the real ones.
        proposal = _draft(db, actor, active[key], source or "-", reason or "-", t)
        st.text_input(t.gettext("Source (a URL or the document's title)"), key="tc_source")
        st.text_area(t.gettext("Reason"), key="tc_reason", height=80)
        if proposal is None:
            return
        shown = targets.effect(db, proposal)
        effect = formatting.plain(ledger_view.effect_line(shown, t))
        st.markdown(t.gettext("**Effect today.** {effect}", effect=effect))
        unit = next(i.unit for _, i in active[key].indicators() if i.key == proposal.ref.indicator)
        rows = ledger_view.effect_rows(shown, unit, t)
        st.dataframe(rows, hide_index=True, width="stretch")
        if not (source and reason):
            widgets.note(t.gettext("Write the source and the reason to send it for review."))
        if st.button(
            t.gettext("Send for review"),
            type="primary",
            key="tc_send",
            disabled=not (source and reason),
        ):
            try:
                change_id = targets.propose(db, actor, proposal)
            except errors.PledgesError as exc:
                _refused(exc)
                return
            mailed, failure = targets.notify(db, change_id, settings.load())
            told = [t.gettext("Proposal {id} sent for review.", id=change_id)]
            if mailed:
                told.append(t.gettext("E-mailed {people}.", people=", ".join(mailed)))
            if failure:
                told.append(t.gettext("The e-mail failed ({failure}).", failure=failure))
            st.session_state[DONE] = " ".join(told)
            st.rerun()


def review(
    db: store.Store,
    actor: model.Actor,
    waiting: Sequence[service.LedgerEntry],
    t: Translator = EN,
) -> None:
    """Approve or reject a waiting proposal made by someone else, with a comment."""
    theirs = {e.id: e for e in waiting if e.proposed_by != actor.name}
    if not theirs:
        widgets.note(t.gettext("No proposal of another editor waits for you."))
        return
    picked = st.selectbox(
        t.gettext("Proposal to review"),
        list(theirs),
        format_func=lambda i: t.gettext(
            "{id}: {indicator}, {old} → {new} ({change}, by {person})",
            id=i,
            indicator=t.name(theirs[i].indicator_name),
            old=theirs[i].old_in(t),
            new=theirs[i].new_in(t),
            change=ledger_view.change_word(theirs[i].change, t),
            person=theirs[i].proposed_by,
        ),
        key="tc_review",
    )
    comment = st.text_input(t.gettext("Comment (required to reject)"), key="tc_comment")
    left, right = st.columns(2)
    approve = left.button(t.gettext("Approve"), type="primary", key="tc_approve")
    reject = right.button(t.gettext("Reject"), key="tc_reject")
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
    st.session_state[DONE] = t.gettext(
        "Proposal {id}: {status} by {person}.",
        id=entry.id,
        status=t.gettext(entry.status),
        person=actor.name,
    )
    st.rerun()
