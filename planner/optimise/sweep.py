"""Budget–value curve: one model, its total-budget row moved from point to point.

The model is built once with the first budget; each next point only changes the right-hand
side of ``budget_total`` and re-solves (HiGHS re-runs its loaded model in place). The value is
monotone in the budget by construction — a larger budget keeps every plan of a smaller one
feasible — so a dip larger than the solver's gap tolerance would be a bug (tests check it).

Beyond the whole model's reach (more than decompose.WHOLE_MODEL_MAX centres, and the
decomposition applies) the points share one :class:`~planner.optimise.decompose.Decomposition`
per process instead, whose centres' answers at every price tried serve the later points. Not
below that: a 2025 sweep (167 centres, 25 points, two processes) took 45 s in the whole model
and 49 s decomposed, its low-budget points falling back to the whole model anyway.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import replace

from planner import labels
from planner.errors import BadInput
from planner.optimise import decompose
from planner.optimise.accounting import totals
from planner.optimise.greedy import greedy_plan
from planner.optimise.instance import Instance
from planner.optimise.model import build_model
from planner.optimise.solve import Runner, SolveOptions


SWEEP_HIGHS_OPTIONS = (("presolve", "off"), ("mip_heuristic_run_root_reduced_cost", False))


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
    """``{"points": [{"budget", "objective", "spent", "status", "solve_seconds", "method"}]}``, by budget.

    ``workers > 1`` shares the points among that many processes, each of which builds the model
    once and re-solves it for every point it is given (the points are independent), with one
    HiGHS thread each. Progress is reported as points finish.

    HiGHS runs sweep points with :data:`SWEEP_HIGHS_OPTIONS`: every re-run of the loaded model
    presolves it again, and at the 2017 province's size that and the root reduced-cost
    heuristic cost more than they save (25 points, 2 processes, three runs each: 7.9–8.1 s
    with both off, 8.9–10.5 s with presolve only off, about 10.4 s with neither).
    """
    options = replace(options, highs_options=options.highs_options + SWEEP_HIGHS_OPTIONS)
    if workers <= 1 or len(budgets) < 2:
        curve, points = _Curve(inst, budgets[0], options), []
        for k, budget in enumerate(budgets, start=1):
            points.append(curve.point(budget))
            if progress:
                progress(k, len(budgets), points[-1])
        return {"points": points}
    return {"points": _parallel(inst, budgets, options, progress, workers)}


class _Curve:
    """What one process needs for its points: the model, its runner, its decomposition."""

    def __init__(self, inst: Instance, budget: int, options: SolveOptions, one_thread: bool = False) -> None:
        """``one_thread``: a worker among one per core, whose HiGHS should not start threads of
        its own. Not with a decomposition: HiGHS fixes its thread count at its first run in a
        process (the centres' small models) and refuses a different one afterwards."""
        self.inst = inst
        self.model = build_model(inst.with_budget(budget))
        self.runner: Runner | None = None
        beyond = len(inst.centres) > decompose.WHOLE_MODEL_MAX
        self.shared = (decompose.Decomposition(self.model)
                       if beyond and options.solver == "highs" and decompose.applies(self.model) else None)
        if one_thread and self.shared is None and options.threads is None:
            options = replace(options, threads=1)
        self.options = options

    def point(self, budget: int) -> dict:
        """The point at ``budget``: the shared decomposition, or the loaded model re-solved."""
        if self.shared is not None:
            result = self.shared.solve(budget, self.options.gap, self.options.time_limit,
                                       start=greedy_plan(self.inst.with_budget(budget)))
            return _row(self.inst, budget, result, "decomposition")
        self.runner = self.runner or Runner(self.model, self.options)
        self.runner.set_rhs("budget_total", budget)
        return _row(self.inst, budget, self.runner.solve(), "milp")


def _row(inst: Instance, budget: int, outcome, method: str) -> dict:
    """A point of the curve from a solver outcome or a decomposition result."""
    solved = outcome.status in ("optimal", "time_limit", "feasible")
    spent = round(totals(inst, outcome.buys, outcome.repairs).total) if solved else None
    return {"budget": budget, "objective": outcome.objective, "spent": spent, "status": outcome.status,
            "solve_seconds": round(outcome.seconds, 4), "method": method}


_WORKER: _Curve | None = None  # one model per worker process


def _start_worker(inst: Instance, budget: int, options: SolveOptions) -> None:
    global _WORKER
    _WORKER = _Curve(inst, budget, options, one_thread=True)


def _solve_point(budget: int) -> dict:
    return _WORKER.point(budget)


def _parallel(inst, budgets, options, progress, workers) -> list[dict]:
    # forkserver, not fork: the parent may hold HiGHS or web-server threads, which a forked
    # child would inherit in an unknown state; the server preloads the optimiser once.
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
