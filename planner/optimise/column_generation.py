"""Column generation by centre: every rule that ties centres together gets its own price.

decompose.py prices one row, the total budget. The scenarios a province really runs tie the
centres by several rows ``r`` — budgets per funding source × year (each source pays its share
of each unit; recurring items in every later year), per year, per source, in total, and
category caps (≤) and floors (≥) — while everything else (bundles, dependencies, ports, value
segments, a fairness floor, must-buy lines, a centre's years and stock) mentions one centre
only. The model is then

    max Σ_c f_c(x_c)   s.t.   Σ_c A_c x_c  (≤ or ≥)  b   (one row per linking rule),   x_c ∈ X_c

**Bound.** For prices ``λ_r ≥ 0`` on ≤ rows and ``λ_r ≤ 0`` on ≥ rows every feasible plan has
``λ·(b − Σ_c A_c x_c) ≥ 0``, so

    L(λ) = λ·b + Σ_c max_{x_c ∈ X_c} ( f_c(x_c) − λ·A_c x_c )   ≥   OPT

and each centre's problem is its own MILP of a hundred-odd variables (decompose.Block, solved
exactly by HiGHS; its proven dual bound is what is summed). Any λ with those signs gives a
proven bound; the search only looks for a small one.

**Prices (Dantzig–Wolfe).** The plans ``x_c^k`` the centres have answered so far are columns of
the restricted master LP

    max Σ_{c,k} f_c(x_c^k)·y_ck   s.t.  Σ_k y_ck = 1 (each c),
                                        Σ_{c,k} A_c x_c^k·y_ck − s_r ≤ b_r  (≥ rows: + s_r ≥ b_r),
                                        y, s ≥ 0,  objective − M·Σ s_r

whose row duals are the next prices (``s_r`` are artificial: the first columns need not keep a
floor; ``M`` is far above any value per đồng). Its value ``z`` never exceeds the Lagrangian
dual ``min_λ L(λ)`` once ``s = 0``, and the two meet at the LP optimum (LP duality), so the
search stops when ``min_k L(λ_k)`` and ``z`` meet within a fraction of the gap. The duals of
a restricted master jump about (the classic tailing off), so the centres are priced at
``α·λ_best + (1 − α)·λ_master`` (Wentges smoothing: λ_best the prices of the best bound so
far); a pass that brings no column improving the master is priced at the master's own duals.

**Plan.** The best combination of the columns, one per centre, keeping every linking row:
the restricted master as a MILP (binary ``y``; the generalisation of decompose's multiple-
choice knapsack), with the start plan's own per-centre parts among the columns so that it is
never worse than the start; then the greedy spends what is left, and the front door
(optimiser.solve_instance) applies the one-unit check and, when the gap is still open and the
model small enough (:data:`WHOLE_MODEL_MAX`), starts the whole model from it. An LP basis mixes at most one column per
linking row with another, so the rounding costs about as many centres' worth as there are
linking rows: relative to the whole it shrinks as centres are added.

**Where it applies** (:func:`applies`): at least decompose.MIN_CENTRES centres, a linking row
other than the lone total budget (that case stays with decompose.py, whose price search is
exact there), not go-live first (its count row ``Σ_c open_c ≥ n*`` is a lexicographic second
stage: left to the whole model), not the elastic twin. Must-buy lines and a hard fairness
floor belong to their centre's block; a block with no feasible answer, or floors the columns
cannot meet, hand the scenario to the whole model (which explains an infeasible one).

**First prices** (:func:`lp_prices`): the linking rows' duals in the LP relaxation of the whole
model; above decompose.WHOLE_MODEL_MAX centres, of an evenly spread sample of centres whose
rows are scaled to its share of the need.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import highspy
import numpy as np
import pulp

from planner.optimise import decompose
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
from planner.optimise.decompose import Block, build_blocks
from planner.optimise.evaluate import violations
from planner.optimise.greedy import bundle_first_plan
from planner.optimise.instance import VALUE_SCALE, Instance
from planner.optimise.model import FAIR_UNIT, Model, build_model
from planner.optimise.solve import lp_row_duals, stop_at

log = logging.getLogger(__name__)

# Above this many centres a plan column generation cannot prove is not handed to the whole
# model: with several years and linking rows its LP bound is far weaker (2025 realistic rules:
# 1.3 % above the plan, where the Lagrangian bound is within 0.1 %) and it did not close the
# gap in 60 s at 167 centres; the 28-centre 2017 province proves in seconds.
WHOLE_MODEL_MAX = 100
_LP_GAP = 0.25  # the dual search stops when L − z ≤ this share of the gap asked for
_ALPHA = 0.5  # Wentges smoothing weight of the best prices so far
_FULL_SHARE = 0.5  # of the time left, for the full restricted master MILP ...
_FULL_SECONDS = 5.0  # ... and at most this (its plan then goes on to the one-unit check)
_MARGIN = 0.01  # đồng
_MAX_PASSES = 60
_BIG_M = 1e3  # value per million đồng of an artificial (master rows, _SCALE): far above any price


class BlockInfeasible(RuntimeError):
    """A centre's own rules admit no plan: the scenario goes to the whole model."""


