"""Sign in: editors open Upload and the undo controls; everyone else reads every page as is."""

import streamlit as st

from pledges import model
from pledges.web import session, widgets

actor = widgets.current_actor()
st.title("Editor sign-in")
if actor != model.VIEWER:
    session.account(actor)
elif session.mode() == "oidc":
    widgets.note("Editors sign in with their organisation account. Reading needs no sign-in.")
    session.oidc_button()
else:
    widgets.note(
        "Editors of the sustainability office sign in to upload data and undo imports. "
        "Reading every page needs no sign-in."
    )
    session.password_form(widgets.get_store())
