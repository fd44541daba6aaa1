"""The spreadsheet method, as a baseline: fund by value per đồng until the money runs out.

Must-buy lines first; then "chunks" (the repairs of a line, the first value segment of its
purchases, the rest) in decreasing value per đồng, each taking as many units as every budget
row, category cap, dependency and switch-port limit still allows, all in the first year. Two
passes, so that a device skipped for want of its prerequisite gets a second chance. The
go-live bonus is not looked at — that is what a ranked spreadsheet misses — but the result is
scored with the model's own objective (accounting.objective_value), so the two are comparable.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from planner.optimise.accounting import (
    Buys,
    Repairs,
    budget_rows,
    buy_charges,
    objective_value,
    repair_charges,
)
from planner.optimise.explain import ports_free
from planner.optimise.instance import Instance

# (kind, key, what): ("chunk", line, units) or ("bundle", centre, its go-live lines); key and
# what are read after the kind is checked, so they are not narrowed here.
Activity = tuple[str, Any, Any]


class _State:
    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.rows = budget_rows(inst)
        self.room = {row.name: float(row.limit) for row in self.rows}
        self.cap_room = {k.value: float(v) for k, v in inst.category_caps.items()}
        self.cov: dict[int, int] = defaultdict(int)
        self.buys: Buys = defaultdict(int)
        self.repairs: Repairs = defaultdict(int)
        self.index = inst.line_index()
        self.deps = defaultdict(list)
        for d in inst.dependencies:
            self.deps[self.index[(d.centre, d.item)]].append(d)
        self.free = ports_free(inst, {})
        self.switch_lines = {
            self.index[(c.code, inst.switch_item)]
            for c in inst.centres
            if c.spare_ports is not None and (c.code, inst.switch_item) in self.index
        }

    def unit_charges(self, i: int, repair: bool) -> dict[str, float]:
        """Đồng per unit charged to each budget row."""
        line, year = self.inst.lines[i], self.inst.years[0]
        charges = repair_charges(self.inst, line) if repair else buy_charges(self.inst, line, year)
        per_row: dict[str, float] = defaultdict(float)
        for source, charged, amount in charges:
            for row in self.rows:
                if row.covers(source, charged):
                    per_row[row.name] += amount
        return per_row

    def limit(self, i: int, repair: bool, wanted: int) -> int:
        """How many of ``wanted`` units every rule still allows."""
        line = self.inst.lines[i]
        q = wanted
        for name, amount in self.unit_charges(i, repair).items():
            if amount > 0:
                q = min(q, math.floor((self.room[name] + 1e-6) / amount))
        unit = (
            line.budget_repair_cost
            if repair
            else line.budget_price * len(self.inst.buy_cost_years(line, self.inst.years[0]))
        )
        cap = self.cap_room.get(line.category.value)
        if cap is not None and unit > 0:
            q = min(q, math.floor((cap + 1e-6) / unit))
        for d in self.deps.get(i, []):
            j = self.index[(d.centre, d.requires)]
            req = self.inst.lines[j]
            if d.kind == "ratio":
                q = min(
                    q,
                    math.floor(
                        d.ratio * (req.good + self.cov[j])
                        + d.allowance
                        - line.good
                        - self.cov[i]
                        + 1e-9
                    ),
                )
            elif self.cov[j] == 0:
                q = 0
        if line.network_ports > 0:
            q = min(q, math.floor(self.free[line.centre] / line.network_ports))
        return max(0, q)

    def take(self, i: int, repair: bool, q: int) -> None:
        if q <= 0:
            return
        line = self.inst.lines[i]
        for name, amount in self.unit_charges(i, repair).items():
            self.room[name] -= amount * q
        unit = (
            line.budget_repair_cost
            if repair
            else line.budget_price * len(self.inst.buy_cost_years(line, self.inst.years[0]))
        )
        if line.category.value in self.cap_room:
            self.cap_room[line.category.value] -= unit * q
        if repair:
            self.repairs[i] += q
        else:
            self.buys[(i, self.inst.years[0])] += q
        self.cov[i] += q
        self.free[line.centre] -= line.network_ports * q
        if i in self.switch_lines:
            self.free[line.centre] += self.inst.ports_per_switch * q

    def fund(self, i: int, units: int) -> None:
        """Up to ``units`` more units of line ``i``: repairs first (cheaper), then purchases."""
        line = self.inst.lines[i]
        rep = min(units, line.repair_max - self.repairs[i])
        if rep > 0:
            q = self.limit(i, True, rep)
            self.take(i, True, q)
            units -= q
        bought = self.buys[(i, self.inst.years[0])]
        buy = min(units, line.need - bought)
        if buy > 0:
            self.take(i, False, self.limit(i, False, buy))


def _chunks(inst: Instance) -> list[tuple[float, int, int]]:
    """(value per đồng, line, units) for the first segment and the rest of every open line."""
    out = []
    for i, line in enumerate(inst.lines):
        if not line.open:
            continue
        price = line.budget_repair_cost if line.repair_max >= line.head else line.budget_price
        head, tail = line.head, line.gap - line.head
        if head > 0 and price > 0:
            out.append((line.value / price, i, head))
        if tail > 0 and line.budget_price > 0:
            out.append((line.tail_value / line.budget_price, i, tail))
    out.sort(key=lambda c: (-c[0], c[1]))
    return out


def greedy_plan(inst: Instance) -> tuple[Buys, Repairs]:
    """The baseline decision (module docstring)."""
    state = _State(inst)
    index = inst.line_index()
    for rule in inst.must_buy:
        i = index[(rule.centre, rule.item)]
        state.fund(i, rule.quantity - state.cov[i])
    chunks = _chunks(inst)
    for _ in range(2):
        for _, i, units in chunks:
            left = inst.lines[i].gap - state.cov[i]
            if left > 0:
                state.fund(i, min(units, left))
    return (
        {k: v for k, v in state.buys.items() if v},
        {k: v for k, v in state.repairs.items() if v},
    )


def greedy_summary(inst: Instance, plan: tuple[Buys, Repairs] | None = None) -> dict[str, float]:
    """The baseline's value and spending, for the plan JSON (``greedy`` key)."""
    from planner.optimise.accounting import totals

    buys, repairs = plan or greedy_plan(inst)
    return {
        "objective": objective_value(inst, buys, repairs),
        "spent": round(totals(inst, buys, repairs).total),
        "lines": len(buys) + len(repairs),
    }


