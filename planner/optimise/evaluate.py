"""Score any plan (``solve --json`` shape) on an instance and list every rule it breaks.

The plan's own costs are not trusted: only ``centre``, ``item``, ``quantity``, ``year`` and
``repair`` of each line are read (``renewal`` rows of recurring items are skipped, as their
charge follows from the purchase row); money and value are recomputed from the instance with
:mod:`planner.optimise.accounting`, the arithmetic the model itself uses.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from planner import labels
from planner.optimise.accounting import (
    Buys,
    Repairs,
    Totals,
    budget_rows,
    coverage,
    fairness_shortfall,
    objective_value,
    totals,
)
from planner.optimise.explain import ports_free
from planner.optimise.instance import Instance

_TOL = 0.5  # đồng; shares make fractional đồng, whole-đồng rounding is not a violation


def decision_from_plan(inst: Instance, plan: dict[str, Any]) -> tuple[Buys, Repairs, list[str]]:
    """Quantities of a plan document, and the violations found while reading it."""
    index = inst.line_index()
    buys: Buys = defaultdict(int)
    repairs: Repairs = defaultdict(int)
    problems = []
    for row in plan.get("lines", []):
        if row.get("renewal"):
            continue
        key = (str(row.get("centre")), str(row.get("item")))
        q, year = row.get("quantity"), row.get("year", inst.years[0])
        fmt = {"centre": key[0], "item": key[1], "quantity": q, "year": year}
        if key not in index:
            problems.append(labels.VIOLATION["unknown_line"].format(**fmt))
            continue
        if not isinstance(q, int) or isinstance(q, bool) or q < 0:
            problems.append(labels.VIOLATION["bad_quantity"].format(**fmt))
            continue
        if year not in inst.years:
            problems.append(labels.VIOLATION["bad_year"].format(**fmt))
            continue
        if row.get("repair"):
            repairs[index[key]] += q
        else:
            buys[(index[key], year)] += q
    return dict(buys), dict(repairs), problems


def violations(inst: Instance, buys: Buys, repairs: Repairs) -> list[str]:
    """Every rule of the model the decision breaks, in Vietnamese, with the numbers."""
    out: list[str] = []
    cov = coverage(buys, repairs)
    rows = budget_rows(inst)
    # the spending is totalled only where a rule reads it (a centre alone has no such row)
    needs_totals = rows or inst.category_caps or inst.category_floors or inst.fairness_hard
    tot = totals(inst, buys, repairs) if needs_totals else Totals()
    bought: dict[int, int] = defaultdict(int)
    for (i, _), q in buys.items():
        bought[i] += q
    for i, line in enumerate(inst.lines):
        fmt = {"centre": line.centre, "item": line.item}
        if line.excluded and cov.get(i, 0) > 0:
            out.append(labels.VIOLATION["excluded"].format(**fmt))
        if bought[i] > line.need:
            out.append(
                labels.VIOLATION["over_need"].format(**fmt, quantity=bought[i], limit=line.need)
            )
        if repairs.get(i, 0) > line.repair_max:
            out.append(
                labels.VIOLATION["over_repair"].format(
                    **fmt, quantity=repairs[i], limit=line.repair_max
                )
            )
    for row in rows:
        used = tot.row_usage(row)
        if used > row.limit + _TOL:
            out.append(
                labels.VIOLATION["budget"].format(
                    rule=row.name, used=labels.money(used), limit=labels.money(row.limit)
                )
            )
    for category, cap in inst.category_caps.items():
        used = tot.by_category.get(category.value, 0.0)
        if used > cap + _TOL:
            out.append(
                labels.VIOLATION["cap"].format(
                    category=category.value, used=labels.money(used), limit=labels.money(cap)
                )
            )
    for category, floor in inst.category_floors.items():
        used = tot.by_category.get(category.value, 0.0)
        if used < floor - _TOL:
            out.append(
                labels.VIOLATION["floor"].format(
                    category=category.value, used=labels.money(used), limit=labels.money(floor)
                )
            )
    out += _dependency_violations(inst, cov)
    index = inst.line_index()
    for rule in inst.must_buy:
        got = cov.get(index[(rule.centre, rule.item)], 0)
        if got < rule.quantity:
            out.append(
                labels.VIOLATION["must_buy"].format(
                    centre=rule.centre, item=rule.item, quantity=got, limit=rule.quantity
                )
            )
    if inst.fairness_hard:
        for code, short in fairness_shortfall(inst, tot).items():
            if short > _TOL:
                limit = inst.fairness_floor * next(c.cost for c in inst.centres if c.code == code)
                out.append(
                    labels.VIOLATION["fairness"].format(
                        centre=code, used=labels.money(limit - short), limit=labels.money(limit)
                    )
                )
    return out


def _dependency_violations(inst: Instance, cov: dict[int, int]) -> list[str]:
    """constraints.dependencies and constraints.network_ports, checked on numbers."""
    out = []
    index = inst.line_index()
    for d in inst.dependencies:
        i, j = index[(d.centre, d.item)], index[(d.centre, d.requires)]
        item, req = inst.lines[i], inst.lines[j]
        if d.kind == "ratio":
            broken = (
                item.good + cov.get(i, 0)
                > d.ratio * (req.good + cov.get(j, 0)) + d.allowance + 1e-9
            )
        else:
            broken = cov.get(i, 0) > item.gap * cov.get(j, 0)
        if broken:
            out.append(
                labels.VIOLATION["dependency"].format(
                    centre=d.centre, item=d.item, requires=d.requires, kind=d.kind
                )
            )
    for centre, free in ports_free(inst, cov).items():
        if free < 0:
            out.append(labels.VIOLATION["ports"].format(centre=centre, missing=int(-free)))
    return out


def evaluate(inst: Instance, plan: dict[str, Any]) -> dict[str, object]:
    """``{"feasible": bool, "violations": [...], "objective": number}`` (docs/cli.md)."""
    buys, repairs, problems = decision_from_plan(inst, plan)
    found = problems + violations(inst, buys, repairs)
    return {
        "feasible": not found,
        "violations": found,
        "objective": objective_value(inst, buys, repairs),
        "spent": round(totals(inst, buys, repairs).total),
    }
