"""The compare page's kept budget curves (planner.store.sweeps): restore, note, list, reopen, delete.

A helper of app_pages/compare.py (not a page). The curve drawn is ``st.session_state["sweep"]``
(base scenario's name, points); :data:`SWEEP_ID` is the id it was kept under. A finished sweep
is kept by its job (planner.services.run_job.start_sweep), :func:`note_kept` says so; a new
session (a reload) draws the user's newest kept curve again (:func:`restore_last_sweep`); the
list reopens any kept curve (a colleague's too) and deletes the user's own (an administrator:
any), after a confirmation, as for runs. The curve is drawn in the page's sweep part, which
starts from a run of the session (a new session reopens the user's newest kept run first).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import cells, kept_controls, state
from planner import labels
from planner.auth import Actor, Role
from planner.errors import PlannerError
from planner.store.kept import Kept
from planner.store.sweeps import (
    MAX_SWEEPS_PER_USER,
    SweepSummary,
    delete_sweep,
    latest_sweep,
    list_sweeps,
    load_sweep,
)

S = labels.SWEEPS
CURVE = "sweep"  # (base scenario's name, points) drawn on the page
SWEEP_ID = "sweep_kept_id"  # id of the kept sweep drawn, or None
REOPENED = "sweep_reopened"  # SweepSummary of a curve reopened from the database, or None
RESTORED = "sweep_restored"  # the newest kept curve was looked up for this session
FLASH = "sweeps_flash"


def _show(stored, reopened: bool) -> None:
    st.session_state[CURVE] = (stored.scenario.name, stored.points)
    st.session_state[SWEEP_ID] = stored.summary.id
    st.session_state[REOPENED] = stored.summary if reopened else None


def restore_last_sweep(actor: Actor, engine) -> None:
    """A new session (reload, typed URL) draws the user's newest kept curve again, once."""
    if st.session_state.get(RESTORED):
        return
    st.session_state[RESTORED] = True
    if st.session_state.get(CURVE):
        return
    try:
        stored = latest_sweep(engine, actor)
    except PlannerError as exc:
        state.show_error(exc)
        return
    if stored is not None:
        _show(stored, reopened=True)


def note_kept(kept: object) -> None:
    """After a finished sweep: its id, and that it was kept (or why not)."""
    st.session_state[REOPENED] = None
    st.session_state[SWEEP_ID] = kept.id if isinstance(kept, Kept) else None
    if isinstance(kept, PlannerError):
        st.warning(S["not_kept"].format(reason=kept))
    elif isinstance(kept, Kept):
        st.caption(S["kept"].format(id=kept.id))
        if kept.pruned:
            st.info(S["pruned"].format(limit=MAX_SWEEPS_PER_USER, count=kept.pruned))


def reopened_caption() -> None:
    summary = st.session_state.get(REOPENED)
    if summary is not None:
        st.caption(
            S["reopened"].format(
                id=summary.id,
                by=state.plain(labels.author(summary.created_by)),
                at=labels.date(summary.created_at.astimezone()),
            )
        )


def _label(sweep: SweepSummary) -> str:
    return S["label"].format(
        id=sweep.id,
        name=sweep.name,
        by=labels.author(sweep.created_by),
        at=labels.date(sweep.created_at.astimezone()),
        points=sweep.point_count,
    )


def section(actor: Actor, engine) -> None:
    """The list of kept curves, with reopen and (confirmed) delete."""
    st.subheader(S["title"])
    st.caption(S["caption"].format(limit=MAX_SWEEPS_PER_USER))
    if FLASH in st.session_state:
        kind, message = st.session_state.pop(FLASH)
        (st.error if kind == "error" else st.success)(message)
    kept = list_sweeps(engine, actor)
    if not kept:
        st.info(S["none"])
        return

    def reopen() -> None:
        try:
            _show(load_sweep(engine, actor, st.session_state["sweeps_reopen"]), reopened=True)
        except PlannerError as exc:
            st.session_state[FLASH] = ("error", str(exc))

    def delete() -> None:
        sweep_id = st.session_state.get("sweeps_delete")
        try:
            delete_sweep(engine, actor, sweep_id)
        except PlannerError as exc:
            st.session_state[FLASH] = ("error", str(exc))
            return
        if st.session_state.get(SWEEP_ID) == sweep_id:  # the curve drawn is gone
            st.session_state[CURVE] = st.session_state[SWEEP_ID] = None
            st.session_state[REOPENED] = None
        st.session_state[FLASH] = ("success", S["deleted"].format(id=sweep_id))
        st.session_state["sweeps_delete_confirm"] = False  # the next deletion is asked again

    cells.show(
        pd.DataFrame(
            [
                {
                    S["id"]: s.id,
                    S["name"]: s.name,
                    S["by"]: labels.author(s.created_by),
                    S["at"]: labels.date(s.created_at.astimezone()),
                    S["points"]: s.point_count,
                }
                for s in kept
            ]
        ),
        hide_index=True,
        width="stretch",
        key="sweeps_table",
    )
    by_id = {s.id: _label(s) for s in kept}
    mine = [s.id for s in kept if actor.role == Role.ADMIN or s.created_by == actor.name]
    kept_controls.reopen_and_delete(S, "sweeps", by_id, mine, reopen, delete)
