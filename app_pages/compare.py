"""So sánh phương án: two to four runs side by side, and the budget–coverage curve of a sweep."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import state
from app_pages.results import kpis
from planner import labels
from planner.errors import PlannerError
from planner.optimise.solve import SolveOptions
from planner.scenario_run import BILLION, run_scenario, sweep_scenario
from planner.store.scenarios import list_scenarios

A = labels.APP

actor = state.guard("compare")
state.title("compare")
ws = state.load_or_stop()
state.illustrative_notice(ws)
st.session_state.setdefault("scenario_runs", [])
st.session_state.setdefault("sweep", None)  # (scenario name, points)


def run_saved(names: list[str]) -> None:
    """Solve the chosen saved scenarios not yet solved in this session (with a progress bar)."""
    solved = [r.scenario for r in st.session_state["scenario_runs"]]
    todo = [saved[n] for n in names if saved[n] not in solved]
    bar = st.progress(0.0, text=A["running"]) if todo else None
    for k, scenario in enumerate(todo):
        try:
            result = run_scenario(
                ws,
                actor,
                scenario,
                options=SolveOptions(time_limit=60),
                progress=lambda f, m, k=k, s=scenario: bar.progress(
                    (k + f) / len(todo), text=f"{s.name}: {m}"
                ),
            )
        except PlannerError as exc:
            state.show_error(exc)
            return
        st.session_state["scenario_runs"].append(result)


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
            run_saved(chosen_saved)

runs = [r for r in st.session_state["scenario_runs"] if r.has_plan]
names = {
    i: A["session_run"].format(name=r.scenario.name, at=labels.date(r.solved_at))
    for i, r in enumerate(runs)
}
if len(runs) < 2:
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
        table = pd.DataFrame({names[i]: kpis(runs[i]) for i in chosen})
        st.dataframe(table.rename_axis(A["compare_metric"]), width="stretch")
        coverage = pd.DataFrame(
            {
                names[i]: {c["centre"]: 100 * c["coverage"] for c in runs[i].document["centres"]}
                for i in chosen
            }
        )
        st.caption(A["coverage_pct"])
        st.bar_chart(coverage, stack=False)

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
            A["sweep_from"], min_value=0.0, step=1.0, value=5.0, key="sweep_low"
        )
        high = cols[1].number_input(
            A["sweep_to"], min_value=0.5, step=1.0, value=60.0, key="sweep_high"
        )
        points = cols[2].number_input(
            A["sweep_points"], min_value=2, max_value=40, step=1, value=8, key="sweep_n"
        )
        submitted = st.form_submit_button(A["sweep_run"], type="primary")
    if submitted:
        budgets = [
            round((low + (high - low) * k / (points - 1)) * BILLION) for k in range(int(points))
        ]
        bar = st.progress(0.0, text=A["running"])
        try:
            result = sweep_scenario(
                ws,
                actor,
                base,
                budgets,
                options=SolveOptions(time_limit=60),
                progress=lambda f, m: bar.progress(f, text=m),
            )
        except PlannerError as exc:
            state.show_error(exc)
        else:
            st.session_state["sweep"] = (base.name, result)
    if st.session_state["sweep"]:
        name, result = st.session_state["sweep"]
        frame = pd.DataFrame(
            [
                {
                    A["kpi_budget"]: p["budget"] / BILLION,
                    A["sweep_value"]: p["objective"],
                    A["sweep_spent"]: (p["spent"] or 0) / BILLION,
                }
                for p in result
            ]
        )
        st.caption(f"{A['sweep_base']}: {name}")
        st.line_chart(frame, x=A["kpi_budget"], y=A["sweep_value"])
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        A["kpi_budget"]: labels.money(p["budget"]),
                        A["sweep_value"]: labels.number(p["objective"] or 0, 2),
                        A["sweep_spent"]: labels.money(p["spent"] or 0),
                        A["kpi_status"]: labels.OPTIMISE_STATUS.get(p["status"], p["status"]),
                    }
                    for p in result
                ]
            ),
            hide_index=True,
            width="stretch",
        )
