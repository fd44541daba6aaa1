"""Budget–value curve: one model, its total-budget row moved from point to point.

The model is built once with the first budget; each next point only changes the right-hand
side of ``budget_total`` and re-solves (HiGHS re-runs its loaded model in place). The value is
monotone in the budget by construction — a larger budget keeps every plan of a smaller one
feasible — so a dip larger than the solver's gap tolerance would be a bug (tests check it).

Where the decomposition by centre applies (decompose.applies: one total budget, 100 centres
or more) a point is solved as ``solve`` would: by one :class:`~planner.optimise.decompose.
Decomposition` kept for all the points (the centres' answers and bounds at every price tried
serve the later points: each starts from their bounds and bracket, _Search.recall), and in the
whole model from its plan when it cannot prove the point and the model is small enough — in a
worker process when the sweep has more than one, while the decomposition goes on.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import replace
from typing import Any

from planner import labels
from planner.errors import BadInput
from planner.optimise import decompose
from planner.optimise.accounting import Buys, Repairs, full_need_value, need_met_score, totals
from planner.optimise.build import build_model
from planner.optimise.greedy import greedy_plan
from planner.optimise.instance import Instance
from planner.optimise.solve import (
    LEAN_HIGHS_OPTIONS,
    PLAN_STATUSES,
    Outcome,
    Runner,
    SolveOptions,
    raise_if_stopped,
)

# a plan the whole model starts from (the decomposition's), or none
Start = tuple[Buys, Repairs] | None


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


def sweep(
    inst: Instance,
    budgets: list[int],
    options: SolveOptions = SolveOptions(),
    progress: Callable[[int, int, dict[str, Any]], None] | None = None,
    workers: int = 1,
) -> dict[str, Any]:
    """``{"points": [{"budget", "objective", "need_met_score", "spent", "status",
    "solve_seconds", "method"}], "need_met_full_value"}``, by budget (the score: 100 = every need
    met, plan.need_met_json).

    ``workers > 1``: where the decomposition applies, this process solves every point by it in
    turn (one decomposition, so each point recalls the prices of the ones before: the curve's
    answers are shared, not split) and hands the points it cannot prove to ``workers − 1``
    processes (at least one, started at the first such point: a curve the decomposition proves
    whole, or one too large for the whole model, starts none) that go on in the whole model
    from its plan, while it carries on with the next budget. Elsewhere the points are shared among ``workers`` processes, each of
    which builds the model once and re-solves it for every point it is given. Worker processes
    run HiGHS on one thread. Progress is reported as points finish.

    Whole-model points run with HiGHS's lean options (solve.LEAN_HIGHS_OPTIONS: every re-run of
    the loaded model would presolve it again; the figures are there).

    ``options.should_stop`` interrupts the point being solved and raises errors.Stopped: a
    curve cut short is no curve. Worker processes are not handed it (a callable of this
    process); a parallel sweep is stopped when its next point comes back.
    """
    curve = _Curve(inst, budgets[0], options)
    if workers <= 1 or len(budgets) < 2:
        points: list[dict[str, Any]] = []
        for k, budget in enumerate(budgets, start=1):
            point = curve.point(budget)
            raise_if_stopped(options)  # a point cut short by the stop is no point of the curve
            points.append(point)
            if progress:
                progress(k, len(budgets), points[-1])
        return _scored(inst, points)
    if curve.shared is not None:
        return _scored(inst, _decomposed_parallel(curve, budgets, options, progress, workers))
    return _scored(inst, _parallel(inst, budgets, options, progress, workers))


def _scored(inst: Instance, points: list[dict[str, Any]]) -> dict[str, Any]:
    """The curve and the value that scores 100 on it (every need met; plan.need_met_json)."""
    return {"points": points, "need_met_full_value": full_need_value(inst)}


class _Curve:
    """What one process needs for its points: the model, its runner, its decomposition."""

    def __init__(
        self,
        inst: Instance,
        budget: int,
        options: SolveOptions,
        one_thread: bool = False,
        decomposition: bool = True,
    ) -> None:
        """``one_thread``: a worker among one per core, whose HiGHS should not start threads of
        its own. Not with a decomposition: HiGHS fixes its thread count at its first run in a
        process (the centres' small models) and refuses a different one afterwards.
        ``decomposition=False``: a worker that only goes on in the whole model."""
        self.inst = inst
        self.model = build_model(inst.with_budget(budget))
        self.runner: Runner | None = None
        self.shared = (
            decompose.Decomposition(self.model)
            if decomposition and options.solver == "highs" and decompose.applies(self.model)
            else None
        )
        options = replace(options, highs_options=options.highs_options + LEAN_HIGHS_OPTIONS)
        if one_thread and self.shared is None and options.threads is None:
            options = replace(options, threads=1)
        self.options = options

    def point(self, budget: int) -> dict[str, Any]:
        """The point at ``budget``: decomposition when it applies and proves it, else the model."""
        row, start, spent = self.decomposed(budget)
        return row if row is not None else self.whole(budget, start, spent)

    def decomposed(self, budget: int) -> tuple[dict[str, Any] | None, Start, float]:
        """The decomposition's point, or (when it does not prove it and the whole model may go
        on) ``None`` with its plan and seconds; ``(None, None, 0)`` without a decomposition."""
        if self.shared is None:
            return None, None, 0.0
        result = self.shared.solve(
            budget,
            self.options.gap,
            self.options.time_limit,
            start=greedy_plan(self.inst.with_budget(budget)),
            should_stop=self.options.should_stop,
        )
        if result.status == "optimal" or len(self.inst.centres) > decompose.WHOLE_MODEL_MAX:
            return _row(self.inst, budget, result, "decomposition"), None, 0.0
        return None, (result.buys, result.repairs), result.seconds  # the model goes on

    def whole(self, budget: int, start: Start = None, spent: float = 0.0) -> dict[str, Any]:
        """The point at ``budget`` by the whole model (from ``start``; ``spent`` seconds before)."""
        self.runner = self.runner or Runner(self.model, self.options)
        self.runner.set_rhs("budget_total", budget)
        self.runner.start = start
        outcome = self.runner.solve()
        outcome.seconds += spent
        return _row(self.inst, budget, outcome, "milp")


def _row(
    inst: Instance, budget: int, outcome: Outcome | decompose.Result, method: str
) -> dict[str, Any]:
    """A point of the curve from a solver outcome or a decomposition result."""
    solved = outcome.status in PLAN_STATUSES
    spent = round(totals(inst, outcome.buys, outcome.repairs).total) if solved else None
    return {
        "budget": budget,
        "objective": outcome.objective,
        "need_met_score": need_met_score(outcome.objective, full_need_value(inst)),
        "spent": spent,
        "status": outcome.status,
        "solve_seconds": round(outcome.seconds, 4),
        "method": method,
    }


_WORKER: _Curve | None = None  # one model per worker process


def _start_worker(
    inst: Instance, budget: int, options: SolveOptions, decomposition: bool = True
) -> None:
    global _WORKER
    _WORKER = _Curve(inst, budget, options, one_thread=True, decomposition=decomposition)


def _worker() -> _Curve:
    if _WORKER is None:  # _start_worker runs first in every worker process
        raise RuntimeError("sweep worker not started")
    return _WORKER


def _solve_point(budget: int) -> dict[str, Any]:
    return _worker().point(budget)


def _solve_whole(budget: int, start: Start, spent: float) -> dict[str, Any]:
    return _worker().whole(budget, start, spent)


def _pool(
    inst: Instance, budget: int, options: SolveOptions, size: int, decomposition: bool = True
) -> ProcessPoolExecutor:
    """Worker processes, each with its own model (``_start_worker``).

    forkserver, not fork: the parent may hold HiGHS or web-server threads, which a forked
    child would inherit in an unknown state; the server preloads the optimiser once.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["planner.optimise.sweep"])
    return ProcessPoolExecutor(
        size,
        mp_context=context,
        initializer=_start_worker,
        initargs=(inst, budget, replace(options, should_stop=None), decomposition),
    )


