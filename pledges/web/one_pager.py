"""The council one-pager on screen: the same lines as page 1 of the briefing, in the same order."""

from __future__ import annotations

import streamlit as st

from pledges.views import formatting
from pledges.views.council import one_pager, one_pager_text
from pledges.web import widgets

JOIN = one_pager_text.JOIN


def show(s: one_pager.OnePager) -> None:
    """Page 1's lines and rows, word for word (a goal's cells on one line, for a phone)."""
    t = one_pager_text
    with st.container(border=True):
        st.header(formatting.plain(t.title(s)))
        widgets.note(formatting.plain(t.as_of(s)))
        st.markdown(f"**{formatting.plain(t.lead(s))}**")
        if s.lines:
            st.markdown(f"**{t.say(s, t.LINES_HEADING)}**")
            for line in s.lines:
                text = formatting.plain(line.text)
                st.markdown(f"**{text}**" if line.judged else text)
        if s.goals:
            st.markdown(f"**{t.say(s, t.GOALS_HEADING)}**")
            for g in s.goals:
                st.markdown(formatting.plain(JOIN.join(t.goal_cells(g, s))))
        if s.milestones:
            st.markdown(f"**{t.say(s, t.MILESTONES_HEADING)}**")
            for m in s.milestones:
                st.markdown(formatting.plain(JOIN.join(t.milestone_cells(m))))
        st.markdown(f"**{t.say(s, t.GAPS_HEADING)}**")
        for line in t.gap_lines(s) or [t.say(s, t.NO_GAPS)]:
            st.markdown(formatting.plain(line))
        st.markdown(f"**{t.say(s, t.CHANGES_HEADING)}**")
        for line in list(s.changes) or [t.say(s, t.NO_CHANGES)]:
            st.markdown(formatting.plain(line))
        widgets.note(formatting.plain(s.changes_pointer))
        for line in (t.peers(s), t.others(s)):
            if line:
                st.markdown(formatting.plain(line))
        widgets.note(formatting.plain(t.footer(s)))
