"""Run a solver on a model and read what it really says.

Solvers are always chosen explicitly: ``highs`` is ``pulp.HiGHS`` (in-process, through
``highspy``); ``cbc`` is ``pulp.COIN_CMD`` on the ``cbc`` binary (Debian ``coinor-cbc``),
never the deprecated bundled ``PULP_CBC_CMD``. Each solve gets its own temporary directory.

Status is read from the solver, not from PuLP's summary: HiGHS reports a time-limit stop as
"Optimal" to PuLP, so the HiGHS model status and ``sol_status`` decide between ``optimal``
(proven within the gap) and ``time_limit`` (a feasible plan, optimality not proven).

A :class:`Runner` keeps one model and re-solves it after right-hand-side changes (budget sweep,
marginal value of one more billion): with HiGHS the loaded ``highspy`` model is changed in
place and re-run, so PuLP does not rebuild anything between points.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from dataclasses import dataclass, field

import numpy as np
import pulp

from planner import labels
from planner.errors import Infeasible
from planner.optimise.accounting import (
    budget_rows,
    coverage,
    fairness_shortfall,
    go_live,
    objective_value,
    totals,
)
from planner.optimise.model import FAIR_UNIT, Model

log = logging.getLogger(__name__)

SOLVERS = ("highs", "cbc")
DEFAULT_SOLVER = "highs"
DEFAULT_GAP = 1e-4
_MAX_TIGHTENINGS = 4


# For whole-model runs that start from a good plan and mostly have a bound left to prove (sweep
# points re-run in place, a plan the decomposition could not prove): HiGHS's presolve and its
# root reduced-cost heuristic cost more there than they save. Measured: the 25-point 2017 sweep
# 7.9-8.1 s with both off, about 10.4 s with both on; 2025 at 4 % / 8 % of the need after the
# decomposition, 5.8 s / 7.3 s with both off, 19.2 s / 10.0 s with both on.
LEAN_HIGHS_OPTIONS = (("presolve", "off"), ("mip_heuristic_run_root_reduced_cost", False))


@dataclass(frozen=True)
class SolveOptions:
    solver: str = DEFAULT_SOLVER
    time_limit: float | None = None
    gap: float = DEFAULT_GAP
    threads: int | None = None
    highs_options: tuple[tuple[str, object], ...] = ()  # HiGHS settings, e.g. LEAN_HIGHS_OPTIONS


@dataclass
class Outcome:
    """What one solve returned: status, numbers, and the integer decision."""

    status: str  # optimal | time_limit | feasible | infeasible | error
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    seconds: float = 0.0
    buys: dict[tuple[int, int], int] = field(default_factory=dict)
    repairs: dict[int, int] = field(default_factory=dict)

    @property
    def has_plan(self) -> bool:
        return self.status in ("optimal", "time_limit", "feasible")


def cbc_path() -> str | None:
    """The system ``cbc`` binary, if installed."""
    return shutil.which("cbc")


def available_solvers() -> list[str]:
    return ["highs"] + (["cbc"] if cbc_path() else [])


_BANNER_SHOWN = False


def swallow_highs_banner() -> None:
    """highspy prints a banner on stdout at its first ``Highs()``; keep stdout for our output."""
    global _BANNER_SHOWN
    if _BANNER_SHOWN:
        return
    import os
    import sys

    import highspy

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    _BANNER_SHOWN = True


def hand_start(highs, start: dict) -> None:
    """Give a loaded HiGHS model a starting plan: ``start`` maps PuLP variables to values.

    The branch and bound then never returns anything worse than that plan, even when stopped
    by its time limit.
    """
    if start:
        index = np.array([var.index for var in start], dtype=np.int32)
        value = np.array(list(start.values()), dtype=np.float64)
        highs.setSolution(len(index), index, value)


class _HiGHSFromStart(pulp.HiGHS):
    """PuLP's in-process HiGHS, handed a starting plan (:func:`hand_start`) before it runs."""

    def __init__(self, start: dict | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.start = start or {}

    def callSolver(self, lp) -> None:
        hand_start(lp.solverModel, self.start)
        lp.solverModel.run()


def make_solver(
    options: SolveOptions, tmpdir: str, mip: bool = True, start: dict | None = None
) -> pulp.LpSolver:
    """The PuLP solver object for ``options`` (explicit; never an import-time default)."""
    if options.solver == "highs":
        swallow_highs_banner()
        return _HiGHSFromStart(
            start,
            mip=mip,
            msg=False,
            timeLimit=options.time_limit,
            gapRel=options.gap,
            threads=options.threads,
            **dict(options.highs_options),
        )
    if options.solver == "cbc":
        path = cbc_path()
        if path is None:
            raise Infeasible(labels.OPTIMISE["cbc_missing"])
        solver = pulp.COIN_CMD(
            path=path,
            mip=mip,
            msg=False,
            timeLimit=options.time_limit,
            gapRel=options.gap,
            threads=options.threads,
        )
        solver.tmpDir = tmpdir
        return solver
    raise Infeasible(
        labels.OPTIMISE["solver_unknown"].format(solver=options.solver, known=", ".join(SOLVERS))
    )


class Runner:
    """One model, solved and re-solved (see the module docstring)."""

    def __init__(
        self, model: Model, options: SolveOptions, start: tuple[dict, dict] | None = None
    ) -> None:
        """``start``: (buys, repairs) of a known plan (e.g. the greedy baseline) to begin from."""
        self.m = model
        self.options = options
        self.start = start
        self._started = False
        self._loaded = False  # a highspy model holding the current problem exists

    def set_rhs(self, name: str, rhs: float) -> None:
        """Change a row's right-hand side, given in the row's own terms (đồng for money rows)."""
        constraint = self.m.constraint(name)
        rhs = rhs / self.m.row_unit.get(name, 1.0)
        constraint.changeRHS(rhs)
        if self._loaded:
            inf = float("inf")
            lb, ub = (-inf, rhs) if constraint.sense == pulp.LpConstraintLE else (rhs, inf)
            self.m.prob.solverModel.changeRowBounds(constraint.index, lb, ub)

    def rhs(self, name: str) -> float:
        return -self.m.constraint(name).constant * self.m.row_unit.get(name, 1.0)

    def solve(self) -> Outcome:
        """Solve, then make sure the rounded plan keeps every budget and cap to the đồng.

        Solvers accept a variable within 1e-6 of an integer and a row within their feasibility
        tolerance, so rounding 0.999999995 of a 200,000,000-đồng unit can overspend a budget by a
        đồng or a few hundred. When that happens the offending rows are tightened (by ten times the
        excess plus one đồng, so that a solver whose tolerance allowed the excess cannot allow it
        again) and the model re-solved; their right-hand sides are restored afterwards.
        """
        outcome = self._solve_lexicographic()
        if self.m.elastic:  # the elastic twin may exceed its rows by design
            return outcome
        if self._started and outcome.has_plan and not self._objective_agrees(outcome):
            # HiGHS has been seen to score a handed-in start wrongly (a continuous tail unit
            # left out) and then stop on it; its word is not taken: solve again without one.
            log.warning(
                "solver objective %s disagrees with the plan's value; re-solving", outcome.objective
            )
            self._loaded = False
            outcome = self._solve_lexicographic()
        tightened: dict[str, float] = {}
        for _ in range(_MAX_TIGHTENINGS):
            over = self._overspent(outcome) if outcome.has_plan else {}
            if not over:
                break
            for name, excess in over.items():
                tightened.setdefault(name, self.rhs(name))
                self.set_rhs(name, self.rhs(name) - 10 * excess - 1)
            seconds = outcome.seconds
            outcome = self._solve_lexicographic()
            outcome.seconds += seconds
        for name, rhs in tightened.items():
            self.set_rhs(name, rhs)
        return outcome

    def _objective_agrees(self, outcome: Outcome) -> bool:
        value = objective_value(self.m.inst, outcome.buys, outcome.repairs)
        return abs((outcome.objective or 0.0) - value) <= 1e-6 * max(1.0, abs(value))

    def _overspent(self, outcome: Outcome) -> dict[str, float]:
        """Budget and cap rows the rounded plan exceeds by more than half a đồng: name → excess."""
        inst = self.m.inst
        tot = totals(inst, outcome.buys, outcome.repairs)
        used = {row.name: tot.row_usage(row) for row in budget_rows(inst)}
        used.update(
            {f"cap_{k.value}": tot.by_category.get(k.value, 0.0) for k in inst.category_caps}
        )
        over = {}
        for name, amount in used.items():
            if (
                self.m.prob.get_constraint_by_name(name) is not None
                and amount > self.rhs(name) + 0.5
            ):
                over[name] = amount - self.rhs(name)
        return over

    def _solve_lexicographic(self) -> Outcome:
        """Solve; with ``go_live_first``, lexicographically (most centres opened, then value)."""
        if self.m.prob.get_constraint_by_name("golive_count") is None:
            return self._solve_once()
        count = pulp.LpAffineExpression({v: 1 for v in self.m.open.values()})
        value = self.m.prob.objective
        self.m.constraint("golive_count").changeRHS(0)
        self.m.prob.setObjective(count)
        self._loaded = False
        first = self._solve_once()
        if not first.has_plan:
            self.m.prob.setObjective(value)
            return first
        self.m.constraint("golive_count").changeRHS(round(first.objective or 0))
        self.m.prob.setObjective(value)
        self._loaded = False  # objective changed: PuLP hands HiGHS the whole model again
        second = self._solve_once()
        second.seconds += first.seconds
        self._loaded = False
        return second

    def _solve_once(self) -> Outcome:
        prob = self.m.prob
        if not prob.variables():
            return Outcome("optimal", 0.0, 0.0, 0.0)
        start = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="hcc-solve-") as tmpdir:
            if self._loaded and self.options.solver == "highs":
                hand_start(prob.solverModel, self._start_values())
                prob.solverModel.run()
                self._assign_highs_values()
            else:
                prob.solve(make_solver(self.options, tmpdir, start=self._start_values()))
                self._loaded = self.options.solver == "highs"
        seconds = time.perf_counter() - start
        outcome = self._read_highs() if self.options.solver == "highs" else self._read_cbc()
        outcome.seconds = seconds
        if outcome.has_plan:
            outcome.buys = {
                k: round(v.varValue)
                for k, v in self.m.buy.items()
                if v.varValue and round(v.varValue)
            }
            outcome.repairs = {
                k: round(v.varValue)
                for k, v in self.m.rep.items()
                if v.varValue and round(v.varValue)
            }
        return outcome

    def _start_values(self) -> dict:
        """The starting plan as {variable: value} for every variable (HiGHS only).

        Complete and consistent — tail units, go-live indicators and fairness shortfalls are
        derived from the plan as the model defines them — so HiGHS checks it as a whole instead
        of completing a partial start itself.
        """
        lexicographic = self.m.prob.get_constraint_by_name("golive_count") is not None
        if not self.start or self.options.solver != "highs" or self.m.elastic or lexicographic:
            return {}
        m, inst = self.m, self.m.inst
        buys, repairs = self.start
        self.start, self._started = None, True  # handed in once, to the first solve only
        values = {var: float(buys.get(k, 0)) for k, var in m.buy.items()}
        values.update({var: float(repairs.get(i, 0)) for i, var in m.rep.items()})
        cov = coverage(buys, repairs)
        values.update(
            {var: float(max(0, cov.get(i, 0) - inst.lines[i].head)) for i, var in m.tail.items()}
        )
        ready = go_live(inst, cov)
        values.update({var: float(ready[code]) for code, var in m.open.items()})
        short = fairness_shortfall(inst, totals(inst, buys, repairs))
        values.update({var: short.get(code, 0.0) / FAIR_UNIT for code, var in m.fair.items()})
        return values

    def _assign_highs_values(self) -> None:
        values = self.m.prob.solverModel.getSolution().col_value
        for var in self.m.prob.variables():
            var.varValue = values[var.index]

    def _read_highs(self) -> Outcome:
        """HiGHS model status decides; the objective and bound are un-negated (PuLP minimises −f)."""
        import highspy

        h = self.m.prob.solverModel
        status = h.getModelStatus()
        info = h.getInfo()
        sign = -1.0 if self.m.prob.sense == pulp.LpMaximize else 1.0
        has_solution = info.primal_solution_status == 2
        if status == highspy.HighsModelStatus.kOptimal:
            name = "optimal"
        elif status in (
            highspy.HighsModelStatus.kInfeasible,
            highspy.HighsModelStatus.kUnboundedOrInfeasible,
        ):
            return Outcome("infeasible")
        elif has_solution:
            name = "time_limit"
        else:
            return Outcome("error")
        objective = sign * info.objective_function_value
        is_mip = any(v.cat == pulp.LpInteger for v in self.m.prob.variables())
        if is_mip and abs(info.mip_dual_bound) < float("inf"):
            bound, gap = sign * info.mip_dual_bound, max(0.0, info.mip_gap)
        elif name == "optimal":
            bound, gap = objective, 0.0
        else:  # stopped before any bound was proven: say so rather than claim a zero gap
            bound, gap = None, None
        return Outcome(name, objective, bound, gap)

    def _read_cbc(self) -> Outcome:
        """PuLP's ``sol_status`` from the CBC solution file: optimal vs. stopped with a solution.

        CBC's bound is not passed back through PuLP, so ``bound``/``gap`` stay unknown unless
        optimality is proven (then bound = objective within the requested gap).
        """
        prob = self.m.prob
        if prob.status == pulp.LpStatusInfeasible:
            return Outcome("infeasible")
        objective = pulp.value(prob.objective)
        objective = float(objective) if objective is not None else 0.0
        if prob.sol_status == pulp.LpSolutionOptimal:
            return Outcome("optimal", objective, objective, 0.0)
        if prob.sol_status == pulp.LpSolutionIntegerFeasible:
            return Outcome("time_limit", objective)
        return Outcome("error")


def lp_relaxation_bound(model: Model, options: SolveOptions) -> float | None:
    """The LP relaxation's optimum (an upper bound on any plan's value), for benchmarks."""
    with tempfile.TemporaryDirectory(prefix="hcc-lp-") as tmpdir:
        model.prob.solve(make_solver(options, tmpdir, mip=False))
    value = pulp.value(model.prob.objective)
    return float(value) if value is not None else None
