"""Decomposition by centre (planner/optimise/decompose.py) against hand-worked and brute-forced optima.

The decomposition's bound must never be below the true optimum and its plan never above it (and
always feasible); where the Lagrangian bound has a duality gap the result must say so (status
``feasible``, not ``optimal``). Instances are built directly, as in test_optimise_model.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from optimise_builders import brute_force, centre, instance, line, tiny_instances

from planner.models import Category
from planner.optimise import decompose
from planner.optimise.accounting import objective_value, totals
from planner.optimise.build import build_model
from planner.optimise.evaluate import evaluate, violations
from planner.optimise.instance import DependencyData, MustBuyData
from planner.optimise.optimiser import solve_instance
from planner.optimise.plan import plan_json
from planner.optimise.solve import SolveOptions


def run(inst, gap=0.0):
    return decompose.solve(build_model(inst), gap, time_limit=None)


def test_a_duality_gap_is_reported_not_hidden():
    """Two centres, one item each: 10 đồng, worth 1. Budget 15 buys one item: optimum 1.

    L(λ) = 15λ + 2·max(0, 1 − 10λ) is smallest at λ = 0.1, where it is 1.5: the bound is 1.5,
    the plan 1, and the gap (1.5 − 1)/1 = 0.5 must be reported as such (status feasible).
    """
    inst = instance([line("A", "P", 1, 10, 1.0), line("B", "P", 1, 10, 1.0)], budget=15)
    result = run(inst, gap=1e-4)
    assert result.objective == pytest.approx(1.0)
    assert result.bound == pytest.approx(1.5, rel=1e-4)
    assert result.status == "feasible"
    assert result.gap == pytest.approx(0.5, rel=1e-3)


def test_bound_meets_the_plan_when_the_budget_falls_between_whole_centres():
    """Three alike centres (item 10 đồng, worth 1; a go-live bonus of 1 for the whole line of 2).

    Each centre's best answer is all or nothing: 2 units, 20 đồng, value 2 + 1 = 3, i.e. 0.15
    per đồng. Budget 40 funds exactly two centres: optimum 6. At λ = 0.15 every centre is
    indifferent, L = 40·0.15 + 0 = 6: bound and plan meet, the gap is 0 and it is proven.
    """
    lines = [line(c, "P", 2, 10, 1.0, go_live=True) for c in "ABC"]
    centres = [centre(c, bonus=1.0) for c in "ABC"]
    result = run(instance(lines, centres, budget=40), gap=1e-6)
    assert result.objective == pytest.approx(6.0)
    assert result.bound == pytest.approx(6.0, rel=1e-5)
    assert result.status == "optimal"
    assert result.price == pytest.approx(0.15, rel=1e-4)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances())
def test_bound_and_plan_bracket_the_brute_force_optimum(inst):
    best = brute_force(inst)
    result = run(inst)
    assert result.bound >= best - 1e-6
    assert result.objective <= best + 1e-6
    assert not violations(inst, result.buys, result.repairs)
    assert result.objective == pytest.approx(objective_value(inst, result.buys, result.repairs))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**9), st.floats(1e-12, 1e-3))
def test_every_price_gives_an_upper_bound(budget_seed, price):
    """L(λ) ≥ OPT for any λ ≥ 0, not only the one bisection lands on (weak duality)."""
    lines = [
        line("A", "P", 2, 30_000, 1.0, go_live=True),
        line("A", "Q", 1, 50_000, 2.0),
        line("B", "P", 1, 30_000, 1.5, repair=1, rcost=10_000),
        line("B", "Q", 2, 50_000, 1.0, head=1, tail_value=0.4),
    ]
    deps = [
        DependencyData(centre="B", item="P", requires="Q", kind="presence", ratio=1.0, allowance=0)
    ]
    inst = instance(
        lines,
        [centre("A", bonus=1.0), centre("B")],
        budget=budget_seed % 250_000,
        dependencies=deps,
    )
    model = build_model(inst)
    bound, _ = decompose._at_price(decompose.build_blocks(model), price)
    assert bound + price * inst.budget >= brute_force(inst) - 1e-9


def _alike_centres(n: int, budget_share: float):
    """``n`` centres of one pattern (bundle, presence and ratio dependencies, repairs, tails)."""
    lines, centres, deps = [], [], []
    for k in range(n):
        c = f"C{k:03d}"
        extra = k % 3  # three kinds of centre, so that the price has groups to split
        lines += [
            line(
                c,
                "PC",
                2 + extra,
                15_000,
                0.015,
                repair=1,
                rcost=3_000,
                go_live=True,
                head=2,
                tail_value=0.006,
            ),
            line(c, "LIC", 2 + extra, 3_000, 0.004, category=Category.SOFTWARE),
            line(c, "QUEUE", 1, 40_000, 0.03, go_live=True),
            line(c, "DISPLAY", 3, 8_000, 0.01, head=2, tail_value=0.004),
        ]
        deps += [
            DependencyData(
                centre=c, item="LIC", requires="PC", kind="ratio", ratio=1.0, allowance=0
            ),
            DependencyData(
                centre=c, item="DISPLAY", requires="QUEUE", kind="presence", ratio=1.0, allowance=0
            ),
        ]
        centres.append(centre(c, bonus=0.05 + 0.01 * extra))
    inst = instance(lines, centres, dependencies=deps)
    need = sum(x.need * x.unit_price + x.repair_max * x.repair_unit_cost for x in inst.lines)
    return inst.with_budget(int(need * budget_share))


@pytest.mark.parametrize("share", [0.2, 0.45, 0.8])
def test_solve_instance_decomposes_many_centres_and_agrees_with_the_whole_model(monkeypatch, share):
    """Through the front door: 60 centres routed to the decomposition (threshold lowered for
    the test) against the whole-model MILP's proven optimum of the same instance."""
    inst = _alike_centres(60, share)
    exact = solve_instance(inst, SolveOptions(gap=0.0), marginals=False)
    assert exact.status == "optimal" and exact.method == "milp"
    monkeypatch.setattr(decompose, "MIN_CENTRES", 50)
    plan = solve_instance(inst, SolveOptions(gap=1e-2))
    assert plan.method == "decomposition" and plan.status == "optimal" and plan.gap <= 1e-2
    assert plan.bound >= exact.objective - 1e-6
    assert plan.objective <= exact.objective + 1e-6
    assert plan.objective >= exact.objective * (
        1 - 0.01
    )  # a near-optimal plan, not just a feasible one
    assert totals(inst, plan.buys, plan.repairs).total <= inst.budget
    doc = plan_json(plan)
    assert doc["method"] == "decomposition"
    checked = evaluate(inst, doc)
    assert checked["feasible"] and checked["objective"] == pytest.approx(plan.objective)
    # the marginal value reported is the price at which the reported bound is attained
    price = plan.marginal["total"] / 1e9
    at_price, _ = decompose._at_price(decompose.build_blocks(build_model(inst)), price)
    assert at_price + price * inst.budget == pytest.approx(plan.bound, rel=1e-9)