def linking_rows(m: Model) -> list[str]:
    """The rows that mention more than one centre: every budget row, category caps and floors."""
    inst = m.inst
    names = [row.name for row in budget_rows(inst)]
    names += [f"cap_{k.value}" for k in inst.category_caps]
    names += [f"floor_{k.value}" for k in inst.category_floors]
    return [n for n in names if m.prob.get_constraint_by_name(n) is not None]


def applies(m: Model) -> bool:
    """Whether column generation is valid and worth it here (module docstring)."""
    inst = m.inst
    return (
        len(inst.centres) >= decompose.MIN_CENTRES
        and not m.elastic
        and m.prob.get_constraint_by_name("golive_count") is None
        and bool(linking_rows(m))
        and not decompose.applies(m)
    )


@dataclass
class Rows:
    """The linking rows in the model's own units: ``lower ≤ Σ_c A_c x_c ≤ upper``."""

    names: list[str]
    lower: np.ndarray
    upper: np.ndarray
    unit_per_dong: np.ndarray  # one đồng in each row's units

    @property
    def rhs(self) -> np.ndarray:
        """``b``: the finite side of each row."""
        return np.where(np.isfinite(self.upper), self.upper, self.lower)

    @property
    def is_floor(self) -> np.ndarray:
        return ~np.isfinite(self.upper)

    def valid(self, prices: np.ndarray) -> np.ndarray:
        """The prices with the signs that make L(λ) a bound (≤ rows ≥ 0, ≥ rows ≤ 0)."""
        return np.where(self.is_floor, np.minimum(prices, 0.0), np.maximum(prices, 0.0))


@dataclass
class Priced:
    """A centre's block, its linking-row matrix and its columns so far."""

    block: Block
    matrix: np.ndarray  # rows × the block's variables
    columns: list[np.ndarray] = field(default_factory=list)
    keys: set[bytes] = field(default_factory=set)

    def add(self, x: np.ndarray) -> bool:
        """Keep ``x`` as a column unless it is one already (whole numbers to 1e-6)."""
        x = np.round(x, 6)
        key = x.tobytes()
        if key in self.keys:
            return False
        self.keys.add(key)
        self.columns.append(x)
        return True

    def price(self, prices: np.ndarray) -> tuple[float, np.ndarray]:
        """``max f_c(x) − λ·A_c x`` over the centre's rules: (proven bound, answer)."""
        try:
            return self.block.solve_costs(self.block.value - prices @ self.matrix)
        except RuntimeError as exc:
            raise BlockInfeasible(self.block.centre) from exc


def split(m: Model) -> tuple[Rows, list[Priced]]:
    """The model's linking rows and one priced block per centre."""
    names = linking_rows(m)
    blocks = build_blocks(m, frozenset(names))
    inf = math.inf
    lower, upper = [], []
    for name in names:
        row = m.constraint(name)
        rhs = -row.constant
        lower.append(rhs if row.sense == pulp.LpConstraintGE else -inf)
        upper.append(rhs if row.sense == pulp.LpConstraintLE else inf)
    unit = np.array([1.0 / m.row_unit.get(name, 1.0) for name in names])
    rows = Rows(names, np.array(lower), np.array(upper), unit)
    where = {}
    for k, block in enumerate(blocks):
        for j, var in enumerate(block.variables):
            where[var.name] = (k, j)
    matrices = [np.zeros((len(names), len(b.variables))) for b in blocks]
    for r, name in enumerate(names):
        for var, coef in m.constraint(name).items():
            k, j = where[var.name]
            matrices[k][r, j] = coef
    return rows, [Priced(b, a) for b, a in zip(blocks, matrices, strict=True)]


