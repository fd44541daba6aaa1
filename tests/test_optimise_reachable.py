"""Every need reachable: a budget at the total need opens every centre, and a line that waits for
a companion item says which one and why that one is not funded."""

from __future__ import annotations

from optimise_builders import instance, line

from planner import labels
from planner.optimise.explain import unmet
from planner.optimise.instance import DependencyData
from planner.optimise.optimiser import instance_for, solve_instance
from planner.optimise.plan import plan_json
from planner.optimise.scenario import Scenario
from planner.optimise.solve import SolveOptions
from planner.services.workspace import load_workspace


def test_a_budget_at_the_total_need_opens_every_centre(demo_engine):
    """2017 demo, budget = the sum of every centre's cost: nothing is left unmet.

    Before, the norms' switches had too few ports for the norms' networked units, and the
    UPS norm was above the PC norm at two centres, so some lines could never be funded.
    """
    workspace = load_workspace(demo_engine)
    inst = instance_for(workspace, Scenario(budget=0))
    inst = inst.with_budget(sum(c.cost for c in inst.centres))
    plan = solve_instance(inst, SolveOptions(time_limit=30), marginals=False)
    doc = plan_json(plan)
    assert doc["unmet"] == []
    assert all(c["go_live"] for c in doc["centres"])
    assert doc["spent"]["total"] == inst.budget


def test_an_unmet_line_names_its_missing_companion():
    """Counter displays (10 đ, worth 5) need the queue system (100 đ, worth 1); budget 50.

    The queue system does not fit, so neither can be bought: the display's reason is the
    dependency, naming QUEUE-SYS and why it is missing (not enough budget).
    """
    dep = DependencyData(
        centre="A",
        item="CTR-DISPLAY",
        requires="QUEUE-SYS",
        kind="presence",
        ratio=1.0,
        allowance=0.0,
    )
    inst = instance(
        [line("A", "CTR-DISPLAY", 2, 10, 5.0), line("A", "QUEUE-SYS", 1, 100, 1.0)],
        budget=50,
        dependencies=[dep],
    )
    plan = solve_instance(inst, SolveOptions(gap=0.0), marginals=False)
    assert plan.objective == 0.0
    rows = {r["item"]: r for r in unmet(inst, plan.buys, plan.repairs)}
    display = rows["CTR-DISPLAY"]
    assert display["reason"] == "dependency"
    assert display["companion"] == "QUEUE-SYS"
    assert display["companion_reason"] == "budget"
    assert "QUEUE-SYS" in display["reason_text"]
    assert labels.OPTIMISE_REASON["budget"] in display["reason_text"]
    assert rows["QUEUE-SYS"]["reason"] == "budget"
