"""Lagrangian decomposition by centre: a proven bound and a plan for very large instances.

When the only row that ties the centres together is the total budget (one ``--budget``: no
yearly or per-source budgets, no category caps or floors, no go-live-first count) and the
horizon is one year, the model is

    max Σ_c f_c(x_c)   s.t.   Σ_c s_c·x_c ≤ B,   x_c ∈ X_c

where ``X_c`` is everything else about centre c (bundle, dependencies, ports, fairness, value
segments: all its rows mention only its own variables) and ``s_c`` the đồng its units cost.
For any price λ ≥ 0 of a đồng,

    L(λ) = λ·B + Σ_c max_{x_c ∈ X_c} ( f_c(x_c) − λ·s_c·x_c )   ≥   OPT

because every feasible plan has ``λ·(B − Σ s x) ≥ 0``. Each centre's problem is a MILP of a
few dozen variables that HiGHS solves exactly in about a millisecond, so L(λ) is a *proven*
upper bound without the LP relaxation of the whole model (which at national scale alone takes
HiGHS longer than the time limit). The centres' answers at a λ whose spending fits the budget
are a plan; the money it leaves is spent by the bundle-aware greedy (greedy.bundle_first_plan
seeded with that plan). λ is found by bisection on spending, which falls as λ rises.

The gap L − plan is at most about one centre's worth (the plan differs from the centres'
price-optimal answers only where the budget runs out), so relative to the whole it shrinks as
centres are added: at national scale (3,000+ centres) it is well under 1e-3, at province
scale it is not, and the whole-model MILP is used there (:func:`applies`).
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass

import highspy
import numpy as np
import pulp

from planner.optimise.accounting import Buys, Repairs, objective_value, totals
from planner.optimise.greedy import bundle_first_plan, ranked_activities
from planner.optimise.model import Model, objective_terms
from planner.optimise.solve import swallow_highs_banner

MIN_CENTRES = 1000  # below this the whole-model MILP proves optimality faster and tighter
SAMPLE = 200  # centres in the sample that guesses the price
_BRACKET_END = 1e-6  # stop bisecting when the price interval is this narrow (relative)
_MAX_PASSES = 60  # and in any case after this many full passes (a price of 2^-60 of the first)


@dataclass
class Block:
    """One centre's own MILP, kept loaded in HiGHS so that only its costs change with λ."""

    centre: str
    variables: list[pulp.LpVariable]
    value: np.ndarray  # objective coefficient of each variable
    spend: np.ndarray  # đồng per unit in the total budget
    highs: highspy.Highs

    def solve(self, price: float) -> tuple[float, np.ndarray]:
        """``max (value − price·spend)·x`` over the centre's rows: (proven bound, x)."""
        n = len(self.variables)
        self.highs.changeColsCost(n, np.arange(n, dtype=np.int32), self.value - price * self.spend)
        self.highs.run()
        if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"centre subproblem not solved: {self.highs.getModelStatus()}")
        info = self.highs.getInfo()
        bound = info.mip_dual_bound if math.isfinite(info.mip_dual_bound) else info.objective_function_value
        return max(bound, info.objective_function_value), np.asarray(self.highs.getSolution().col_value)


@dataclass
class Result:
    status: str  # optimal (gap within tolerance) | time_limit | feasible
    objective: float
    bound: float
    price: float  # value per đồng of the budget at the best bound (the row's Lagrange price)
    buys: Buys
    repairs: Repairs
    seconds: float

    @property
    def gap(self) -> float:
        return max(0.0, (self.bound - self.objective) / max(1.0, abs(self.objective)))


def applies(m: Model) -> bool:
    """Whether the decomposition is valid and worth it (module docstring).

    Valid: one year, the total budget the only row across centres, and no rule that can make
    the scenario infeasible (must-buy lines, a hard fairness floor) — so the empty plan is
    always feasible and every price has an answer; infeasible scenarios go to the whole model,
    which explains them. Worth it: at least :data:`MIN_CENTRES` centres.
    """
    inst = m.inst
    return (len(inst.centres) >= MIN_CENTRES and len(inst.years) == 1 and inst.budget is not None
            and not (inst.budget_by_year or inst.budget_by_source or inst.budget_by_source_year)
            and not (inst.category_caps or inst.category_floors) and not m.elastic
            and not inst.must_buy and not inst.fairness_hard
            and m.prob.get_constraint_by_name("golive_count") is None)


