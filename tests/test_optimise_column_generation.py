"""Column generation by centre (planner/optimise/column_generation.py) against hand-solved and
brute-forced optima: its bound is never below the true optimum, its plan never above it and
always feasible, and through the front door the final plan is optimal within the gap it reports.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from optimise_builders import brute_force, centre, instance, line, tiny_linked_instances

from planner.models import Category
from planner.optimise import column_generation, decompose
from planner.optimise.accounting import objective_value
from planner.optimise.build import build_model
from planner.optimise.evaluate import evaluate, violations
from planner.optimise.optimiser import solve_instance
from planner.optimise.plan import plan_json
from planner.optimise.solve import SolveOptions


def two_sources_two_years(**change):
    """Centre A needs one P (10,000 đồng, worth 1), paid wholly by the province; centre B one Q
    (10,000 đồng, worth 1), paid wholly by the local budget. A unit bought in 2019 is worth
    half (year discount 0.5). Budgets: province 10,000 in 2018 and 0 in 2019; local 0 in 2018
    and 10,000 in 2019.

    Optimum by hand: A buys P in 2018 (1), B buys Q in 2019 (0.5): 1.5.

    One price λ for every budget row (per đồng): L(λ) = 20,000·λ + 2·max(0, 1 − 10,000·λ,
    0.5 − 10,000·λ) = 20,000·λ + 2·max(0, 1 − 10,000·λ) ≥ 2 for every λ ≥ 0 (2 at λ = 0 and
    at λ = 10⁻⁴): no single price proves better than 2. The price vector λ(province, 2019) =
    λ(local, 2018) = 10⁻⁴, the other two 0, gives A = max(0, 1, 0.5 − 1) = 1, B = max(0,
    1 − 1, 0.5) = 0.5 and λ·b = 0: L = 1.5, the optimum — the bound only a vector proves.
    """
    lines = [
        line("A", "P", 1, 10_000, 1.0, shares={"province": 1.0}),
        line("B", "Q", 1, 10_000, 1.0, shares={"local": 1.0}, category=Category.SOFTWARE),
    ]
    data = dict(
        years=[2018, 2019],
        year_discount=0.5,
        budget_by_source_year={
            "province": {2018: 10_000, 2019: 0},
            "local": {2018: 0, 2019: 10_000},
        },
    )
    data.update(change)
    return instance(lines, **data)


def test_hand_solved_two_sources_two_years_needs_the_price_vector():
    inst = two_sources_two_years()
    m = build_model(inst)
    rows, blocks = column_generation.split(m)
    assert set(rows.names) == {
        "budget_province_y2018",
        "budget_province_y2019",
        "budget_local_y2018",
        "budget_local_y2019",
    }
    # the hand-worked vector (per row unit: thousands of đồng) proves 1.5, one price no better than 2
    per_unit = 1e-4 * m.row_unit["budget_province_y2019"]
    vector = {"budget_province_y2019": per_unit, "budget_local_y2018": per_unit}
    prices = [vector.get(n, 0.0) for n in rows.names]
    bound, _ = column_generation.price_pass(
        rows, blocks, rows.valid(np.array(prices)), column_generation._Clock(None, None)
    )
    assert bound == pytest.approx(1.5)
    for single in (0.0, 0.5e-4, 1e-4, 2e-4):
        uniform = np.full(len(rows.names), single * m.row_unit[rows.names[0]])
        at_one, _ = column_generation.price_pass(
            rows, blocks, uniform, column_generation._Clock(None, None)
        )
        assert at_one >= 2.0 - 1e-9
    result = column_generation.solve(m, 1e-6, None)
    assert result.objective == pytest.approx(1.5)
    assert result.bound == pytest.approx(1.5, abs=1e-6)
    assert result.status == "optimal"
    assert result.buys == {(0, 2018): 1, (1, 2019): 1}
    assert not violations(inst, result.buys, result.repairs)


def test_hand_solved_case_through_the_front_door(monkeypatch):
    """The same case routed to column generation (threshold lowered): proven, and the plan's
    marginal value per source is the row's price (a billion more in the province's 2018 budget
    is worth nothing once A is funded; the local 2018 budget would let B buy a year earlier)."""
    monkeypatch.setattr(decompose, "MIN_CENTRES", 2)
    inst = two_sources_two_years()
    assert column_generation.applies(build_model(inst))
    plan = solve_instance(inst, SolveOptions(gap=1e-6))
    assert plan.method == "decomposition" and plan.status == "optimal"
    assert plan.objective == pytest.approx(1.5) and plan.bound == pytest.approx(1.5, abs=1e-6)
    checked = evaluate(inst, plan_json(plan))
    assert checked["feasible"] and checked["objective"] == pytest.approx(plan.objective)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_linked_instances())
def test_bound_and_plan_bracket_the_brute_force_optimum(inst):
    best = brute_force(inst)
    m = build_model(inst)
    try:
        result = column_generation.solve(m, 0.0, None)
    except column_generation.BlockInfeasible:
        assert best == -math.inf
        return
    assert result.bound >= best - 1e-6
    if math.isfinite(result.objective):
        assert result.objective <= best + 1e-6
        assert not violations(inst, result.buys, result.repairs)
        assert result.objective == pytest.approx(objective_value(inst, result.buys, result.repairs))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_linked_instances())
def test_front_door_plan_is_optimal_within_its_reported_gap(inst):
    best = brute_force(inst)
    import planner.optimise.decompose as dec

    saved = dec.MIN_CENTRES
    dec.MIN_CENTRES = 2  # route these tiny instances to column generation
    try:
        plan = solve_instance(inst, SolveOptions(gap=1e-6), marginals=False)
    finally:
        dec.MIN_CENTRES = saved
    if best == -math.inf:
        assert plan.status == "infeasible"
        return
    assert plan.status == "optimal"
    assert plan.bound >= best - 1e-6
    assert plan.objective <= best + 1e-6
    assert plan.objective >= best - plan.gap * max(abs(plan.objective), 1e-9) - 1e-6
    assert not violations(inst, plan.buys, plan.repairs)


def test_applies_to_every_linking_rule_but_not_where_decompose_or_the_whole_model_does(
    monkeypatch,
):
    monkeypatch.setattr(decompose, "MIN_CENTRES", 2)
    inst = two_sources_two_years()
    assert column_generation.applies(build_model(inst))
    capped = inst.model_copy(update={"category_caps": {Category.SOFTWARE: 5_000}})
    assert "cap_software" in column_generation.linking_rows(build_model(capped))
    single = instance([line("A", "P", 1, 10, 1.0), line("B", "P", 1, 10, 1.0)], budget=15)
    assert decompose.applies(build_model(single))
    assert not column_generation.applies(build_model(single))  # decompose.py's own case
    first = inst.model_copy(
        update={"go_live_first": True, "centres": [centre("A", bonus=1.0), centre("B", bonus=1.0)]}
    )
    assert not column_generation.applies(build_model(first))
    monkeypatch.setattr(decompose, "MIN_CENTRES", 3)
    assert not column_generation.applies(build_model(inst))


def test_a_stop_ends_the_search_and_the_front_door_raises_stopped(monkeypatch):
    from planner.errors import Stopped

    monkeypatch.setattr(decompose, "MIN_CENTRES", 2)
    calls = []

    def stop() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Stopped):
        solve_instance(two_sources_two_years(), SolveOptions(gap=1e-6, should_stop=stop))


def _realistic_2025(tmp_path):
    """The 2025 demo (167 centres) under the rules benchmarks/optimiser.py calls realistic: the
    catalog's province / local shares, budgets per source × year over three years (40 % of each
    source's part of the need, split 40 / 35 / 25 %), software capped at 80 % of 40 % of its
    need, a soft fairness floor of 5 % of each centre's cost."""
    from planner.demo.data import load_demo
    from planner.optimise.optimiser import instance_for
    from planner.optimise.scenario import Scenario
    from planner.services.workspace import load_workspace
    from planner.store.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path}/d.sqlite3")
    load_demo(engine, "thanh-hoa-2025")
    inst = instance_for(load_workspace(engine), Scenario(budget=0))
    engine.dispose()
    by_source: dict[str, float] = {}
    software = 0.0
    for x in inst.lines:
        cost = x.need * x.unit_price + x.repair_max * x.repair_unit_cost
        for s, v in x.shares.items():
            by_source[s] = by_source.get(s, 0.0) + v * cost
        software += cost if x.category == Category.SOFTWARE else 0.0
    years = [inst.years[0] + k for k in range(3)]
    return inst.model_copy(
        update={
            "years": years,
            "budget": None,
            "budget_by_source_year": {
                s: {y: int(0.4 * a * f) for y, f in zip(years, (0.4, 0.35, 0.25), strict=True)}
                for s, a in by_source.items()
            },
            "category_caps": {Category.SOFTWARE: int(0.8 * 0.4 * software)},
            "fairness_floor": 0.05,
            "fairness_hard": False,
        }
    )


