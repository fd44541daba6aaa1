"""The web app's language switch: a sidebar choice kept per browser session (default Vietnamese).

:func:`apply` runs at the top of every script run (``streamlit_app.py``): the labels read in
this run follow this browser session's choice, never another user's (``planner.labels``
keeps the language in a ``ContextVar``). Widget callbacks run before the script, so the
session's choice is also registered as the fallback the labels read there.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from planner import labels

KEY = "language"


def _session_language() -> str | None:
    """The running browser session's choice (``None`` outside a Streamlit script thread)."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    return st.session_state.get(KEY)


def apply() -> None:
    """Read labels in this browser session's language for the rest of this script run."""
    labels.follow(_session_language)
    labels.set_language(st.session_state.setdefault(KEY, labels.VIETNAMESE))


def choose() -> None:
    """The choice in the sidebar (each language named in its own words)."""
    st.sidebar.radio(
        labels.LANGUAGE_CHOICE, labels.LANGUAGES, format_func=labels.LANGUAGE_NAMES.get, key=KEY
    )