def _variable_centres(m: Model) -> dict[str, str]:
    inst, out = m.inst, {}
    for (i, _), var in m.buy.items():
        out[var.name] = inst.lines[i].centre
    for group in (m.rep, m.tail):
        for i, var in group.items():
            out[var.name] = inst.lines[i].centre
    for group in (m.open, m.fair):
        for code, var in group.items():
            out[var.name] = code
    return out


def build_blocks(m: Model) -> list[Block]:
    """Split the model into one HiGHS model per centre; refuse a row that spans two centres."""
    swallow_highs_banner()  # keep stdout for our own output (JSON to "-")
    centre_of = _variable_centres(m)
    unit = m.row_unit.get("budget_total", 1.0)
    spend = {var.name: coef * unit for var, coef in m.constraint("budget_total").items()}
    value = {var.name: coef for var, coef in objective_terms(m).items()}
    columns: dict[str, list[pulp.LpVariable]] = {}
    for var in m.prob.variables():
        columns.setdefault(centre_of[var.name], []).append(var)
    rows: dict[str, list[pulp.LpConstraint]] = {}
    for row in m.prob.constraints():
        if row.name == "budget_total":
            continue
        owners = {centre_of[var.name] for var in row}
        if not owners:  # a row of constants: no decision of any centre changes it
            continue
        if len(owners) != 1:
            raise ValueError(f"row {row.name} links centres {sorted(owners)[:3]}: no decomposition by centre")
        rows.setdefault(owners.pop(), []).append(row)
    return [_block(c, columns[c], rows.get(c, []), value, spend) for c in columns]


def _block(centre: str, variables: list[pulp.LpVariable], rows: list[pulp.LpConstraint], value: dict, spend: dict) -> Block:
    h = highspy.Highs()
    for option, setting in (("output_flag", False), ("mip_rel_gap", 0.0), ("presolve", "off"),
                            ("mip_detect_symmetry", False), ("mip_heuristic_run_feasibility_jump", False),
                            ("mip_heuristic_run_rins", False), ("mip_heuristic_run_rens", False),
                            ("mip_heuristic_run_root_reduced_cost", False)):
        h.setOptionValue(option, setting)  # tiny models: the set-up of these costs more than it saves
    n = len(variables)
    position = {var.name: k for k, var in enumerate(variables)}
    inf = highspy.kHighsInf
    h.addVars(n, np.array([v.lowBound if v.lowBound is not None else -inf for v in variables], dtype=float),
              np.array([v.upBound if v.upBound is not None else inf for v in variables], dtype=float))
    integer = [k for k, v in enumerate(variables) if v.cat == pulp.LpInteger]
    if integer:
        h.changeColsIntegrality(len(integer), np.array(integer, dtype=np.int32),
                                np.array([highspy.HighsVarType.kInteger] * len(integer)))
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    starts, index, coef, lower, upper = [], [], [], [], []
    for row in rows:
        starts.append(len(index))
        for var, a in row.items():
            index.append(position[var.name])
            coef.append(a)
        rhs = -row.constant
        lower.append(rhs if row.sense != pulp.LpConstraintLE else -inf)
        upper.append(rhs if row.sense != pulp.LpConstraintGE else inf)
    if rows:
        h.addRows(len(rows), np.array(lower, dtype=float), np.array(upper, dtype=float), len(index),
                  np.array(starts, dtype=np.int32), np.array(index, dtype=np.int32), np.array(coef, dtype=float))
    return Block(centre, variables, np.array([value.get(v.name, 0.0) for v in variables]),
                 np.array([spend.get(v.name, 0.0) for v in variables]), h)


def price_estimate(m: Model) -> float:
    """The value per đồng at which the greedy ranking runs out of money (a first guess)."""
    spent, budget = 0.0, float(m.inst.budget or 0)
    for ratio, (kind, key, what) in ranked_activities(m.inst):
        if kind == "chunk":
            spent += what * m.inst.lines[key].unit_price
        if spent >= budget and ratio > 0:
            return ratio
    return 1e-12  # everything fits: any small price buys it all


