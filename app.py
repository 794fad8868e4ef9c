"""Pledge Tracker's router: page config and navigation, nothing else."""

from pathlib import Path

import streamlit as st

from pledges import model
from pledges.web import session, widgets

PAGES = Path(__file__).resolve().parent / "pledges" / "web" / "pages"

st.set_page_config(page_title="Pledge Tracker", page_icon="🌍", layout="wide")
t = widgets.translator()
pages = [
    st.Page(
        PAGES / "overview.py", title=t.gettext("Overview"), icon=":material/home:", default=True
    ),
    st.Page(
        PAGES / "indicator.py", title=t.gettext("Pledge & indicators"), icon=":material/show_chart:"
    ),
    st.Page(PAGES / "targets.py", title=t.gettext("Targets"), icon=":material/flag:"),
    st.Page(
        PAGES / "compare.py", title=t.gettext("Compare cities"), icon=":material/compare_arrows:"
    ),
    st.Page(PAGES / "data.py", title=t.gettext("Data"), icon=":material/table_view:"),
    st.Page(PAGES / "history.py", title=t.gettext("History"), icon=":material/history:"),
    st.Page(PAGES / "due.py", title=t.gettext("Data due"), icon=":material/event_upcoming:"),
    st.Page(PAGES / "methodology.py", title=t.gettext("Methodology"), icon=":material/menu_book:"),
    st.Page(PAGES / "briefing.py", title=t.gettext("Briefing"), icon=":material/description:"),
]
# Editor-only pages (upload, ...) go here; the actor comes from the one sign-in hook.
editor_pages: list[st.Page] = [
    st.Page(PAGES / "upload.py", title=t.gettext("Upload"), icon=":material/upload_file:"),
]
actor = widgets.current_actor()
session.write_cookie()
if actor.can_edit:
    pages += editor_pages
account = t.gettext("Sign in") if actor == model.VIEWER else t.gettext("Account")
pages.append(st.Page(PAGES / "signin.py", title=account, icon=":material/account_circle:"))
st.navigation(pages).run()
