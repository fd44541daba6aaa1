"""The optimiser's front door: workspace + scenario → instance → model → :class:`Plan`.

Front ends (CLI, web app, benchmarks) call :func:`instance_for` and :func:`solve_instance`;
nothing else here touches the database.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from planner.optimise import column_generation, decompose
from planner.optimise.accounting import Buys, Repairs, objective_value
from planner.optimise.build import build_model
from planner.optimise.explain import explain_infeasible
from planner.optimise.greedy import greedy_plan, greedy_summary, start_plan
from planner.optimise.instance import VALUE_SCALE, Instance, build_instance
from planner.optimise.model import Model, write_lp
from planner.optimise.one_unit import check_and_repair
from planner.optimise.plan import Plan
from planner.optimise.scenario import Scenario
from planner.optimise.solve import (
    LEAN_HIGHS_OPTIONS,
    Outcome,
    Runner,
    SolveOptions,
    lp_row_duals,
    raise_if_stopped,
)

if TYPE_CHECKING:  # not at run time: the optimiser does not load the database layer
    from planner.services.workspace import Workspace

ONE_UNIT_SECONDS = 2.0  # the one-unit check's own time at most (the command ≤ solve + 2 s)
# The stages a solve reports through SolveOptions.on_stage, in the order they can come.
STAGES = ("decomposition", "whole_model", "one_unit", "explain", "marginals")


def default_year(workspace: Workspace) -> int:
    """The year after the latest survey: a plan is for the next budget year."""
    years = [survey.as_of.year for _, survey in workspace.surveys.values()]
    return (max(years) if years else time.localtime().tm_year) + 1


def instance_for(workspace: Workspace, scenario: Scenario) -> Instance:
    """The instance of a workspace's current needs under ``scenario``.

    The package price per đồng of estimate comes from the procurement rule book (the rates of
    contingency and VAT the contractor-selection plan adds), for scenarios whose budgets must
    cover the package prices.
    """
    from planner.procurement.methods import price_factor
    from planner.procurement.rules import default_rules

    rules = default_rules()
    return build_instance(
        workspace.needs(),
        workspace.catalog,
        scenario,
        default_year(workspace),
        workspace.dataset,
        package_factor=lambda field, category: price_factor(rules, field, category),
    )


def solve_instance(
    inst: Instance,
    options: SolveOptions = SolveOptions(),
    *,
    baseline: bool = True,
    marginals: bool = True,
    lp_path: str | None = None,
) -> Plan:
    """Build and solve; an infeasible scenario comes back explained (``plan.infeasibility``).

    ``options.time_limit`` is the whole command's: one deadline, set here, is shared by the
    decomposition, the whole model started from its plan, every re-solve the runner makes
    (tightening, go-live first) and the explanation of an infeasible scenario.

    ``options.should_stop`` is honoured the same way: every stage is interrupted by it (HiGHS
    through its interrupt callback, the decomposition and the one-unit check between steps
    of a millisecond), and a stopped run raises :class:`~planner.errors.Stopped` instead of
    returning the part-plan it had: a stop means "no new result".
    """
    start = time.perf_counter()
    deadline = None if options.time_limit is None else start + options.time_limit
    model = build_model(inst)
    build_seconds = time.perf_counter() - start
    if lp_path:
        write_lp(model, lp_path)
    baseline_plan = greedy_plan(inst)
    starts, spent, proven = [baseline_plan], 0.0, None
    if options.solver == "highs" and column_generation.applies(model):
        options.stage("decomposition")
        priced = _column_generation(model, options, baseline_plan, deadline)
        out_of_time = deadline is not None and time.perf_counter() >= deadline
        if priced is not None and (
            priced.status == "optimal"
            or out_of_time
            or len(inst.centres) > column_generation.WHOLE_MODEL_MAX
        ):
            plan = _decomposed_plan(
                model, priced, options, baseline_plan, build_seconds, baseline, False, deadline
            )
            if marginals:
                plan.marginal = column_generation.marginal_values(model, priced.prices)
            return plan
        if priced is not None:  # not proven: the whole model goes on from it, under its bound
            starts, spent, proven = [(priced.buys, priced.repairs)], priced.seconds, priced.bound
            options = replace(options, highs_options=options.highs_options + LEAN_HIGHS_OPTIONS)
    elif options.solver == "highs" and decompose.applies(model):
        options.stage("decomposition")
        result = decompose.solve(
            model,
            options.gap,
            _left(deadline),
            start=baseline_plan,
            should_stop=options.should_stop,
        )
        raise_if_stopped(options)
        out_of_time = deadline is not None and time.perf_counter() >= deadline
        if (
            result.status == "optimal"
            or out_of_time
            or len(inst.centres) > decompose.WHOLE_MODEL_MAX
        ):
            return _decomposed_plan(
                model, result, options, baseline_plan, build_seconds, baseline, marginals, deadline
            )
        starts, spent = (
            [(result.buys, result.repairs)],
            result.seconds,
        )  # not proven: the whole model goes on from it
        options = replace(options, highs_options=options.highs_options + LEAN_HIGHS_OPTIONS)
    runner = Runner(
        model, options, start=start_plan(inst, *starts), deadline=deadline
    )  # the solver's plan is never worse
    options.stage("whole_model")
    outcome = runner.solve()
    raise_if_stopped(options)
    if proven is not None:
        outcome = _within(outcome, proven, options.gap)
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
    if outcome.has_plan:
        options.stage("one_unit")
        one_unit_check(plan, options.gap, deadline, options.should_stop)
        raise_if_stopped(options)
    if outcome.status == "infeasible":
        options.stage("explain")
        plan.infeasibility = explain_infeasible(inst, replace(options, time_limit=_left(deadline)))
        raise_if_stopped(options)
        return plan
    if not outcome.has_plan:
        return plan
    if baseline:
        plan.greedy = greedy_summary(inst, baseline_plan)
    if marginals:
        options.stage("marginals")
        plan.marginal = marginal_values(model, _left(deadline), options.should_stop)
        raise_if_stopped(options)
    return plan


def one_unit_check(
    plan: Plan, gap: float, deadline: float | None, should_stop: Callable[[], bool] | None = None
) -> None:
    """No single add, remove or swap of one unit improves the plan: check it, repair it.

    A solver's plan within its gap may still be improved by one unit; a planner who finds such
    a change by hand would rightly doubt the rest (one_unit.py does the exact check). The
    repaired plan's value is the referee's; the bound stays and the gap is recomputed.
    ``plan.one_unit``: changes applied and whether every change was checked (``False`` when
    the plan is too large for every same-centre swap, or the time limit or the check's own
    :data:`ONE_UNIT_SECONDS` came first: a decomposition's plan at 2025 scale can hold dozens
    of improving units, each pass of the check takes most of a second there). ``should_stop``
    ends the check as the deadline does (the caller then drops the plan).
    """
    now = time.perf_counter()
    if deadline is not None and now >= deadline:
        plan.one_unit = {"applied": 0, "complete": False}
        return
    until = now + ONE_UNIT_SECONDS if deadline is None else min(deadline, now + ONE_UNIT_SECONDS)
    check = check_and_repair(plan.inst, plan.buys, plan.repairs, until, should_stop)
    plan.one_unit = {"applied": check.applied, "complete": check.complete}
    if not check.applied:
        return
    plan.buys, plan.repairs = check.buys, check.repairs
    plan.objective = objective_value(plan.inst, plan.buys, plan.repairs)
    if plan.bound is not None:
        plan.bound = max(plan.bound, plan.objective)
        plan.gap = max(0.0, (plan.bound - plan.objective) / max(abs(plan.objective), 1e-9))
        if plan.gap <= gap:
            plan.status = "optimal"


def _column_generation(
    model: Model,
    options: SolveOptions,
    baseline_plan: tuple[Buys, Repairs],
    deadline: float | None,
) -> column_generation.Result | None:
    """column_generation.solve from the best greedy start; ``None`` when it gives no plan
    (a centre whose own rules admit none, a floor its columns cannot reach): the whole model
    then solves (and explains) the scenario."""
    try:
        result = column_generation.solve(
            model,
            options.gap,
            _left(deadline),
            start=start_plan(model.inst, baseline_plan),
            should_stop=options.should_stop,
        )
    except column_generation.BlockInfeasible:
        result = None
    raise_if_stopped(options)
    return result if result is not None and math.isfinite(result.objective) else None


def _within(outcome: Outcome, bound: float, gap: float) -> Outcome:
    """The whole model's outcome under a bound proven before it (the smaller bound holds)."""
    if not outcome.has_plan or outcome.objective is None:
        return outcome
    best = min(bound, outcome.bound if outcome.bound is not None else math.inf)
    best = max(best, outcome.objective)
    outcome.bound = best
    outcome.gap = max(0.0, (best - outcome.objective) / max(abs(outcome.objective), 1e-9))
    if outcome.gap <= gap:
        outcome.status = "optimal"
    return outcome


