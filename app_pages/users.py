"""Người dùng: administrators create, disable (or enable) accounts and reset passwords."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import cells, state
from planner import labels
from planner.auth import ROLE_LABEL, Role
from planner.errors import PlannerError
from planner.store.accounts import add_user, list_users, reset_password, set_disabled

A = labels.APP

actor = state.guard("users")
state.title("users")
ws = state.load_or_stop()
engine = state.engine()
st.session_state.setdefault("users_flash", None)
if st.session_state["users_flash"]:
    st.success(st.session_state["users_flash"])
    st.session_state["users_flash"] = None


def done(message: str) -> None:
    st.session_state["users_flash"] = message
    st.rerun()


accounts = list_users(engine, actor)
st.subheader(A["users_list"])
cells.show(
    pd.DataFrame(
        [
            {
                A["user"]: a.name,
                A["role"]: ROLE_LABEL[a.role],
                A["centre"]: a.centre or "",
                A["disabled"]: "✓" if a.disabled else "",
                A["failed_logins"]: a.failed_logins,
                A["created_by"]: labels.author(a.created_by),
                A["created_at"]: labels.date(a.created_at),
            }
            for a in accounts
        ]
    ),
    hide_index=True,
    width="stretch",
)

centres = {c.code: f"{c.code} – {c.name}" for c in ws.centres}
st.subheader(A["add_user"])
with st.form("add_user", clear_on_submit=True):
    cols = st.columns(4)
    name = cols[0].text_input(A["user"], key="new_user_name")
    role = cols[1].selectbox(
        A["role"],
        list(Role),
        format_func=lambda r: ROLE_LABEL[r],
        key="new_user_role",
        placeholder=labels.WIDGET["no_options"],
    )
    centre = cols[2].selectbox(
        A["centre"],
        [None, *centres],
        format_func=lambda c: centres.get(c, A["no_centre"]),
        key="new_user_centre",
        placeholder=labels.WIDGET["no_options"],
    )
    password = cols[3].text_input(A["password"], type="password", key="new_user_password")
    if st.form_submit_button(A["add_button"], type="primary"):
        try:
            add_user(engine, actor, name.strip(), password, role, centre)
        except PlannerError as exc:
            state.show_error(exc)
        else:
            done(A["added"].format(name=state.plain(name.strip())))

st.subheader(A["manage_user"])
if accounts:
    by_name = {a.name: a for a in accounts}
    chosen = st.selectbox(
        A["account"], list(by_name), key="manage_user", placeholder=labels.WIDGET["no_options"]
    )
    account = by_name[chosen]
    left, right = st.columns(2)
    toggle = A["enable"] if account.disabled else A["disable"]
    if left.button(toggle, key="toggle_user"):
        try:
            set_disabled(engine, actor, chosen, not account.disabled)
        except PlannerError as exc:
            state.show_error(exc)
        else:
            done(A["done"].format(name=state.plain(chosen)))
    with right.form("reset_password", clear_on_submit=True):
        new_password = st.text_input(A["new_password"], type="password", key="reset_password_value")
        if st.form_submit_button(A["reset"]):
            try:
                reset_password(engine, actor, chosen, new_password)
            except PlannerError as exc:
                state.show_error(exc)
            else:
                if chosen == actor.name:  # the reset ended every session of it, this one too
                    state.log_in(actor)
                done(A["done"].format(name=state.plain(chosen)))
