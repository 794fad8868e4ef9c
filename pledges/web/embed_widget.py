"""The indicator page's "embed this chart" box: the published site's iframe snippet to copy."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from pledges import settings
from pledges.views.site import embed


def show(city: str, pledge_key: str, indicator_key: str, name: str, cities: Sequence[str]) -> None:
    """An expander with the snippet, or how to configure the site's address (`cities`: every
    city's name, which decides the city's address when two names meet)."""
    found = embed.for_indicator(
        settings.load().site_url, city, pledge_key, indicator_key, name, cities
    )
    with st.expander("Embed this chart on another website"):
        if found is None:
            st.info(
                "Set PLEDGES_SITE_URL to the address where `python -m pledges publish` output "
                "is served to get a copy-paste snippet for this chart."
            )
            return
        st.markdown(
            "Copy this HTML into any web page. It shows the chart, its sentence and its source "
            "from the published site (the figures as of its last publish), with no site chrome."
        )
        # Plain and wrapped: highlighted tokens fail contrast, and a sideways-scrolling block
        # is not reachable by keyboard (axe-core, both serious).
        st.code(found.snippet, language=None, wrap_lines=True)
        st.link_button("Open the published page", found.page_url)
