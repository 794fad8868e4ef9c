"""Briefing: download the council briefing (HTML or PDF) for the chosen city and date."""

import datetime as dt

import streamlit as st

from pledges import briefing, clock, service
from pledges.views import formatting, one_pager
from pledges.web import widgets

db = widgets.get_store()
view = widgets.sidebar(db)
if view.city is None:
    widgets.empty_city()

st.title(f"{formatting.plain(view.city)}: council briefing")
st.write(
    "One printable document for the council: each goal's status and progress, every "
    "indicator's sentence with a small chart, what changed since the last briefing, the data "
    "gaps, and the source of every figure. The HTML file is self-contained (it opens offline "
    "and can be e-mailed); the PDF is the same page printed."
)
as_of = view.as_of or clock.today()
pledges = widgets.pledges(db, view, view.city)
labels = {None: "All pledges"} | {
    p.key: p.name + ("" if p.state == "active" else f" ({p.state})") for p in pledges
}
pledge = st.selectbox("Pledge", list(labels), format_func=lambda key: labels[key])
previous = db.previous_briefing(view.city, pledge, as_of)
default_since = previous or as_of.replace(year=as_of.year - 1, day=min(as_of.day, 28))
since = st.date_input(
    "What changed since",
    value=default_since,
    max_value=as_of - dt.timedelta(days=1),
    format="YYYY-MM-DD",
    help="Default: the date of the previous briefing recorded, else a year before.",
)
country = next((c.country for c in db.cities() if c.name == view.city), None)
papers = ["a4", "letter"]
paper = st.radio(
    "Paper",
    papers,
    index=papers.index(one_pager.paper_for(country)),
    horizontal=True,
    format_func=str.upper,
)

key = (view.city, pledge, as_of, since, paper)
if st.button("Prepare the briefing", type="primary"):
    with st.spinner("Gathering the figures and printing the PDF..."):
        page = briefing.build_html(db, view.city, pledge, as_of, since, paper)
        try:
            printed: bytes | None = briefing.print_html(page)
            problem = None
        except briefing.PdfError as exc:
            printed, problem = None, str(exc)
    st.session_state["briefing"] = (key, page, printed, problem)

ready = st.session_state.get("briefing")
if ready is not None and ready[0] == key:
    _, page, printed, problem = ready
    stem = f"briefing-{view.city}-{pledge or 'all'}-{as_of:%Y-%m-%d}".replace(" ", "-").lower()
    columns = st.columns(2)
    columns[0].download_button(
        "Download HTML",
        page,
        file_name=f"{stem}.html",
        mime="text/html",
        on_click=service.record_briefing,
        args=(db, widgets.current_actor(), view.city, pledge, as_of, f"{stem}.html (app)"),
        icon=":material/download:",
    )
    if printed is not None:
        columns[1].download_button(
            "Download PDF",
            printed,
            file_name=f"{stem}.pdf",
            mime="application/pdf",
            on_click=service.record_briefing,
            args=(db, widgets.current_actor(), view.city, pledge, as_of, f"{stem}.pdf (app)"),
            icon=":material/picture_as_pdf:",
        )
    else:
        columns[1].warning(f"The PDF could not be printed here: {problem}")
elif ready is not None:
    widgets.note("The choices changed: prepare the briefing again.")
