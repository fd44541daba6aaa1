"""Why a need was not funded, and why a scenario has no plan at all.

Unmet reasons (checked in this order, for the next unit of the line):

- ``policy``     the scenario excludes the item;
- ``dependency`` one more unit would break a dependency (its prerequisite is not funded or
                 the ratio is full) or exceed the switch ports; the row then names the
                 companion item (``companion``) and why that one is not funded
                 (``companion_reason``: its own reason, ``None`` when it has nothing left);
- ``cap``        the category cap has less room than one more unit;
- ``budget``     some budget row has less room than one more unit;
- ``value``      money was left but other lines were worth more per đồng (or within the gap).

Lines that require each other (a cycle of dependencies, e.g. the renovation works and their
survey, design, appraisal and supervision, which must cover the same m²) can only grow
together: for them the next unit is one more unit of every line of the cycle, so the cap and
budget checks charge the whole group, and the row names the lines bought with it
(``bought_with``) instead of blaming one of them for the other.

Infeasibility: the elastic twin of the model (build.build_model(elastic=True)) lets every
budget, cap, floor, must-buy and hard fairness row be exceeded by ``e ≥ 0`` đồng and minimises
the excess (limits cheaper to relax than demands). The rows it relaxes, and the demands that
forced them, are the conflicting rules; the relaxed budget and cap đồng are the shortfall.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from planner import labels
from planner.models import Category
from planner.optimise.accounting import (
    Buys,
    Repairs,
    Totals,
    budget_rows,
    buy_charges,
    coverage,
    repair_charges,
    totals,
)
from planner.optimise.instance import Instance, LineData

if TYPE_CHECKING:
    from planner.optimise.solve import SolveOptions

DEMAND_FAMILIES = ("must_buy", "floor", "fairness")
RULE_SEPARATOR = "; "  # between rules in words, which may hold commas ("cải tạo, sửa chữa")


def unmet(inst: Instance, buys: Buys, repairs: Repairs) -> list[dict[str, Any]]:
    """Every line not fully funded: the units and đồng left, and the reason (module docstring)."""
    cov = coverage(buys, repairs)
    tot = totals(inst, buys, repairs)
    bought: dict[int, int] = defaultdict(int)
    for (i, _), q in buys.items():
        bought[i] += q
    ctx = _Context(inst, cov, tot, repairs)
    out = []
    for i, line in enumerate(inst.lines):
        left = line.gap - cov.get(i, 0)
        if left <= 0:
            continue
        left_repair = line.repair_max - repairs.get(i, 0)
        left_buy = line.need - bought[i]
        reason = ctx.reason(i, line, repair=left_repair > 0)
        row: dict[str, Any] = {
            "centre": line.centre,
            "item": line.item,
            "category": line.category.value,
            "quantity": left,
            "repair_quantity": left_repair,
            "cost": left_buy * line.unit_price + left_repair * line.repair_unit_cost,
            "go_live": line.go_live,
            "reason": reason,
            "reason_text": labels.OPTIMISE_REASON[reason],
        }
        if reason == "dependency":
            row.update(ctx.companion(i, line))
        together = ctx.cycle(i, line)
        if together:
            codes = [inst.lines[j].item for j in together if j != i]
            row["bought_with"] = codes
            row["reason_text"] += "; " + labels.OPTIMISE_UNMET_NOTE["bought_with"].format(
                items=", ".join(codes)
            )
        out.append(row)
    return out


class _Context:
    """What one more unit of a line would run into, given the plan's totals."""

    def __init__(
        self, inst: Instance, cov: dict[int, int], tot: Totals, repairs: Repairs | None = None
    ) -> None:
        self.inst, self.cov, self.tot = inst, cov, tot
        self.repairs = repairs or {}
        self.index = inst.line_index()
        self.rows = budget_rows(inst)
        self.ports = ports_free(inst, cov)
        self.deps = defaultdict(list)
        for d in inst.dependencies:
            self.deps[(d.centre, d.item)].append(d)

    def reason(self, i: int, line: LineData, repair: bool) -> str:
        if line.excluded:
            return "policy"
        group = [i]
        if self._blocking(i, line) is not None:
            group = self.cycle(i, line)
            if not group:
                return "dependency"
            if any(self.inst.lines[j].excluded for j in group):
                return "policy"
        return self._money_reason(group, repair)

    def cycle(self, i: int, line: LineData) -> list[int]:
        """The lines that block each other in a ring through ``line`` (``line`` first), or [].

        They are the strongly connected part of the "blocks" graph that holds ``line``: the
        lines its blockers lead to that lead back to it. One more unit of each of them is the
        smallest step any of them can take.
        """
        ahead = self._reach(i)
        return [i] + [j for j in sorted(ahead - {i}) if i in self._reach(j)] if i in ahead else []

    def _reach(self, i: int) -> set[int]:
        """Lines reached from ``i`` by following what blocks one more unit (``i`` only if a
        path returns to it)."""
        seen: set[int] = set()
        todo = [i]
        while todo:
            k = todo.pop()
            for j in self._blockers(k, self.inst.lines[k]):
                if isinstance(j, int) and j not in seen:
                    seen.add(j)
                    todo.append(j)
        return seen

    def _money_reason(self, group: list[int], repair: bool) -> str:
        """``cap``, ``budget`` or ``value`` for one more unit of every line of ``group``.

        The first line may be a repair (``repair``); the others are bought. A category cap
        blocks when its room is below the group's unit costs in that category; a budget row
        when its room is below the group's charges to the (source, year) it covers.
        """
        unit_costs: dict[str, float] = defaultdict(float)
        extra: dict[tuple[str, int], float] = defaultdict(float)
        for k, j in enumerate(group):
            line = self.inst.lines[j]
            by_repair = repair and k == 0
            unit_costs[line.category.value] += (
                line.budget_repair_cost if by_repair else line.budget_price
            )
            charges = (
                repair_charges(self.inst, line)
                if by_repair
                else buy_charges(self.inst, line, self.inst.years[0])
            )
            for source, year, amount in charges:
                extra[(source, year)] += amount
        for category, cost in unit_costs.items():
            cap = self.inst.category_caps.get(Category(category))
            if cap is not None and cap - self.tot.by_category.get(category, 0.0) < cost - 0.5:
                return "cap"
        for row in self.rows:
            need = sum(v for (s, y), v in extra.items() if row.covers(s, y))
            if need > 0 and row.limit - self.tot.row_usage(row) < need - 0.5:
                return "budget"
        return "value"

    def _blocking(self, i: int, line: LineData) -> int | str | None:
        """The first companion that stops one more unit of ``line`` (see :meth:`_blockers`)."""
        return next(iter(self._blockers(i, line)), None)

    def _blockers(self, i: int, line: LineData) -> list[int | str]:
        """Every companion line that stops one more unit of ``line`` (its index), then the
        switch item's code when the centre's ports are full and it has no switch line."""
        inst, cov = self.inst, self.cov
        out: list[int | str] = []
        for d in self.deps.get(line.key, []):
            j = self.index[(d.centre, d.requires)]
            req = inst.lines[j]
            if d.kind == "ratio":
                if (
                    line.good + cov.get(i, 0) + 1
                    > d.ratio * (req.good + cov.get(j, 0)) + d.allowance + 1e-9
                ):
                    out.append(j)
            elif cov.get(j, 0) == 0:
                out.append(j)
        if line.network_ports > 0 and self.ports[line.centre] < line.network_ports:
            out.append(self.index.get((line.centre, inst.switch_item), inst.switch_item))
        return out

    def companion(self, i: int, line: LineData) -> dict[str, str | None]:
        """The companion a dependency-blocked line waits for, and why that one is not funded.

        ``companion``: its item code; ``companion_reason``: its own unmet reason (budget, value,
        cap, policy…), or ``None`` when it has no unit left to fund (then the rule itself is the
        limit); ``reason_text`` names both.
        """
        j = self._blocking(i, line)
        if j is None:
            return {}
        if isinstance(j, str):
            code, why = j, None
        else:
            req = self.inst.lines[j]
            code = req.item
            left = req.gap - self.cov.get(j, 0)
            repair_left = req.repair_max - self.repairs.get(j, 0) > 0
            why = self.reason(j, req, repair=repair_left) if left > 0 else None
        text = f"{labels.OPTIMISE_REASON['dependency']}: {code}"
        if why is not None:
            text += f" ({labels.OPTIMISE_REASON[why]})"
        return {"companion": code, "companion_reason": why, "reason_text": text}


