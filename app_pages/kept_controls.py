"""The reopen and delete controls under a list of kept runs or kept budget curves.

Both lists work alike: anyone who may read them reopens any entry; only its author or an
administrator deletes it, and only after ticking a confirmation (a deleted entry is gone for
every user). The widget keys are ``{prefix}_reopen``, ``{prefix}_reopen_button``,
``{prefix}_delete``, ``{prefix}_delete_confirm`` and ``{prefix}_delete_button``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from planner import labels


def reopen_and_delete(
    words: Mapping[str, str],
    prefix: str,
    names: Mapping[int, str],
    deletable: list[int],
    on_reopen: Callable[[], None],
    on_delete: Callable[[], None],
) -> None:
    """Draw the two columns: reopen any of ``names`` (id → label), delete one of ``deletable``."""
    left, right = st.columns(2)
    left.selectbox(
        words["reopen"],
        list(names),
        format_func=names.get,
        key=f"{prefix}_reopen",
        placeholder=labels.WIDGET["no_options"],
    )
    left.button(words["reopen_button"], key=f"{prefix}_reopen_button", on_click=on_reopen)
    if not deletable:
        return
    right.selectbox(
        words["delete"],
        deletable,
        format_func=names.get,
        key=f"{prefix}_delete",
        placeholder=labels.WIDGET["no_options"],
    )
    sure = right.checkbox(words["delete_confirm"], key=f"{prefix}_delete_confirm")
    right.button(
        words["delete_button"], key=f"{prefix}_delete_button", on_click=on_delete, disabled=not sure
    )
