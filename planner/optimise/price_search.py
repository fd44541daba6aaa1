"""Column generation's price search (column_generation.py): the restricted master LP over the
centres' columns, whose duals are the next prices, and the first prices (the bound ``L(λ)``
and a pricing pass: centre_pricing.py).

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
Two cheap helps, neither of which gives a bound: after each pass, rounds of LP-priced columns
(:func:`relaxed_columns`: the centres whose LP is whole at the master's duals) and the master
again; and before a pass, prices whose LP-relaxed Lagrangian is far above the best prices'
are moved halfway back towards them (:func:`_tempered`): at prices far off every centre's LP
is fractional and the pass proves nothing at several times the cost.

**First prices** (:func:`lp_prices`): the linking rows' duals in the LP relaxation of the whole
model; above decompose.WHOLE_MODEL_MAX centres, of an evenly spread sample of centres whose
rows are scaled to its share of the need.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

import highspy
import numpy as np

from planner.optimise import decompose
from planner.optimise.accounting import budget_rows
from planner.optimise.build import build_model
from planner.optimise.centre_pricing import Priced, Rows, _Clock, price_pass
from planner.optimise.instance import Instance
from planner.optimise.model import Model
from planner.optimise.solve import lp_row_duals
from planner.optimise.solvers import stop_at

log = logging.getLogger(__name__)

_ALPHA = 0.5  # Wentges smoothing weight of the best prices so far
_MAX_PASSES = 60
_TEMPER = 4  # prices moved towards the best ones at most this many times before a pass ...
_TEMPER_SHARE = 5e-3  # ... while the LP Lagrangian there is this much above the best's
# A pass may leave this share of the search's gap to LP bounds (price_pass's slack); 0: on the
# 2025 realistic rules the columns the MILPs bring were worth more than the time they took.
_SLACK = 0.0
_RELAXED_ROUNDS = 3  # rounds of LP-priced columns and master after each exact pass
_SCALES = (0.8, 0.9, 1.1, 1.25)  # the first prices times these: LP-priced columns to start
_BIG_M = 1e3  # value per million đồng of an artificial (master rows, _SCALE): far above any price
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
        return bool(reduced > 1e-9 * max(1.0, abs(self.convexity[k])))

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
    for scale in _SCALES:  # answers near the first prices, where the LP gives them whole
        relaxed_columns(rows, blocks, master, clock, prices=rows.valid(scale * prices))
    if any(p.columns for p in blocks):
        dual.value, _ = master.solve(clock)
    for _ in range(passes):
        began = time.perf_counter()
        slack = _SLACK * gap * abs(dual.value) if math.isfinite(dual.value) else 0.0
        bound, answers = price_pass(rows, blocks, rows.valid(prices), clock, slack)
        priced_in = time.perf_counter() - began
        improving = sum(master.improving(k, x) for k, x in enumerate(answers) if x is not None)
        for k, x in enumerate(answers):
            if x is not None and blocks[k].add(x):
                master.add(k, len(blocks[k].columns) - 1)
        if bound is None:
            break
        dual.passes += 1
        if bound < dual.bound:
            dual.bound, dual.prices = bound, rows.valid(prices)
        value, artificial = master.solve(clock)
        value, artificial = relaxed_columns(rows, blocks, master, clock, (value, artificial))
        if artificial <= 1e-9:
            dual.value = max(dual.value, value)
        log.debug(
            "pass %d (%.2f s, master %.2f s): L %.6f best %.6f master %.6f artificial %.3g "
            "improving %d",
            dual.passes,
            priced_in,
            time.perf_counter() - began - priced_in,
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
        prices = _tempered(rows, blocks, prices, centre, clock)
    return dual, master


def relaxed_bound(rows: Rows, blocks: list[Priced], prices: np.ndarray) -> float:
    """``λ·b + Σ_c`` of the centres' LP relaxations at ``prices``: the Lagrangian of the LP
    relaxation, above L(λ), in a fraction of a pass's time (one warm LP per centre)."""
    return float(prices @ rows.rhs) + sum(
        p.relax(p.block.value - prices @ p.matrix)[0] for p in blocks
    )


def _tempered(
    rows: Rows, blocks: list[Priced], prices: np.ndarray, best: np.ndarray, clock: _Clock
) -> np.ndarray:
    """``prices`` moved halfway to ``best`` (up to :data:`_TEMPER` times) while the LP
    relaxation's Lagrangian there is more than :data:`_TEMPER_SHARE` above its value at
    ``best``: an exact pass at prices far off proves nothing and costs the most (every
    centre's LP fractional, its MILP several times slower). Only where the exact pass is
    made moves: every bound taken stays an exact pass's."""
    at_best = relaxed_bound(rows, blocks, best)
    for _ in range(_TEMPER):
        if clock.late() or relaxed_bound(rows, blocks, prices) <= at_best + _TEMPER_SHARE * abs(
            at_best
        ):
            break
        prices = rows.valid(0.5 * (prices + best))
    return prices


def relaxed_columns(
    rows: Rows,
    blocks: list[Priced],
    master: _Master,
    clock: _Clock,
    solved: tuple[float, float] = (-math.inf, math.inf),
    prices: np.ndarray | None = None,
) -> tuple[float, float]:
    """Columns for the price of LP solves: every centre's LP relaxation at the master's duals
    (or at ``prices``, once, without re-solving the master), its answer a column when it is
    whole (then it is the centre's exact best there) and improves the master; up to
    :data:`_RELAXED_ROUNDS` rounds of that and the master, while columns come. No bound is
    taken from these: a centre whose LP is fractional gives nothing. ``solved``: the master's
    last (value, artificials); returns them after the rounds."""
    for _ in range(1 if prices is not None else _RELAXED_ROUNDS):
        at = rows.valid(master.duals) if prices is None else prices
        added = 0
        for k, priced in enumerate(blocks):
            if clock.late():
                return solved
            _, x = priced.relax(priced.block.value - at @ priced.matrix)
            if x is None or (prices is None and not master.improving(k, x)):
                continue
            if priced.add(x):
                master.add(k, len(priced.columns) - 1)
                added += 1
        if prices is not None or not added:
            return solved
        solved = master.solve(clock)
    return solved


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
