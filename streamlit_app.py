"""Web app entry point: shared state once, then the pages the user may see (``st.navigation``)."""

from __future__ import annotations

import streamlit as st

from planner import labels

st.set_page_config(page_title="Kế hoạch Trung tâm Hành chính công", page_icon="🏛️", layout="wide")

pages = [st.Page("app_pages/needs.py", title=labels.PAGE["needs"], icon="📋", default=True)]
st.navigation(pages).run()