@dataclass
class Result:
    status: str  # optimal (gap within tolerance) | time_limit | feasible
    objective: float
    bound: float
    prices: dict[str, float]  # value per row unit of each linking row at the best bound
    buys: Buys
    repairs: Repairs
    seconds: float
    passes: int = 0

    @property
    def gap(self) -> float:
        return max(0.0, (self.bound - self.objective) / max(1.0, abs(self.objective)))


class _Clock:
    """The deadline and the user's stop, asked between centres."""

    def __init__(self, deadline: float | None, should_stop: Callable[[], bool] | None) -> None:
        self.deadline, self.should_stop = deadline, should_stop

    def stopped(self) -> bool:
        return self.should_stop is not None and self.should_stop()

    def late(self) -> bool:
        return (
            self.deadline is not None and time.perf_counter() >= self.deadline
        ) or self.stopped()

    def left(self) -> float | None:
        return None if self.deadline is None else max(0.1, self.deadline - time.perf_counter())


_SCALE = 1e-3  # master rows in millions of đồng (the model's are in thousands): duals near 1e-3


class _Master:
    """The restricted master LP over the columns so far (module docstring), in highspy."""

    def __init__(self, rows: Rows, blocks: list[Priced]) -> None:
        self.rows, self.blocks = rows, blocks
        h = self.h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        n = len(blocks)
        h.addRows(
            n,
            np.ones(n),
            np.ones(n),
            0,
            np.zeros(n, dtype=np.int32),
            np.array([], dtype=np.int32),
            np.array([]),
        )
        r = len(rows.names)
        h.addRows(
            r,
            rows.lower * _SCALE,
            rows.upper * _SCALE,
            0,
            np.zeros(r, dtype=np.int32),
            np.array([], dtype=np.int32),
            np.array([]),
        )
        for k in range(r):  # artificial s_r: − on a ≤ row, + on a ≥ row, at −M each
            sign = 1.0 if rows.is_floor[k] else -1.0
            h.addCol(
                -_BIG_M,
                0.0,
                highspy.kHighsInf,
                1,
                np.array([n + k], dtype=np.int32),
                np.array([sign]),
            )
        self.owner: list[tuple[int, int]] = []  # (block, column) of each column after the s_r
        self.duals = np.zeros(r)
        self.convexity = np.zeros(n)

    def add(self, k: int, j: int) -> None:
        """Column ``j`` of block ``k``."""
        priced = self.blocks[k]
        x = priced.columns[j]
        self.owner.append((k, j))
        a = priced.matrix @ x * _SCALE
        nz = np.flatnonzero(a)
        index = np.concatenate(([k], len(self.blocks) + nz)).astype(np.int32)
        self.h.addCol(
            float(priced.block.value @ x),
            0.0,
            highspy.kHighsInf,
            len(index),
            index,
            np.concatenate(([1.0], a[nz])),
        )

    def improving(self, k: int, x: np.ndarray) -> bool:
        """Whether ``x`` has a positive reduced cost at the master's last duals."""
        priced = self.blocks[k]
        reduced = (
            float(priced.block.value @ x)
            - float(self.duals @ (priced.matrix @ x))
            - self.convexity[k]
        )
        return reduced > 1e-9 * max(1.0, abs(self.convexity[k]))

    def solve(self, clock: _Clock) -> tuple[float, float]:
        """(master value without the artificials' penalty, Σ artificials) and the new duals."""
        stop_at(self.h, clock.deadline, clock.should_stop)
        self.h.run()
        solution = self.h.getSolution()
        n = len(self.blocks)
        row_dual = np.asarray(solution.row_dual)
        self.convexity = row_dual[:n]
        self.duals = row_dual[n:] * _SCALE  # per row unit of the model
        r = len(self.rows.names)
        artificial = float(np.sum(np.asarray(solution.col_value)[:r]))
        value = self.h.getInfo().objective_function_value + _BIG_M * artificial
        return value, artificial

    def whole(self) -> list[int | None]:
        """Each centre's column where the last LP solution takes one whole, else None."""
        y = np.asarray(self.h.getSolution().col_value)[len(self.rows.names) :]
        out: list[int | None] = [None] * len(self.blocks)
        for (k, j), weight in zip(self.owner, y, strict=True):
            if weight >= 1 - 1e-6:
                out[k] = j
        return out

    def rounded(self) -> list[int]:
        """Each centre's column with the largest weight in the last LP solution."""
        y = np.asarray(self.h.getSolution().col_value)[len(self.rows.names) :]
        best = [(-1.0, 0)] * len(self.blocks)
        for (k, j), weight in zip(self.owner, y, strict=True):
            best[k] = max(best[k], (weight, j))
        return [j for _, j in best]


