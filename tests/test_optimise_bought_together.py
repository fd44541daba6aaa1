"""Lines that require each other (a ring of dependencies) are bought together or not at all.

The renovation works and their consulting are such a ring in the catalog; here a tiny ring is
solved by hand: WORKS (40 đ, worth 2 a unit) ≤ DESIGN (3 đ, worth 1) ≤ SURVEY (1 đ, worth 1)
≤ WORKS, three units of need each, beside OTHER (10 đ, worth 0.5, five units). One unit of
the ring costs 44 đ and is worth 4 (0.091 a đồng); OTHER is worth 0.05 a đồng.
"""

from __future__ import annotations

import pytest
from optimise_builders import brute_force, instance, line

from planner.optimise.instance import DependencyData
from planner.optimise.optimiser import solve_instance
from planner.optimise.plan import plan_json
from planner.optimise.solve import SolveOptions
from planner.optimise.solvers import available_solvers

SOLVERS = [
    "highs",
    pytest.param(
        "cbc",
        marks=pytest.mark.skipif("cbc" not in available_solvers(), reason="no cbc binary"),
    ),
]


def _ring(budget: int):
    lines = [
        line("A", "WORKS", 3, 40, 2),
        line("A", "SURVEY", 3, 1, 1),
        line("A", "DESIGN", 3, 3, 1),
        line("A", "OTHER", 5, 10, 0.5),
    ]
    deps = [
        DependencyData(centre="A", item=a, requires=b, kind="ratio", ratio=1.0, allowance=0)
        for a, b in [("WORKS", "DESIGN"), ("DESIGN", "SURVEY"), ("SURVEY", "WORKS")]
    ]
    return instance(lines, budget=budget, dependencies=deps)


def _bought(plan) -> dict[str, int]:
    out: dict[str, int] = {}
    for (i, _), q in plan.buys.items():
        item = plan.inst.lines[i].item
        out[item] = out.get(item, 0) + q
    return out


@pytest.mark.parametrize("solver", SOLVERS)
def test_a_budget_below_one_unit_of_the_ring_buys_none_of_it(solver):
    """Budget 40 < 44: no survey or design alone (they would be worth 6 for 12 đ without the
    ring); 4 × OTHER = 2. Every ring line is unmet for the budget, naming the other two."""
    inst = _ring(40)
    plan = solve_instance(inst, SolveOptions(solver=solver, gap=0.0), marginals=False)
    assert _bought(plan) == {"OTHER": 4}
    assert plan.objective == pytest.approx(2) == pytest.approx(brute_force(inst))
    unmet = {row["item"]: row for row in plan_json(plan)["unmet"]}
    assert unmet["WORKS"]["reason"] == "budget"
    assert unmet["WORKS"]["bought_with"] == ["SURVEY", "DESIGN"]
    assert unmet["SURVEY"]["bought_with"] == ["WORKS", "DESIGN"]
    assert "DESIGN" in unmet["WORKS"]["reason_text"]
    assert "bought_with" not in unmet["OTHER"]


@pytest.mark.parametrize("solver", SOLVERS)
def test_the_ring_grows_unit_for_unit(solver):
    """Budget 100: two ring units (88 đ, 8) + one OTHER (10 đ, 0.5) = 8.5; one ring unit and
    five OTHER give 6.5, none 2.5. The third ring unit waits for the budget (2 đ left < 44)."""
    inst = _ring(100)
    plan = solve_instance(inst, SolveOptions(solver=solver, gap=0.0), marginals=False)
    assert _bought(plan) == {"WORKS": 2, "SURVEY": 2, "DESIGN": 2, "OTHER": 1}
    assert plan.objective == pytest.approx(8.5) == pytest.approx(brute_force(inst))
    unmet = {row["item"]: row for row in plan_json(plan)["unmet"]}
    assert {unmet[x]["reason"] for x in ("WORKS", "SURVEY", "DESIGN")} == {"budget"}


def test_a_line_waiting_for_the_ring_names_it():
    """EXTRA needs WORKS (not the other way round): it is not in the ring, so it waits for
    WORKS as a companion, and WORKS's own reason is the ring's (budget)."""
    inst = _ring(40)
    extra = line("A", "EXTRA", 2, 1, 5)
    dep = DependencyData(
        centre="A", item="EXTRA", requires="WORKS", kind="ratio", ratio=1.0, allowance=0
    )
    inst = inst.model_copy(
        update={"lines": [*inst.lines, extra], "dependencies": [*inst.dependencies, dep]}
    )
    plan = solve_instance(inst, SolveOptions(gap=0.0), marginals=False)
    unmet = {row["item"]: row for row in plan_json(plan)["unmet"]}
    assert unmet["EXTRA"]["reason"] == "dependency"
    assert unmet["EXTRA"]["companion"] == "WORKS"
    assert unmet["EXTRA"]["companion_reason"] == "budget"
    assert "bought_with" not in unmet["EXTRA"]
