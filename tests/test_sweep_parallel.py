"""A sweep shared among worker processes gives the same curve as one process."""

from __future__ import annotations

import pytest

from planner.optimise.optimiser import instance_for
from planner.optimise.scenario import Scenario
from planner.optimise.sweep import sweep
from planner.services.workspace import load_workspace


def test_two_workers_give_the_sequential_curve_in_budget_order(demo_engine):
    inst = instance_for(load_workspace(demo_engine), Scenario(budget=0))
    budgets = [60_000_000_000, 20_000_000_000, 40_000_000_000, 73_000_000_000]
    alone = sweep(inst, budgets)["points"]
    shared = sweep(inst, sorted(budgets), workers=2)["points"]
    assert [p["budget"] for p in shared] == sorted(budgets)
    by_budget = {p["budget"]: p for p in alone}
    for point in shared:
        assert point["status"] == by_budget[point["budget"]]["status"] == "optimal"
        # Both are proven within the default relative gap 1e-4 of the same optimum.
        assert point["objective"] == pytest.approx(
            by_budget[point["budget"]]["objective"], rel=2e-4
        )
        assert point["spent"] <= point["budget"]