@dataclass
class _Dual:
    """The best bound so far and its prices; the master's value."""

    bound: float = math.inf
    prices: np.ndarray | None = None
    value: float = -math.inf
    passes: int = 0

    def met(self, gap: float) -> bool:
        return self.bound - self.value <= gap * max(1.0, abs(self.value))


def price_pass(
    rows: Rows, blocks: list[Priced], prices: np.ndarray, clock: _Clock
) -> tuple[float | None, list[np.ndarray]]:
    """Every centre at ``prices``: (L(prices), or None when cut short; the answers found).

    ``prices`` must have the bound's signs (Rows.valid); the answers of a pass cut short by
    the deadline or a stop are still columns, but give no bound.
    """
    total, answers = float(prices @ rows.rhs), list[np.ndarray]()
    for priced in blocks:
        if clock.late():
            return None, answers
        bound, x = priced.price(prices)
        total += bound
        answers.append(x)
    return total, answers


def search_prices(
    rows: Rows,
    blocks: list[Priced],
    prices: np.ndarray,
    gap: float,
    clock: _Clock,
    passes: int = _MAX_PASSES,
) -> tuple[_Dual, _Master]:
    """Column generation with Wentges smoothing (module docstring) from ``prices``.

    Stops when the best bound and the master's value meet within ``gap``, after ``passes``
    pricing passes, or at the clock. The master's columns are every block's columns (those
    found earlier, e.g. by a sample's search, included).
    """
    master, dual = _Master(rows, blocks), _Dual()
    for k, priced in enumerate(blocks):
        for j in range(len(priced.columns)):
            master.add(k, j)
    if any(p.columns for p in blocks):
        dual.value, _ = master.solve(clock)
    for _ in range(passes):
        bound, answers = price_pass(rows, blocks, rows.valid(prices), clock)
        improving = sum(master.improving(k, x) for k, x in enumerate(answers))
        for k, x in enumerate(answers):
            if blocks[k].add(x):
                master.add(k, len(blocks[k].columns) - 1)
        if bound is None:
            break
        dual.passes += 1
        if bound < dual.bound:
            dual.bound, dual.prices = bound, rows.valid(prices)
        value, artificial = master.solve(clock)
        if artificial <= 1e-9:
            dual.value = max(dual.value, value)
        log.debug(
            "pass %d: L %.6f best %.6f master %.6f artificial %.3g improving %d",
            dual.passes,
            bound,
            dual.bound,
            value,
            artificial,
            improving,
        )
        if dual.met(gap) or clock.late():
            break
        smoothing = _ALPHA if improving else 0.0  # a mispriced pass: the master's own duals
        centre = prices if dual.prices is None else dual.prices
        prices = rows.valid(smoothing * centre + (1 - smoothing) * master.duals)
    return dual, master


