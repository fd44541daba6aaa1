"""One HiGHS model per centre: the blocks the decompositions price.

A model whose centres are tied only by a few rows (the linking rows: a total budget, budgets
per source × year, category caps and floors) splits into one small MILP per centre — its
bundle, dependencies, ports, value segments, fairness row and multi-year stock — which stays
loaded in HiGHS so that only its costs change with the prices of the linking rows. decompose.py
prices one row (the total budget), column_generation.py several; both read the centres'
answers back as a plan here (:func:`_plan_of`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import highspy
import numpy as np
import pulp

from planner.optimise.accounting import Buys, Repairs
from planner.optimise.model import Model, objective_terms
from planner.optimise.solvers import swallow_highs_banner

_BLOCK_GAP = 1e-6  # a centre's own MILP: relative gap (its proven bound is what counts)
_BLOCK_NODES = 20  # ... and nodes at most (then its best answer and its proven bound)


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
        return self.solve_costs(self.value - price * self.spend)

    def solve_costs(self, cost: np.ndarray) -> tuple[float, np.ndarray]:
        """``max cost·x`` over the centre's rows: (proven bound, x)."""
        n = len(self.variables)
        self.highs.changeColsCost(n, np.arange(n, dtype=np.int32), cost)
        self.highs.run()
        info = self.highs.getInfo()
        if (
            self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal
            and info.primal_solution_status != 2
        ):
            raise RuntimeError(f"centre subproblem not solved: {self.highs.getModelStatus()}")
        bound = (
            info.mip_dual_bound
            if math.isfinite(info.mip_dual_bound)
            else info.objective_function_value
        )
        return max(bound, info.objective_function_value), np.asarray(
            self.highs.getSolution().col_value
        )


def _variable_centres(m: Model) -> dict[str, str]:
    inst, out = m.inst, {}
    for (i, _), var in m.buy.items():
        out[var.name] = inst.lines[i].centre
    for by_line in (m.rep, m.tail):
        for i, var in by_line.items():
            out[var.name] = inst.lines[i].centre
    for by_centre in (m.open, m.fair):
        for code, var in by_centre.items():
            out[var.name] = code
    return out


def build_blocks(m: Model, linking: frozenset[str] = frozenset({"budget_total"})) -> list[Block]:
    """Split the model into one HiGHS model per centre; refuse a row that spans two centres.

    ``linking``: the rows left out of the blocks (priced instead: here the total budget, whose
    đồng per unit are each block's ``spend``; column_generation.py prices several).
    """
    swallow_highs_banner()  # keep stdout for our own output (JSON to "-")
    centre_of = _variable_centres(m)
    unit = m.row_unit.get("budget_total", 1.0)
    total = m.constraint("budget_total")
    spend = {var.name: coef * unit for var, coef in (total.items() if total else ())}
    value = {var.name: coef for var, coef in objective_terms(m).items()}
    columns: dict[str, list[pulp.LpVariable]] = {}
    for var in m.prob.variables():
        columns.setdefault(centre_of[var.name], []).append(var)
    rows: dict[str, list[pulp.LpConstraint]] = {}
    for row in m.prob.constraints():
        if row.name in linking:
            continue
        owners = {centre_of[var.name] for var in row}
        if not owners:  # a row of constants: no decision of any centre changes it
            continue
        if len(owners) != 1:
            raise ValueError(
                f"row {row.name} links centres {sorted(owners)[:3]}: no decomposition by centre"
            )
        rows.setdefault(owners.pop(), []).append(row)
    return [_block(c, columns[c], rows.get(c, []), value, spend) for c in columns]


def _block(
    centre: str,
    variables: list[pulp.LpVariable],
    rows: list[pulp.LpConstraint],
    value: dict[str, float],
    spend: dict[str, float],
) -> Block:
    h = highspy.Highs()
    for option, setting in (
        ("output_flag", False),
        # Not 0: with a soft fairness floor a centre's MILP can take seconds to close its last
        # 1e-5; the bound used is HiGHS's proven dual bound, so it stays valid either way, and
        # a node limit keeps one hard centre from holding up the search.
        ("mip_rel_gap", _BLOCK_GAP),
        ("mip_max_nodes", _BLOCK_NODES),
        ("presolve", "off"),
        ("mip_allow_restart", False),  # see centre_pricing._BLOCK_OPTIONS
        ("mip_detect_symmetry", False),
        ("mip_heuristic_run_feasibility_jump", False),
        ("mip_heuristic_run_rins", False),
        ("mip_heuristic_run_rens", False),
        ("mip_heuristic_run_root_reduced_cost", False),
    ):
        h.setOptionValue(
            option, setting
        )  # tiny models: the set-up of these costs more than it saves
    n = len(variables)
    position = {var.name: k for k, var in enumerate(variables)}
    inf = highspy.kHighsInf
    h.addVars(
        n,
        np.array([v.lowBound if v.lowBound is not None else -inf for v in variables], dtype=float),
        np.array([v.upBound if v.upBound is not None else inf for v in variables], dtype=float),
    )
    integer = [k for k, v in enumerate(variables) if v.cat == pulp.LpInteger]
    if integer:
        h.changeColsIntegrality(
            len(integer),
            np.array(integer, dtype=np.int32),
            np.array([highspy.HighsVarType.kInteger] * len(integer)),
        )
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    starts: list[int] = []
    index: list[int] = []
    coef: list[float] = []
    lower: list[float] = []
    upper: list[float] = []
    for row in rows:
        starts.append(len(index))
        for var, a in row.items():
            index.append(position[var.name])
            coef.append(a)
        rhs = -row.constant
        lower.append(rhs if row.sense != pulp.LpConstraintLE else -inf)
        upper.append(rhs if row.sense != pulp.LpConstraintGE else inf)
    if rows:
        h.addRows(
            len(rows),
            np.array(lower, dtype=float),
            np.array(upper, dtype=float),
            len(index),
            np.array(starts, dtype=np.int32),
            np.array(index, dtype=np.int32),
            np.array(coef, dtype=float),
        )
    return Block(
        centre,
        variables,
        np.array([value.get(v.name, 0.0) for v in variables]),
        np.array([spend.get(v.name, 0.0) for v in variables]),
        h,
    )


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Two answers of one centre are the same (HiGHS returns whole numbers to within 1e-7)."""
    return bool(np.max(np.abs(a - b), initial=0.0) <= 1e-7)


def _spend(blocks: list[Block], xs: list[np.ndarray]) -> float:
    return sum(float(b.spend @ x) for b, x in zip(blocks, xs, strict=False))


def _at_price(blocks: list[Block], price: float) -> tuple[float, list[np.ndarray]]:
    """Σ_c of the centres' proven optima at ``price``, and each centre's solution (every one solved)."""
    total, xs = 0.0, []
    for block in blocks:
        bound, x = block.solve(price)
        total += bound
        xs.append(x)
    return total, xs


def _plan_of(m: Model, blocks: list[Block], xs: list[np.ndarray]) -> tuple[Buys, Repairs]:
    """The buys and repairs of the centres' solutions ``xs`` (whole numbers)."""
    values = {
        v.name: x
        for block, solution in zip(blocks, xs, strict=False)
        for v, x in zip(block.variables, solution, strict=False)
    }
    buys = {k: q for k, v in m.buy.items() if (q := round(values[v.name]))}
    repairs = {k: q for k, v in m.rep.items() if (q := round(values[v.name]))}
    return buys, repairs
