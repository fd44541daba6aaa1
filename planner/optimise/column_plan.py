"""Column generation's plan (column_generation.py): the best choice of the centres' columns
within every linking row, repaired.

**Plan.** The best combination of the columns, one per centre, keeping every linking row:
the restricted master as a MILP (binary ``y``; the generalisation of decompose's multiple-
choice knapsack), with the start plan's own per-centre parts among the columns so that it is
never worse than the start; then :func:`repair`: the few centres the master LP splits between
columns, and then groups of the centres whose chosen column is furthest from their best at the
best prices, solved again together with their whole models under the room the others leave
in every linking row (a MILP over a dozen centres) — where rounding the master lost about
1e-3 of the 2025 value, this finds plans no column holds; then the greedy spends what is left,
and the front door (optimiser.solve_instance) applies the one-unit check and, when the gap
is still open and the model small enough (column_generation.WHOLE_MODEL_MAX), starts the
whole model from it. An LP basis mixes at most one column per linking row with another, so
the rounding costs about as many centres' worth as there are linking rows: relative to the
whole it shrinks as centres are added.
"""

from __future__ import annotations

import logging
import math
import time

import highspy
import numpy as np

from planner.optimise.accounting import (
    Buys,
    Repairs,
    coverage,
    fairness_shortfall,
    go_live,
    objective_value,
    totals,
)
from planner.optimise.centre_blocks import _plan_of
from planner.optimise.centre_pricing import Priced, Rows, _Clock
from planner.optimise.evaluate import violations
from planner.optimise.greedy import bundle_first_plan
from planner.optimise.model import FAIR_UNIT, Model
from planner.optimise.solvers import stop_at

log = logging.getLogger(__name__)

_FULL_SHARE = 0.5  # of the time left, for the full restricted master MILP ...
_FULL_SECONDS = 1.0  # ... and at most this (its plan then goes on to the repairs)
_MARGIN = 0.01  # đồng
_REPAIR_SIZE = 12  # centres re-solved together with their whole models (repair)
_REPAIR_SECONDS = 4.0  # the repairs' time at most ...
_REPAIR_SHARE = 0.5  # ... and this share of the time left


def _best_plan(
    m: Model,
    rows: Rows,
    blocks: list[Priced],
    clock: _Clock,
    starts: list[list[int]],
    start: tuple[Buys, Repairs] | None,
    enough: float,
    fixed: list[int | None],
    prices: np.ndarray | None = None,
    tolerance: float = 0.0,
    target: float = math.inf,
) -> tuple[tuple[Buys, Repairs], float]:
    """The master MILP's choice, repaired (:func:`_repairs`; ``prices``: the best bound's) and
    topped up by the greedy, or the start: the best feasible one."""
    inst = m.inst
    candidates = [start] if start is not None else [({}, {})]
    if any(p.columns for p in blocks) and not clock.stopped():
        chosen = _choose(rows, blocks, clock, starts, enough, fixed)
        if chosen is not None:
            xs = [p.columns[j] for p, j in zip(blocks, chosen, strict=True)]
            xs = _repairs(rows, blocks, xs, fixed, prices, clock, tolerance, target)
            plan = _plan_of(m, [p.block for p in blocks], xs)
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
    began = time.perf_counter()
    full = choose_columns(rows, blocks, _Clock(until, clock.should_stop), starts, enough)
    log.debug("master MILP %.2f s", time.perf_counter() - began)
    return full if full is not None else dive


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
    for option, setting in (
        ("output_flag", False),
        ("mip_abs_gap", enough),
        ("mip_rel_gap", 0.0),
        # a restart's presolve does not answer the interrupt: at national size it ran minutes
        # past the deadline (strengthenInequalities on 3,340 centres' columns)
        ("mip_allow_restart", False),
    ):
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


def _repairs(
    rows: Rows,
    blocks: list[Priced],
    xs: list[np.ndarray],
    whole: list[int | None],
    prices: np.ndarray | None,
    clock: _Clock,
    tolerance: float = 0.0,
    target: float = math.inf,
) -> list[np.ndarray]:
    """:func:`repair` first for the centres the master LP splits (``whole[k] is None``), then
    for groups of :data:`_REPAIR_SIZE` centres by regret — how much more a centre's best
    column is worth than its chosen one at ``prices`` — for at most :data:`_REPAIR_SECONDS`
    (and :data:`_REPAIR_SHARE` of the time left), until the plan is worth ``target``."""
    left = clock.left()
    until = time.perf_counter() + min(_REPAIR_SECONDS, _REPAIR_SHARE * (left or math.inf))
    window = _Clock(until, clock.should_stop)
    split_ = [k for k, j in enumerate(whole) if j is None]
    groups = [split_[i : i + _REPAIR_SIZE] for i in range(0, len(split_), _REPAIR_SIZE)]
    if prices is not None:
        regret = []
        for k, p in enumerate(blocks):
            reduced = [float((p.block.value - prices @ p.matrix) @ x) for x in (*p.columns, xs[k])]
            regret.append(max(reduced[:-1]) - reduced[-1])
        ranked = [int(k) for k in np.argsort(regret)[::-1] if regret[k] > 1e-9]
        groups += [ranked[i : i + _REPAIR_SIZE] for i in range(0, len(ranked), _REPAIR_SIZE)]
    for group in groups:
        before = sum(float(p.block.value @ x) for p, x in zip(blocks, xs, strict=True))
        if window.late() or before >= target:
            break
        began = time.perf_counter()
        xs = repair(rows, blocks, xs, group, window, tolerance)
        log.debug(
            "repair of %d centres (%.2f s): %.6f -> %.6f",
            len(group),
            time.perf_counter() - began,
            before,
            sum(float(p.block.value @ x) for p, x in zip(blocks, xs, strict=True)),
        )
    return xs