def choose_columns(
    rows: Rows,
    blocks: list[Priced],
    clock: _Clock,
    starts: list[list[int]],
    enough: float,
    fixed: list[int | None] | None = None,
) -> list[int] | None:
    """One column per centre, most value, every linking row kept: the restricted master MILP.

    Rows are kept to within :data:`_MARGIN` đồng. ``starts``: choices (a column index per centre); the best that keeps the
    rows is handed to HiGHS. ``enough``: HiGHS stops when its plan is within this much of its
    own bound (the proof is the Lagrangian bound's, so a plan within the gap of it is enough).
    ``fixed``: centres whose column is given (the others choose). Returns the column index
    per centre, ``None`` when no choice is found (a floor the columns cannot reach).
    """
    value, charge, first = _column_table(blocks)
    n = len(value)
    lower, upper = _kept(rows)
    h = highspy.Highs()
    for option, setting in (("output_flag", False), ("mip_abs_gap", enough), ("mip_rel_gap", 0.0)):
        h.setOptionValue(option, setting)
    left = clock.left()
    if left is not None:
        h.setOptionValue("time_limit", left)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.addVars(n, np.zeros(n), np.ones(n))
    h.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n)
    )
    h.changeColsCost(n, np.arange(n, dtype=np.int32), value)
    if fixed is not None:
        _fix(h, first, fixed)
    for k in range(len(blocks)):
        size = int(first[k + 1] - first[k])
        h.addRow(1.0, 1.0, size, np.arange(first[k], first[k + 1], dtype=np.int32), np.ones(size))
    for r in range(len(rows.names)):
        nz = np.flatnonzero(charge[r]).astype(np.int32)
        h.addRow(lower[r], upper[r], len(nz), nz, charge[r, nz])
    feasible = [
        y for y in (_indicator(first, c) for c in starts) if _keeps(charge @ y, lower, upper)
    ]
    if feasible:
        best = max(feasible, key=lambda y: float(value @ y))
        h.setSolution(n, np.arange(n, dtype=np.int32), best)
    stop_at(h, clock.deadline, clock.should_stop)
    h.run()
    if h.getInfo().primal_solution_status != 2:
        return None
    y = np.asarray(h.getSolution().col_value)
    return [int(np.argmax(y[first[k] : first[k + 1]])) for k in range(len(blocks))]


def _fix(h: highspy.Highs, first: np.ndarray, fixed: list[int | None]) -> None:
    """Columns of a fixed centre other than its own get an upper bound of 0."""
    off = [
        int(first[k]) + j
        for k, keep in enumerate(fixed)
        if keep is not None
        for j in range(int(first[k + 1] - first[k]))
        if j != keep
    ]
    if off:
        h.changeColsBounds(
            len(off), np.array(off, dtype=np.int32), np.zeros(len(off)), np.zeros(len(off))
        )


