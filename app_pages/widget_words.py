"""Streamlit's own words on screen, in the session's language.

Streamlit writes a few texts of its own in English and offers no setting for them: the file
uploader's button ("Upload") and size note ("5MB per file • XLSX"), the running indicator's
"Stop" button, and "No options to select" in an empty drop-down. The drop-downs take our
placeholder instead (every ``selectbox`` and ``multiselect`` is given one: a test reads the
pages for it). The others are drawn by the browser, so a style sheet hides Streamlit's text and
writes ours in its place (CSS generated content). The words come from ``labels.WIDGET``; the
style sheet holds no user text.
"""

from __future__ import annotations

import streamlit as st

from planner import labels


def _css_text(text: str) -> str:
    """``text`` as a CSS string (quotes and backslashes escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def style_sheet(max_upload_mb: int) -> str:
    """The ``<style>`` block that writes the uploader's and the running indicator's words."""
    w = labels.WIDGET
    button = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
    note = '[data-testid="stFileUploaderDropzoneInstructions"] span'
    stop = '[data-testid="stStatusWidget"] button'
    rules = [
        f"{button}, {note}, {stop} {{ font-size: 0; }}",
        f"{button}::after {{ content: {_css_text(w['upload_button'])}; font-size: 0.875rem; }}",
        f"{note}::after {{ content: {_css_text(w['upload_limit'].format(mb=max_upload_mb))};"
        " font-size: 0.875rem; }",
        f"{stop}::after {{ content: {_css_text(w['stop'])}; font-size: 0.875rem; }}",
    ]
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def apply() -> None:
    """Write the style sheet into this run's page (call once per run, before the page)."""
    st.html(style_sheet(int(st.get_option("server.maxUploadSize"))))
