"""Web app entry point: the login gate, then the pages the user's role may see (``st.navigation``).

Before login the only page is "Đăng nhập". After login the navigation lists the role's pages
(app_pages.state.PAGES); each page checks the role again at its top, because a hidden page can
still be asked for by URL or ``st.switch_page``.
"""

from __future__ import annotations

import streamlit as st

from app_pages import language, state
from planner import labels

language.apply()  # this browser session's language, for this run only (other users unchanged)
st.set_page_config(page_title=labels.APP["title"], page_icon="🏛️", layout="wide")
language.choose()

actor = state.current_actor()
if actor is None:
    page = st.navigation(
        [st.Page("app_pages/login.py", title=labels.PAGE["login"], icon=":material/login:")]
    )
else:
    pages = [
        st.Page(
            spec.path,
            title=labels.PAGE[spec.key],
            icon=spec.icon,
            url_path=spec.key,
            default=i == 0,
        )
        for i, spec in enumerate(state.pages_for(actor.role))
    ]
    page = st.navigation(pages)
    with st.sidebar:
        st.markdown(state.role_text(actor))
        if actor.centre:
            st.caption(
                labels.APP["centre_of_user"].format(
                    code=actor.centre, name=state.centre_name(actor.centre)
                )
            )
        if st.button(labels.PAGE["logout"], icon=":material/logout:", key="logout"):
            state.log_out()
            st.rerun()
page.run()
