"""Budget–value curve: one model, its total-budget row moved from point to point.

The model is built once with the first budget; each next point only changes the right-hand
side of ``budget_total`` and re-solves (HiGHS re-runs its loaded model in place). The value is
monotone in the budget by construction — a larger budget keeps every plan of a smaller one
feasible — so a dip larger than the solver's gap tolerance would be a bug (tests check it).
"""

from __future__ import annotations

import multiprocessing
from dataclasses import replace
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed

from planner.errors import BadInput
from planner import labels
from planner.optimise.accounting import totals
from planner.optimise.instance import Instance
from planner.optimise.model import build_model
from planner.optimise.solve import Runner, SolveOptions


def parse_budgets(text: str) -> list[int]:
    """``START:STOP:N`` → N budgets evenly spaced from START to STOP (đồng, inclusive)."""
    try:
        start, stop, n = (int(float(part)) for part in text.split(":"))
    except ValueError as exc:
        raise BadInput(labels.OPTIMISE["budgets_format"]) from exc
    if n < 1 or start < 0 or stop < start:
        raise BadInput(labels.OPTIMISE["budgets_format"])
    if n == 1:
        return [start]
    return [round(start + (stop - start) * k / (n - 1)) for k in range(n)]


def sweep(inst: Instance, budgets: list[int], options: SolveOptions = SolveOptions(),
          progress: Callable[[int, int, dict], None] | None = None, workers: int = 1) -> dict:
    """``{"points": [{"budget", "objective", "spent", "status", "solve_seconds"}]}``, by budget.

    ``workers > 1`` shares the points among that many processes, each of which builds the model
    once and re-solves it for every point it is given (the points are independent), with one
    HiGHS thread each. Progress is reported as points finish.

    HiGHS's presolve is off for sweep points: every re-run of the loaded model presolves it
    again, and at the 2017 province's size that costs more than it saves (25 points, one
    process: 16.4 s without presolve, 18.9 s with it; benchmarks/RESULTS.md has the sweep).
    """
    options = replace(options, presolve=False)
    if workers <= 1 or len(budgets) < 2:
        runner = _runner(inst, budgets[0], options)
        points = []
        for k, budget in enumerate(budgets, start=1):
            points.append(_point(runner, inst, budget))
            if progress:
                progress(k, len(budgets), points[-1])
        return {"points": points}
    return {"points": _parallel(inst, budgets, options, progress, workers)}


def _runner(inst: Instance, budget: int, options: SolveOptions) -> Runner:
    return Runner(build_model(inst.with_budget(budget)), options)


def _point(runner: Runner, inst: Instance, budget: int) -> dict:
    """Move the total-budget row to ``budget`` and re-solve the loaded model."""
    runner.set_rhs("budget_total", budget)
    outcome = runner.solve()
    spent = round(totals(inst, outcome.buys, outcome.repairs).total) if outcome.has_plan else None
    return {"budget": budget, "objective": outcome.objective, "spent": spent,
            "status": outcome.status, "solve_seconds": round(outcome.seconds, 4)}


_WORKER: tuple[Runner, Instance] | None = None  # one model per worker process


def _start_worker(inst: Instance, budget: int, options: SolveOptions) -> None:
    global _WORKER
    _WORKER = (_runner(inst, budget, options), inst)


def _solve_point(budget: int) -> dict:
    runner, inst = _WORKER
    return _point(runner, inst, budget)


def _parallel(inst, budgets, options, progress, workers) -> list[dict]:
    # forkserver, not fork: the parent may hold HiGHS or web-server threads, which a forked
    # child would inherit in an unknown state; the server preloads the optimiser once.
    if options.threads is None:  # a process per core already: HiGHS's own threads would contend
        options = replace(options, threads=1)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["planner.optimise.sweep"])
    points = []
    with ProcessPoolExecutor(min(workers, len(budgets)), mp_context=context,
                             initializer=_start_worker, initargs=(inst, budgets[0], options)) as pool:
        for future in as_completed([pool.submit(_solve_point, b) for b in budgets]):
            points.append(future.result())
            if progress:
                progress(len(points), len(budgets), points[-1])
    return sorted(points, key=lambda p: p["budget"])
