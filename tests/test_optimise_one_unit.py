"""The one-unit check after the solve (planner/optimise/one_unit.py).

Checked independently: every one-unit neighbour of the repaired plan (add, remove, swap) is
enumerated here on the whole instance and scored with evaluate's rules and value; none may be
feasible and better. Tiny random instances (several sources, years, caps, a soft fairness
floor) start from the empty plan and from the greedy's; the 2017 demo from the solver's plan.
"""

from __future__ import annotations

import itertools
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from optimise_builders import centre, instance, line

from planner.models import Category
from planner.optimise.accounting import objective_value
from planner.optimise.evaluate import violations
from planner.optimise.greedy import greedy_plan
from planner.optimise.one_unit import check_and_repair
from planner.optimise.optimiser import instance_for, solve_instance
from planner.optimise.scenario import Scenario
from planner.optimise.solve import SolveOptions
from planner.services.workspace import load_workspace


def _units(inst):
    out = []
    for i, x in enumerate(inst.lines):
        if x.open:
            out += [("buy", i, y) for y in inst.years] if x.need else []
            out += [("rep", i, 0)] if x.repair_max else []
    return out


def _moved(buys, repairs, changes):
    b, r = dict(buys), dict(repairs)
    for (kind, i, y), step in changes:
        if kind == "buy":
            b[(i, y)] = b.get((i, y), 0) + step
        else:
            r[i] = r.get(i, 0) + step
    if any(q < 0 for q in [*b.values(), *r.values()]):
        return None
    return {k: q for k, q in b.items() if q}, {k: q for k, q in r.items() if q}


def _better_neighbour(inst, buys, repairs, pairs=None):
    """A feasible one-unit neighbour worth more than the plan, or None."""
    value = objective_value(inst, buys, repairs)
    units = _units(inst)
    singles = [[(u, s)] for u in units for s in (+1, -1)]
    every = [[(a, -1), (b, +1)] for a, b in itertools.permutations(units, 2)]
    if pairs is not None:  # a sample of each kind (large instances)
        rng = random.Random(1)
        singles = rng.sample(singles, min(pairs, len(singles)))
        every = rng.sample(every, min(pairs, len(every)))
    changes = singles + every
    for change in changes:
        moved = _moved(buys, repairs, change)
        if moved is None or violations(inst, *moved):
            continue
        if objective_value(inst, *moved) > value + 1e-9:
            return change
    return None


@st.composite
def rich_instances(draw):
    """Two centres, up to three lines each, two years, two sources, a cap, a soft floor."""
    lines, centres = [], []
    for c in ("A", "B"):
        cost = 0
        for item, category in (
            ("P", Category.EQUIPMENT),
            ("Q", Category.SOFTWARE),
            ("R", Category.EQUIPMENT),
        )[: draw(st.integers(1, 3))]:
            need, repair = draw(st.integers(0, 2)), draw(st.integers(0, 1))
            price, value = draw(st.integers(1, 20)), draw(st.integers(1, 9)) / 3
            share = draw(st.sampled_from([1.0, 0.5]))
            lines.append(
                line(
                    c,
                    item,
                    need,
                    price,
                    value,
                    repair=repair,
                    rcost=draw(st.integers(1, 5)),
                    go_live=draw(st.booleans()),
                    head=draw(st.integers(0, need + repair)),
                    tail_value=value / 2,
                    category=category,
                    shares={"province": share, "local": 1 - share}
                    if share < 1
                    else {"province": 1.0},
                )
            )
            cost += need * price + repair * lines[-1].repair_unit_cost
        centres.append(centre(c, bonus=draw(st.integers(0, 3)), cost=cost))
    return instance(
        lines,
        centres,
        years=[2018, 2019],
        year_discount=0.1,
        budget=draw(st.integers(0, 60)),
        budget_by_source_year={
            "province": {2018: draw(st.integers(0, 40)), 2019: draw(st.integers(0, 40))}
        },
        category_caps={Category.SOFTWARE: draw(st.integers(0, 30))},
        fairness_floor=draw(st.sampled_from([0.0, 0.2, 0.5])),
        fairness_penalty=0.05,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rich_instances(), st.booleans())
def test_no_one_unit_change_improves_the_repaired_plan(inst, from_greedy):
    start = greedy_plan(inst) if from_greedy else ({}, {})
    if violations(inst, *start):
        start = ({}, {})
    check = check_and_repair(inst, *start)
    assert check.complete
    assert not violations(inst, check.buys, check.repairs)
    assert objective_value(inst, check.buys, check.repairs) >= objective_value(inst, *start) - 1e-12
    assert _better_neighbour(inst, check.buys, check.repairs) is None


def test_a_hand_made_improving_swap_is_found():
    """A: 1 unit of P (10 đ, worth 1) bought; Q (10 đ, worth 3) not; budget 10.

    Swapping P for Q gains 2; nothing else fits. The check applies exactly that swap.
    """
    inst = instance([line("A", "P", 1, 10, 1.0), line("A", "Q", 1, 10, 3.0)], budget=10)
    check = check_and_repair(inst, {(0, 2018): 1}, {})
    assert check.buys == {(1, 2018): 1}
    assert check.applied == 1


def test_the_2017_demo_plan_has_no_improving_unit(demo_engine):
    """2017 demo at 25 % of the need: the plan after the check has no better neighbour among
    400 sampled adds or removes and 400 sampled swaps (the check itself tries every one)."""
    inst = instance_for(load_workspace(demo_engine), Scenario(budget=0))
    inst = inst.with_budget(int(0.25 * sum(c.cost for c in inst.centres)))
    plan = solve_instance(inst, SolveOptions(time_limit=30), marginals=False)
    assert plan.one_unit == {"applied": plan.one_unit["applied"], "complete": True}
    assert not violations(inst, plan.buys, plan.repairs)
    assert _better_neighbour(inst, plan.buys, plan.repairs, pairs=400) is None


def test_go_live_first_never_trades_an_open_centre_for_value():
    """Go-live first: A's bundle (1 unit, 10 đ, worth 1, bonus 0) is open; B's item (10 đ,
    worth 5) is not a bundle. Budget 10: swapping A's unit for B's gains 4 in value but closes
    A, so with go-live first the plan keeps A; without it, the swap is made."""
    lines = [line("A", "P", 1, 10, 1.0, go_live=True), line("B", "Q", 1, 10, 5.0)]
    centres = [centre("A", bonus=0.5), centre("B")]
    first = instance(lines, centres, budget=10, go_live_first=True)
    assert check_and_repair(first, {(0, 2018): 1}, {}).buys == {(0, 2018): 1}
    plain = instance(lines, centres, budget=10)
    assert check_and_repair(plain, {(0, 2018): 1}, {}).buys == {(1, 2018): 1}
