"""The one-pager as a PDF download, the bytes `python -m pledges report --summary-only` writes.

Printed once per city, day and store state on the shared print thread (`web.print_cache`), as
the Briefing page prints; readers who are not signed in share its hourly allowance.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from concurrent import futures

import streamlit as st

from pledges import briefing, clock, service, settings, translation
from pledges.views.council import one_pager
from pledges.web import print_cache, session, widgets

# The paper sizes as a reader names them (the codes stay as the printer takes them).
PAPERS = {"a4": translation.N_("A4"), "letter": translation.N_("LETTER")}


def file_name(city: str, as_of: dt.date) -> str:
    """ "one-pager-los-angeles-2026-12-05.pdf"."""
    return f"one-pager-{city}-{as_of:%Y-%m-%d}.pdf".replace(" ", "-").lower()


def _key(db: service.Store, view: widgets.View, as_of: dt.date) -> print_cache.Key:
    """What the print shows and the store state it is made from."""
    country = next((c.country for c in db.cities() if c.name == view.city), None)
    pledges = widgets.pledges(db, view, view.city)
    catalog = hashlib.sha256(repr(pledges).encode()).hexdigest()[:16]
    state = (widgets.cache_key(db), str(db.latest_change()), catalog, view.lang)
    since = db.previous_briefing(view.city, None, as_of) or as_of
    paper = one_pager.paper_for(country)
    return print_cache.Key(view.city, None, as_of, since, paper, state, summary_only=True)


def offer(db: service.Store, view: widgets.View, where: str) -> None:
    """A button that prints the one-pager, then its download (PDF, the country's paper)."""
    as_of = view.as_of or service.today(db)
    key = _key(db, view, as_of)

    def _print() -> print_cache.Printed:
        try:
            return print_cache.Printed(
                b"", briefing.one_pager_pdf(db, key.city, as_of, lang=view.lang), None
            )
        except briefing.PdfError as exc:
            return print_cache.Printed(b"", None, str(exc))

    prints = print_cache.from_settings(settings.load())
    job = prints.find(key)
    actor = widgets.current_actor()
    if job is None:
        paper = view.t.gettext(PAPERS.get(key.paper, key.paper))
        label = view.t.gettext("Prepare the one-page PDF ({paper})", paper=paper)
        if st.button(label, key=f"one-pager-{where}", icon=":material/picture_as_pdf:"):
            who = print_cache.Requester(actor.can_edit, session.client_address())
            asked = prints.start(key, _print, who, clock.utc_now())
            if isinstance(asked, print_cache.Refused):
                st.warning(asked.message, icon=":material/hourglass_top:")
                return
            job = asked.future
    if job is None:
        return
    if not job.done():
        printing = view.t.gettext("Printing the one-pager...")
        with st.status(printing) as status:
            begun = time.monotonic()
            while not futures.wait([job], timeout=1).done:
                status.update(label=f"{printing} {time.monotonic() - begun:.0f} s")
            status.update(label=view.t.gettext("The one-pager is ready."), state="complete")
    printed = job.result()
    if printed.pdf is None:
        st.warning(
            view.t.gettext(
                "The one-pager could not be printed here: {problem}", problem=printed.problem
            )
        )
        return
    name = file_name(view.city, as_of)
    st.download_button(
        view.t.gettext(
            "Download the one-pager (PDF, {paper})",
            paper=view.t.gettext(PAPERS.get(key.paper, key.paper)),
        ),
        printed.pdf,
        file_name=name,
        mime="application/pdf",
        key=f"one-pager-download-{where}",
        on_click=service.record_briefing,
        args=(db, actor, view.city, None, as_of, f"{name} (app)"),
        icon=":material/download:",
    )
