"""So sánh phương án: two to four runs side by side, the kept runs, and a sweep's curve.

The runs compared are the kept runs of every user (planner.store.runs: a colleague's run, or
one made before a reload, can be compared) and this session's runs that could not be kept.
The kept runs are listed newest first; one can be reopened (drawn on "Phương án ngân sách"
exactly as a fresh run) or deleted (the library allows a planner their own, an admin any).
Finished budget curves are kept the same way (app_pages.kept_sweeps): listed, reopened,
deleted, and the newest drawn again after a reload.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import cells, charts, job_view, kept_controls, kept_sweeps, state
from app_pages.results import (
    RUN_IDS,
    add_finished_run,
    add_session_run,
    kpis,
    restore_last_run,
)
from planner import labels
from planner.auth import Role
from planner.errors import PlannerError, Stopped
from planner.optimise.solve import DEFAULT_TIME_LIMIT, PLAN_STATUSES
from planner.services.run_history import as_result, reopen
from planner.services.run_job import start_solves, start_sweep
from planner.services.scenario_fields import SWEEP_FROM_BN, SWEEP_POINTS, SWEEP_TO_BN
from planner.services.scenario_run import BILLION, ScenarioResult
from planner.store.runs import MAX_RUNS_PER_USER, RunSummary, delete_run, list_runs, load_run
from planner.store.scenarios import list_scenarios

A, R = labels.APP, labels.RUNS
SAVED_JOB = "compare_saved_job"  # the saved scenarios being solved (app_pages.job_view)

actor = state.guard("compare")
state.title("compare")
ws = state.load_or_stop()
state.illustrative_notice(ws)
st.session_state.setdefault("scenario_runs", [])
st.session_state.setdefault("sweep", None)  # (scenario name, points)
engine = state.engine()
restore_last_run(ws, actor, engine)
kept_sweeps.restore_last_sweep(actor, engine)  # a reload draws the newest kept curve again


def run_saved(names: list[str]) -> None:
    """Start solving the chosen saved scenarios not yet solved in this session (a job: its
    step, its time and "Dừng" are drawn by :func:`collect_saved`)."""
    solved = [r.scenario for r in st.session_state["scenario_runs"]]
    todo = [saved[n] for n in names if saved[n] not in solved]
    if todo:
        job_view.start(
            SAVED_JOB,
            start_solves(ws, actor, todo, time_limit=DEFAULT_TIME_LIMIT, engine=engine),
        )


def collect_saved() -> None:
    """Follow the saved scenarios' job; once solved, each run is the session's and kept."""
    job = job_view.follow(SAVED_JOB)
    if job is None:
        return
    try:
        results = job.result()
    except Stopped:
        job_view.stopped_notice(job, None)
        return
    except PlannerError as exc:
        state.show_error(exc)
        return
    for result, kept in zip(results, job.kept or [None] * len(results), strict=True):
        add_finished_run(result, kept)  # kept by the job itself


def run_label(run: RunSummary) -> str:
    return R["label"].format(
        id=run.id,
        name=run.name,
        by=labels.author(run.created_by),
        at=labels.date(run.created_at.astimezone()),
    )


def load_for_comparison(choice: tuple[str, int]) -> ScenarioResult:
    """A kept run (read once per session: a run never changes) or a run of this session."""
    kind, ref = choice
    if kind == "session":
        return st.session_state["scenario_runs"][ref]
    cache = st.session_state.setdefault("compare_loaded", {})
    if ref not in cache:
        cache[ref] = as_result(load_run(engine, actor, ref))
    return cache[ref]


def _reopen() -> None:
    run_id = st.session_state.get("runs_reopen")
    try:
        result = reopen(engine, actor, ws, run_id)
    except PlannerError as exc:
        st.session_state["runs_flash"] = ("error", str(exc))
        return
    add_session_run(result, next(r for r in kept if r.id == run_id))
    st.session_state["runs_go_to_result"] = True


def _delete() -> None:
    run_id = st.session_state.get("runs_delete")
    try:
        delete_run(engine, actor, run_id)
    except PlannerError as exc:
        st.session_state["runs_flash"] = ("error", str(exc))
        return
    ids = st.session_state.setdefault(RUN_IDS, {})
    for key in [k for k, v in ids.items() if v == run_id]:
        del ids[key]
    st.session_state.get("compare_loaded", {}).pop(run_id, None)
    st.session_state["runs_flash"] = ("success", R["deleted"].format(id=run_id))
    st.session_state["runs_delete_confirm"] = False  # the next deletion is asked again


saved = {s.name: s.scenario for s in list_scenarios(state.engine())}
if saved:
    with st.form("compare_saved"):
        chosen_saved = st.multiselect(
            A["compare_saved"],
            list(saved),
            max_selections=4,
            key="compare_saved_names",
            placeholder=labels.CHOOSE,
        )
        if st.form_submit_button(A["compare_run"]):
            try:
                run_saved(chosen_saved)
            except PlannerError as exc:
                state.show_error(exc)
    collect_saved()

if st.session_state.pop("runs_go_to_result", False):
    st.switch_page("app_pages/scenario.py")
kept = list_runs(engine, actor)  # newest first
kept_ids = {r.id for r in kept}
# Labels are plain text here (options and column names are not Markdown).
names: dict[tuple[str, int], str] = {
    ("kept", r.id): run_label(r)
    for r in reversed(kept)  # oldest first, so that the default is the two newest
    if r.status in PLAN_STATUSES
}
for i, r in enumerate(st.session_state["scenario_runs"]):  # runs of this session not kept
    if r.has_plan and st.session_state.get(RUN_IDS, {}).get(r.key) not in kept_ids:
        names[("session", i)] = R["session_only"].format(
            name=r.scenario.name, at=labels.date(r.solved_at)
        )
if len(names) < 2:
    st.info(A["compare_need_two"])
else:
    chosen = st.multiselect(
        A["compare_pick"],
        list(names),
        default=list(names)[-2:],
        format_func=names.get,
        max_selections=4,
        key="compare_chosen",
        placeholder=labels.CHOOSE,
    )
    if len(chosen) >= 2:
        try:
            compared = {names[c]: load_for_comparison(c) for c in chosen}
        except PlannerError as exc:  # deleted meanwhile by its owner
            state.show_error(exc)
            compared = {}
        if compared:
            table = pd.DataFrame({name: kpis(result) for name, result in compared.items()})
            cells.show(table.rename_axis(A["compare_metric"]), hide_index=False, width="stretch")
            st.caption(A["coverage_pct"])
            charts.coverage_bars(
                [
                    {**c, "series": name}
                    for name, result in compared.items()
                    for c in result.document["centres"]
                ],
                series=labels.CHART["run"],
            )

st.subheader(R["title"])
st.caption(R["caption"].format(limit=MAX_RUNS_PER_USER))
if "runs_flash" in st.session_state:
    kind, message = st.session_state.pop("runs_flash")
    (st.error if kind == "error" else st.success)(message)
if not kept:
    st.info(R["none"])
else:
    cells.show(
        pd.DataFrame(
            [
                {
                    R["id"]: r.id,
                    R["name"]: r.name,
                    R["by"]: labels.author(r.created_by),
                    R["at"]: labels.date(r.created_at.astimezone()),
                    R["status"]: labels.OPTIMISE_STATUS.get(r.status, r.status),
                    R["spent"]: labels.money(r.spent) if r.spent is not None else "–",
                    labels.NEED_MET["name"]: labels.points(r.need_met_score),
                    R["seconds"]: labels.number(r.solve_seconds or 0, 1),
                }
                for r in kept
            ]
        ),
        hide_index=True,
        width="stretch",
        key="runs_table",
    )
    labels_by_id = {r.id: run_label(r) for r in kept}
    mine = [r.id for r in kept if actor.role == Role.ADMIN or r.created_by == actor.name]
    kept_controls.reopen_and_delete(R, "runs", labels_by_id, mine, _reopen, _delete)

st.subheader(A["sweep_title"])
all_runs = st.session_state["scenario_runs"]
if not all_runs:
    st.info(A["no_result"])
else:
    base = all_runs[-1].scenario
    with st.form("sweep_form"):
        st.caption(f"{A['sweep_base']}: {base.name}")
        cols = st.columns(3)
        low = cols[0].number_input(
            A["sweep_from"],
            min_value=0.0,
            step=1.0,
            format="%g",
            value=SWEEP_FROM_BN,
            key="sweep_low",
        )
        high = cols[1].number_input(
            A["sweep_to"], min_value=0.5, step=1.0, format="%g", value=SWEEP_TO_BN, key="sweep_high"
        )
        points = cols[2].number_input(
            A["sweep_points"], min_value=2, max_value=40, step=1, value=SWEEP_POINTS, key="sweep_n"
        )
        submitted = st.form_submit_button(A["sweep_run"], type="primary")
    if submitted:
        budgets = [
            round((low + (high - low) * k / (points - 1)) * BILLION) for k in range(int(points))
        ]
        try:  # a background job, drawn with its step, its time and "Dừng" (job_view)
            job_view.start(
                "sweep_job",
                start_sweep(ws, actor, base, budgets, time_limit=DEFAULT_TIME_LIMIT, engine=engine),
            )
        except PlannerError as exc:
            state.show_error(exc)
    if (swept := job_view.follow("sweep_job")) is not None:
        try:
            result = swept.result()
        except Stopped:  # no new curve: the last one stays
            job_view.stopped_notice(
                swept, labels.JOBS["previous_curve_kept"] if st.session_state["sweep"] else None
            )
        except PlannerError as exc:
            state.show_error(exc)
        else:
            st.session_state["sweep"] = (swept.subject, result)
            kept_sweeps.note_kept(swept.kept)  # kept by the job itself
    if st.session_state["sweep"]:
        name, result = st.session_state["sweep"]
        st.caption(f"{A['sweep_base']}: {name}")
        kept_sweeps.reopened_caption()
        charts.need_met_curve(result)
        cells.show(
            pd.DataFrame(
                [
                    {
                        A["kpi_budget"]: labels.money(p["budget"]),
                        labels.NEED_MET["name"]: labels.points(p.get("need_met_score")),
                        A["sweep_spent"]: labels.money(p["spent"] or 0),
                        A["kpi_status"]: labels.OPTIMISE_STATUS.get(p["status"], p["status"]),
                    }
                    for p in result
                ]
            ),
            hide_index=True,
            width="stretch",
        )

kept_sweeps.section(actor, engine)
