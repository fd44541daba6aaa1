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


def _buy_choices(inst: Instance, i: int) -> list[tuple[int, ...]]:
    """Units of line i bought in each year of the horizon, at most its need in all."""
    need = 0 if inst.lines[i].excluded else inst.lines[i].need
    return [q for q in itertools.product(range(need + 1), repeat=len(inst.years)) if sum(q) <= need]


def brute_force(inst: Instance) -> float:
    """Best objective over every integer decision, every year of the horizon (tiny instances
    only); ``-inf`` when no decision keeps every rule."""
    ranges = []
    for i, x in enumerate(inst.lines):
        ranges.append([("b", i, q) for q in _buy_choices(inst, i)])
        ranges.append(
            [("r", i, q) for q in range(x.repair_max + 1)] if not x.excluded else [("r", i, 0)]
        )
    best = float("-inf")
    for combo in itertools.product(*ranges):
        buys = {
            (i, year): n
            for kind, i, q in combo
            if kind == "b"
            for year, n in zip(inst.years, q, strict=True)
            if n
        }
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


@st.composite
def tiny_linked_instances(draw):
    """Two or three centres tied by the rules a province really sets: budgets per funding
    source × year (each source paying its share of each unit; a recurring item charged every
    later year), a software cap, an equipment floor, and a soft fairness floor per centre.

    Money in thousands of đồng: shares split a unit's price into fractions of a đồng, and the
    referee allows half a đồng on a row, which the model does not."""
    years = [2018, 2019][: draw(st.integers(1, 2))]
    lines = []
    for c in ("A", "B", "C")[: draw(st.integers(2, 3))]:
        for item, category in (("P", Category.EQUIPMENT), ("Q", Category.SOFTWARE)):
            if not draw(st.booleans()):
                continue
            need = draw(st.integers(0, 2 if len(years) == 1 else 1))
            value = draw(st.integers(1, 9))
            local = draw(st.sampled_from([0.0, 0.4, 1.0]))
            shares = {s: v for s, v in (("province", 1 - local), ("local", local)) if v > 0}
            lines.append(
                line(
                    c,
                    item,
                    need,
                    1000 * draw(st.integers(1, 20)),
                    value / 3,
                    repair=draw(st.integers(0, 1)),
                    rcost=1000 * draw(st.integers(1, 5)),
                    go_live=draw(st.booleans()),
                    category=category,
                    shares=shares,
                    recurring=item == "Q" and draw(st.booleans()),
                )
            )
    if not lines:
        lines.append(line("A", "P", 1, 10, 1.0))
    codes = sorted({x.centre for x in lines})
    cost = {
        c: sum(
            x.need * x.unit_price + x.repair_max * x.repair_unit_cost
            for x in lines
            if x.centre == c
        )
        for c in codes
    }
    centres = [centre(c, bonus=draw(st.integers(0, 3)), cost=cost[c]) for c in codes]
    by_source_year = {
        s: {y: 1000 * draw(st.integers(0, 30)) for y in years} for s in ("province", "local")
    }
    rules: dict = {"budget_by_source_year": by_source_year}
    if draw(st.booleans()):
        rules["category_caps"] = {Category.SOFTWARE: 1000 * draw(st.integers(0, 30))}
    if draw(st.booleans()):
        rules["category_floors"] = {Category.EQUIPMENT: 1000 * draw(st.integers(0, 10))}
    if draw(st.booleans()):
        rules.update(fairness_floor=0.3, fairness_penalty=draw(st.sampled_from([1e-5, 1e-4])))
    return instance(
        lines,
        centres,
        years=years,
        year_discount=draw(st.sampled_from([0.0, 0.2])),
        **rules,
    )
