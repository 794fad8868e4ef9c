"""Briefing: download the council briefing (HTML or PDF) for the chosen city and date.

Prints are shared by every session and made off the script thread (`web.print_cache`).
"""

import datetime as dt
import hashlib
import time
from concurrent import futures

import streamlit as st

from pledges import briefing, clock, service, settings
from pledges.views import formatting
from pledges.views.council import one_pager
from pledges.web import one_pager_download, print_cache, session, widgets

db = widgets.get_store()
view = widgets.sidebar(db)
if view.city is None:
    widgets.empty_city()
t = view.t

st.title(t.gettext("{city}: council briefing", city=formatting.plain(view.city)))
st.write(
    t.gettext(
        "One printable document for the council: each goal's status and progress, every "
        "indicator's sentence with a small chart, what changed since the last briefing, the "
        "data gaps, and the source of every figure. The HTML file is self-contained (it opens "
        "offline and can be e-mailed); the PDF is the same page printed."
    )
)
st.header(t.gettext("The one-pager"))
widgets.note(
    t.gettext(
        "Page 1 alone, as the council reads it: one line per goal, the goals and milestones, "
        "what cannot be judged yet by owner, and what changed. The same file as {command}.",
        command="`python -m pledges report --summary-only`",
    )
)
one_pager_download.offer(db, view, "briefing")
st.header(t.gettext("The whole briefing"))
as_of = view.as_of or service.today(db)
pledges = widgets.pledges(db, view, view.city)
labels = {None: t.gettext("All pledges")} | {
    p.key: t.name(p.name)
    + ("" if p.state == "active" else f" ({t.gettext(formatting.STATE_WORDS[p.state])})")
    for p in pledges
}
pledge = st.selectbox(t.gettext("Pledge"), list(labels), format_func=lambda key: labels[key])
previous = db.previous_briefing(view.city, pledge, as_of)
default_since = previous or clock.year_before(as_of)
since = st.date_input(
    t.gettext("What changed since"),
    value=default_since,
    max_value=as_of - dt.timedelta(days=1),
    format="YYYY-MM-DD",
    help=t.gettext("Default: the date of the previous briefing recorded, else a year before."),
)
country = next((c.country for c in db.cities() if c.name == view.city), None)
papers = list(one_pager_download.PAPERS)
paper = st.radio(
    t.gettext("Paper"),
    papers,
    index=papers.index(one_pager.paper_for(country)),
    horizontal=True,
    format_func=lambda size: t.gettext(one_pager_download.PAPERS[size]),
)

actor = widgets.current_actor()
# The store's state: which database, its newest batch, and the definitions as of the day.
catalog = hashlib.sha256(repr(pledges).encode()).hexdigest()[:16]
state = (widgets.cache_key(db), str(db.latest_change()), catalog)
key = print_cache.Key(view.city, pledge, as_of, since, paper, state)


def _print() -> print_cache.Printed:
    """Gather once, print that HTML (on the print thread: no Streamlit here)."""
    page = briefing.build_html(db, key.city, key.pledge, key.as_of, key.since, key.paper)
    try:
        return print_cache.Printed(page, briefing.print_html(page, key.as_of), None)
    except briefing.PdfError as exc:
        return print_cache.Printed(page, None, str(exc))


prints = print_cache.from_settings(settings.load())
job = prints.find(key)
if st.button(t.gettext("Prepare the briefing"), type="primary") and (job is None or actor.can_edit):
    who = print_cache.Requester(actor.can_edit, session.client_address())
    asked = prints.start(key, _print, who, clock.utc_now())
    if isinstance(asked, print_cache.Refused):
        st.warning(asked.message, icon=":material/hourglass_top:")
    else:
        job = asked.future

if job is not None and not job.done():
    label = t.gettext("Gathering the figures and printing the PDF")
    with st.status(f"{label}...") as status:
        begun = time.monotonic()
        while not futures.wait([job], timeout=1).done:
            status.update(label=f"{label}... {time.monotonic() - begun:.0f} s")
        status.update(label=t.gettext("The briefing is ready."), state="complete")

if job is not None and job.exception() is not None:
    st.error(t.gettext("The briefing could not be prepared: {problem}", problem=job.exception()))
elif job is not None:
    printed = job.result()
    st.session_state["briefing_key"] = key
    stem = f"briefing-{view.city}-{pledge or 'all'}-{as_of:%Y-%m-%d}".replace(" ", "-").lower()
    columns = st.columns(2)
    columns[0].download_button(
        t.gettext("Download HTML"),
        printed.html,
        file_name=f"{stem}.html",
        mime="text/html",
        on_click=service.record_briefing,
        args=(db, actor, view.city, pledge, as_of, f"{stem}.html (app)"),
        icon=":material/download:",
    )
    if printed.pdf is not None:
        columns[1].download_button(
            t.gettext("Download PDF"),
            printed.pdf,
            file_name=f"{stem}.pdf",
            mime="application/pdf",
            on_click=service.record_briefing,
            args=(db, actor, view.city, pledge, as_of, f"{stem}.pdf (app)"),
            icon=":material/picture_as_pdf:",
        )
    else:
        columns[1].warning(
            t.gettext("The PDF could not be printed here: {problem}", problem=printed.problem)
        )
elif "briefing_key" in st.session_state:
    widgets.note(t.gettext("The choices changed: prepare the briefing again."))
