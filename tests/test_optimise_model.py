"""The optimiser on tiny hand-checkable instances, built directly (no database).

Every expected optimum below is worked out by hand in the test's docstring; random tiny
instances are checked against brute-force enumeration. The suite runs on HiGHS and on CBC.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from optimise_builders import brute_force, centre, instance, line, tiny_instances

from planner.models import Category
from planner.optimise.evaluate import evaluate
from planner.optimise.instance import DependencyData, MustBuyData
from planner.optimise.optimiser import solve_instance
from planner.optimise.plan import plan_json
from planner.optimise.solve import SolveOptions
from planner.optimise.solvers import available_solvers

SOLVERS = [
    pytest.param("highs"),
    pytest.param(
        "cbc",
        marks=pytest.mark.skipif(
            "cbc" not in available_solvers(), reason="cbc binary not installed (Debian coinor-cbc)"
        ),
    ),
]


def solve(inst, solver):
    return solve_instance(inst, SolveOptions(solver=solver, gap=0.0), marginals=False)


def quantities(plan) -> dict:
    out = {}
    for (i, _), q in plan.buys.items():
        out[plan.inst.lines[i].item] = out.get(plan.inst.lines[i].item, 0) + q
    for i, q in plan.repairs.items():
        out["rep:" + plan.inst.lines[i].item] = q
    return out


@pytest.mark.parametrize("solver", SOLVERS)
class TestHandSolved:
    def test_knapsack(self, solver):
        """X: 2×10 đ, 3/unit; Y: 1×15 đ, 4.5; Z: 3×5 đ, 1; budget 25.

        Candidates within 25: X+Y = 7.5; X+X+Z = 7; Y+Z+Z = 6.5; X+Z+Z+Z = 6 → X=1, Y=1, 7.5.
        """
        inst = instance(
            [line("A", "X", 2, 10, 3), line("A", "Y", 1, 15, 4.5), line("A", "Z", 3, 5, 1)],
            budget=25,
        )
        plan = solve(inst, solver)
        assert plan.status == "optimal"
        assert plan.objective == pytest.approx(7.5)
        assert quantities(plan) == {"X": 1, "Y": 1}

    def test_go_live_bonus_completes_one_bundle(self, solver):
        """A and B each need 2 go-live units at 10 đ (value 1 each, bonus 5); budget 30.

        Three units either way give 3; only finishing one centre earns its bonus: 3 + 5 = 8.
        """
        lines = [line("A", "G", 2, 10, 1, go_live=True), line("B", "G", 2, 10, 1, go_live=True)]
        inst = instance(lines, [centre("A", bonus=5), centre("B", bonus=5)], budget=30)
        plan = solve(inst, solver)
        assert plan.objective == pytest.approx(8)
        assert sorted(c["go_live"] for c in plan.centres()) == [False, True]

    def test_repair_before_buying(self, solver):
        """Need 2 new at 10 đ plus 1 repairable at 3 đ, each unit worth 1; budget 12.

        Repair (3) + a new unit (10) = 13 > 12, so the best is one unit: the repair (cheaper);
        value 1 and 3 đ spent. (Buying instead would also give 1 — but with budget 13 both fit.)
        """
        inst = instance([line("A", "PC", 2, 10, 1, repair=1, rcost=3)], budget=13)
        plan = solve(inst, solver)
        assert plan.objective == pytest.approx(2)
        assert quantities(plan) == {"PC": 1, "rep:PC": 1}

    def test_diminishing_value(self, solver):
        """L1: 4 units at 10 đ, first 2 worth 2, the rest 0.5; L2: 2 units worth 1; budget 40.

        Four units: L1 head (2+2) then L2 (1+1) beat L1's tail (0.5): 4 + 2 = 6.
        """
        inst = instance(
            [line("A", "L1", 4, 10, 2, head=2, tail_value=0.5), line("A", "L2", 2, 10, 1)],
            budget=40,
        )
        plan = solve(inst, solver)
        assert plan.objective == pytest.approx(6)
        assert quantities(plan) == {"L1": 2, "L2": 2}

    def test_ratio_dependency(self, solver):
        """Licences (1 đ, worth 5) ≤ PCs (10 đ, worth 0.1); budget 13.

        Without the rule: 3 licences + 1 PC = 15.1. With it, licences ≤ PCs: 1 PC + 1 licence
        (11 đ) = 5.1; a second pair costs 22.
        """
        lines = [line("A", "LIC", 3, 1, 5), line("A", "PC", 3, 10, 0.1)]
        dep = DependencyData(
            centre="A", item="LIC", requires="PC", kind="ratio", ratio=1.0, allowance=0
        )
        plan = solve(instance(lines, budget=13, dependencies=[dep]), solver)
        assert plan.objective == pytest.approx(5.1)
        assert quantities(plan) == {"LIC": 1, "PC": 1}

    def test_presence_dependency(self, solver):
        """Displays (3 × 2 đ, worth 3) need the queue system (20 đ, worth 0.5).

        Budget 10: no queue system, so no display: 0. Budget 26: queue + 3 displays = 9.5.
        """
        lines = [line("A", "DISP", 3, 2, 3), line("A", "QUEUE", 1, 20, 0.5)]
        dep = DependencyData(
            centre="A", item="DISP", requires="QUEUE", kind="presence", ratio=1.0, allowance=0
        )
        assert solve(
            instance(lines, budget=10, dependencies=[dep]), solver
        ).objective == pytest.approx(0)
        assert solve(
            instance(lines, budget=26, dependencies=[dep]), solver
        ).objective == pytest.approx(9.5)

    def test_switch_ports(self, solver):
        """PCs (1 port, 1 đ, worth 1) need switch ports (24 per switch at 5 đ); no spare ports.

        Budget 35: 24 PCs + 1 switch = 29; 25 PCs need a 2nd switch: 25 + 10 = 35 → value 25.
        """
        lines = [line("A", "PC", 30, 1, 1, ports=1), line("A", "SW-24P", 2, 5, 0)]
        plan = solve(instance(lines, [centre("A", spare_ports=0)], budget=35), solver)
        assert plan.objective == pytest.approx(25)
        assert quantities(plan) == {"PC": 25, "SW-24P": 2}

    def test_budget_per_source(self, solver):
        """Units of 10 đ shared half/half; province may pay 10, local 100 → only 2 units."""
        lines = [line("A", "X", 5, 10, 1, shares={"province": 0.5, "local": 0.5})]
        plan = solve(instance(lines, budget_by_source={"province": 10, "local": 100}), solver)
        assert plan.objective == pytest.approx(2)
        assert plan.spent()["by_source"] == {"local": 10, "province": 10}

    def test_category_cap_and_floor(self, solver):
        """E: 3 × 10 đ worth 2; S (software): 3 × 10 đ worth 1; budget 40.

        Unconstrained: 3 E + 1 S = 7. Cap equipment 20: 2 E + 2 S = 6. Floor software 30 (and
        no cap): 3 S + 1 E = 5.
        """
        lines = [line("A", "E", 3, 10, 2), line("A", "S", 3, 10, 1, category=Category.SOFTWARE)]
        assert solve(instance(lines, budget=40), solver).objective == pytest.approx(7)
        capped = instance(lines, budget=40, category_caps={Category.EQUIPMENT: 20})
        assert solve(capped, solver).objective == pytest.approx(6)
        floored = instance(lines, budget=40, category_floors={Category.SOFTWARE: 30})
        assert solve(floored, solver).objective == pytest.approx(5)

    def test_soft_fairness_floor(self, solver):
        """A: 2 × 10 đ worth 3; B: 2 × 10 đ worth 1; floor 50 % of each centre's 20 đ; budget 20.

        Without the floor: 2 A = 6. With it (penalty 1 per đồng short): 1 A + 1 B = 4 beats
        2 A with B 10 đ short (6 − 10 = −4).
        """
        lines = [line("A", "X", 2, 10, 3), line("B", "X", 2, 10, 1)]
        centres = [centre("A", cost=20), centre("B", cost=20)]
        assert solve(instance(lines, centres, budget=20), solver).objective == pytest.approx(6)
        fair = instance(lines, centres, budget=20, fairness_floor=0.5)
        plan = solve(fair, solver)
        assert plan.objective == pytest.approx(4)
        assert [c["coverage"] for c in plan.centres()] == [0.5, 0.5]

    def test_must_buy_and_excluded(self, solver):
        """Must buy 2 of W (10 đ, worth 0.1) and X (worth 3) is excluded; budget 30.

        2 W (20 đ, 0.2) + 1 Y (10 đ, worth 1) = 1.2; X is unmet for policy.
        """
        lines = [
            line("A", "W", 2, 10, 0.1),
            line("A", "X", 2, 10, 3, excluded=True),
            line("A", "Y", 2, 10, 1),
        ]
        inst = instance(lines, budget=30, must_buy=[MustBuyData(centre="A", item="W", quantity=2)])
        plan = solve(inst, solver)
        assert plan.objective == pytest.approx(1.2)
        reasons = {u["item"]: u["reason"] for u in plan_json(plan)["unmet"]}
        assert reasons == {"X": "policy", "Y": "budget"}

    def test_recurring_cost_every_year(self, solver):
        """Internet (recurring, 10 đ/year, worth 2) vs PC (10 đ once, worth 1); years 2018–19.

        2018 has 10 đ, 2019 has 0: internet bought in 2018 would also cost 10 đ in 2019, so the
        only plan is the PC in 2018: value 1.
        """
        lines = [line("A", "NET", 1, 10, 2, recurring=True), line("A", "PC", 1, 10, 1)]
        inst = instance(lines, years=[2018, 2019], budget_by_year={2018: 10, 2019: 0})
        plan = solve(inst, solver)
        assert plan.objective == pytest.approx(1)
        assert quantities(plan) == {"PC": 1}

    def test_infeasible_must_buy_explained(self, solver):
        """Must buy 3 × 10 đ with a 20 đ budget: the explanation names both rules, short 10 đ."""
        inst = instance(
            [line("A", "W", 3, 10, 1)],
            budget=20,
            must_buy=[MustBuyData(centre="A", item="W", quantity=3)],
        )
        plan = solve(inst, solver)
        assert plan.status == "infeasible"
        info = plan.infeasibility
        assert info["shortfall"] == 10
        assert {"budget_total", "must_A_W"} <= set(info["conflicting_rules"])
        assert "10" in info["message"]


@pytest.mark.parametrize("solver", SOLVERS)
def test_evaluate_agrees_and_catches_overspending(solver):
    """evaluate() scores the solver's plan at the solver's objective; 1 more unit breaks budget."""
    inst = instance(
        [line("A", "X", 2, 10, 3), line("A", "Y", 1, 15, 4.5), line("A", "Z", 3, 5, 1)], budget=25
    )
    doc = plan_json(solve(inst, solver))
    result = evaluate(inst, doc)
    assert result == {
        "feasible": True,
        "violations": [],
        "objective": pytest.approx(7.5),
        "spent": 25,
    }
    doc["lines"].append({"centre": "A", "item": "Z", "quantity": 1, "year": 2018, "repair": False})
    over = evaluate(inst, doc)
    assert not over["feasible"]
    assert any("budget_total" in v for v in over["violations"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances())
def test_milp_equals_brute_force(inst):
    plan = solve(inst, "highs")
    assert plan.status == "optimal"
    assert plan.objective == pytest.approx(brute_force(inst), abs=1e-6)
    assert evaluate(inst, plan_json(plan))["feasible"]


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize(
    ("budget", "expected"), [(1, 0), (199_999_999, 0), (200_000_000, 1), (400_000_001, 2)]
)
def test_a_budget_short_by_one_dong_buys_nothing_more(solver, budget, expected):
    """Money rows are scaled for the solver; the scaling must not let a plan overspend by a đồng.

    One item of 200,000,000 đồng (need 3): a budget of B buys floor(B / 2e8) units, so a budget
    one đồng short of a unit's price buys one unit fewer (hypothesis found the 1-đồng case).
    """
    inst = instance([line("A", "P", 3, 200_000_000, 1.0)], budget=budget)
    assert quantities(solve(inst, solver)).get("P", 0) == expected


def test_the_plans_total_budget_is_what_bounds_every_dong():
    """Budgets per source × year over every pair bound the total (6 + 6 + 3 + 3 = 18); one
    paying source left without a budget leaves the total unbounded, one that pays no share of
    any line does not; a total below the sum wins."""
    from planner.optimise.plan import total_budget

    both = {"province": 0.5, "local": 0.5}
    base = instance([line("A", "PC", 1, 1, 1.0, shares=both)])
    inst = base.model_copy(
        update=dict(
            years=[2026, 2027],
            sources=["province", "local"],
            budget=None,
            budget_by_source_year={"province": {2026: 6, 2027: 6}, "local": {2026: 3, 2027: 3}},
        )
    )

    def replace(data, **changes):
        return data.model_copy(update=changes)

    assert total_budget(inst) == 18
    three = replace(inst, sources=["province", "local", "central"])
    assert total_budget(three) == 18  # "central" pays no share of the only line
    shared = line("A", "PC", 1, 1, 1.0, shares={**both, "local": 0.25, "central": 0.25})
    assert total_budget(replace(three, lines=[shared])) is None
    only_province = line("A", "PC", 1, 1, 1.0)  # local pays nothing: province 6 + 6
    assert total_budget(replace(inst, lines=[only_province])) == 12
    assert total_budget(replace(inst, budget=10)) == 10
    assert total_budget(replace(inst, budget_by_source_year={}, budget_by_year={2026: 4})) is None
    assert (
        total_budget(replace(inst, budget_by_source_year={}, budget_by_year={2026: 4, 2027: 5}))
        == 9
    )
