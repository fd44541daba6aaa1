"""The optimiser's front door: workspace + scenario → instance → model → :class:`Plan`.

Front ends (CLI, web app, benchmarks) call :func:`instance_for` and :func:`solve_instance`;
nothing else here touches the database.
"""

from __future__ import annotations

import time
from dataclasses import replace

from planner.optimise import decompose
from planner.optimise.explain import explain_infeasible
from planner.optimise.greedy import greedy_plan, greedy_summary, start_plan
from planner.optimise.instance import VALUE_SCALE, Instance, build_instance
from planner.optimise.model import build_model, write_lp
from planner.optimise.plan import Plan
from planner.optimise.scenario import Scenario
from planner.optimise.solve import LEAN_HIGHS_OPTIONS, Runner, SolveOptions


def default_year(workspace) -> int:
    """The year after the latest survey: a plan is for the next budget year."""
    years = [survey.as_of.year for _, survey in workspace.surveys.values()]
    return (max(years) if years else time.localtime().tm_year) + 1


def instance_for(workspace, scenario: Scenario) -> Instance:
    """The instance of a workspace's current needs under ``scenario``."""
    return build_instance(
        workspace.needs(), workspace.catalog, scenario, default_year(workspace), workspace.dataset
    )


def solve_instance(
    inst: Instance,
    options: SolveOptions = SolveOptions(),
    *,
    baseline: bool = True,
    marginals: bool = True,
    lp_path: str | None = None,
) -> Plan:
    """Build and solve; an infeasible scenario comes back explained (``plan.infeasibility``)."""
    start = time.perf_counter()
    model = build_model(inst)
    build_seconds = time.perf_counter() - start
    if lp_path:
        write_lp(model, lp_path)
    baseline_plan = greedy_plan(inst)
    starts, spent = [baseline_plan], 0.0
    if options.solver == "highs" and decompose.applies(model):
        result = decompose.solve(model, options.gap, options.time_limit, start=baseline_plan)
        if result.status == "optimal" or len(inst.centres) > decompose.WHOLE_MODEL_MAX:
            return _decomposed_plan(
                model, result, options, baseline_plan, build_seconds, baseline, marginals
            )
        starts, spent = (
            [(result.buys, result.repairs)],
            result.seconds,
        )  # not proven: the whole model goes on from it
        options = replace(options, highs_options=options.highs_options + LEAN_HIGHS_OPTIONS)
        if options.time_limit is not None:
            options = replace(options, time_limit=max(1.0, options.time_limit - spent))
    runner = Runner(
        model, options, start=start_plan(inst, *starts)
    )  # the solver's plan is never worse
    outcome = runner.solve()
    plan = Plan(
        inst,
        outcome.status,
        outcome.objective,
        outcome.bound,
        outcome.gap,
        outcome.seconds + spent,
        build_seconds,
        options.solver,
        outcome.buys,
        outcome.repairs,
    )
    if outcome.status == "infeasible":
        plan.infeasibility = explain_infeasible(inst, options)
        return plan
    if not outcome.has_plan:
        return plan
    if baseline:
        plan.greedy = greedy_summary(inst, baseline_plan)
    if marginals:
        plan.marginal = marginal_values(runner, outcome.objective or 0.0)
    return plan


def _decomposed_plan(
    model,
    result: decompose.Result,
    options: SolveOptions,
    baseline_plan,
    build_seconds: float,
    baseline: bool,
    marginals: bool,
) -> Plan:
    """The plan of a decomposition by centre (decompose.py).

    The marginal value of one more billion is the budget's Lagrange price at the best bound
    (the slope of the bound in the budget), not a second solve: the price already gives it, and
    at national size a re-solve would double the wait.
    """
    inst = model.inst
    plan = Plan(
        inst,
        result.status,
        result.objective,
        result.bound,
        result.gap,
        result.seconds,
        build_seconds,
        options.solver,
        result.buys,
        result.repairs,
        method="decomposition",
    )
    if baseline:
        plan.greedy = greedy_summary(inst, baseline_plan)
    if marginals:
        plan.marginal = {
            "total": result.price * VALUE_SCALE,
            "by_source": {s: None for s in inst.sources},
        }
    return plan


def marginal_values(runner: Runner, objective: float) -> dict:
    """Objective gained by one more billion đồng in a budget row, re-solving the same model.

    ``total`` raises the total budget (and the first year's total, if one is set); a source
    raises its own horizon budget (and its first-year budget). ``None``: no such budget, so
    more of it cannot change anything. MILP duals mean nothing, hence the re-solve.
    """
    inst = runner.m.inst
    first = inst.years[0]
    groups: dict[str, list[str]] = {"total": []}
    if inst.budget is not None:
        groups["total"].append("budget_total")
    if first in inst.budget_by_year:
        groups["total"].append(f"budget_y{first}")
    for source in inst.sources:
        rows = []
        if source in inst.budget_by_source:
            rows.append(f"budget_{source}")
        if first in inst.budget_by_source_year.get(source, {}):
            rows.append(f"budget_{source}_y{first}")
        groups[source] = rows
    out: dict = {}
    for key, rows in groups.items():
        out[key] = _gain(runner, rows, objective) if rows else None
    return {"total": out.pop("total"), "by_source": out}


def _gain(runner: Runner, rows: list[str], objective: float) -> float | None:
    old = {name: runner.rhs(name) for name in rows}
    for name, rhs in old.items():
        runner.set_rhs(name, rhs + VALUE_SCALE)
    outcome = runner.solve()
    for name, rhs in old.items():
        runner.set_rhs(name, rhs)
    return (
        (outcome.objective - objective)
        if outcome.has_plan and outcome.objective is not None
        else None
    )