def _column_table(blocks: list[Priced]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every column's value, its charges (rows × columns) and where each centre's begin."""
    first = np.cumsum([0, *(len(p.columns) for p in blocks)])
    value = np.concatenate([[float(p.block.value @ x) for x in p.columns] for p in blocks])
    charge = np.hstack([p.matrix @ np.array(p.columns).T for p in blocks])
    return value, charge, first


def _kept(rows: Rows) -> tuple[np.ndarray, np.ndarray]:
    """The rows' sides with a margin inside of :data:`_MARGIN` đồng, or 10⁻⁹ of the side where
    that is less (charges are summed in floating point; the referee allows half a đồng; a row
    of 0 stays 0)."""
    margin = np.minimum(_MARGIN * rows.unit_per_dong, 1e-9 * np.abs(rows.rhs))
    return rows.lower + margin, rows.upper - margin


def _indicator(first: np.ndarray, choice: list[int]) -> np.ndarray:
    y = np.zeros(int(first[-1]))
    y[first[:-1] + np.array(choice, dtype=np.int64)] = 1.0
    return y


def _keeps(used: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> bool:
    return bool(np.all(used <= upper) and np.all(used >= lower))


def plan_columns(m: Model, blocks: list[Priced], plan: tuple[Buys, Repairs]) -> list[np.ndarray]:
    """Each centre's part of a plan as a column: its buys and repairs, and the tail units, go-live
    indicators and fairness shortfalls the model derives from them (the block's best for them)."""
    inst, (buys, repairs) = m.inst, plan
    values = {v.name: float(buys.get(k, 0)) for k, v in m.buy.items()}
    values.update({v.name: float(repairs.get(i, 0)) for i, v in m.rep.items()})
    cov = coverage(buys, repairs)
    values.update(
        {v.name: float(max(0, cov.get(i, 0) - inst.lines[i].head)) for i, v in m.tail.items()}
    )
    ready = go_live(inst, cov)
    values.update({v.name: float(ready[code]) for code, v in m.open.items()})
    short = fairness_shortfall(inst, totals(inst, buys, repairs))
    values.update({v.name: short.get(code, 0.0) / FAIR_UNIT for code, v in m.fair.items()})
    return [np.array([values.get(v.name, 0.0) for v in p.block.variables]) for p in blocks]


def first_prices(m: Model, rows: Rows) -> np.ndarray:
    """A first guess: every budget row at the price where the greedy ranking runs out of money.

    The money is the smallest total the budget rows of one kind allow (per source × year rows
    add up to the whole); a unit charged to several kinds of row shares the price among them.
    Caps and floors start at zero.
    """
    inst = m.inst
    by_kind: dict[str, int] = {}
    for row in budget_rows(inst):
        by_kind[row.kind] = by_kind.get(row.kind, 0) + row.limit
    prices = np.zeros(len(rows.names))
    if not by_kind:
        return prices
    per_dong = decompose.price_estimate(inst.with_budget(min(by_kind.values()))) / len(by_kind)
    kinds = {row.name for row in budget_rows(inst)}
    for r, name in enumerate(rows.names):
        if name in kinds:
            prices[r] = per_dong / rows.unit_per_dong[r]
    return prices


def lp_prices(m: Model, rows: Rows, clock: _Clock) -> np.ndarray:
    """First prices: the linking rows' duals in the LP relaxation of the whole model.

    They price the same rows in a weaker relaxation (bundles and units in fractions), so they
    are near the prices sought and keep the first restricted masters from jumping about. Above
    decompose.WHOLE_MODEL_MAX centres the LP of an evenly spread sample of centres is solved
    instead, its rows scaled to the sample's share of the need (:func:`sample_instance`).
    Falls back to :func:`first_prices` when the LP is not solved in time.
    """
    model = m
    if len(m.inst.centres) > decompose.WHOLE_MODEL_MAX:
        model = build_model(sample_instance(m.inst, decompose.SAMPLE))
    duals = lp_row_duals(model, rows.names, clock.left(), clock.should_stop)
    if duals is None or clock.late():
        return first_prices(m, rows)
    return np.array([duals[n] * model.row_unit.get(n, 1.0) for n in rows.names])


def sample_instance(inst: Instance, size: int) -> Instance:
    """Every k-th centre (about ``size``), with every budget, cap and floor times its share."""
    centres = inst.centres[:: max(1, len(inst.centres) // size)]
    codes = {c.code for c in centres}
    share = sum(c.cost for c in centres) / max(1, sum(c.cost for c in inst.centres))

    def scale(amount: int) -> int:
        return int(amount * share)

    return inst.model_copy(
        update={
            "centres": centres,
            "lines": [x for x in inst.lines if x.centre in codes],
            "dependencies": [d for d in inst.dependencies if d.centre in codes],
            "must_buy": [r for r in inst.must_buy if r.centre in codes],
            "budget": None if inst.budget is None else scale(inst.budget),
            "budget_by_year": {y: scale(v) for y, v in inst.budget_by_year.items()},
            "budget_by_source": {s: scale(v) for s, v in inst.budget_by_source.items()},
            "budget_by_source_year": {
                s: {y: scale(v) for y, v in by.items()}
                for s, by in inst.budget_by_source_year.items()
            },
            "category_caps": {k: scale(v) for k, v in inst.category_caps.items()},
            "category_floors": {k: scale(v) for k, v in inst.category_floors.items()},
        }
    )


def solve(
    m: Model,
    gap: float,
    time_limit: float | None,
    start: tuple[Buys, Repairs] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Result:
    """Prices by column generation, then the best choice of columns (module docstring).

    The dual search gets three quarters of ``time_limit``, the choice the rest. A stop
    (``should_stop``) ends either within a centre's solve; the result is then not proven and
    the front door raises Stopped. Raises :class:`BlockInfeasible` when a centre's own rules
    admit no plan.
    """
    began = time.perf_counter()
    deadline = None if time_limit is None else began + time_limit
    clock = _Clock(deadline, should_stop)
    searching = _Clock(None if time_limit is None else began + 0.75 * time_limit, should_stop)
    inst = m.inst
    rows, blocks = split(m)
    start = start if start is not None and not violations(inst, *start) else None
    chosen_start = None
    if start is not None:
        for priced, x in zip(blocks, plan_columns(m, blocks, start), strict=True):
            priced.add(x)
        chosen_start = [len(p.columns) - 1 for p in blocks]
    prices = lp_prices(m, rows, searching)
    dual, master = search_prices(rows, blocks, prices, gap * _LP_GAP, searching)
    starts = [master.rounded()] + ([chosen_start] if chosen_start else [])
    enough = max(0.0, gap * abs(dual.bound) - (dual.bound - dual.value)) if dual.passes else 0.0
    plan, value = _best_plan(m, rows, blocks, clock, starts, start, enough, master.whole())
    prices_by_row = dict(
        zip(
            rows.names,
            (dual.prices if dual.prices is not None else np.zeros(len(rows.names))).tolist(),
            strict=True,
        )
    )
    result = Result(
        "feasible",
        value,
        dual.bound,
        prices_by_row,
        *plan,
        time.perf_counter() - began,
        dual.passes,
    )
    if result.gap <= gap:
        result.status = "optimal"
    elif clock.late():
        result.status = "time_limit"
    return result


def _best_plan(
    m: Model,
    rows: Rows,
    blocks: list[Priced],
    clock: _Clock,
    starts: list[list[int]],
    start: tuple[Buys, Repairs] | None,
    enough: float,
    fixed: list[int | None],
) -> tuple[tuple[Buys, Repairs], float]:
    """The master MILP's choice topped up by the greedy, or the start: the best feasible one."""
    inst = m.inst
    candidates = [start] if start is not None else [({}, {})]
    if any(p.columns for p in blocks) and not clock.stopped():
        chosen = _choose(rows, blocks, clock, starts, enough, fixed)
        if chosen is not None:
            xs = [p.columns[j] for p, j in zip(blocks, chosen, strict=True)]
            plan = decompose._plan_of(m, [p.block for p in blocks], xs)
            candidates += [plan, bundle_first_plan(inst, seed=plan)]
    scored = [(objective_value(inst, *p), p) for p in candidates if not violations(inst, *p)]
    if not scored:  # nothing feasible found (a floor out of reach): the empty plan, unproven
        return ({}, {}), -math.inf
    value, plan = max(scored, key=lambda vp: vp[0])
    return plan, value


def _choose(
    rows: Rows,
    blocks: list[Priced],
    clock: _Clock,
    starts: list[list[int]],
    enough: float,
    fixed: list[int | None],
) -> list[int] | None:
    """The master MILP, first with the centres the LP takes whole fixed (a few centres choose:
    quick), then in full from that choice for a share of the time left (:data:`_FULL_SHARE`,
    at most :data:`_FULL_SECONDS`)."""
    dive = choose_columns(rows, blocks, clock, starts, enough, fixed)
    starts = ([dive] if dive is not None else []) + starts
    left = clock.left()
    until = time.perf_counter() + min(_FULL_SECONDS, _FULL_SHARE * (left or math.inf))
    full = choose_columns(rows, blocks, _Clock(until, clock.should_stop), starts, enough)
    return full if full is not None else dive


def marginal_values(m: Model, prices: dict[str, float]) -> dict:
    """The plan JSON's marginal values from the rows' prices at the best bound.

    Grouped as optimiser.marginal_values groups the LP duals (``total``: the total and the
    first year's rows; a source: its horizon and first-year rows; ``None`` where no such row
    exists), in value per billion đồng: a price per row unit over the row's unit.
    """
    inst = m.inst
    first = inst.years[0]
    groups = {"total": ["budget_total", f"budget_y{first}"]}
    groups.update({s: [f"budget_{s}", f"budget_{s}_y{first}"] for s in inst.sources})
    out = {}
    for key, names in groups.items():
        present = [n for n in names if n in prices]
        out[key] = (
            sum(prices[n] / m.row_unit.get(n, 1.0) for n in present) * VALUE_SCALE
            if present
            else None
        )
    return {"total": out.pop("total"), "by_source": out}