def repair(
    rows: Rows,
    blocks: list[Priced],
    xs: list[np.ndarray],
    free: list[int],
    clock: _Clock,
    tolerance: float = 0.0,
) -> list[np.ndarray]:
    """The centres ``free`` solved again together with their whole models (every plan their own
    rules allow, not only the columns found), under the room the others' plans ``xs`` leave
    in every linking row: one MILP over a few centres, started from their parts of ``xs``.

    The restricted master chooses among the columns it has; where its LP splits a centre
    between columns, or the rows' last đồng are best shared by a few centres in a way no
    column holds, this finds it. ``tolerance``: HiGHS stops when its plan is within this of
    its own bound for these centres (the proof is the Lagrangian bound's). Returns ``xs``
    with the free centres' new plans when they are worth more (the start is feasible; the
    rows are kept with :func:`_kept`'s margins), else ``xs`` itself."""
    lower, upper = _kept(rows)
    chosen = set(free)
    used = np.zeros(len(rows.names))
    for k in range(len(blocks)):
        if k not in chosen:
            used += blocks[k].matrix @ xs[k]
    col_lower, col_upper, cost, integer = [], [], [], []
    row_lower, row_upper, r_all, c_all, v_all = [], [], [], [], []
    cols = nrows = 0
    for k in free:
        lp = blocks[k].block.highs.getLp()
        col_lower.append(np.asarray(lp.col_lower_))
        col_upper.append(np.asarray(lp.col_upper_))
        cost.append(blocks[k].block.value)
        kinds = np.asarray(lp.integrality_, dtype=int)
        integer.append(cols + np.flatnonzero(kinds == int(highspy.HighsVarType.kInteger)))
        at_row, at_col, coef = _triplets(lp)
        r_all.append(at_row + nrows)
        c_all.append(at_col + cols)
        v_all.append(coef)
        row_lower.append(np.asarray(lp.row_lower_))
        row_upper.append(np.asarray(lp.row_upper_))
        cols += lp.num_col_
        nrows += lp.num_row_
    matrix = np.hstack([blocks[k].matrix for k in free])  # linking rows × the free variables
    for r in range(len(rows.names)):
        nz = np.flatnonzero(matrix[r])
        r_all.append(np.full(len(nz), nrows + r))
        c_all.append(nz)
        v_all.append(matrix[r, nz])
    row_lower.append(lower - used)
    row_upper.append(upper - used)
    rr, cc, vv = (np.concatenate(a) for a in (r_all, c_all, v_all))
    order = np.lexsort((cc, rr))
    rr, cc, vv = rr[order], cc[order], vv[order]
    total_rows = nrows + len(rows.names)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 1e-6)
    h.setOptionValue("mip_abs_gap", max(1e-6, tolerance))
    h.setOptionValue("mip_allow_restart", False)  # as in choose_columns
    left = clock.left()
    if left is not None:
        h.setOptionValue("time_limit", left)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    value = np.concatenate(cost)
    h.addVars(cols, np.concatenate(col_lower), np.concatenate(col_upper))
    h.changeColsCost(cols, np.arange(cols, dtype=np.int32), value)
    whole = np.concatenate(integer).astype(np.int32)
    if len(whole):
        h.changeColsIntegrality(
            len(whole), whole, np.array([highspy.HighsVarType.kInteger] * len(whole))
        )
    h.addRows(
        total_rows,
        np.concatenate(row_lower),
        np.concatenate(row_upper),
        len(vv),
        np.searchsorted(rr, np.arange(total_rows)).astype(np.int32),
        cc.astype(np.int32),
        vv,
    )
    start = np.concatenate([xs[k] for k in free])
    h.setSolution(cols, np.arange(cols, dtype=np.int32), start)
    stop_at(h, clock.deadline, clock.should_stop)
    h.run()
    if h.getInfo().primal_solution_status != 2:
        return xs
    y = np.asarray(h.getSolution().col_value)
    if float(value @ y) <= float(value @ start) + 1e-9:
        return xs
    out, at = list(xs), 0
    for k in free:
        n = len(blocks[k].block.variables)
        out[k] = np.round(y[at : at + n], 6)
        at += n
    return out


def _triplets(lp: highspy.HighsLp) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A HiGHS model's matrix as (row, column, coefficient) triplets, whatever its format."""
    a = lp.a_matrix_
    start, index = np.asarray(a.start_, dtype=np.int64), np.asarray(a.index_, dtype=np.int64)
    value = np.asarray(a.value_, dtype=float)
    major = np.repeat(np.arange(len(start) - 1), np.diff(start))
    if a.format_ == highspy.MatrixFormat.kRowwise:
        return major, index, value
    return index, major, value


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
