"""Đăng nhập: user name and password, checked (and throttled) by planner.store.accounts."""

from __future__ import annotations

import streamlit as st

from app_pages import state
from planner import labels
from planner.errors import PermissionDenied
from planner.store.accounts import authenticate

A = labels.APP

st.title(labels.PAGE["login"])
st.caption(A["login_intro"])
with st.form("login"):
    name = st.text_input(A["user"], key="login_name")
    password = st.text_input(A["password"], type="password", key="login_password")
    submitted = st.form_submit_button(A["login_button"], type="primary")

if submitted:
    if not name.strip() or not password:
        st.error(A["login_missing"])
    else:
        try:
            actor = authenticate(state.engine(), name.strip(), password)
        except PermissionDenied as exc:
            st.error(str(exc))
        else:
            state.log_in(actor)
            st.rerun()