def _left(deadline: float | None) -> float | None:
    """Seconds to ``deadline`` (a moment at least, so that a solve can hand back its start)."""
    return None if deadline is None else max(0.2, deadline - time.perf_counter())


def _decomposed_plan(
    model: Model,
    result: decompose.Result | column_generation.Result,
    options: SolveOptions,
    baseline_plan: tuple[Buys, Repairs],
    build_seconds: float,
    baseline: bool,
    marginals: bool,
    deadline: float | None = None,
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
        result.bound if math.isfinite(result.bound) else None,  # no full pass: no bound
        result.gap if math.isfinite(result.bound) else None,
        result.seconds,
        build_seconds,
        options.solver,
        result.buys,
        result.repairs,
        method="decomposition",
    )
    options.stage("one_unit")
    one_unit_check(plan, options.gap, deadline, options.should_stop)
    raise_if_stopped(options)
    if baseline:
        plan.greedy = greedy_summary(inst, baseline_plan)
    if marginals and isinstance(result, decompose.Result):
        plan.marginal = {
            "total": result.price * VALUE_SCALE,
            "by_source": {s: None for s in inst.sources},
        }
    return plan


def marginal_values(
    model: Model, time_limit: float | None, should_stop: Callable[[], bool] | None = None
) -> dict[str, Any] | None:
    """Objective gained by one more billion đồng in a budget row: the LP relaxation's price.

    ``total`` is the total budget's row (and the first year's total, if one is set); a source
    is its own horizon budget (and its first-year budget); ``None``: no such budget, so more of
    it cannot change anything. The price of a row is its dual in the LP relaxation of the same
    model (one LP solve, where a re-solve of the MILP per row took most of the command's time):
    the value one more đồng adds when units may be bought in fractions, the slope of the LP
    bound. It is at least the MILP's average gain per đồng near the budget, and may differ from
    the gain of a whole extra billion where a bundle or a unit does not fit in fractions.
    ``None`` as a whole when the LP is not solved within ``time_limit``.
    """
    inst = model.inst
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
    duals = lp_row_duals(
        model, [r for rows in groups.values() for r in rows], time_limit, should_stop
    )
    if duals is None:
        return None
    out = {
        key: (sum(duals[r] for r in rows) * VALUE_SCALE if rows else None)
        for key, rows in groups.items()
    }
    return {"total": out.pop("total"), "by_source": out}
