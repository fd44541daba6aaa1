"""Phương án ngân sách: the scenario form, a run with visible progress, and its results.

The form's values live in ``st.session_state["sc_form"]`` (from the defaults, or from a saved
scenario by "Nạp vào biểu mẫu"), and each widget is drawn with ``value=`` from it under a key
of the form's version (``sc_budget_v3``): loading a scenario bumps the version, so the widgets
start afresh from the kept values. The two tables have a version of their own, bumped by each
submit too: the table as submitted becomes the base of a fresh editor (an editor's added rows
would otherwise be added again on top of the base that already holds them). Widgets are never pre-set through
``st.session_state[key]``: Streamlit then sometimes shows the widget's minimum while returning
the stored value (a start year of 2000 on screen, after a page whose run was cut short). The
horizon (first year, number of years) is outside the form so that the table of
budgets per year × source has one row per year as soon as it changes. The run is
planner.services.scenario_run.run_scenario in a background job (planner.services.run_job.start_solve), drawn with
its step, its time and a "Dừng" button by app_pages.job_view; the result is kept in
st.session_state so that it survives reruns and page changes ("So sánh phương án" and "Kế
hoạch mua sắm" read it from there), and in the database (by the job, app_pages.results.add_finished_run) so that a
reload shows it again. A stopped run has no result: the last good one stays on the page.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from app_pages import cells, job_view, state
from app_pages.results import add_finished_run, restore_last_run, show_result
from planner import labels
from planner.errors import PlannerError, Stopped
from planner.optimise.optimiser import default_year
from planner.optimise.scenario import Scenario
from planner.optimise.solve import DEFAULT_TIME_LIMIT
from planner.services.run_job import start_solve
from planner.services.scenario_fields import FORM_BUDGET_BN, billions
from planner.services.scenario_run import form_values, scenario_from_form
from planner.store.scenarios import list_scenarios

A = labels.APP
# Amounts as typed, without trailing zeros ("25", "2.5", not "25.00"): Streamlit's number box
# takes a printf format only, so a decimal comma cannot be shown there.
AMOUNT = "%g"
JOB = "sc_job"  # the running solve (planner.services.run_job.Job), kept across script runs
MUST_COLUMNS = {
    "centre": A["must_buy_centre"],
    "item": A["must_buy_item"],
    "quantity": A["must_buy_quantity"],
}

actor = state.guard("scenario")
state.title("scenario")
ws = state.load_or_stop()
st.session_state.setdefault("scenario_runs", [])  # ScenarioResult, newest last (at most 8 kept)
state.illustrative_notice(ws)
sources = {s.code: s.name for s in ws.catalog.policy.funding_sources}
categories = list(labels.CATEGORY)


def put_in_form(scenario: Scenario) -> None:
    """Make a scenario the form's values (call before the widgets are drawn)."""
    v = form_values(scenario, default_year(ws), list(sources), categories)
    s = st.session_state
    f = {
        "sc_name": v["name"],
        "sc_first_year": v["first_year"],
        "sc_n_years": min(v["n_years"], 5),
        "sc_budget": v["budget_bn"],
        "sc_mb": v["mountainous_bonus"],
        "sc_gb": v["go_live_bonus"],
        "sc_glf": v["go_live_first"],
        "sc_fair": v["fairness_pct"],
        "sc_price": v["price_multiplier"],
        "sc_covers": v["budget_covers"] == "package_price",
        "sc_excluded": [c for c in v["excluded_items"] if c in ws.catalog.items],
    }
    for code in sources:
        f[f"sc_src_{code}"] = v["source_bn"][code]
    for code in categories:
        f[f"sc_cap_{code}"], f[f"sc_floor_{code}"] = v["caps_bn"][code], v["floors_bn"][code]
    s["sc_form"] = f
    s["sc_year_base"] = {"total": v["year_bn"], **v["source_year_bn"]}  # column → {year: tỷ đồng}
    s["sc_must_base"] = v["must_buy_rows"]
    s["sc_base"] = scenario
    s["sc_version"] = s.get("sc_version", 0) + 1  # new widget keys: all start from sc_form
    s["sc_tables"] = s.get("sc_tables", 0) + 1


def field(name: str) -> dict:
    """A form widget's key in this version of the form and its kept value."""
    s = st.session_state
    return {"key": f"{name}_v{s['sc_version']}", "value": s["sc_form"][name]}


def _on_load(saved: dict[str, Scenario]) -> None:
    name = st.session_state.get("sc_load")
    if name in saved:
        put_in_form(saved[name])
        st.session_state["sc_flash"] = A["loaded"].format(name=state.plain(name))


if "sc_version" not in st.session_state or "sc_form" not in st.session_state:
    put_in_form(
        Scenario(
            name=A["default_scenario"], budget=billions(FORM_BUDGET_BN), years=(default_year(ws),)
        )
    )

