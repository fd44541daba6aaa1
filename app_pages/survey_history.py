"""Khảo sát hiện trạng, the Lịch sử tab: a centre's survey versions, what changed between two,
and the last workbook uploaded as it was sent (read through planner.services.surveys, which
checks that the reader may see the centre)."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from app_pages import cells
from planner import labels
from planner.auth import Actor
from planner.needs.sizing import field_label
from planner.services.surveys import diff, history, read_original, read_version

A, C = labels.APP, labels.COLUMN


def diff_tables(engine: Engine, actor: Actor, code: str, a: int, b: int) -> None:
    """What changed from version ``a`` to ``b``: lines added, removed and changed, premises
    and procedures."""
    older, newer = (
        read_version(engine, actor, code, a).survey,
        read_version(engine, actor, code, b).survey,
    )
    change = diff(older, newer)
    if change.empty:
        st.info(A["diff_none"])
        return

    def lines(items) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    C["item"]: x.item,
                    C["condition"]: labels.CONDITION[x.condition.value],
                    C["year_acquired"]: x.year_acquired,
                    C["quantity"]: x.quantity,
                }
                for x in items
            ]
        )

    for title, items in ((A["diff_added"], change.added), (A["diff_removed"], change.removed)):
        if items:
            st.caption(title)
            cells.show(lines(items), hide_index=True, width="stretch")
    if change.changed:
        st.caption(A["diff_changed"])
        cells.show(
            pd.DataFrame(
                [
                    {
                        C["item"]: c.key[0],
                        C["condition"]: labels.CONDITION[c.key[1]],
                        C["year_acquired"]: c.key[2],
                        A["before"]: c.before,
                        A["after"]: c.after,
                    }
                    for c in change.changed
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    if change.premises:
        st.caption(A["diff_premises"])
        cells.show(
            pd.DataFrame(
                [
                    {A["field"]: C.get(k, k), A["before"]: v[0], A["after"]: v[1]}
                    for k, v in change.premises.items()
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    if change.procedures:
        st.caption(A["diff_procedures"])
        cells.show(
            pd.DataFrame(
                [
                    {
                        A["procedure"]: f"{field_label(f)} – {n}",
                        A["before"]: _procedure_text(a),
                        A["after"]: _procedure_text(b),
                    }
                    for (f, n), (a, b) in change.procedures.items()
                ]
            ),
            hide_index=True,
            width="stretch",
        )


def _procedure_text(procedure) -> str:
    if procedure is None:
        return "—"
    return A["procedure_text"].format(
        dossiers=labels.number(procedure.yearly_dossiers),
        minutes=labels.number(procedure.handling_minutes, 1),
    )


def history_tab(engine: Engine, actor: Actor, code: str) -> None:
    """The centre's versions, the difference between two of them, the last uploaded file."""
    versions = history(engine, actor, code)
    if not versions:
        st.info(A["history_empty"])
        return
    cells.show(
        pd.DataFrame(
            [
                {
                    A["version"]: v.version,
                    A["saved_by"]: labels.author(v.by),
                    A["saved_at"]: labels.date(v.at),
                    A["source"]: labels.SOURCE[v.source.value],
                }
                for v in reversed(versions)
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    numbers = [v.version for v in versions]
    if len(numbers) > 1:
        cols = st.columns(2)
        a = cols[0].selectbox(
            A["compare_from"],
            numbers,
            index=len(numbers) - 2,
            key=f"diff_a_{code}",
            placeholder=labels.WIDGET["no_options"],
        )
        b = cols[1].selectbox(
            A["compare_to"],
            numbers,
            index=len(numbers) - 1,
            key=f"diff_b_{code}",
            placeholder=labels.WIDGET["no_options"],
        )
        diff_tables(engine, actor, code, a, b)
    uploads = [v for v in versions if v.original_name]
    if uploads:
        chosen = uploads[-1]
        original = read_original(engine, actor, code, chosen.version)
        if original:
            st.download_button(
                A["download_original"].format(version=chosen.version),
                original,
                file_name=chosen.original_name,
                key="download_original",
            )
