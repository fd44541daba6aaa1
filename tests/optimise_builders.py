"""Small optimiser instances built by hand, shared by the optimiser tests (and a brute force)."""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from planner.models import Category
from planner.optimise.accounting import objective_value
from planner.optimise.evaluate import violations
from planner.optimise.instance import CentreData, DependencyData, Instance, LineData


def line(
    centre,
    item,
    need,
    price,
    value,
    *,
    repair=0,
    rcost=0,
    good=0,
    go_live=False,
    ports=0,
    category=Category.EQUIPMENT,
    head=None,
    tail_value=None,
    shares=None,
    recurring=False,
    excluded=False,
    factor=1.0,
) -> LineData:
    gap = need + repair
    return LineData(
        centre=centre,
        item=item,
        category=category,
        procurement_field="goods",
        required=good + gap,
        good=good,
        repair_max=repair,
        need=need,
        unit_price=price,
        repair_unit_cost=rcost,
        recurring=recurring,
        go_live=go_live,
        network_ports=ports,
        value=value,
        tail_value=value if tail_value is None else tail_value,
        head=gap if head is None else head,
        shares=shares or {"province": 1.0},
        excluded=excluded,
        budget_factor=factor,
    )


def centre(code, bonus=0.0, cost=0, spare_ports=None) -> CentreData:
    return CentreData(
        code=code,
        name=code,
        level="district",
        mountainous=False,
        weight=1.0,
        go_live_bonus=bonus,
        cost=cost,
        spare_ports=spare_ports,
    )


def instance(lines, centres=None, **kw) -> Instance:
    codes = sorted({x.centre for x in lines})
    data = dict(
        years=[2018],
        sources=["province", "local"],
        budget=None,
        budget_by_year={},
        budget_by_source={},
        budget_by_source_year={},
        category_caps={},
        category_floors={},
        fairness_floor=0.0,
        fairness_hard=False,
        fairness_penalty=1.0,
        year_discount=0.0,
        go_live_first=False,
        switch_item="SW-24P",
        ports_per_switch=24,
        centres=centres or [centre(c) for c in codes],
        lines=lines,
        dependencies=[],
        must_buy=[],
    )
    data.update(kw)
    return Instance(**data)


def brute_force(inst: Instance) -> float:
    """Best objective over every integer decision (tiny instances only)."""
    ranges = []
    for i, x in enumerate(inst.lines):
        ranges.append([("b", i, q) for q in range(x.need + 1)] if not x.excluded else [("b", i, 0)])
        ranges.append(
            [("r", i, q) for q in range(x.repair_max + 1)] if not x.excluded else [("r", i, 0)]
        )
    best = float("-inf")
    for combo in itertools.product(*ranges):
        buys = {(i, inst.years[0]): q for kind, i, q in combo if kind == "b" and q}
        repairs = {i: q for kind, i, q in combo if kind == "r" and q}
        if not violations(inst, buys, repairs):
            best = max(best, objective_value(inst, buys, repairs))
    return best


@st.composite
def tiny_instances(draw):
    lines = []
    for c in ("A", "B")[: draw(st.integers(1, 2))]:
        for item in ("P", "Q", "R")[: draw(st.integers(1, 3))]:
            need = draw(st.integers(0, 2))
            repair = draw(st.integers(0, 1))
            value = draw(st.integers(1, 9))
            lines.append(
                line(
                    c,
                    item,
                    need,
                    draw(st.integers(1, 20)),
                    value / 3,
                    repair=repair,
                    rcost=draw(st.integers(1, 5)),
                    go_live=draw(st.booleans()),
                    head=draw(st.integers(0, need + repair)),
                    tail_value=draw(st.integers(0, value)) / 3,
                )
            )
    codes = sorted({x.centre for x in lines})
    centres = [centre(c, bonus=draw(st.integers(0, 3))) for c in codes]
    deps = []
    if draw(st.booleans()) and any(x.item == "Q" for x in lines):
        c = next(x.centre for x in lines if x.item == "Q")
        kind = draw(st.sampled_from(["ratio", "presence"]))
        deps.append(
            DependencyData(centre=c, item="P", requires="Q", kind=kind, ratio=1.0, allowance=0)
        )
    return instance(lines, centres, budget=draw(st.integers(0, 60)), dependencies=deps)