def test_a_plan_the_decomposition_cannot_prove_goes_on_in_the_whole_model(monkeypatch):
    """The two-centre duality gap of the first test (bound 1.5, plan 1) at a 1e-4 tolerance:
    the front door must not stop at an unproven plan of a small instance but hand it to the
    whole-model MILP, which proves the optimum 1 (its own bound, no gap)."""
    monkeypatch.setattr(decompose, "MIN_CENTRES", 2)
    inst = instance([line("A", "P", 1, 10, 1.0), line("B", "P", 1, 10, 1.0)], budget=15)
    assert decompose.applies(build_model(inst))
    plan = solve_instance(inst, SolveOptions(gap=1e-4), marginals=False)
    assert plan.method == "milp" and plan.status == "optimal"
    assert plan.objective == pytest.approx(1.0) and plan.bound == pytest.approx(1.0, abs=1e-4)
    monkeypatch.setattr(
        decompose, "WHOLE_MODEL_MAX", 1
    )  # as if national-size: the honest answer stays
    plan = solve_instance(inst, SolveOptions(gap=1e-4), marginals=False)
    assert (
        plan.method == "decomposition"
        and plan.status == "feasible"
        and plan.gap == pytest.approx(0.5, rel=1e-3)
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, True),
        ({"category_caps": {Category.EQUIPMENT: 100}}, False),
        ({"budget_by_source": {"province": 100}}, False),
        ({"years": [2018, 2019]}, False),
        ({"go_live_first": True}, False),
        ({"fairness_floor": 0.1, "fairness_hard": True}, False),
        ({"must_buy": [MustBuyData(centre="C000", item="PC", quantity=1)]}, False),
        ({"budget": None}, False),
    ],
)
def test_decomposition_applies_only_where_it_is_valid(monkeypatch, change, expected):
    inst = _alike_centres(4, 0.5).model_copy(update=change)
    monkeypatch.setattr(decompose, "MIN_CENTRES", 4)
    assert decompose.applies(build_model(inst)) is expected
    monkeypatch.setattr(decompose, "MIN_CENTRES", 5)
    assert decompose.applies(build_model(inst)) is False


