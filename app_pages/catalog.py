"""Danh mục: prices and norms edited in tables, validated, saved as a new catalog version."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import state
from planner import labels
from planner.errors import PlannerError
from planner.services.catalog_edit import (
    ITEM_COLUMNS,
    ITEM_EDITABLE,
    NORM_COLUMNS,
    NORM_EDITABLE,
    item_rows,
    norm_rows,
    save_edits,
    share_columns,
    share_rows,
)

A = labels.APP

actor = state.guard("catalog")
state.title("catalog")
ws = state.load_or_stop()
st.session_state.setdefault("catalog_flash", None)
if st.session_state["catalog_flash"]:
    st.success(st.session_state["catalog_flash"])
    st.session_state["catalog_flash"] = None
st.caption(
    A["catalog_current"].format(version=ws.catalog.version, note=state.plain(ws.catalog.note))
)

items = pd.DataFrame(item_rows(ws.catalog))
norms = pd.DataFrame(norm_rows(ws.catalog))
shares = pd.DataFrame(share_rows(ws.catalog))
share_cols = share_columns(ws.catalog.policy)
with st.form(f"catalog_{ws.catalog.version}"):
    tab_items, tab_norms, tab_shares = st.tabs([A["items_tab"], A["norms_tab"], A["shares_tab"]])
    with tab_items:
        edited_items = st.data_editor(
            items,
            hide_index=True,
            width="stretch",
            num_rows="fixed",
            key=f"items_{ws.catalog.version}",
            disabled=[v for k, v in ITEM_COLUMNS.items() if k not in ITEM_EDITABLE],
            column_config={
                ITEM_COLUMNS["confidence"]: st.column_config.SelectboxColumn(
                    options=list(labels.CONFIDENCE)
                ),
                ITEM_COLUMNS["unit_price"]: st.column_config.NumberColumn(
                    min_value=0, step=1000, format="localized"
                ),
            },
        )
    with tab_norms:
        edited_norms = st.data_editor(
            norms,
            hide_index=True,
            width="stretch",
            num_rows="fixed",
            key=f"norms_{ws.catalog.version}",
            disabled=[v for k, v in NORM_COLUMNS.items() if k not in NORM_EDITABLE],
        )
    with tab_shares:
        st.caption(A["shares_help"])
        edited_shares = st.data_editor(
            shares,
            hide_index=True,
            width="stretch",
            num_rows="fixed",
            key=f"shares_{ws.catalog.version}",
            disabled=[share_cols["category"], share_cols["mountainous"]],
            column_config={
                share_cols[s.code]: st.column_config.NumberColumn(
                    min_value=0.0, max_value=1.0, step=0.05
                )
                for s in ws.catalog.policy.funding_sources
            },
        )
    note = st.text_input(A["catalog_note"], key="catalog_note")
    submitted = st.form_submit_button(A["catalog_save"], type="primary")

if submitted:
    try:
        version = save_edits(
            state.engine(),
            actor,
            ws.catalog,
            edited_items.to_dict("records"),
            edited_norms.to_dict("records"),
            note,
            edited_shares.to_dict("records"),
        )
    except PlannerError as exc:
        state.show_error(exc)
    else:
        if version is None:
            st.info(A["catalog_unchanged"])
        else:
            st.session_state["catalog_flash"] = A["catalog_saved"].format(version=version)
            st.rerun()
