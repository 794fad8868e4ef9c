"""Shared Streamlit widgets and caches: the one module below the pages that imports streamlit."""

from __future__ import annotations

import streamlit as st

from pledges import settings, store


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> store.Store:
    db = store.Store.open(url)
    db.migrate()
    return db


def get_store() -> store.Store:
    """The process-wide store for the configured database (engine cached once)."""
    return _open_store(settings.load().database_url)


def choose_city(db: store.Store) -> str | None:
    """A city picker kept in the URL (`?city=`), so every view is a shareable link."""
    names = [c.name for c in db.cities()]
    if not names:
        return None
    wanted = st.query_params.get("city")
    default = (
        names.index(wanted)
        if wanted in names
        else (names.index("Los Angeles") if "Los Angeles" in names else 0)
    )
    city = st.selectbox("City", names, index=default)
    st.query_params["city"] = city
    return city
