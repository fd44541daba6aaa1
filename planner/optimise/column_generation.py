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

**A pass** (:func:`price_pass`) solves each centre's LP relaxation first, kept loaded so that
the last basis starts the next solve (a fraction of a millisecond): where it is whole it is
the centre's exact answer (two thirds of the 2025 centres at the first prices), and only the
others' MILPs are solved, with presolve (which closes most of the bound decompose's
no-presolve options leave open: 0.2 of the first 2025 bound, 4e-4). An LP bound is a bound
too, so a pass may leave centres to it within a ``slack`` (tested; not used by default: the
columns those MILPs bring were worth their time).

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

**Plan.** The best combination of the columns, one per centre, keeping every linking row:
the restricted master as a MILP (binary ``y``; the generalisation of decompose's multiple-
choice knapsack), with the start plan's own per-centre parts among the columns so that it is
never worse than the start; then :func:`repair`: the few centres the master LP splits between
columns, and then groups of the centres whose chosen column is furthest from their best at the
best prices, solved again together with their whole models under the room the others leave
in every linking row (a MILP over a dozen centres) — where rounding the master lost about
1e-3 of the 2025 value, this finds plans no column holds; then the greedy spends what is left,
and the front door (optimiser.solve_instance) applies the one-unit check and, when the gap
is still open and the model small enough (:data:`WHOLE_MODEL_MAX`), starts the whole model
from it. An LP basis mixes at most one column per linking row with another, so the rounding
costs about as many centres' worth as there are linking rows: relative to the whole it
shrinks as centres are added.

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
from planner.optimise.build import build_model
from planner.optimise.decompose import Block, build_blocks
from planner.optimise.evaluate import violations
from planner.optimise.greedy import bundle_first_plan
from planner.optimise.instance import VALUE_SCALE, Instance
from planner.optimise.model import FAIR_UNIT, Model
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
_FULL_SECONDS = 1.0  # ... and at most this (its plan then goes on to the repairs)
_MARGIN = 0.01  # đồng
_MAX_PASSES = 60
# A centre's MILP when its LP relaxation is fractional (Priced.price): with presolve the 42 such
# centres of the first 2025 realistic pass leave 0.013 between their answers and proven bounds,
# where decompose's options (no presolve, for one-year blocks solved by the hundred) left 0.2.
_BLOCK_OPTIONS = (
    ("presolve", "on"),
    ("mip_max_nodes", 20),
    ("mip_rel_gap", 0.0),
    ("mip_abs_gap", 1e-5),
)
_REPAIR_SIZE = 12  # centres re-solved together with their whole models (repair)
_REPAIR_GAP = 0.05  # a repair stops within this share of the gap asked for, in value
_REPAIR_SECONDS = 4.0  # the repairs' time at most ...
_REPAIR_SHARE = 0.5  # ... and this share of the time left
_TEMPER = 4  # prices moved towards the best ones at most this many times before a pass ...
_TEMPER_SHARE = 5e-3  # ... while the LP Lagrangian there is this much above the best's
# A pass may leave this share of the search's gap to LP bounds (price_pass's slack); 0: on the
# 2025 realistic rules the columns the MILPs bring were worth more than the time they took.
_SLACK = 0.0
_RELAXED_ROUNDS = 3  # rounds of LP-priced columns and master after each exact pass
_SCALES = (0.8, 0.9, 1.1, 1.25)  # the first prices times these: LP-priced columns to start
_WHOLE = 1e-7  # an LP answer's integer variables this near whole numbers are whole
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


class _Relaxation:
    """One HiGHS in which the blocks' LP relaxations are solved in turn: a model of a hundred
    variables loads in microseconds and solves from scratch about as fast as warm, where one
    HiGHS kept per block costs 280 KiB (0.9 GB at national size)."""

    def __init__(self) -> None:
        self.h = highspy.Highs()
        self.h.setOptionValue("output_flag", False)
        self.h.setOptionValue("presolve", "off")
        self.loaded: object = None

    def load(self, owner: object, lp: highspy.HighsLp) -> highspy.Highs:
        if self.loaded is not owner:
            self.h.passModel(lp)
            self.loaded = owner
        return self.h