saved = {s.name: s.scenario for s in list_scenarios(state.engine())}
with st.expander(A["load_saved"], expanded=False):
    if saved:
        st.selectbox(
            A["load_saved"],
            list(saved),
            key="sc_load",
            label_visibility="collapsed",
            placeholder=labels.WIDGET["no_options"],
        )
        st.button(
            A["load_button"],
            key="sc_load_button",
            on_click=_on_load,
            args=(saved,),
            icon=":material/upload:",
        )
    else:
        st.caption(A["no_saved"])
if st.session_state.get("sc_flash"):
    st.success(st.session_state.pop("sc_flash"))


def year_table(years: list[int]) -> pd.DataFrame:
    """Rows: the horizon's years; columns: total of every source, then each source (tỷ đồng).

    An empty budget is shown as 0, which the form reads as "no limit" (as its caption says).
    """
    base = st.session_state.get("sc_year_base", {})
    columns = {"total": A["year_total"], **sources}
    return pd.DataFrame(
        {
            A["year"]: years,
            **{
                label: [base.get(code, {}).get(y) or 0.0 for y in years]
                for code, label in columns.items()
            },
        }
    ).astype({label: "float64" for label in columns.values()})


def _number(value) -> float | None:
    return (
        None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)
    )


def read_year_table(
    frame: pd.DataFrame,
) -> tuple[dict[int, float | None], dict[str, dict[int, float | None]]]:
    """The edited table back as ``year_bn`` and ``source_year_bn`` for scenario_from_form."""
    years = [int(y) for y in frame[A["year"]]]
    year_bn = dict(zip(years, map(_number, frame[A["year_total"]]), strict=True))
    by_source = {
        code: dict(zip(years, map(_number, frame[label]), strict=True))
        for code, label in sources.items()
    }
    return year_bn, by_source


horizon = st.columns([1, 1, 3])
first_year = horizon[0].number_input(
    A["first_year"], min_value=2000, max_value=2100, step=1, **field("sc_first_year")
)
n_years = horizon[1].number_input(
    A["n_years"], min_value=1, max_value=5, step=1, **field("sc_n_years")
)
years = list(range(int(first_year), int(first_year) + int(n_years)))
horizon[2].caption(f"{A['horizon']}: {years[0]}–{years[-1]}")
version, tables = st.session_state["sc_version"], st.session_state["sc_tables"]
item_codes = list(ws.catalog.items)
centre_codes = [c.code for c in ws.centres]
centre_names = {c.code: c.name for c in ws.centres}

with st.form("scenario_form"):
    top = st.columns([2, 1])
    name = top[0].text_input(A["scenario_name"], **field("sc_name"))
    budget = top[1].number_input(
        A["budget_total"], min_value=0.0, step=0.5, format=AMOUNT, **field("sc_budget")
    )
    st.caption(A["budget_sources"])
    source_bn = {
        code: col.number_input(
            label, min_value=0.0, step=0.5, format=AMOUNT, **field(f"sc_src_{code}")
        )
        for col, (code, label) in zip(st.columns(len(sources)), sources.items(), strict=True)
    }
    st.caption(A["year_budgets"])
    year_frame = cells.edit(
        year_table(years),
        hide_index=True,
        width="stretch",
        num_rows="fixed",
        key=f"sc_years_{tables}_{years[0]}_{len(years)}",
        disabled=[A["year"]],
        column_config={
            A["year"]: st.column_config.NumberColumn(format="%d"),
            **{
                label: st.column_config.NumberColumn(
                    labels.UNIT["billions_column"].format(name=label), min_value=0.0, step=0.5
                )
                for label in [A["year_total"], *sources.values()]
            },
        },
    )
    st.caption(A["category_caps"])
    caps_bn = {
        code: col.number_input(
            label, min_value=0.0, step=0.5, format=AMOUNT, **field(f"sc_cap_{code}")
        )
        for col, (code, label) in zip(
            st.columns(len(categories)), labels.CATEGORY.items(), strict=True
        )
    }
    st.caption(A["category_floors"])
    floors_bn = {
        code: col.number_input(
            label, min_value=0.0, step=0.5, format=AMOUNT, **field(f"sc_floor_{code}")
        )
        for col, (code, label) in zip(
            st.columns(len(categories)), labels.CATEGORY.items(), strict=True
        )
    }
    excluded = st.multiselect(
        A["excluded_items"],
        item_codes,
        key=f"sc_excluded_v{version}",
        default=st.session_state["sc_form"]["sc_excluded"],
        format_func=lambda c: f"{c} — {ws.catalog.items[c].name}",
        placeholder=labels.CHOOSE,
    )
    st.caption(f"{A['must_buy']}. {A['must_buy_help']}")
    must_frame = cells.edit(
        pd.DataFrame(st.session_state.get("sc_must_base", []), columns=list(MUST_COLUMNS)).rename(
            columns=MUST_COLUMNS
        ),
        hide_index=True,
        width="stretch",
        num_rows="dynamic",
        key=f"sc_must_{tables}",
        column_config={
            MUST_COLUMNS["centre"]: st.column_config.SelectboxColumn(
                options=centre_codes, format_func=lambda c: f"{c} — {centre_names.get(c, '')}"
            ),
            MUST_COLUMNS["item"]: st.column_config.SelectboxColumn(
                options=item_codes, format_func=lambda c: f"{c} — {ws.catalog.items[c].name}"
            ),
            MUST_COLUMNS["quantity"]: st.column_config.NumberColumn(min_value=1, step=1),
        },
    )
    with st.expander(A["weights"]):
        w = st.columns(3)
        mountainous_bonus = w[0].number_input(
            A["mountainous_bonus"], min_value=0.0, step=0.1, format=AMOUNT, **field("sc_mb")
        )
        go_live_bonus = w[1].number_input(
            A["go_live_bonus"], min_value=0.0, step=0.1, format=AMOUNT, **field("sc_gb")
        )
        fairness = w[2].number_input(
            A["fairness_floor"],
            min_value=0.0,
            max_value=100.0,
            step=5.0,
            format=AMOUNT,
            **field("sc_fair"),
        )
        w2 = st.columns(3)
        price = w2[0].number_input(
            A["price_multiplier"], min_value=0.1, step=0.05, format=AMOUNT, **field("sc_price")
        )
        time_limit = w2[1].number_input(
            A["time_limit"],
            min_value=5,
            max_value=600,
            step=5,
            value=int(DEFAULT_TIME_LIMIT),
            key="sc_tl",
        )
    go_live_first = st.checkbox(A["go_live_first"], **field("sc_glf"))
    covers_prices = st.checkbox(
        A["budget_covers_package"], help=A["budget_covers_help"], **field("sc_covers")
    )
    submitted = st.form_submit_button(A["run"], type="primary")

