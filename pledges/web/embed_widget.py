"""The indicator page's "embed this chart" box: the published site's iframe snippet to copy."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from pledges import settings, translation
from pledges.views.site import embed


def show(
    city: str,
    pledge_key: str,
    indicator_key: str,
    name: str,
    cities: Sequence[str],
    t: translation.Translator = translation.ENGLISH,
) -> None:
    """An expander with the snippet, or how to configure the site's address (`cities`: every
    city's name, which decides the city's address when two names meet)."""
    found = embed.for_indicator(
        settings.load().site_url, city, pledge_key, indicator_key, name, cities
    )
    with st.expander(t.gettext("Embed this chart on another website")):
        if found is None:
            st.info(
                t.gettext(
                    "Set {setting} to the address where {command} output is served to get a "
                    "copy-paste snippet for this chart.",
                    setting="`PLEDGES_SITE_URL`",
                    command="`python -m pledges publish`",
                )
            )
            return
        st.markdown(
            t.gettext(
                "Copy this HTML into any web page. It shows the chart, its sentence and its "
                "source from the published site (the figures as of its last publish), with no "
                "site chrome."
            )
        )
        # Plain and wrapped: highlighted tokens fail contrast, and a sideways-scrolling block
        # is not reachable by keyboard (axe-core, both serious).
        st.code(found.snippet, language=None, wrap_lines=True)
        st.link_button(t.gettext("Open the published page"), found.page_url)