def test_a_row_across_centres_refuses_to_split():
    inst = _alike_centres(3, 0.5).model_copy(
        update={"category_caps": {Category.EQUIPMENT: 100_000}}
    )
    with pytest.raises(ValueError, match="cap_equipment"):
        decompose.build_blocks(build_model(inst))


def test_2025_demo_via_cli_is_proven_by_decomposition_and_evaluate_agrees(cli, tmp_path):
    """Design.md's contract on the 167-centre demo: `solve` goes through the decomposition,
    proves the plan within the default gap, spends nearly all of a tight budget, and
    `evaluate` scores the written plan exactly as `solve` did, with no violated rule."""
    import json

    assert cli("demo", "--dataset", "thanh-hoa-2025").returncode == 0
    budget = 50_000_000_000  # about 29 % of the demo's need
    run = cli(
        "solve",
        "--budget",
        str(budget),
        "--json",
        "plan.json",
        "--instance-json",
        "inst.json",
        "--xlsx",
        "proposal.xlsx",
    )
    assert run.returncode == 0, run.stderr
    plan = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert plan["method"] == "decomposition" and plan["status"] == "optimal"
    assert plan["gap"] <= 1e-4 and plan["bound"] >= plan["objective"]
    assert budget - 50_000_000 <= plan["spent"]["total"] <= budget
    assert plan["marginal_value_per_billion"]["total"] > 0
    ev = cli("evaluate", "--instance", "inst.json", "--plan", "plan.json")
    assert ev.returncode == 0, ev.stderr
    result = json.loads(ev.stdout)
    assert result["feasible"] is True and result["violations"] == []
    assert result["objective"] == pytest.approx(plan["objective"], rel=1e-9)
    # the proposal workbook says how the plan was found (assumptions sheet, read back)
    from openpyxl import load_workbook

    from planner import labels

    cells = {
        (row[0], row[1])
        for ws in load_workbook(tmp_path / "proposal.xlsx").worksheets
        for row in ws.iter_rows(values_only=True)
        if len(row) > 1
    }
    assert (labels.EXCEL["method"], labels.OPTIMISE_METHOD["decomposition"]) in cells


def test_a_sweep_beyond_the_whole_model_shares_one_decomposition(monkeypatch):
    """A sweep of an instance "too large for the whole model" (thresholds lowered for the test)
    goes through one decomposition: every point proven within its gap, never above the whole
    model's optimum at the same budget, and the curve monotone within the gaps."""
    from planner.optimise.sweep import sweep

    inst = _alike_centres(60, 0.5)
    need = sum(x.need * x.unit_price + x.repair_max * x.repair_unit_cost for x in inst.lines)
    budgets = [round(need * k / 5) for k in range(1, 6)]
    exact = [p["objective"] for p in sweep(inst, budgets, SolveOptions(gap=0.0))["points"]]
    monkeypatch.setattr(decompose, "MIN_CENTRES", 50)
    monkeypatch.setattr(decompose, "WHOLE_MODEL_MAX", 50)
    points = sweep(inst, budgets, SolveOptions(gap=1e-2))["points"]
    assert [p["method"] for p in points] == ["decomposition"] * 5
    assert [p["status"] for p in points] == ["optimal"] * 5
    values = [p["objective"] for p in points]
    assert all(v <= e + 1e-6 and v >= e * (1 - 1e-2) for v, e in zip(values, exact, strict=False))
    assert all(b >= a * (1 - 2e-2) for a, b in itertools.pairwise(values))
    assert all(p["spent"] <= p["budget"] for p in points)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances(), st.integers(0, 60))