def sample_price(m: Model, blocks: list[Block], budget: float, size: int = SAMPLE) -> float:
    """The price at which an evenly spread sample of centres spends its share of the budget.

    Share = the sample's part of the total cost of the needs. Cheap (a sample's passes take a
    fraction of a full pass) and, the centres being many and alike, close to the full price.
    """
    sample = blocks[:: max(1, len(blocks) // size)]
    cost = {c.code: c.cost for c in m.inst.centres}
    share = sum(cost[b.centre] for b in sample) / max(1, sum(cost.values()))
    low, high, price = 0.0, math.inf, price_estimate(m)
    for _ in range(_MAX_PASSES):
        if math.isfinite(high) and high - low <= 1e-3 * high:
            break
        _, xs = _at_price(sample, price)
        if sum(float(b.spend @ x) for b, x in zip(sample, xs)) <= budget * share:
            high = price
        else:
            low = price
        price = _next_price(price, low, high, 2.0)
    return price


def _next_price(price: float, low: float, high: float, step: float) -> float:
    """Step up (down) by ``step`` until the budget is bracketed, then bisect geometrically."""
    if not math.isfinite(high):
        return price * step
    if low == 0.0:
        return price / step
    return math.sqrt(low * high)


def solve(m: Model, gap: float, time_limit: float | None, start: tuple[Buys, Repairs] | None = None) -> Result:
    """Bisection on the budget's price until the bound and the best plan are within ``gap``.

    Every price gives a bound. Two prices bracketing the budget (one overspends, one fits) give
    a plan: the centres' answers at the fitting price, then — best value per extra đồng first —
    centres switched to their answer at the overspending price while the money lasts (many
    centres are alike and change their answer at the same price, so the budget usually runs
    out in the middle of such a group), then the greedy spends what is left.
    """
    began = time.perf_counter()
    inst, budget = m.inst, float(m.inst.budget or 0)
    blocks = build_blocks(m)
    best_plan = start or ({}, {})
    best_value = objective_value(inst, *best_plan)
    best_bound, best_price = math.inf, 0.0
    low, high = 0.0, math.inf  # prices known to overspend / to fit the budget
    answers: dict[str, list[np.ndarray]] = {}
    price = sample_price(m, blocks, budget)
    for passes in itertools.count(1):
        bound, xs = _at_price(blocks, price)
        bound += price * budget
        if bound < best_bound:
            best_bound, best_price = bound, price
        if sum(float(b.spend @ x) for b, x in zip(blocks, xs)) <= budget:
            high, answers["fits"] = price, xs
        else:
            low, answers["over"] = price, xs
        if "fits" in answers:
            plan = bundle_first_plan(inst, seed=_combine(m, blocks, answers, budget))
            value = objective_value(inst, *plan)
            if value > best_value and totals(inst, *plan).total <= budget:
                best_plan, best_value = plan, value
        result = Result("feasible", best_value, best_bound, best_price, *best_plan, time.perf_counter() - began)
        if result.gap <= gap:
            result.status = "optimal"
            return result
        if time_limit is not None and result.seconds >= time_limit:
            result.status = "time_limit"
            return result
        if (math.isfinite(high) and high - low <= _BRACKET_END * high) or passes == _MAX_PASSES:
            return result
        price = _next_price(price, low, high, 1.01)
    raise AssertionError("unreachable")


def _at_price(blocks: list[Block], price: float) -> tuple[float, list[np.ndarray]]:
    """Σ_c of the centres' proven optima at ``price``, and each centre's solution."""
    total, xs = 0.0, []
    for block in blocks:
        bound, x = block.solve(price)
        total += bound
        xs.append(x)
    return total, xs


def _combine(m: Model, blocks: list[Block], answers: dict[str, list[np.ndarray]], budget: float) -> tuple[Buys, Repairs]:
    """The fitting answers, with centres moved to their overspending answer while money is left."""
    chosen = list(answers["fits"])
    left = budget - sum(float(b.spend @ x) for b, x in zip(blocks, chosen))
    if "over" in answers:
        moves = []
        for k, (b, fit, over) in enumerate(zip(blocks, answers["fits"], answers["over"])):
            extra = float(b.spend @ (over - fit))
            gain = float(b.value @ (over - fit))
            if extra > 0 and gain > 0:
                moves.append((gain / extra, extra, k))
        for _, extra, k in sorted(moves, reverse=True):
            if extra <= left:
                chosen[k], left = answers["over"][k], left - extra
    values = {v.name: x for b, xs in zip(blocks, chosen) for v, x in zip(b.variables, xs)}
    buys = {k: q for k, v in m.buy.items() if (q := round(values[v.name]))}
    repairs = {k: q for k, v in m.rep.items() if (q := round(values[v.name]))}
    return buys, repairs
