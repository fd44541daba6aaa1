"""The constraint families of the budget model, one function each, maths in the docstring.

Notation: l a line (centre c(l) × item), t a year of the horizon T, s a funding source,
``cov_l = Σ_t buy[l,t] + rep[l]`` the units a plan adds to line l, ``good_l`` the good units
the centre already has. Row names are built from ids and stable between runs.
"""

from __future__ import annotations

from collections import defaultdict

import pulp

from planner.optimise.accounting import budget_rows, buy_charges, repair_charges
from planner.optimise.model import FAIR_UNIT, MONEY_ROW_UNIT, Model, Term

LE, GE = pulp.LpConstraintLE, pulp.LpConstraintGE


def need_limits(m: Model) -> None:
    """Bought units never exceed the need over the horizon: ``Σ_t buy[l,t] ≤ need_l``.

    With one year the variable bound says it; rows are only added for multi-year horizons.
    (``rep[l] ≤ repair_max_l`` is always a bound.)
    """
    if len(m.inst.years) < 2:
        return
    by_line = defaultdict(list)
    for (i, _), var in m.buy.items():
        by_line[i].append((var, 1))
    for i, terms in by_line.items():
        line = m.inst.lines[i]
        m.add(f"need_{line.centre}_{line.item}", terms, LE, line.need)


def value_segments(m: Model) -> None:
    """Diminishing value: ``tail_l ≥ cov_l − head_l`` (and ``tail_l ≥ 0`` as a bound).

    The objective pays ``value_l`` per unit and takes back ``value_l − tail_value_l`` per tail
    unit, so maximisation sets ``tail_l = max(0, cov_l − head_l)``: the first ``head_l`` units
    are worth ``value_l`` each, the rest ``tail_value_l``.
    """
    for i, var in m.tail.items():
        line = m.inst.lines[i]
        m.add(f"seg_{line.centre}_{line.item}", [*m.cov(i), (var, -1)], LE, line.head)


def go_live_bundles(m: Model) -> None:
    """A centre opens only with its whole go-live bundle.

    For every go-live line l of c with ``gap_l = need_l + repair_max_l > 0``, opening means
    ``good_l + cov_l ≥ required_l``, i.e. every repairable unit repaired and every missing
    unit bought (both are bounded by exactly those numbers)::

        Σ_t buy[l,t] ≥ need_l · open[c]        rep[l] ≥ repair_max_l · open[c]

    This is the same rule as ``cov_l ≥ gap_l · open[c]`` for whole numbers, written per kind
    of unit because the aggregate lets the LP relaxation "half-open" a centre by repairing
    only its cheap units; so is ``tail_l ≥ (gap_l − head_l) · open[c]``, which stops it from
    buying only a bundle's high-value first units (together they are the convex hull of one
    centre's bundle, which took the 2025 instance from a minute to seconds).

    With ``go_live_first`` also ``Σ_c open[c] ≥ n*`` where n* is the most centres any plan can
    open.
    """
    for i, line in enumerate(m.inst.lines):
        var = m.open.get(line.centre)
        if var is None or not line.go_live or line.gap <= 0:
            continue
        name = f"{line.centre}_{line.item}"
        rep = m.rep.get(i)
        buys = [(v, c) for v, c in m.cov(i) if v is not rep]
        if line.need > 0:
            m.add(f"golive_{name}", [*buys, (var, -line.need)], GE, 0)
        if rep is not None:
            m.add(f"goliverep_{name}", [(rep, 1), (var, -line.repair_max)], GE, 0)
        if i in m.tail:
            m.add(f"golivetail_{name}", [(m.tail[i], 1), (var, -(line.gap - line.head))], GE, 0)
    if m.inst.go_live_first and m.open and not m.elastic:
        # go-live first: the runner solves max Σ open[c] first, then fixes this row's
        # right-hand side to that count and maximises value (lexicographic).
        m.add("golive_count", [(v, 1) for v in m.open.values()], GE, 0)


def dependencies(m: Model) -> None:
    """Items that are useless without another (catalog ``dependencies.csv``).

    ratio:    ``good_i + cov_i ≤ ratio·(good_j + cov_j) + allowance``  (e.g. licences ≤ PCs;
              ``allowance`` = units already over the ratio before the plan, so that an old
              imbalance never makes the empty plan infeasible)
    presence: ``cov_i ≤ gap_i · cov_j``  when the centre has no good unit of j (e.g. counter
              displays need the queue system).
    """
    index = m.inst.line_index()
    for d in m.inst.dependencies:
        i, j = index[(d.centre, d.item)], index[(d.centre, d.requires)]
        item, req = m.inst.lines[i], m.inst.lines[j]
        name = f"dep_{d.centre}_{d.item}_{d.requires}"
        if d.kind == "ratio":
            terms = m.cov(i) + [(v, -d.ratio * c) for v, c in m.cov(j)]
            m.add(
                name,
                terms,
                LE,
                d.ratio * req.good + d.allowance - item.good,
                "dependency",
                d.centre,
            )
        else:
            terms = m.cov(i) + [(v, -item.gap * c) for v, c in m.cov(j)]
            m.add(name, terms, LE, 0, "dependency", d.centre)