def _decomposed_parallel(
    curve: _Curve,
    budgets: list[int],
    options: SolveOptions,
    progress: Callable[[int, int, dict[str, Any]], None] | None,
    workers: int,
) -> list[dict[str, Any]]:
    """Decomposition here, point after point; the points it cannot prove in worker processes
    (whole model from its plan) meanwhile. See :func:`sweep`."""
    points: list[dict[str, Any]] = []

    def done(point: dict[str, Any]) -> None:
        points.append(point)
        if progress:
            progress(len(points), len(budgets), point)

    with ExitStack() as stack:
        pool: ProcessPoolExecutor | None = None  # started at the first point left unproven
        futures: list[Future[dict[str, Any]]] = []
        for budget in budgets:
            row, start, spent = curve.decomposed(budget)
            _stop_if_asked(options, futures)
            if row is not None:
                done(row)
                continue
            if pool is None:  # a worker builds its own whole model: only when one is needed
                size = max(1, workers - 1)
                pool = stack.enter_context(_pool(curve.inst, budgets[0], options, size, False))
            futures.append(pool.submit(_solve_whole, budget, start, spent))
        for future in as_completed(futures):
            _stop_if_asked(options, futures)
            done(future.result())
    return sorted(points, key=lambda p: p["budget"])


def _stop_if_asked(options: SolveOptions, futures: list[Future[dict[str, Any]]]) -> None:
    """On a stop, cancel the points not started (the running ones end first) and raise."""
    if options.stopped():
        for waiting in futures:
            waiting.cancel()
        raise_if_stopped(options)


def _parallel(
    inst: Instance,
    budgets: list[int],
    options: SolveOptions,
    progress: Callable[[int, int, dict[str, Any]], None] | None,
    workers: int,
) -> list[dict[str, Any]]:
    points = []
    with _pool(inst, budgets[0], options, min(workers, len(budgets))) as pool:
        futures = [pool.submit(_solve_point, b) for b in budgets]
        for future in as_completed(futures):
            _stop_if_asked(options, futures)
            points.append(future.result())
            if progress:
                progress(len(points), len(budgets), points[-1])
    return sorted(points, key=lambda p: p["budget"])
