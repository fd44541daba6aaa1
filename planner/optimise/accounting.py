"""Money and value of a set of quantities, computed the one way model, greedy and evaluator share.

A *decision* is ``buy[(line index, year)]`` (new units bought in that year) and
``repair[line index]`` (repairable units put back into use, paid in the first year). The model
expresses the same sums as linear expressions; these functions evaluate them on numbers, so
``planner evaluate`` and the MILP agree by construction (tests check it, too).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from planner.optimise.instance import Instance, LineData

Buys = dict[tuple[int, int], int]
Repairs = dict[int, int]


@dataclass(frozen=True)
class BudgetRow:
    """One budget rule: the đồng charged to ``sources`` in ``years`` must not exceed ``limit``."""

    name: str  # stable id, also the constraint name in the model
    kind: str  # total | year | source | source_year
    limit: int
    sources: frozenset[str] | None = None  # None: every source
    years: frozenset[int] | None = None  # None: every year

    def covers(self, source: str, year: int) -> bool:
        return (self.sources is None or source in self.sources) and (
            self.years is None or year in self.years
        )


def budget_rows(inst: Instance) -> list[BudgetRow]:
    """Every finite budget of the instance, as rows (the scenario module lists the four kinds)."""
    rows = []
    if inst.budget is not None:
        rows.append(BudgetRow("budget_total", "total", inst.budget))
    for y, amount in sorted(inst.budget_by_year.items()):
        rows.append(BudgetRow(f"budget_y{y}", "year", amount, years=frozenset([y])))
    for s, amount in sorted(inst.budget_by_source.items()):
        rows.append(BudgetRow(f"budget_{s}", "source", amount, sources=frozenset([s])))
    for s, by_year in sorted(inst.budget_by_source_year.items()):
        for y, amount in sorted(by_year.items()):
            rows.append(
                BudgetRow(f"budget_{s}_y{y}", "source_year", amount, frozenset([s]), frozenset([y]))
            )
    return rows


def buy_charges(inst: Instance, line: LineData, year: int) -> Iterator[tuple[str, int, float]]:
    """``(source, charged year, đồng)`` per unit bought in ``year`` (recurring: every later year too).

    Đồng on the budget's basis (``line.budget_price``: the estimate, or the package price).
    """
    for charged in inst.buy_cost_years(line, year):
        for source, share in line.shares.items():
            yield source, charged, share * line.budget_price


def repair_charges(inst: Instance, line: LineData) -> Iterator[tuple[str, int, float]]:
    """``(source, year, đồng)`` per repaired unit; repairs are paid in the first year."""
    for source, share in line.shares.items():
        yield source, inst.years[0], share * line.budget_repair_cost


@dataclass
class Totals:
    """Đồng charged by (source, year) and by category (on the budget's basis, as the budget,
    cap and floor rows count them), and the estimate funded per centre (the fairness floor's)."""

    by_source_year: dict[tuple[str, int], float] = field(default_factory=lambda: defaultdict(float))
    by_category: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    by_centre: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def row_usage(self, row: BudgetRow) -> float:
        return sum(v for (s, y), v in self.by_source_year.items() if row.covers(s, y))

    @property
    def total(self) -> float:
        return sum(self.by_source_year.values())

    def by_source(self) -> dict[str, float]:
        out: dict[str, float] = defaultdict(float)
        for (s, _), v in self.by_source_year.items():
            out[s] += v
        return dict(out)


def totals(inst: Instance, buys: Buys, repairs: Repairs) -> Totals:
    """Spending of a decision, every way the rules and reports slice it."""
    out = Totals()
    for (i, year), q in buys.items():
        line = inst.lines[i]
        for source, charged, amount in buy_charges(inst, line, year):
            out.by_source_year[(source, charged)] += amount * q
            out.by_category[line.category.value] += amount * q
        out.by_centre[line.centre] += line.unit_price * q
    for i, q in repairs.items():
        line = inst.lines[i]
        for source, year, amount in repair_charges(inst, line):
            out.by_source_year[(source, year)] += amount * q
            out.by_category[line.category.value] += amount * q
        out.by_centre[line.centre] += line.repair_unit_cost * q
    return out


def coverage(buys: Buys, repairs: Repairs) -> dict[int, int]:
    """Units added per line (bought in any year + repaired)."""
    out: dict[int, int] = defaultdict(int)
    for (i, _), q in buys.items():
        out[i] += q
    for i, q in repairs.items():
        out[i] += q
    return out


def go_live(inst: Instance, cov: dict[int, int]) -> dict[str, bool]:
    """A centre is open when every go-live line reaches its norm (``good + added ≥ required``)."""
    ready = {c.code: True for c in inst.centres}
    for i, line in enumerate(inst.lines):
        if line.go_live and line.gap > 0 and cov.get(i, 0) < line.gap:
            ready[line.centre] = False
    return ready


def fairness_shortfall(inst: Instance, tot: Totals) -> dict[str, float]:
    """Đồng each centre is below ``fairness_floor × cost`` (0 when met or no floor)."""
    if inst.fairness_floor <= 0:
        return {}
    return {
        c.code: max(0.0, inst.fairness_floor * c.cost - tot.by_centre.get(c.code, 0.0))
        for c in inst.centres
    }


def objective_value(inst: Instance, buys: Buys, repairs: Repairs) -> float:
    """The model's objective on numbers (see model.objective for the formula)."""
    cov = coverage(buys, repairs)
    value = 0.0
    for (i, year), q in buys.items():
        value += inst.lines[i].value * inst.year_weight(year) * q
    for i, q in repairs.items():
        value += inst.lines[i].value * q
    for i, units in cov.items():
        line = inst.lines[i]
        value -= (line.value - line.tail_value) * max(0, units - line.head)
    opened = go_live(inst, cov)
    value += sum(c.go_live_bonus for c in inst.centres if opened[c.code] and c.go_live_bonus > 0)
    if not inst.fairness_hard and inst.fairness_floor > 0:  # no floor: no shortfall to total
        value -= inst.fairness_penalty * sum(
            fairness_shortfall(inst, totals(inst, buys, repairs)).values()
        )
    return value


def full_need_value(inst: Instance) -> float:
    """The objective of meeting every need the scenario may fund: the 100 of the need-met score.

    Every open line's whole gap bought in the first year (year weight 1; a repair is worth what a
    purchase is), so every centre whose go-live lines are all open opens; nothing is spent short
    of a fairness floor (each centre gets at least its need's cost). No plan is worth more:
    each term of :func:`objective_value` only grows with coverage and with earlier years.
    """
    everything = {(i, inst.years[0]): x.gap for i, x in enumerate(inst.lines) if x.open}
    return objective_value(inst, everything, {})


def need_met_score(value: float | None, full: float) -> float | None:
    """``value`` on the scale a planner reads: 100 = every need met (see :func:`full_need_value`).

    The score is the objective rescaled, so it weighs what the objective weighs (centre weights,
    go-live bonuses, diminishing value, earlier years, a soft fairness floor's penalty) and the
    optimum of the score is the optimum of the objective. ``None`` when there is no value or no
    need to meet.
    """
    if value is None or full <= 0:
        return None
    return 100.0 * value / full
