"""Phương án ngân sách: the scenario form, a run with visible progress, and its results.

The run is planner.scenario_run.run_scenario (solve, packages, proposal); the result is kept in
st.session_state so that it survives reruns and page changes, and "So sánh phương án" and
"Kế hoạch mua sắm" read it from there.
"""

from __future__ import annotations

import streamlit as st

from app_pages import state
from app_pages.results import show_result
from planner import labels
from planner.errors import PlannerError
from planner.optimise.optimiser import default_year
from planner.optimise.solve import SolveOptions
from planner.scenario_run import run_scenario, scenario_from_form

A = labels.APP

actor = state.guard("scenario")
state.title("scenario")
ws = state.load_or_stop()
st.session_state.setdefault("scenario_runs", [])  # ScenarioResult, newest last (at most 8 kept)
state.illustrative_notice(ws)

sources = {s.code: s.name for s in ws.catalog.policy.funding_sources}
with st.form("scenario_form"):
    top = st.columns([2, 1, 1, 1])
    name = top[0].text_input(A["scenario_name"], value="Phương án 1", key="sc_name")
    first_year = top[1].number_input(A["first_year"], min_value=2000, max_value=2100, step=1,
                                     value=default_year(ws), key="sc_first_year")
    n_years = top[2].number_input(A["n_years"], min_value=1, max_value=5, step=1, value=1, key="sc_n_years")
    budget = top[3].number_input(A["budget_total"], min_value=0.0, step=0.5, value=25.0, key="sc_budget")
    st.caption(A["budget_sources"])
    source_cols = st.columns(len(sources))
    source_bn = {code: col.number_input(label, min_value=0.0, step=0.5, value=0.0, key=f"sc_src_{code}")
                 for col, (code, label) in zip(source_cols, sources.items(), strict=True)}
    st.caption(A["category_caps"])
    cap_cols = st.columns(len(labels.CATEGORY))
    caps_bn = {code: col.number_input(label, min_value=0.0, step=0.5, value=0.0, key=f"sc_cap_{code}")
               for col, (code, label) in zip(cap_cols, labels.CATEGORY.items(), strict=True)}
    with st.expander(A["weights"]):
        w = st.columns(3)
        mountainous_bonus = w[0].number_input(A["mountainous_bonus"], min_value=0.0, step=0.1, value=0.2, key="sc_mb")
        go_live_bonus = w[1].number_input(A["go_live_bonus"], min_value=0.0, step=0.1, value=1.0, key="sc_gb")
        fairness = w[2].number_input(A["fairness_floor"], min_value=0.0, max_value=100.0, step=5.0, value=0.0,
                                     key="sc_fair")
        w2 = st.columns(3)
        price = w2[0].number_input(A["price_multiplier"], min_value=0.1, step=0.05, value=1.0, key="sc_price")
        time_limit = w2[1].number_input(A["time_limit"], min_value=5, max_value=600, step=5, value=60, key="sc_tl")
        go_live_first = w2[2].checkbox(A["go_live_first"], value=False, key="sc_glf")
    submitted = st.form_submit_button(A["run"], type="primary")

if submitted:
    try:
        scenario = scenario_from_form(
            name=name, first_year=first_year, n_years=n_years, budget_bn=budget, source_bn=source_bn,
            caps_bn=caps_bn, mountainous_bonus=mountainous_bonus, go_live_bonus=go_live_bonus,
            go_live_first=go_live_first, fairness_pct=fairness, price_multiplier=price,
        )
        bar = st.progress(0.0, text=A["running"])
        result = run_scenario(ws, actor, scenario, options=SolveOptions(time_limit=float(time_limit)),
                              progress=lambda f, m: bar.progress(f, text=m))
    except PlannerError as exc:
        state.show_error(exc)
    else:
        runs = st.session_state["scenario_runs"]
        runs.append(result)
        del runs[:-8]

runs = st.session_state["scenario_runs"]
if not runs:
    st.info(A["no_result"])
else:
    show_result(runs[-1], ws, actor, state.engine())
