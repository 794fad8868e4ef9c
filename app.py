"""Pledge Tracker's router: page config and navigation, nothing else."""

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).resolve().parent / "pledges" / "pages"

st.set_page_config(page_title="Pledge Tracker", page_icon="🌍", layout="wide")
navigation = st.navigation([st.Page(PAGES / "overview.py", title="Overview", default=True)])
navigation.run()
