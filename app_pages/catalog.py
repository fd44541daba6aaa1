"""Danh mục: prices and norms edited in tables, validated, saved as a new catalog version."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.orm import Session

from app_pages import cells, state
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
from planner.store.catalogs import catalog_history

A = labels.APP


def version_words(catalog) -> str:
    """The catalog in use in words: its number in the history, when and by whom it was saved."""
    with Session(state.engine()) as session:
        history = catalog_history(session)
    numbered = [
        (n, row) for n, row in enumerate(history, start=1) if row.version == catalog.version
    ]
    note = state.plain(catalog.note) if catalog.note else labels.EMPTY_CELL
    if not numbered:
        return A["catalog_current_files"].format(note=note, version=catalog.version)
    number, row = numbered[-1]
    return A["catalog_current"].format(
        number=number,
        at=labels.date(row.created_at),
        by=state.plain(labels.author(row.created_by)),
        note=note,
        version=catalog.version,
    )


actor = state.guard("catalog")
state.title("catalog")
ws = state.load_or_stop()
st.session_state.setdefault("catalog_flash", None)
if st.session_state["catalog_flash"]:
    st.success(st.session_state["catalog_flash"])
    st.session_state["catalog_flash"] = None
st.caption(version_words(ws.catalog))

items = pd.DataFrame(item_rows(ws.catalog))
price_date = ITEM_COLUMNS["price_date"]
items[price_date] = pd.to_datetime(items[price_date]).dt.date  # a date cell, dd/mm/yyyy
norms = pd.DataFrame(norm_rows(ws.catalog))
# level and basis are read-only here: shown in words (save_edits reads only the editable cells)
norms[NORM_COLUMNS["level"]] = norms[NORM_COLUMNS["level"]].map(
    lambda code: labels.LEVEL.get(code, code)
)
norms[NORM_COLUMNS["basis"]] = norms[NORM_COLUMNS["basis"]].map(
    lambda code: labels.BASIS.get(code, code)
)
shares = pd.DataFrame(share_rows(ws.catalog))
share_cols = share_columns(ws.catalog.policy)
with st.form(f"catalog_{ws.catalog.version}"):
    tab_items, tab_norms, tab_shares = st.tabs([A["items_tab"], A["norms_tab"], A["shares_tab"]])
    with tab_items:
        edited_items = cells.edit(
            items,
            hide_index=True,
            width="stretch",
            num_rows="fixed",
            key=f"items_{ws.catalog.version}",
            disabled=[v for k, v in ITEM_COLUMNS.items() if k not in ITEM_EDITABLE],
            column_config={
                ITEM_COLUMNS["confidence"]: st.column_config.SelectboxColumn(
                    options=list(labels.CONFIDENCE), format_func=labels.CONFIDENCE.get
                ),
                price_date: st.column_config.DateColumn(format="DD/MM/YYYY"),
                ITEM_COLUMNS["unit_price"]: st.column_config.NumberColumn(
                    labels.UNIT["dong_column"].format(name=ITEM_COLUMNS["unit_price"]),
                    min_value=0,
                    step=1000,
                    format="localized",
                ),
            },
        )
    with tab_norms:
        edited_norms = cells.edit(
            norms,
            hide_index=True,
            width="stretch",
            num_rows="fixed",
            key=f"norms_{ws.catalog.version}",
            disabled=[v for k, v in NORM_COLUMNS.items() if k not in NORM_EDITABLE],
        )
    with tab_shares:
        st.caption(A["shares_help"])
        edited_shares = cells.edit(
            shares,
            hide_index=True,
            width="stretch",
            num_rows="fixed",
            key=f"shares_{ws.catalog.version}",
            disabled=[share_cols["category"], share_cols["mountainous"]],
            column_config={
                share_cols[s.code]: st.column_config.NumberColumn(
                    min_value=0.0, max_value=1.0, step=0.05, format="percent"
                )  # typed as a share of 1 (0,7), shown as 70%
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