def _bundle_activities(inst: Instance) -> list[tuple[float, str, list[int]]]:
    """(value per đồng, centre, go-live lines) of completing each centre's go-live bundle.

    The value counts the bonus and the bundle's units at their segment values; the cost is the
    bundle's remaining gap at purchase (or repair) prices.
    """
    by_centre = defaultdict(list)
    for i, line in enumerate(inst.lines):
        if line.go_live and line.gap > 0:
            by_centre[line.centre].append(i)
    out = []
    for c in inst.centres:
        lines = by_centre.get(c.code, [])
        if c.go_live_bonus <= 0 or not lines or any(inst.lines[i].excluded for i in lines):
            continue
        value, cost = c.go_live_bonus, 0.0
        for i in lines:
            line = inst.lines[i]
            value += line.value * line.head + line.tail_value * (line.gap - line.head)
            cost += line.budget_repair_cost * line.repair_max + line.budget_price * line.need
        if cost > 0:
            out.append((value / cost, c.code, lines))
    return out


def bundle_first_plan(
    inst: Instance, seed: tuple[Buys, Repairs] | None = None
) -> tuple[Buys, Repairs]:
    """A better starting plan for the solver than the baseline: it also weighs go-live bundles.

    Completing a centre's bundle is one more "chunk", ranked by its value per đồng (bonus
    included) among the line chunks; a bundle is funded line by line, prerequisites and
    switches first, only while the money for all of it is left. Not the reported baseline —
    that stays the spreadsheet method — only a start that the branch and bound improves on.

    ``seed``: a feasible first-year plan to start from (the money it spends is gone); the
    activities then only spend what it left (decompose fills its price-based plans this way).
    """
    state = _State(inst)
    if seed is not None:
        buys, repairs = seed
        for (i, _), q in buys.items():
            state.take(i, False, q)
        for i, q in repairs.items():
            state.take(i, True, q)
    index = inst.line_index()
    for rule in inst.must_buy:
        i = index[(rule.centre, rule.item)]
        state.fund(i, rule.quantity - state.cov[i])
    required = {index[(d.centre, d.requires)] for d in inst.dependencies}
    activities = ranked_activities(inst)
    for _ in range(2):
        for _, (kind, key, what) in activities:
            if kind == "chunk":
                left = inst.lines[key].gap - state.cov[key]
                if left > 0:
                    state.fund(key, min(what, left))
            elif _affordable(state, what):
                for i in sorted(
                    what, key=lambda i: (i not in state.switch_lines, i not in required)
                ):
                    state.fund(i, inst.lines[i].gap - state.cov[i])
    return (
        {k: v for k, v in state.buys.items() if v},
        {k: v for k, v in state.repairs.items() if v},
    )


def start_plan(inst: Instance, *plans: tuple[Buys, Repairs]) -> tuple[Buys, Repairs]:
    """The best of ``plans``, the baseline and the bundle-first plan: a solver's starting plan."""
    candidates = list(plans) or [greedy_plan(inst)]
    return max([*candidates, bundle_first_plan(inst)], key=lambda p: objective_value(inst, *p))


def ranked_activities(inst: Instance) -> list[tuple[float, Activity]]:
    """Line chunks and whole go-live bundles, best value per đồng first: ``(ratio, (kind, key, what))``."""
    activities: list[tuple[float, Activity]] = [
        (ratio, ("bundle", code, lines)) for ratio, code, lines in _bundle_activities(inst)
    ]
    activities += [(ratio, ("chunk", i, units)) for ratio, i, units in _chunks(inst)]
    activities.sort(key=lambda a: -a[0])
    return activities


def _affordable(state: _State, lines: list[int]) -> bool:
    """Whether every budget row still holds the rest of these lines (repairs at repair cost)."""
    need: dict[str, float] = defaultdict(float)
    for i in lines:
        line = state.inst.lines[i]
        rep = max(0, line.repair_max - state.repairs[i])
        buy = max(0, line.gap - state.cov[i] - rep)
        for name, amount in state.unit_charges(i, True).items():
            need[name] += amount * rep
        for name, amount in state.unit_charges(i, False).items():
            need[name] += amount * buy
    return all(amount <= state.room[name] + 1e-6 for name, amount in need.items())
