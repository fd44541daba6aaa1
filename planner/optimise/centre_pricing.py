"""Column generation's centres (column_generation.py): the linking rows, each centre's block
at given prices, and a pricing pass over every centre.

**Bound.** For prices ``λ_r ≥ 0`` on ≤ rows and ``λ_r ≤ 0`` on ≥ rows every feasible plan has
``λ·(b − Σ_c A_c x_c) ≥ 0``, so

    L(λ) = λ·b + Σ_c max_{x_c ∈ X_c} ( f_c(x_c) − λ·A_c x_c )   ≥   OPT

and each centre's problem is its own MILP of a hundred-odd variables (centre_blocks.Block, solved
exactly by HiGHS; its proven dual bound is what is summed). Any λ with those signs gives a
proven bound; the search only looks for a small one.

**A pass** (:func:`price_pass`) solves each centre's LP relaxation first, kept loaded so that
the last basis starts the next solve (a fraction of a millisecond): where it is whole it is
the centre's exact answer (two thirds of the 2025 centres at the first prices), and only the
others' MILPs are solved, with presolve (which closes most of the bound decompose's
no-presolve options leave open: 0.2 of the first 2025 bound, 4e-4). An LP bound is a bound
too, so a pass may leave centres to it within a ``slack`` (tested; not used by default: the
columns those MILPs bring were worth their time).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import highspy
import numpy as np
import pulp
from numpy.typing import NDArray

from planner.optimise.accounting import budget_rows
from planner.optimise.centre_blocks import Block, build_blocks
from planner.optimise.model import Model

# A centre's MILP when its LP relaxation is fractional (Priced.price): with presolve the 42 such
# centres of the first 2025 realistic pass leave 0.013 between their answers and proven bounds,
# where decompose's options (no presolve, for one-year blocks solved by the hundred) left 0.2.
# No restart: at national size (realistic-2, 3,340 centres) one centre's MILP hung for over an
# hour in HiGHS 1.16's restart presolve (HPresolve::strengthenInequalities, seen in gdb), where
# no interrupt callback is asked; a restart buys nothing on a model of a hundred variables.
_BLOCK_OPTIONS = (
    ("presolve", "on"),
    ("mip_allow_restart", False),
    ("mip_max_nodes", 20),
    ("mip_rel_gap", 0.0),
    ("mip_abs_gap", 1e-5),
)
_WHOLE = 1e-7  # an LP answer's integer variables this near whole numbers are whole


class BlockInfeasible(RuntimeError):
    """A centre's own rules admit no plan: the scenario goes to the whole model."""


def linking_rows(m: Model) -> list[str]:
    """The rows that mention more than one centre: every budget row, category caps and floors."""
    inst = m.inst
    names = [row.name for row in budget_rows(inst)]
    names += [f"cap_{k.value}" for k in inst.category_caps]
    names += [f"floor_{k.value}" for k in inst.category_floors]
    return [n for n in names if m.prob.get_constraint_by_name(n) is not None]


@dataclass
class Rows:
    """The linking rows in the model's own units: ``lower ≤ Σ_c A_c x_c ≤ upper``."""

    names: list[str]
    lower: NDArray[np.float64]
    upper: NDArray[np.float64]
    unit_per_dong: NDArray[np.float64]  # one đồng in each row's units

    @property
    def rhs(self) -> NDArray[np.float64]:
        """``b``: the finite side of each row."""
        return np.where(np.isfinite(self.upper), self.upper, self.lower)

    @property
    def is_floor(self) -> NDArray[np.bool_]:
        return ~np.isfinite(self.upper)

    def valid(self, prices: NDArray[np.float64]) -> NDArray[np.float64]:
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
