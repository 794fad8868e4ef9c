"""Pledge Tracker's router: page config and navigation, nothing else."""

from pathlib import Path

import streamlit as st

from pledges import model
from pledges.web import session, widgets

PAGES = Path(__file__).resolve().parent / "pledges" / "web" / "pages"

st.set_page_config(page_title="Pledge Tracker", page_icon="🌍", layout="wide")
pages = [
    st.Page(PAGES / "overview.py", title="Overview", icon=":material/home:", default=True),
    st.Page(PAGES / "indicator.py", title="Pledge & indicators", icon=":material/show_chart:"),
    st.Page(PAGES / "targets.py", title="Targets", icon=":material/flag:"),
    st.Page(PAGES / "compare.py", title="Compare cities", icon=":material/compare_arrows:"),
    st.Page(PAGES / "data.py", title="Data", icon=":material/table_view:"),
    st.Page(PAGES / "history.py", title="History", icon=":material/history:"),
    st.Page(PAGES / "due.py", title="Data due", icon=":material/event_upcoming:"),
    st.Page(PAGES / "methodology.py", title="Methodology", icon=":material/menu_book:"),
    st.Page(PAGES / "briefing.py", title="Briefing", icon=":material/description:"),
]
# Editor-only pages (upload, ...) go here; the actor comes from the one sign-in hook.
editor_pages: list[st.Page] = [
    st.Page(PAGES / "upload.py", title="Upload", icon=":material/upload_file:"),
]
actor = widgets.current_actor()
session.write_cookie()
if actor.can_edit:
    pages += editor_pages
account = "Sign in" if actor == model.VIEWER else "Account"
pages.append(st.Page(PAGES / "signin.py", title=account, icon=":material/account_circle:"))
st.navigation(pages).run()