@dataclass
class Priced:
    """A centre's block, its linking-row matrix and its columns so far."""

    block: Block
    matrix: np.ndarray  # rows × the block's variables
    columns: list[np.ndarray] = field(default_factory=list)
    keys: set[bytes] = field(default_factory=set)
    relaxation: _Relaxation | None = None  # where its LP relaxation is solved (:meth:`relax`)
    lp: highspy.HighsLp | None = None  # ... that LP
    integer: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))

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
        cost = self.block.value - prices @ self.matrix
        relaxed = self.relax(cost)
        if relaxed[1] is not None:
            return relaxed[0], relaxed[1]
        return self.exact(cost)

    def exact(self, cost: np.ndarray) -> tuple[float, np.ndarray]:
        """The block's MILP at ``cost``: (proven bound, answer)."""
        try:
            return self.block.solve_costs(cost)
        except RuntimeError as exc:
            raise BlockInfeasible(self.block.centre) from exc

    def relax(self, cost: np.ndarray) -> tuple[float, np.ndarray | None]:
        """The block's LP relaxation at ``cost`` (a fraction of a millisecond): (its value, a
        proven bound on the MILP's; its answer when every integer variable is whole there —
        then the MILP's optimum too — else None)."""
        if self.lp is None:
            self.lp = self.block.highs.getLp()
            self.integer = np.flatnonzero(
                np.asarray(self.lp.integrality_, dtype=int) == int(highspy.HighsVarType.kInteger)
            )
            self.lp.integrality_ = []
        if self.relaxation is None:
            self.relaxation = _Relaxation()
        h = self.relaxation.load(self, self.lp)
        n = len(cost)
        h.changeColsCost(n, np.arange(n, dtype=np.int32), cost)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return math.inf, None  # unbounded cannot be (bounded variables); infeasible: MILP says
        bound = h.getInfo().objective_function_value
        x = np.asarray(h.getSolution().col_value)
        whole = np.round(x[self.integer])
        if np.all(np.abs(x[self.integer] - whole) <= _WHOLE):
            x = x.copy()
            x[self.integer] = whole
            return max(bound, float(cost @ x)), x
        return bound, None


def split(m: Model) -> tuple[Rows, list[Priced]]:
    """The model's linking rows and one priced block per centre."""
    names = linking_rows(m)
    blocks = build_blocks(m, frozenset(names))
    for block in blocks:  # only the MILPs the LP relaxation leaves fractional get here
        for option, setting in _BLOCK_OPTIONS:
            block.highs.setOptionValue(option, setting)
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
    shared = _Relaxation()
    return rows, [Priced(b, a, relaxation=shared) for b, a in zip(blocks, matrices, strict=True)]


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
    rows: Rows, blocks: list[Priced], prices: np.ndarray, clock: _Clock, slack: float = 0.0
) -> tuple[float | None, list[np.ndarray | None]]:
    """Every centre at ``prices``: (L(prices), or None when cut short; the answers found).

    Each centre's LP relaxation first (Priced.relax): where it is whole, or one of the
    centre's columns is worth its value, that is the centre's answer and its value exact (a
    centre whose answer is provably still best is not solved again). The others' MILPs are
    solved, the largest first by how far the LP's bound is above the best column the centre
    already has at these prices, until what is left of that distance is at most ``slack``:
    those left keep the LP's bound (a bound all the same, at most ``slack`` above the exact
    one in all) and give no answer (None). ``prices`` must have the bound's signs
    (Rows.valid); the answers of a pass cut short by the deadline or a stop are still
    columns, but give no bound.
    """
    total = float(prices @ rows.rhs)
    answers: list[np.ndarray | None] = [None] * len(blocks)
    fractional: list[tuple[float, int, float, np.ndarray]] = []
    for k, priced in enumerate(blocks):
        if clock.late():
            return None, answers
        cost = priced.block.value - prices @ priced.matrix
        bound, x = priced.relax(cost)
        if x is not None:
            total, answers[k] = total + bound, x
            continue
        known = max(priced.columns, key=lambda c: float(cost @ c), default=None)
        if known is not None and float(cost @ known) >= bound - 1e-9 * max(1.0, abs(bound)):
            total, answers[k] = total + bound, known  # a column it has attains the LP's bound
            continue
        distance = bound - (-math.inf if known is None else float(cost @ known))
        fractional.append((distance, k, bound, cost))
    fractional.sort(key=lambda f: f[0], reverse=True)
    left = sum(f[0] for f in fractional)
    for distance, k, relaxed, cost in fractional:
        if left <= slack:
            total += relaxed
            continue
        if clock.late():
            return None, answers
        bound, answers[k] = blocks[k].exact(cost)
        total += min(bound, relaxed)
        left -= distance
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


def _triplets(lp) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A HiGHS model's matrix as (row, column, coefficient) triplets, whatever its format."""
    a = lp.a_matrix_
    start, index = np.asarray(a.start_, dtype=np.int64), np.asarray(a.index_, dtype=np.int64)
    value = np.asarray(a.value_, dtype=float)
    major = np.repeat(np.arange(len(start) - 1), np.diff(start))
    if a.format_ == highspy.MatrixFormat.kRowwise:
        return major, index, value
    return index, major, value


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
    tolerance = _REPAIR_GAP * gap * abs(dual.bound) if math.isfinite(dual.bound) else 0.0
    target = dual.bound - 0.5 * gap * abs(dual.bound)  # within half the gap: enough repairs
    plan, value = _best_plan(
        m,
        rows,
        blocks,
        clock,
        starts,
        start,
        enough,
        master.whole(),
        dual.prices,
        tolerance,
        target,
    )
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
            plan = decompose._plan_of(m, [p.block for p in blocks], xs)
            candidates += [plan, bundle_first_plan(inst, seed=plan)]
    scored = [(objective_value(inst, *p), p) for p in candidates if not violations(inst, *p)]
    if not scored:  # nothing feasible found (a floor out of reach): the empty plan, unproven
        return ({}, {}), -math.inf
    value, plan = max(scored, key=lambda vp: vp[0])
    return plan, value


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
