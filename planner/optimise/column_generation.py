"""Column generation by centre: every rule that ties centres together gets its own price.

decompose.py prices one row, the total budget. The scenarios a province really runs tie the
centres by several rows ``r`` — budgets per funding source × year (each source pays its share
of each unit; recurring items in every later year), per year, per source, in total, and
category caps (≤) and floors (≥) — while everything else (bundles, dependencies, ports, value
segments, a fairness floor, must-buy lines, a centre's years and stock) mentions one centre
only. The model is then

    max Σ_c f_c(x_c)   s.t.   Σ_c A_c x_c  (≤ or ≥)  b   (one row per linking rule),   x_c ∈ X_c

The parts, each with the maths it needs: :mod:`planner.optimise.centre_pricing` (the linking
rows, each centre's block at prices, a pass: the bound), :mod:`planner.optimise.price_search`
(the restricted master LP and the prices; the first prices) and
:mod:`planner.optimise.column_plan` (the plan: the master MILP and the repairs). This module
puts them together (:func:`solve`) and is the front the optimiser and the tests use.

**Where it applies** (:func:`applies`): at least decompose.MIN_CENTRES centres, a linking row
other than the lone total budget (that case stays with decompose.py, whose price search is
exact there), not go-live first (its count row ``Σ_c open_c ≥ n*`` is a lexicographic second
stage: left to the whole model), not the elastic twin. Must-buy lines and a hard fairness
floor belong to their centre's block; a block with no feasible answer, or floors the columns
cannot meet, hand the scenario to the whole model (which explains an infeasible one).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from planner.optimise import decompose
from planner.optimise.accounting import Buys, Repairs
from planner.optimise.centre_pricing import (
    BlockInfeasible,
    _Clock,
    linking_rows,
    price_pass,
    split,
)
from planner.optimise.column_plan import _best_plan, choose_columns, plan_columns, repair
from planner.optimise.evaluate import violations
from planner.optimise.instance import VALUE_SCALE
from planner.optimise.model import Model
from planner.optimise.price_search import lp_prices, search_prices

# What the optimiser and the tests use from here, wherever it now lives.
__all__ = [
    "WHOLE_MODEL_MAX",
    "BlockInfeasible",
    "Result",
    "_Clock",
    "applies",
    "choose_columns",
    "linking_rows",
    "lp_prices",
    "marginal_values",
    "price_pass",
    "repair",
    "solve",
    "split",
]

# Above this many centres a plan column generation cannot prove is not handed to the whole
# model: with several years and linking rows its LP bound is far weaker (2025 realistic rules:
# 1.3 % above the plan, where the Lagrangian bound is within 0.1 %) and it did not close the
# gap in 60 s at 167 centres; the 28-centre 2017 province proves in seconds.
WHOLE_MODEL_MAX = 100
_LP_GAP = 0.25  # the dual search stops when L − z ≤ this share of the gap asked for
_REPAIR_GAP = 0.05  # a repair stops within this share of the gap asked for, in value


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


def marginal_values(m: Model, prices: dict[str, float]) -> dict[str, Any]:
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