def test_2025_demo_with_realistic_rules_reports_a_proven_bound_and_evaluate_agrees(tmp_path):
    """Through the front door: column generation, a bound that is a proof (the Lagrangian's,
    far below the whole model's LP relaxation), the gap reported from it, the plan feasible and
    scored by the referee exactly as the solve scored it. (Within 1e-3 is a benchmark figure,
    not asserted: benchmarks/RESULTS.md has what it reaches.)"""
    inst = _realistic_2025(tmp_path)
    m = build_model(inst)
    assert column_generation.applies(m) and not decompose.applies(m)
    plan = solve_instance(inst, SolveOptions(gap=1e-3, time_limit=60))
    assert plan.method == "decomposition"
    assert plan.bound is not None and plan.bound >= plan.objective
    assert plan.gap == pytest.approx((plan.bound - plan.objective) / plan.objective, rel=1e-6)
    assert plan.gap < 1e-2
    doc = plan_json(plan)
    checked = evaluate(inst, doc)
    assert checked["feasible"], checked["violations"][:3]
    assert checked["objective"] == pytest.approx(plan.objective, rel=1e-9)
    assert plan.marginal["by_source"]["province"] > 0


def test_repair_finds_the_optimum_the_master_milp_misses():
    """Province budget 10,500 đồng in one year (the local budget 0: two linking rows). Centre A
    needs one P (6,000, worth 1); centre B two Q (4,000 each, worth 0.5 each).

    Optimum by hand: A buys P and B one Q: 1.5 with 10,000 spent. Given only the columns
    'nothing' and 'the whole need' per centre (A: P, 6,000; B: two Q, 8,000), the restricted
    master MILP can fund one of the two, 1.0 at best; re-solving both centres with their whole
    models under the rows finds B's single Q."""
    inst = instance(
        [line("A", "P", 1, 6_000, 1.0), line("B", "Q", 2, 4_000, 0.5)],
        budget_by_source_year={"province": {2018: 10_500}, "local": {2018: 0}},
    )
    assert brute_force(inst) == pytest.approx(1.5)
    m = build_model(inst)
    rows, blocks = column_generation.split(m)
    clock = column_generation._Clock(None, None)
    for priced in blocks:
        priced.add(np.zeros(len(priced.block.variables)))
        priced.add(priced.price(np.zeros(len(rows.names)))[1])  # at no price: the whole need
    chosen = column_generation.choose_columns(rows, blocks, clock, [[0, 0]], 0.0)
    assert chosen is not None
    xs = [p.columns[j] for p, j in zip(blocks, chosen, strict=True)]
    master_plan = decompose._plan_of(m, [p.block for p in blocks], xs)
    assert objective_value(inst, *master_plan) == pytest.approx(1.0)
    repaired = column_generation.repair(rows, blocks, xs, [0, 1], clock)
    buys, repairs = decompose._plan_of(m, [p.block for p in blocks], repaired)
    assert not violations(inst, buys, repairs)
    assert objective_value(inst, buys, repairs) == pytest.approx(1.5)
    assert buys == {(0, 2018): 1, (1, 2018): 1}
    # one centre freed alone: B's room is what A's whole-need column leaves (4,500): one Q
    only_b = column_generation.repair(rows, blocks, [blocks[0].columns[1], xs[1] * 0], [1], clock)
    assert objective_value(
        inst, *decompose._plan_of(m, [p.block for p in blocks], only_b)
    ) == pytest.approx(1.5)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tiny_linked_instances(),
    st.lists(st.integers(0, 40), min_size=12, max_size=12),
    st.sampled_from([0.0, 1e-3, 0.1, 1.0, 100.0]),
)
def test_a_pass_that_leaves_centres_to_their_lp_bound_still_bounds_the_optimum(inst, raw, slack):
    """price_pass with a slack keeps the LP relaxation's bound for the centres it does not
    solve: never below the exact pass's bound, so never below the brute-force optimum, at any
    prices with the bound's signs (here 0–4·10⁻⁴ of value per đồng, ≥ rows negative)."""
    best = brute_force(inst)
    m = build_model(inst)
    rows, blocks = column_generation.split(m)
    clock = column_generation._Clock(None, None)
    per_dong = np.array(raw[: len(rows.names)], dtype=float) * 1e-5 / rows.unit_per_dong
    prices = rows.valid(np.where(rows.is_floor, -per_dong, per_dong))
    try:
        for priced in blocks:  # a column each, so that there is something to compare with
            priced.add(priced.price(np.zeros(len(rows.names)))[1])
        exact, _ = column_generation.price_pass(rows, blocks, prices, clock)
        bound, answers = column_generation.price_pass(rows, blocks, prices, clock, slack)
    except column_generation.BlockInfeasible:
        assert best == -math.inf
        return
    assert exact is not None and bound is not None
    assert bound >= exact - 1e-9 * max(1.0, abs(exact))
    assert bound <= exact + slack + 1e-6
    if best > -math.inf:
        assert exact >= best - 1e-6
        assert bound >= best - 1e-6
    for priced, x in zip(blocks, answers, strict=True):
        if x is not None:  # an answer is a plan of the centre's own rules at these prices
            assert (
                priced.price(prices)[0]
                >= float((priced.block.value - prices @ priced.matrix) @ x) - 1e-6
            )
