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


def test_a_decomposed_sweep_hands_its_unproven_points_to_a_worker(monkeypatch):
    """Where the decomposition applies (threshold lowered), this process decomposes every
    point and a worker finishes the ones it cannot prove in the whole model.

    Two centres, one item each: 10 đồng, worth 1 (test_optimise_decompose's duality gap).
    Budget 15: the Lagrangian bound is 1.5, the optimum 1 — not proven by the decomposition,
    so the whole model proves it. Budgets 20 and 25 buy both (2): proven by the prices alone.
    """
    from optimise_builders import brute_force, instance, line

    from planner.optimise import decompose
    from planner.optimise.solve import SolveOptions

    monkeypatch.setattr(decompose, "MIN_CENTRES", 2)
    inst = instance([line("A", "P", 1, 10, 1.0), line("B", "P", 1, 10, 1.0)], budget=15)
    points = sweep(inst, [15, 20, 25], SolveOptions(gap=1e-6), workers=2)["points"]
    assert [p["method"] for p in points] == ["milp", "decomposition", "decomposition"]
    assert [p["status"] for p in points] == ["optimal"] * 3
    for point in points:
        best = brute_force(inst.with_budget(point["budget"]))
        assert point["objective"] == pytest.approx(best)
        assert point["spent"] <= point["budget"]


def test_a_sweep_the_decomposition_proves_whole_starts_no_worker(monkeypatch):
    """Every point proven by the prices (two alike centres, budgets that buy both or none at
    a price): no worker process is started, so none builds a whole model it never solves
    (at national size that model alone is over a gigabyte)."""
    from optimise_builders import instance, line

    from planner.optimise import decompose
    from planner.optimise import sweep as sweep_module
    from planner.optimise.solve import SolveOptions

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for a sweep that needs none")

    monkeypatch.setattr(decompose, "MIN_CENTRES", 2)
    monkeypatch.setattr(sweep_module, "_pool", no_pool)
    inst = instance([line("A", "P", 1, 10, 1.0), line("B", "P", 1, 10, 1.0)], budget=20)
    points = sweep(inst, [0, 20, 25], SolveOptions(gap=1e-6), workers=2)["points"]
    assert [p["method"] for p in points] == ["decomposition"] * 3
    assert [p["objective"] for p in points] == pytest.approx([0.0, 2.0, 2.0])