# What the widgets hold now is what the form shows next time (after a page change, a load or a
# submit, the widgets are drawn afresh from it).
st.session_state["sc_form"] = {
    "sc_name": name,
    "sc_first_year": int(first_year),
    "sc_n_years": int(n_years),
    "sc_budget": budget,
    "sc_mb": mountainous_bonus,
    "sc_gb": go_live_bonus,
    "sc_glf": go_live_first,
    "sc_fair": fairness,
    "sc_price": price,
    "sc_covers": covers_prices,
    "sc_excluded": list(excluded),
    **{f"sc_src_{code}": value for code, value in source_bn.items()},
    **{f"sc_cap_{code}": value for code, value in caps_bn.items()},
    **{f"sc_floor_{code}": value for code, value in floors_bn.items()},
}

if submitted:
    year_bn, source_year_bn = read_year_table(year_frame)
    must_rows = [
        {k: row.get(label) for k, label in MUST_COLUMNS.items()}
        for row in must_frame.to_dict("records")
    ]
    # the tables as submitted become the base of fresh editors (kept across page changes)
    st.session_state["sc_year_base"] = {"total": year_bn, **source_year_bn}
    st.session_state["sc_must_base"] = [
        r for r in must_rows if any(not pd.isna(v) for v in r.values())
    ]
    st.session_state["sc_tables"] = tables + 1
    try:
        scenario = scenario_from_form(
            name=name,
            first_year=first_year,
            n_years=n_years,
            budget_bn=budget,
            source_bn=source_bn,
            caps_bn=caps_bn,
            floors_bn=floors_bn,
            year_bn=year_bn,
            source_year_bn=source_year_bn,
            mountainous_bonus=mountainous_bonus,
            go_live_bonus=go_live_bonus,
            go_live_first=go_live_first,
            fairness_pct=fairness,
            price_multiplier=price,
            excluded_items=excluded,
            must_buy_rows=must_rows,
            known_centres=centre_codes,
            known_items=item_codes,
            base=st.session_state.get("sc_base"),
            budget_covers="package_price" if covers_prices else "estimate",
        )
        job_view.start(
            JOB,
            start_solve(ws, actor, scenario, time_limit=float(time_limit), engine=state.engine()),
        )
    except PlannerError as exc:
        state.show_error(exc)

finished = job_view.follow(JOB)  # draws the running solve and waits for it
if finished is not None:
    try:
        result = finished.result()
    except Stopped:
        shown = labels.JOBS["previous_run_kept"] if st.session_state["scenario_runs"] else None
        job_view.stopped_notice(finished, shown)
    except PlannerError as exc:
        state.show_error(exc)
    else:
        add_finished_run(result, finished.kept)  # kept by the job itself

restore_last_run(ws, actor, state.engine())  # a reload shows the newest kept run again
runs = st.session_state["scenario_runs"]
if not runs:
    st.info(A["no_result"])
else:
    show_result(runs[-1], ws, actor, state.engine())
