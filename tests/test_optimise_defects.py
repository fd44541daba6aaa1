"""Regressions of defects found by an independent model of the same instances.

Each test states the defect it guards against; expected values are worked out by hand in the
docstrings (instances built directly, as in test_optimise_model).
"""

from __future__ import annotations

import pytest
from test_optimise_model import centre, instance, line

from planner.optimise.model import build_model, objective_terms
from planner.optimise.optimiser import solve_instance
from planner.optimise.solve import SolveOptions

# HiGHS's default dual feasibility tolerance: an objective coefficient this small is noise.
HIGHS_DUAL_TOLERANCE = 1e-7


def _fair_instance(**kw):
    """A: 2 × 100 M đ worth 0.3 each; B: 2 × 100 M đ worth 0.1 each; budget 200 M đ.

    Floor 50 % of each centre's 200 M đ, penalty 100 per 10⁹ đ short (the default weight):
    2 A = 0.6 leaves B 100 M đ short (−10), so 1 A + 1 B = 0.4 is the optimum.
    """
    lines = [line("A", "X", 2, 100_000_000, 0.3), line("B", "X", 2, 100_000_000, 0.1)]
    centres = [centre("A", cost=200_000_000), centre("B", cost=200_000_000)]
    data = dict(budget=200_000_000, fairness_floor=0.5, fairness_penalty=100 / 1e9)
    data.update(kw)
    return instance(lines, centres, **data)


def test_fairness_slack_is_priced_above_solver_tolerances():
    """The soft fairness slack was in đồng with a 1e-7 coefficient, HiGHS's dual tolerance.

    Measured in millions of đồng it costs 1e-4 per unit of slack: well above the tolerance.
    """
    m = build_model(_fair_instance())
    coeffs = objective_terms(m)
    assert m.fair
    for var in m.fair.values():
        assert abs(coeffs[var]) >= 100 * HIGHS_DUAL_TOLERANCE


@pytest.mark.parametrize("solver", ["highs"])
def test_soft_fairness_floor_in_real_money(solver):
    """The hand-solved optimum of :func:`_fair_instance` (1 A + 1 B = 0.4), evaluated exactly."""
    plan = solve_instance(_fair_instance(), SolveOptions(solver=solver, gap=0.0), marginals=False)
    assert plan.objective == pytest.approx(0.4, abs=1e-9)
    assert [c["coverage"] for c in plan.centres()] == [0.5, 0.5]