def network_ports(m: Model) -> None:
    """Networked devices need switch ports (kept simple: one port per ``network_ports``).

    ``Σ_l ports_l · cov_l ≤ P · cov_switch + spare_c`` per centre, with P = ports per switch
    (24 for SW-24P) and ``spare_c = max(0, P·good switches − ports of good networked units)``:
    only new or repaired devices need new ports; today's devices keep today's cabling.
    """
    inst = m.inst
    index = inst.line_index()
    users: dict[str, list[Term]] = defaultdict(list)
    for i, line in enumerate(inst.lines):
        if line.network_ports > 0 and i in m.cov_terms:
            users[line.centre].extend((v, line.network_ports * c) for v, c in m.cov(i))
    for c in inst.centres:
        if c.spare_ports is None or not users.get(c.code):
            continue
        sw = index.get((c.code, inst.switch_item))
        switches = m.cov(sw) if sw is not None else []
        terms = users[c.code] + [(v, -inst.ports_per_switch * k) for v, k in switches]
        m.add(f"ports_{c.code}", terms, LE, c.spare_ports, "dependency", c.code)


def spending_terms(m: Model) -> dict[tuple[str, int], list[Term]]:
    """Đồng charged to (source, year): share × budget price of every unit bought or repaired."""
    out = defaultdict(list)
    for (i, year), var in m.buy.items():
        for source, charged, amount in buy_charges(m.inst, m.inst.lines[i], year):
            out[(source, charged)].append((var, amount))
    for i, var in m.rep.items():
        for source, year, amount in repair_charges(m.inst, m.inst.lines[i]):
            out[(source, year)].append((var, amount))
    return out


def budgets(m: Model) -> None:
    """Each budget given stays within its limit: ``Σ_{(s,t) ∈ row} spend[s,t] ≤ B_row``.

    ``spend[s,t] = Σ_l share_{l,s} (price_l Σ_{t' ≤ t, charged in t} buy[l,t'] +
    repair_cost_l rep[l]·[t = first year])``; rows: total, per year, per source, per source and
    year (accounting.budget_rows). A single ``--budget B`` is the total row only.
    """
    spend = spending_terms(m)
    for row in budget_rows(m.inst):
        terms = [term for key, ts in spend.items() if row.covers(*key) for term in ts]
        m.add(row.name, terms, LE, row.limit, "budget", row.kind, unit=MONEY_ROW_UNIT)


def category_limits(m: Model) -> None:
    """Caps and floors per category over the horizon: ``floor_k ≤ Σ_{l ∈ k} spend_l ≤ cap_k``.

    ``spend_l`` on the budget's basis: ``budget_price_l × Σ_t buy[l,t]·years charged +
    budget_repair_cost_l × rep[l]`` (the estimate, or the package price; instance docstring).
    """
    inst = m.inst
    if not inst.category_caps and not inst.category_floors:
        return
    terms = defaultdict(list)
    for (i, year), var in m.buy.items():
        line = inst.lines[i]
        amount = line.budget_price * len(inst.buy_cost_years(line, year))
        terms[line.category.value].append((var, amount))
    for i, var in m.rep.items():
        terms[inst.lines[i].category.value].append((var, inst.lines[i].budget_repair_cost))
    for category, cap in inst.category_caps.items():
        m.add(
            f"cap_{category.value}",
            terms[category.value],
            LE,
            cap,
            "cap",
            category.value,
            unit=MONEY_ROW_UNIT,
        )
    for category, floor in inst.category_floors.items():
        m.add(
            f"floor_{category.value}",
            terms[category.value],
            GE,
            floor,
            "floor",
            category.value,
            unit=MONEY_ROW_UNIT,
        )


def fairness(m: Model) -> None:
    """Every centre gets at least ``f`` of its cost: ``spend_c + 10⁶·fair[c] ≥ f · cost_c``.

    ``spend_c`` is the first-year price of what the plan funds at c. ``fair[c] ≥ 0`` (millions
    of đồng, model.FAIR_UNIT) is penalised in the objective (the floor holds whenever it is affordable); with
    ``fairness_hard`` there is no ``fair[c]`` and the floor may make the scenario infeasible.
    """
    inst = m.inst
    if inst.fairness_floor <= 0:
        return
    terms = defaultdict(list)
    for (i, _), var in m.buy.items():
        terms[inst.lines[i].centre].append((var, inst.lines[i].unit_price))
    for i, var in m.rep.items():
        terms[inst.lines[i].centre].append((var, inst.lines[i].repair_unit_cost))
    for c in inst.centres:
        if c.cost <= 0:
            continue
        slack = [(m.fair[c.code], FAIR_UNIT)] if c.code in m.fair else []
        m.add(
            f"fair_{c.code}",
            terms[c.code] + slack,
            GE,
            inst.fairness_floor * c.cost,
            "fairness",
            c.code,
            unit=MONEY_ROW_UNIT,
        )


def must_buy(m: Model) -> None:
    """Lines the scenario requires: ``cov_l ≥ q_l`` (elastic unit: one unit = its price)."""
    index = m.inst.line_index()
    for rule in m.inst.must_buy:
        i = index[(rule.centre, rule.item)]
        line = m.inst.lines[i]
        unit = 1.0 / max(1, line.unit_price)
        m.add(
            f"must_{rule.centre}_{rule.item}",
            m.cov(i),
            GE,
            rule.quantity,
            "must_buy",
            f"{rule.centre}/{rule.item}",
            elastic_unit=unit,
        )


FAMILIES = (
    need_limits,
    value_segments,
    go_live_bundles,
    dependencies,
    network_ports,
    budgets,
    category_limits,
    fairness,
    must_buy,
)
