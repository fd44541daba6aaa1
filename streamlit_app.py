"""Web app entry point: the login gate, then the pages the user's role may see (``st.navigation``).

Before login the only page is "Đăng nhập". After login the navigation lists the role's pages
(app_pages.state.PAGES); each page checks the role again at its top, because a hidden page can
still be asked for by URL or ``st.switch_page``.
"""

from __future__ import annotations

import streamlit as st

from app_pages import language, state, widget_words
from planner import labels

language.apply()  # this browser session's language, for this run only (other users unchanged)
st.set_page_config(page_title=labels.APP["title"], page_icon="🏛️", layout="wide")
language.choose()
widget_words.apply()  # Streamlit's own English words (uploader, "Stop") in the session's language

state.quiet_page_not_found()
actor = state.current_actor()
known = {spec.key for spec in state.PAGES}
if actor is None:
    # Every page's URL leads to the login form (no English "Page not found" for a bookmark);
    # after login the same URL opens that page, if the role may see it.
    page = st.navigation(
        [st.Page("app_pages/login.py", title=labels.PAGE["login"], icon=":material/login:")]
        + [
            st.Page(
                "app_pages/login.py",
                title=labels.PAGE["login"],
                url_path=key,
                visibility="hidden",
            )
            for key in sorted(known)
        ]
    )
else:
    allowed = state.pages_for(actor.role)
    pages = [
        st.Page(
            spec.path,
            title=labels.PAGE[spec.key],
            icon=spec.icon,
            url_path=spec.key,
            default=i == 0,
        )
        for i, spec in enumerate(allowed)
    ]
    # A page the role may not see is still a known URL: it opens and says "no permission".
    pages += [
        st.Page(spec.path, title=labels.PAGE[spec.key], url_path=spec.key, visibility="hidden")
        for spec in state.PAGES
        if spec not in allowed
    ]
    page = st.navigation(pages)
    with st.sidebar:
        st.markdown(state.role_text(actor))
        if actor.centre:
            st.caption(
                labels.APP["centre_of_user"].format(
                    code=state.plain(actor.centre),
                    name=state.plain(state.centre_name(actor.centre)),
                )
            )
        if st.button(labels.PAGE["logout"], icon=":material/logout:", key="logout"):
            state.log_out()
            st.rerun()
state.unknown_page_notice(known)
state.write_cookie()
page.run()
