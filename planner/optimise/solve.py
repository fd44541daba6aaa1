"""Run a solver on a model and read what it really says.

Solvers are always chosen explicitly (:mod:`planner.optimise.solvers` makes them: HiGHS in
process, CBC as a peer). Each solve gets its own temporary directory.

Status is read from the solver, not from PuLP's summary: HiGHS reports a time-limit stop as
"Optimal" to PuLP, so the HiGHS model status and ``sol_status`` decide between ``optimal``
(proven within the gap) and ``time_limit`` (a feasible plan, optimality not proven).

A :class:`Runner` keeps one model and re-solves it after right-hand-side changes (budget sweep,
marginal value of one more billion): with HiGHS the loaded ``highspy`` model is changed in
place and re-run, so PuLP does not rebuild anything between points.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pulp

from planner import labels
from planner.errors import Stopped
from planner.optimise.accounting import (
    Buys,
    Repairs,
    budget_rows,
    coverage,
    fairness_shortfall,
    go_live,
    objective_value,
    totals,
)
from planner.optimise.model import FAIR_UNIT, Model
from planner.optimise.solvers import (
    CBC_LOG,
    DEFAULT_SOLVER,
    HiGHSFromStart,
    cbc_bound,
    hand_start,
    make_solver,
    stop_at,
    swallow_highs_banner,
)

log = logging.getLogger(__name__)

DEFAULT_GAP = 1e-4
# One deadline for a whole solve, the same for the CLI and the web app; a plan stopped at it is
# still reported, with status time_limit and its gap.
DEFAULT_TIME_LIMIT = 60.0
# The statuses that come with a plan to show (proven, stopped at the limit, or found without a
# bound); "infeasible" and "error" come with none.
PLAN_STATUSES = frozenset({"optimal", "time_limit", "feasible"})
_MAX_TIGHTENINGS = 4
_LAST_MOMENT = 0.2  # seconds a solve still gets past the deadline (to hand back its start plan)


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
    # Asked throughout a run (HiGHS's interrupt callbacks, each centre of a decomposition pass,
    # the one-unit check): True ends the run at once and the front door raises errors.Stopped.
    # Not compared: a run that may be stopped is the same run. Never sent to sweep workers.
    should_stop: Callable[[], bool] | None = field(default=None, compare=False, repr=False)
    # Told the stage a solve enters (optimiser.STAGES), so that a page can say what it waits for.
    on_stage: Callable[[str], None] | None = field(default=None, compare=False, repr=False)

    def stopped(self) -> bool:
        """Whether whoever started the run asked it to stop."""
        return self.should_stop is not None and self.should_stop()

    def stage(self, name: str) -> None:
        """Report entering stage ``name`` to whoever watches (nobody on the command line)."""
        if self.on_stage is not None:
            self.on_stage(name)


def raise_if_stopped(options: SolveOptions) -> None:
    """:class:`~planner.errors.Stopped` when the run was asked to stop: a part-run is no result."""
    if options.stopped():
        raise Stopped(labels.JOBS["stopped"])


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
        return self.status in PLAN_STATUSES


class Runner:
    """One model, solved and re-solved (see the module docstring)."""

    def __init__(
        self,
        model: Model,
        options: SolveOptions,
        start: tuple[Buys, Repairs] | None = None,
        deadline: float | None = None,
    ) -> None:
        """``start``: (buys, repairs) of a known plan (e.g. the greedy baseline) to begin from.

        ``deadline``: a ``time.perf_counter()`` instant every solve of this runner ends by (the
        command's one time limit, shared with whatever ran before); default: each solve gets
        ``options.time_limit`` of its own.
        """
        self.m = model
        self.options = options
        self.start = start
        self.start_plan = start  # kept: the referee compares the solver's plan with it
        self.deadline = deadline
        self._started = False
        self._loaded = False  # a highspy model holding the current problem exists
        self._cbc_log = ""  # CBC's log of the last run (its bound is read there)

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
        return float(-self.m.constraint(name).constant * self.m.row_unit.get(name, 1.0))

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
        tightened: dict[str, float] = {}
        for _ in range(_MAX_TIGHTENINGS):
            over = self._overspent(outcome) if outcome.has_plan else {}
            if not over:
                break
            for name, excess in over.items():
                tightened.setdefault(name, self.rhs(name))
                self.set_rhs(name, self.rhs(name) - 10 * excess - 1)
            seconds = outcome.seconds
            if self.options.stopped():
                break  # the caller raises Stopped: no re-solve for a plan nobody will see
            outcome = self._solve_lexicographic()
            outcome.seconds += seconds
        for name, rhs in tightened.items():
            self.set_rhs(name, rhs)
        if self._stopped_without_plan(outcome):
            # interrupted at the deadline before it found a plan (go-live first hands no start
            # to its first stage): the start plan is the plan, its value unproven
            buys, repairs = self.start_plan  # type: ignore[misc]
            outcome = Outcome("time_limit", None, None, None, outcome.seconds, buys, repairs)
        return referee(self.m, outcome, self.start_plan, self.options.gap)

    def _stopped_without_plan(self, outcome: Outcome) -> bool:
        return (
            outcome.status == "error"
            and self.start_plan is not None
            and self.deadline is not None
            and time.perf_counter() >= self.deadline
        )

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
        if not first.has_plan or self.options.stopped():
            self.m.prob.setObjective(value)
            return first
        self.m.constraint("golive_count").changeRHS(round(first.objective or 0))
        self.m.prob.setObjective(value)
        self._loaded = False  # objective changed: PuLP hands HiGHS the whole model again
        second = self._solve_once()
        second.seconds += first.seconds
        self._loaded = False
        return second

    def time_left(self) -> float | None:
        """Seconds this solve may take: to the deadline (at least a moment), else the option."""
        if self.deadline is None:
            return self.options.time_limit
        return max(_LAST_MOMENT, self.deadline - time.perf_counter())

    def _solve_once(self) -> Outcome:
        prob = self.m.prob
        if not prob.variables():  # nothing to choose: the empty plan, if every row allows it
            if all(row.valid() for row in prob.constraints()):
                return Outcome("optimal", 0.0, 0.0, 0.0)
            return Outcome("infeasible")
        start = time.perf_counter()
        limit = self.time_left()
        with tempfile.TemporaryDirectory(prefix="hcc-solve-") as tmpdir:
            if self._loaded and self.options.solver == "highs":
                prob.solverModel.setOptionValue("time_limit", limit or float("inf"))
                hand_start(prob.solverModel, self._start_values())
                stop_at(prob.solverModel, self.deadline, self.options.should_stop)
                prob.solverModel.run()
                self._assign_highs_values()
            else:
                options = replace(self.options, time_limit=limit)
                prob.solve(
                    make_solver(options, tmpdir, start=self._start_values(), deadline=self.deadline)
                )
                self._loaded = self.options.solver == "highs"
                log_file = Path(tmpdir) / CBC_LOG
                self._cbc_log = log_file.read_text(errors="replace") if log_file.exists() else ""
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

    def _start_values(self) -> dict[pulp.LpVariable, float]:
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
        """PuLP's ``sol_status`` and CBC's own report (its log) on what was proven.

        PuLP calls a stop at the time limit with a plan "optimal" (``status``) and tells it
        apart only by ``sol_status``; it passes back no bound at all. The bound is read from
        CBC's log (:func:`cbc_bound`); with none there, none is reported — only a run CBC
        reports as proven optimal outright (not "within gap tolerance") has bound = objective.
        """
        prob = self.m.prob
        if prob.status == pulp.LpStatusInfeasible:
            return Outcome("infeasible")
        objective = pulp.value(prob.objective)
        objective = float(objective) if objective is not None else 0.0
        if prob.sol_status not in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
            return Outcome("error")
        maximise = prob.sense == pulp.LpMaximize
        proven, bound = cbc_bound(self._cbc_log, maximise)
        if proven and bound is None:
            bound = objective
        gap = None
        if bound is not None:
            bound = max(bound, objective) if maximise else min(bound, objective)
            gap = abs(bound - objective) / max(abs(objective), 1e-9)
        optimal = prob.sol_status == pulp.LpSolutionOptimal and (
            proven or (gap is not None and gap <= self.options.gap)
        )
        return Outcome("optimal" if optimal else "time_limit", objective, bound, gap)


def referee(
    m: Model, outcome: Outcome, start: tuple[Buys, Repairs] | None, gap: float = 0.0
) -> Outcome:
    """The better of the solver's plan and the start plan, each at its true value.

    The solver's objective is not the plan's value: HiGHS may leave a continuous slack above
    its minimum (a tail unit, a fairness shortfall), so its figure can be below what the plan
    is worth, and it has been seen to score a handed-in start wrongly. The plan's value is
    what ``planner evaluate`` computes (accounting.objective_value, the referee); the start
    plan (the best of the greedy baseline, the bundle-first plan and a decomposition's plan)
    is kept when it is worth more. With go-live first a plan opening fewer centres never wins.
    The solver's bound stays (it bounds every plan); the gap is recomputed from the value.
    """
    from planner.optimise.evaluate import violations

    if not outcome.has_plan or m.elastic:
        return outcome
    inst = m.inst
    lexicographic = m.prob.get_constraint_by_name("golive_count") is not None

    def score(plan: tuple[Buys, Repairs]) -> tuple[int, float]:
        opened = sum(go_live(inst, coverage(*plan)).values()) if lexicographic else 0
        return opened, objective_value(inst, *plan)

    best, best_score = (outcome.buys, outcome.repairs), score((outcome.buys, outcome.repairs))
    if start is not None and not violations(inst, *start) and score(start) > best_score:
        best, best_score = start, score(start)
    value = best_score[1]
    if abs(value - (outcome.objective or 0.0)) > 1e-6 * max(1.0, abs(value)):
        log.info("solver objective %s, the plan's value %s", outcome.objective, value)
    bound = None if outcome.bound is None else max(outcome.bound, value)
    out = Outcome(
        outcome.status, value, bound, outcome.gap, outcome.seconds, dict(best[0]), dict(best[1])
    )
    if bound is not None:
        out.gap = max(0.0, (bound - value) / max(abs(value), 1e-9))
        if out.gap <= gap:
            out.status = "optimal"
    return out


def lp_row_duals(
    model: Model,
    rows: list[str],
    time_limit: float | None,
    should_stop: Callable[[], bool] | None = None,
) -> dict[str, float] | None:
    """Value gained per đồng of right-hand side of each row in ``rows``, in the LP relaxation.

    HiGHS (through PuLP) minimises −f, so a row's dual π is d(−f)/d(rhs in row units): the gain
    per đồng is −π divided by the row's unit (money rows are in thousands of đồng). ``None``
    when the LP is not solved to optimality within ``time_limit`` (or was stopped).
    """
    if not rows:
        return {}
    swallow_highs_banner()
    solver = HiGHSFromStart(None, None, should_stop, mip=False, msg=False, timeLimit=time_limit)
    model.prob.solve(solver)
    if model.prob.solverModel.getModelStatus().name != "kOptimal":
        return None
    return {
        name: -(model.constraint(name).pi or 0.0) / model.row_unit.get(name, 1.0) for name in rows
    }


def lp_relaxation_bound(model: Model, options: SolveOptions) -> float | None:
    """The LP relaxation's optimum (an upper bound on any plan's value), for benchmarks."""
    with tempfile.TemporaryDirectory(prefix="hcc-lp-") as tmpdir:
        model.prob.solve(make_solver(options, tmpdir, mip=False))
    value = pulp.value(model.prob.objective)
    return float(value) if value is not None else None