def ports_free(inst: Instance, cov: dict[int, int]) -> dict[str, float]:
    """Free switch ports per centre after the plan (centres without a switch line: unlimited)."""
    index = inst.line_index()
    free: dict[str, float] = defaultdict(lambda: float("inf"))
    for c in inst.centres:
        sw = index.get((c.code, inst.switch_item))
        if c.spare_ports is not None and sw is not None:
            free[c.code] = inst.ports_per_switch * cov.get(sw, 0) + c.spare_ports
    for k, line in enumerate(inst.lines):
        if line.network_ports > 0:
            free[line.centre] -= line.network_ports * cov.get(k, 0)
    return free


def explain_infeasible(inst: Instance, options: SolveOptions) -> dict[str, Any]:
    """Solve the elastic twin; name the relaxed rules, the demands and the shortfall in đồng."""
    from planner.optimise.build import build_model
    from planner.optimise.solve import Runner

    m = build_model(inst, elastic=True)
    outcome = Runner(m, options).solve()
    relaxed: list[dict[str, Any]] = []
    for name, var in m.elastic_vars.items():
        excess = var.varValue or 0.0
        if outcome.has_plan and excess > 0.5:
            rule = m.rules[name]
            relaxed.append(
                {
                    "rule": name,
                    "family": rule.family,
                    "subject": rule.subject,
                    "limit": round(rule.rhs),
                    "excess": round(excess),
                }
            )
    demands = sorted({r.name for r in m.rules.values() if r.family in DEMAND_FAMILIES})
    if inst.fairness_hard and inst.fairness_floor > 0:
        demands = [d for d in demands if not d.startswith("fair_")] + [
            f"fairness_floor_{inst.fairness_floor:g}"
        ]
    shortfall = sum(r["excess"] for r in relaxed if r["family"] in ("budget", "cap"))
    conflicting = [r["rule"] for r in relaxed] + [
        d for d in demands if d not in {r["rule"] for r in relaxed}
    ]
    message = labels.OPTIMISE["infeasible"].format(
        rules=RULE_SEPARATOR.join(rule_words(inst, rule) for rule in conflicting) or "?",
        shortfall=labels.money(shortfall),
        details=RULE_SEPARATOR.join(_describe(inst, r) for r in relaxed)
        or labels.OPTIMISE["no_detail"],
    )
    return {
        "shortfall": shortfall,
        "relaxed": relaxed,
        "demands": demands,
        "conflicting_rules": conflicting,
        "message": message,
    }


