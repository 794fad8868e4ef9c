"""Sign in: editors open Upload and the undo controls; everyone else reads every page as is."""

import streamlit as st

from pledges import model
from pledges.web import session, widgets

actor = widgets.current_actor()
t = widgets.translator()
st.title(t.gettext("Editor sign-in"))
if actor != model.VIEWER:
    session.account(actor, t)
elif session.mode() == "oidc":
    widgets.note(
        t.gettext("Editors sign in with their organisation account. Reading needs no sign-in.")
    )
    session.oidc_button(t)
else:
    widgets.note(
        t.gettext(
            "Editors of the sustainability office sign in to upload data and undo imports. "
            "Reading every page needs no sign-in."
        )
    )
    session.password_form(widgets.get_store(), t)
