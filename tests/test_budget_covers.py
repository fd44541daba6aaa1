"""A budget that must pay the package prices (estimate + contingency + VAT), not the estimates.

The small cases are solved by hand below (and by brute force); the demo case checks that the
proposal's package prices fit the budget once the scenario says the budget pays them.
"""

from __future__ import annotations

import json

import pytest
from optimise_builders import brute_force, instance, line

from planner.errors import BadInput
from planner.models import Category
from planner.optimise.accounting import objective_value
from planner.optimise.evaluate import violations
from planner.optimise.optimiser import solve_instance
from planner.optimise.plan import plan_json
from planner.optimise.scenario import scenario_from_data
from planner.optimise.solve import SolveOptions

M = 1_000_000
GOODS_WITH_VAT = 1.05 * 1.10  # 5 % contingency, then 10 % VAT on estimate + contingency


def _two_lines(factor: float, **kw):
    """P: 3 units at 100 m worth 1 each; Q: 2 units at 60 m worth 0.4 each; 400 m budget.

    Estimates: 3P + 1Q = 360 m fits (3.4), 3P + 2Q = 420 m does not: optimum 3.4.
    Package prices (× 1.155): P 115.5 m, Q 69.3 m. 3P + 1Q = 415.8 m does not fit;
    3P = 346.5 m (3.0), 2P + 2Q = 369.6 m (2.8), 2P + 1Q = 300.3 m (2.4): optimum 3.0, 3P.
    """
    lines = [
        line("A", "P", 3, 100 * M, 1.0, factor=factor),
        line("A", "Q", 2, 60 * M, 0.4, factor=factor),
    ]
    return instance(lines, budget=400 * M, **kw)


def test_estimates_fund_three_p_and_one_q():
    plan = solve_instance(_two_lines(1.0), SolveOptions(), baseline=False, marginals=False)
    assert plan.objective == pytest.approx(3.4)
    assert plan.buys == {(0, 2018): 3, (1, 2018): 1}
    assert plan.spent()["total"] == 360 * M
    assert plan.charged()["total"] == 360 * M


def test_package_prices_fund_three_p_only():
    inst = _two_lines(GOODS_WITH_VAT, budget_covers="package_price")
    plan = solve_instance(inst, SolveOptions(), baseline=False, marginals=False)
    assert plan.objective == pytest.approx(3.0)
    assert brute_force(inst) == pytest.approx(3.0)
    assert plan.buys == {(0, 2018): 3}
    assert plan.spent()["total"] == 300 * M  # the lines stay in estimates
    assert plan.charged()["total"] == 346_500_000  # what the budget pays
    document = plan_json(plan)
    assert document["budget_covers"] == "package_price"
    assert document["budget_charged"]["total"] == 346_500_000
    assert document["spent"]["total"] == sum(r["cost"] for r in document["lines"])


def test_the_estimate_optimum_breaks_a_package_price_budget():
    """The referee counts the package price too: 3P + 1Q is over 400 m at 415.8 m."""
    inst = _two_lines(GOODS_WITH_VAT, budget_covers="package_price")
    found = violations(inst, {(0, 2018): 3, (1, 2018): 1}, {})
    assert len(found) == 1 and "415.800.000" in found[0], found
    assert violations(inst, {(0, 2018): 3}, {}) == []
    assert violations(_two_lines(1.0), {(0, 2018): 3, (1, 2018): 1}, {}) == []
    assert objective_value(inst, {(0, 2018): 3}, {}) == pytest.approx(3.0)


def test_a_category_cap_counts_package_prices():
    """Cap 350 m on equipment: 3P at 346.5 m fits, 3P + 1Q at 415.8 m does not.

    With the budget lifted (10 bn) the cap alone decides: 3P + 1Q (415.8 m) and 2P + 2Q
    (369.6 m) are over it; 3P (346.5 m, 3.0), 2P + 1Q (300.3 m, 2.4) and 1P + 2Q (254.1 m,
    1.8) fit, so 3P is the optimum.
    """
    inst = _two_lines(
        GOODS_WITH_VAT,
        budget_covers="package_price",
        category_caps={Category.EQUIPMENT: 350 * M},
    ).with_budget(10_000 * M)
    plan = solve_instance(inst, SolveOptions(), baseline=False, marginals=False)
    assert plan.objective == pytest.approx(3.0)
    assert brute_force(inst) == pytest.approx(3.0)
    assert plan.charged()["by_category"] == {"equipment": 346_500_000}


def test_the_scenario_refuses_an_unknown_basis():
    with pytest.raises(BadInput):
        scenario_from_data({"budget": 10**9, "budget_covers": "gross"})
    assert scenario_from_data({"budget": 10**9}).budget_covers == "estimate"


def test_the_2025_proposal_fits_a_budget_that_pays_package_prices(cli):
    """On the 2025 demo at 30 bn the package prices fit the budget only on this basis.

    Each package price is rounded to the đồng per line (contingency, then VAT), while the
    budget row charges the exact factor: they may differ by about one đồng per line.
    """
    assert cli("demo", "--dataset", "thanh-hoa-2025").returncode == 0
    budget = 30_000 * M
    done = cli(
        "solve",
        "--budget",
        str(budget),
        "--budget-covers",
        "package_price",
        "--json",
        "plan.json",
    )
    assert done.returncode == 0, done.stderr
    plan = json.loads((cli.workdir / "plan.json").read_text(encoding="utf-8"))
    prices = sum(p["price"] for p in plan["packages"])
    assert plan["budget_covers"] == "package_price"
    assert prices <= budget + 2 * len(plan["lines"])
    assert abs(prices - plan["budget_charged"]["total"]) <= 2 * len(plan["lines"])
    assert plan["spent"]["total"] < prices  # the estimates are what the lines show

    done = cli("solve", "--budget", str(budget), "--json", "estimates.json")
    assert done.returncode == 0, done.stderr
    estimates = json.loads((cli.workdir / "estimates.json").read_text(encoding="utf-8"))
    assert estimates["budget_covers"] == "estimate"
    assert sum(p["price"] for p in estimates["packages"]) > budget  # why the option exists


def test_the_instance_file_keeps_the_basis(tmp_path):
    """``planner evaluate`` scores a plan on the instance file: the factors travel with it."""
    from planner.optimise.instance import dump_instance, load_instance

    inst = _two_lines(GOODS_WITH_VAT, budget_covers="package_price")
    dump_instance(inst, tmp_path / "instance.json")
    again = load_instance(tmp_path / "instance.json")
    assert again.budget_covers == "package_price"
    assert [x.budget_factor for x in again.lines] == [GOODS_WITH_VAT, GOODS_WITH_VAT]
    assert len(violations(again, {(0, 2018): 3, (1, 2018): 1}, {})) == 1