def _describe(inst: Instance, relaxed: dict[str, Any]) -> str:
    template = labels.OPTIMISE_RELAXED[relaxed["family"]]
    return template.format(
        rule=rule_words(inst, relaxed["rule"]),
        subject=relaxed["subject"],
        limit=labels.money(relaxed["limit"]),
        excess=labels.money(relaxed["excess"]),
    )


def rule_words(inst: Instance, rule: str) -> str:
    """A rule of the model (``budget_total``, ``floor_renovation``, ``must_380_PC-DESKTOP``…)
    in the user's words: the names are for the JSON and the solver, never for a reader.

    Read from the instance that made them (its budget rows, categories, centres and required
    lines), so a source or item code with ``_`` in it is never split wrongly; a name this does
    not know is given back as is.
    """
    words = labels.OPTIMISE_RULE
    for row in budget_rows(inst):
        if row.name != rule:
            continue
        source = next(iter(row.sources), "") if row.sources else ""
        year = next(iter(row.years), "") if row.years else ""
        name = labels.FUNDING_SOURCE.get(source, source)
        return words[f"budget_{row.kind}"].format(source=name, year=year)
    for category in Category:
        for family in ("cap", "floor"):
            if rule == f"{family}_{category.value}":
                return words[family].format(category=labels.CATEGORY[category.value].lower())
    centres = {c.code: c.name for c in inst.centres}
    for c in inst.centres:
        if rule == f"fair_{c.code}":
            return words["fairness"].format(centre=c.name)
    for must in inst.must_buy:
        if rule == f"must_{must.centre}_{must.item}":
            return words["must_buy"].format(
                quantity=labels.number(must.quantity),
                item=must.item,
                centre=centres.get(must.centre, must.centre),
            )
    if rule.startswith("fairness_floor_"):
        return words["fairness_floor"].format(
            share=f"{labels.number(100 * inst.fairness_floor, 1)} %"
        )
    return rule
