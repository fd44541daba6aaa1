"""The result of a solve: funded lines with their funding split, unmet needs, KPIs, solver stats.

``plan_json`` writes the ``planner solve --json`` shape of docs/cli.md; it accepts ``extra`` keys
(procurement adds ``packages`` and ``procurement_regime``). ``Plan.plan_lines()`` gives the
funded lines as :class:`planner.models.PlanLine`, the contract with procurement.

A recurring item bought in year t appears once per charged year: the row of year t, then
``renewal`` rows for the later years, so that the lines add up to what the budgets pay.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from planner.models import PlanLine
from planner.optimise.accounting import (
    Buys,
    Repairs,
    coverage,
    full_need_value,
    go_live,
    need_met_score,
    totals,
)
from planner.optimise.instance import Instance, LineData


def split_funding(cost: int, shares: dict[str, float]) -> dict[str, int]:
    """Whole-đồng parts of ``cost`` by share; the rounding remainder goes to the largest share."""
    parts = {s: int(cost * v) for s, v in shares.items()}
    largest = max(shares, key=lambda s: (shares[s], s))
    parts[largest] += cost - sum(parts.values())
    return parts


@dataclass
class Plan:
    """A solved (or refused) scenario; see the module docstring."""

    inst: Instance
    status: str
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    solve_seconds: float = 0.0
    build_seconds: float = 0.0
    solver: str = ""
    buys: Buys = field(default_factory=dict)
    repairs: Repairs = field(default_factory=dict)
    greedy: dict[str, float] | None = None
    marginal: dict[str, Any] | None = None
    infeasibility: dict[str, Any] | None = None
    method: str = "milp"  # milp (whole model) | decomposition (by centre, national size)
    # the one-unit check after the solve (optimiser.one_unit_check)
    one_unit: dict[str, int | bool] | None = None

    def rows(self) -> list[dict[str, Any]]:
        """Every funded row (purchase, renewal or repair) with cost and funding split."""
        inst, out = self.inst, []
        for (i, year), q in sorted(self.buys.items()):
            line = inst.lines[i]
            for charged in inst.buy_cost_years(line, year):
                out.append(_row(line, q, line.unit_price, charged, year, repair=False))
        for i, q in sorted(self.repairs.items()):
            out.append(
                _row(
                    inst.lines[i],
                    q,
                    inst.lines[i].repair_unit_cost,
                    inst.years[0],
                    inst.years[0],
                    repair=True,
                )
            )
        return out

    def plan_lines(self) -> list[PlanLine]:
        """The funded rows as procurement's :class:`PlanLine`, in the order of :meth:`rows`.

        The order matters: procurement packages refer to lines by their index in the
        ``solve --json`` document's ``lines``, which is :meth:`rows`.
        """
        return [
            PlanLine(
                centre=r["centre"],
                item=r["item"],
                category=r["category"],
                procurement_field=r["procurement_field"],
                quantity=r["quantity"],
                unit_price=r["unit_price"],
                cost=r["cost"],
                year=r["year"],
                funding=r["funding"],
                repair=r["repair"],
            )
            for r in self.rows()
        ]

    def centres(self) -> list[dict[str, Any]]:
        """Per centre: funded đồng, coverage of its first-year need cost, go-live."""
        funded: dict[str, int] = defaultdict(int)
        first: dict[str, int] = defaultdict(int)
        for r in self.rows():
            funded[r["centre"]] += r["cost"]
            if not r["renewal"]:
                first[r["centre"]] += r["cost"]
        opened = go_live(self.inst, coverage(self.buys, self.repairs))
        return [
            {
                "centre": c.code,
                "name": c.name,
                "mountainous": c.mountainous,
                "cost": funded[c.code],
                "need_cost": c.cost,
                "coverage": round(first[c.code] / c.cost, 6) if c.cost else 1.0,
                "go_live": opened[c.code],
            }
            for c in self.inst.centres
        ]

    def charged(self) -> dict[str, Any]:
        """What the plan takes from the budgets, on their basis: equal to :meth:`spent` when
        they pay estimates, estimate + contingency + VAT when they pay package prices."""
        tot = totals(self.inst, self.buys, self.repairs)
        by_source: dict[str, float] = defaultdict(float)
        by_year: dict[int, float] = defaultdict(float)
        for (s, y), v in tot.by_source_year.items():
            by_source[s] += v
            by_year[y] += v
        return {
            "total": round(tot.total),
            "by_source": {s: round(v) for s, v in sorted(by_source.items())},
            "by_category": {k: round(v) for k, v in sorted(tot.by_category.items())},
            "by_year": {y: round(v) for y, v in sorted(by_year.items())},
        }

    def spent(self) -> dict[str, Any]:
        rows = self.rows()
        by_source: dict[str, int] = defaultdict(int)
        by_category: dict[str, int] = defaultdict(int)
        by_year: dict[int, int] = defaultdict(int)
        for r in rows:
            for s, v in r["funding"].items():
                by_source[s] += v
            by_category[r["category"]] += r["cost"]
            by_year[r["year"]] += r["cost"]
        return {
            "total": sum(r["cost"] for r in rows),
            "by_source": dict(sorted(by_source.items())),
            "by_category": dict(sorted(by_category.items())),
            "by_year": dict(sorted(by_year.items())),
        }


def _row(
    line: LineData, quantity: int, unit_price: int, year: int, bought: int, repair: bool
) -> dict[str, Any]:
    cost = quantity * unit_price
    return {
        "centre": line.centre,
        "item": line.item,
        "category": line.category.value,
        "procurement_field": line.procurement_field.value,
        "quantity": quantity,
        "unit_price": unit_price,
        "cost": cost,
        "year": year,
        "bought_year": bought,
        "renewal": year != bought,
        "repair": repair,
        "go_live": line.go_live,
        "funding": split_funding(cost, line.shares),
    }


def total_budget(inst: Instance) -> int | None:
    """The most the plan can spend in all, from whichever budget rows bound every đồng.

    A total budget bounds it directly; budgets per source bound it when every source that pays
    a share has one (a paying source without one may pay without limit), per year when every plan year has one, per
    source × year when every pair has one. The least of these, or None when nothing bounds it.
    """
    sources = paying_sources(inst)
    bounds = [] if inst.budget is None else [inst.budget]
    if sources and all(s in inst.budget_by_source for s in sources):
        bounds.append(sum(inst.budget_by_source[s] for s in sources))
    if inst.years and all(y in inst.budget_by_year for y in inst.years):
        bounds.append(sum(inst.budget_by_year[y] for y in inst.years))
    by_pair = inst.budget_by_source_year
    if sources and all(y in by_pair.get(s, {}) for s in sources for y in inst.years):
        bounds.append(sum(by_pair[s][y] for s in sources for y in inst.years))
    return min(bounds) if bounds else None


def paying_sources(inst: Instance) -> list[str]:
    """The sources that pay a share of some line the plan may fund (in the policy's order).

    A source that pays nothing (the "other" source of a scenario funded by the province and the
    communes) needs no budget of its own for the plan's spending to be bounded.
    """
    paying = {s for x in inst.lines if x.open for s, share in x.shares.items() if share > 0}
    return [s for s in inst.sources if s in paying]


def budget_json(inst: Instance) -> dict[str, Any]:
    return {
        "total": total_budget(inst),
        "by_source": dict(inst.budget_by_source),
        "by_year": dict(inst.budget_by_year),
        "by_source_year": {s: dict(v) for s, v in inst.budget_by_source_year.items()},
    }


def need_met_json(
    inst: Instance,
    objective: float | None,
    greedy: dict[str, float] | None,
    marginal: dict[str, Any] | None,
) -> dict[str, float | None]:
    """The objective as a planner reads it: points out of 100 (100 = every need met).

    ``score`` is the plan's objective, ``greedy_score`` the greedy baseline's, and
    ``per_billion`` the marginal value of one more billion, all on that scale (points);
    ``full_value`` is the objective of meeting every need (accounting.full_need_value).
    """
    full = full_need_value(inst)
    marginal_total = (marginal or {}).get("total")
    return {
        "score": need_met_score(objective, full),
        "greedy_score": need_met_score((greedy or {}).get("objective"), full),
        "per_billion": need_met_score(marginal_total, full),
        "full_value": full,
    }


def plan_json(plan: Plan, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ``solve --json`` document (docs/cli.md), plus ``extra`` keys from other modules."""
    from planner.optimise.explain import unmet

    inst = plan.inst
    out = {
        "status": plan.status,
        "objective": plan.objective,
        "bound": plan.bound,
        "gap": plan.gap,
        "solve_seconds": round(plan.solve_seconds, 4),
        "build_seconds": round(plan.build_seconds, 4),
        "solver": plan.solver,
        "method": plan.method,
        "dataset": inst.dataset,
        "scenario": inst.scenario,
        "catalog_version": inst.catalog_version,
        "years": list(inst.years),
        "budget": budget_json(inst),
        "spent": plan.spent(),
        "budget_covers": inst.budget_covers,
        "budget_charged": plan.charged(),
        "lines": plan.rows(),
        "centres": plan.centres(),
        "unmet": unmet(inst, plan.buys, plan.repairs),
        "greedy": plan.greedy,
        "marginal_value_per_billion": plan.marginal,
        "need_met": need_met_json(inst, plan.objective, plan.greedy, plan.marginal),
    }
    if plan.one_unit is not None:
        out["one_unit_check"] = plan.one_unit
    if plan.infeasibility is not None:
        out["infeasibility"] = plan.infeasibility
    out.update(extra or {})
    return out