def test_a_budget_solved_after_another_starts_from_its_prices_and_stays_exact(inst, first):
    """A sweep's later point recalls the prices of the earlier ones (_Search.recall): their
    bounds, bracket and plan. Against the brute force at the later budget, the bound is never
    below the optimum nor the plan above it, and the plan keeps the later budget."""
    shared = decompose.Decomposition(build_model(inst))
    shared.solve(first, 0.0, None)
    result = shared.solve(int(inst.budget or 0), 0.0, None)
    best = brute_force(inst)
    assert result.bound >= best - 1e-6
    assert result.objective <= best + 1e-6
    assert not violations(inst, result.buys, result.repairs)


def test_a_budget_already_solved_is_answered_from_memory():
    """Solving the same budget twice: the second search is proven by the recalled prices
    alone, without one more centre solve (the sweep's neighbouring points are nearly this)."""
    inst = _alike_centres(12, 0.5)
    shared = decompose.Decomposition(build_model(inst))
    budget = int(inst.budget or 0)
    once = shared.solve(budget, 1e-2, None)
    prices = len(shared.solved)
    again = shared.solve(budget, 1e-2, None)
    assert once.status == again.status == "optimal"
    assert len(shared.solved) == prices
    assert again.bound == pytest.approx(once.bound)
    assert again.objective >= once.objective - 1e-9


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.floats(0.05, 0.95), st.floats(1.0005, 1.5))
def test_an_answer_kept_between_two_prices_is_optimal_there(t, spread):
    """The shortcut of answers_at (convexity): a centre whose answer is the same at two solved
    prices keeps it in between without a solve. Checked against fresh solves at that price: the
    kept answer is worth exactly the centre's optimum, and the interpolated bound is not below it."""
    inst = _alike_centres(12, 0.5)
    model = build_model(inst)
    shared = decompose.Decomposition(model)
    search = decompose._Search(shared, inst, None)
    low = 5e-7
    high = low * spread
    search.answers_at(low)
    search.answers_at(high)
    price = low + t * (high - low)
    (_, at_low, _), (_, at_high, _) = search.solved
    assert any(
        decompose._same(a, b) for a, b in zip(at_low, at_high, strict=False)
    )  # the shortcut is exercised
    bound, kept = search.answers_at(price)
    fresh_total, fresh = decompose._at_price(shared.blocks, price)
    for block, a, b in zip(shared.blocks, kept, fresh, strict=False):
        worth_a = float(block.value @ a) - price * float(block.spend @ a)
        worth_b = float(block.value @ b) - price * float(block.spend @ b)
        assert worth_a == pytest.approx(worth_b, abs=1e-9)
    assert bound >= fresh_total - 1e-9


@pytest.mark.parametrize(
    "change",
    [
        {
            "fairness_floor": 0.3,
            "fairness_penalty": 2e-6,
        },  # a soft floor: a centre's own row, in its block
        {
            "shares": {"province": 0.6, "local": 0.4}
        },  # two sources sharing every unit, one total budget
    ],
)
def test_centre_rules_and_shared_funding_stay_exact(change):
    """The decomposition against the whole model's proven optimum with a soft fairness floor
    (rows and shortfall variables of each centre) and with cost shares between two sources:
    its bound is never below the optimum and its plan never above it, and is feasible. (How
    close they come is a matter of scale, checked with 60 centres above.)"""
    inst = _alike_centres(12, 0.3)
    if "shares" in change:
        inst = inst.model_copy(
            update={
                "lines": [x.model_copy(update={"shares": change["shares"]}) for x in inst.lines]
            }
        )
    else:
        cost = {}
        for x in inst.lines:
            cost[x.centre] = (
                cost.get(x.centre, 0) + x.need * x.unit_price + x.repair_max * x.repair_unit_cost
            )
        inst = inst.model_copy(
            update={
                **change,
                "centres": [c.model_copy(update={"cost": cost[c.code]}) for c in inst.centres],
            }
        )
    exact = solve_instance(inst, SolveOptions(gap=0.0), marginals=False)
    result = run(inst, gap=1e-3)
    assert result.bound >= exact.objective - 1e-6
    assert result.objective <= exact.objective + 1e-6
    assert not violations(inst, result.buys, result.repairs)
    assert result.objective == pytest.approx(objective_value(inst, result.buys, result.repairs))
