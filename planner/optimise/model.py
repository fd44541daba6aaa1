"""Build the PuLP MILP from an :class:`~planner.optimise.instance.Instance`.

The model's parts: its variables (``define_variables``) and objective (``objective_terms``);
the constraint families are :mod:`planner.optimise.constraints` (one function each), and
:mod:`planner.optimise.build` puts the three together (PyPSA-style: variables → constraints →
objective), so neither of these two modules imports the other's user. Names are
built from ids (``buy_<centre>_<item>_<year>``), so the LP file written by ``write_lp`` reads
like the data. Only the PuLP ≥ 3.3 API is used (``prob.add_variable``; no ``LpVariable(...)``).

Variables
    buy[l, t] ∈ ℤ, 0 ≤ buy ≤ need_l        new units of line l bought in year t
    rep[l]    ∈ ℤ, 0 ≤ rep ≤ repair_max_l  repairable units put back into use (first year)
    tail[l]   ≥ 0                           units beyond the first value segment
    open[c]   ∈ {0, 1}                      centre c has its whole go-live bundle
    fair[c]   ≥ 0                           millions of đồng below the fairness floor (soft floor)
    elastic[r] ≥ 0                          only in an elastic model (infeasibility explanation)

Objective (maximise)::

    Σ_l value_l (Σ_t w_t buy[l,t] + rep[l]) − (value_l − tail_value_l) tail[l]
      + Σ_c bonus_c open[c] − penalty·FAIR_UNIT Σ_c fair[c]   with w_t = 1 − year_discount·t
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pulp

from planner.optimise.instance import Instance

# Money rows (budgets, caps, floors, fairness) are written in thousands of đồng: prices of up to
# 2·10^8 and budgets of 10^11 đồng next to unit coefficients make HiGHS warn of bad scaling.
# Not millions: HiGHS's feasibility tolerance (1e-6 of a row unit) must stay far below one
# đồng, or a plan may overspend a tight budget by a đồng. Variables and figures stay in đồng.
MONEY_ROW_UNIT = 1e3

# The soft fairness shortfall is measured in millions of đồng. In đồng its objective coefficient
# would be the penalty per đồng (1e-7 at the default weight), which sits at HiGHS's dual
# feasibility tolerance: the solver cannot tell a shortfall from none, leaves slacks above their
# minimum and stalls (2017 phased with a floor stopped at a 9.4 % gap). Per million đồng the
# coefficient is 1e-4, far above every tolerance, and the plan is unchanged (a continuous slack).
FAIR_UNIT = 1e6

ELASTIC_FAMILIES = frozenset({"budget", "cap", "floor", "must_buy", "fairness"})
# In an elastic model, relaxing a demand (must-buy, floor) costs more than relaxing a limit, so
# the explanation says "this much more budget" whenever more budget would resolve it.
ELASTIC_WEIGHT = {"budget": 1.0, "cap": 1.0, "floor": 2.0, "must_buy": 2.0, "fairness": 2.0}

Term = tuple[pulp.LpVariable, float]  # (variable, coefficient) of a row or the objective


@dataclass(frozen=True)
class Rule:
    """A named constraint a planner would recognise (for explanations and sweeps)."""

    name: str
    family: str
    rhs: float
    subject: str = ""  # what it is about: a source, a category, a centre/item


@dataclass
class Model:
    inst: Instance
    prob: pulp.LpProblem
    elastic: bool = False
    buy: dict[tuple[int, int], pulp.LpVariable] = field(default_factory=dict)
    rep: dict[int, pulp.LpVariable] = field(default_factory=dict)
    tail: dict[int, pulp.LpVariable] = field(default_factory=dict)
    open: dict[str, pulp.LpVariable] = field(default_factory=dict)
    fair: dict[str, pulp.LpVariable] = field(default_factory=dict)
    elastic_vars: dict[str, pulp.LpVariable] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict)
    cov_terms: dict[int, list[Term]] = field(default_factory=dict)
    row_unit: dict[str, float] = field(default_factory=dict)  # rows written in scaled units

    def add(
        self,
        name: str,
        terms: Iterable[Term],
        sense: int,
        rhs: float,
        family: str = "",
        subject: str = "",
        elastic_unit: float = 1.0,
        unit: float = 1.0,
    ) -> pulp.LpConstraint:
        """Add ``Σ terms (sense) rhs``; terms are (variable, coefficient) pairs, repeats summed.

        In an elastic model a row of an :data:`ELASTIC_FAMILIES` family gets a variable
        ``e ≥ 0`` (in đồng, ``elastic_unit`` converts): ``≤`` rows become ``expr − e ≤ rhs``,
        ``≥`` rows ``expr + e ≥ rhs``. ``unit`` divides the whole row (e.g. đồng → millions)
        without changing its meaning; :meth:`set_rhs`-style callers give đồng and are converted.
        """
        coeffs: dict[pulp.LpVariable, float] = defaultdict(float)
        for var, coef in terms:
            coeffs[var] += coef
        if self.elastic and family in ELASTIC_FAMILIES:
            e = self.prob.add_variable(f"elastic_{name}", lowBound=0)
            self.elastic_vars[name] = e
            coeffs[e] += -elastic_unit if sense == pulp.LpConstraintLE else elastic_unit
        if unit != 1.0:
            coeffs = {var: coef / unit for var, coef in coeffs.items()}
            self.row_unit[name] = unit
        constraint = pulp.LpConstraint(pulp.LpAffineExpression(coeffs), sense, name, rhs / unit)
        self.prob.addConstraint(constraint)
        if family:
            self.rules[name] = Rule(name, family, rhs, subject)
        return constraint

    def cov(self, i: int) -> list[Term]:
        """Terms of the units added to line ``i`` (all years' purchases + repairs)."""
        return self.cov_terms.get(i, [])

    def constraint(self, name: str) -> pulp.LpConstraint:
        return self.prob.get_constraint_by_name(name)


def define_variables(m: Model) -> None:
    """Integer buys per open line and year, repairs per line, tail segments, go-live indicators."""
    inst, prob = m.inst, m.prob
    multi_year = len(inst.years) > 1
    for i, line in enumerate(inst.lines):
        if not line.open:
            continue
        terms: list[Term] = []
        if line.need > 0:
            for year in inst.years:
                name = f"buy_{line.centre}_{line.item}" + (f"_{year}" if multi_year else "")
                var = prob.add_variable(name, 0, line.need, pulp.LpInteger)
                m.buy[(i, year)] = var
                terms.append((var, 1))
        if line.repair_max > 0:
            var = prob.add_variable(
                f"rep_{line.centre}_{line.item}", 0, line.repair_max, pulp.LpInteger
            )
            m.rep[i] = var
            terms.append((var, 1))
        m.cov_terms[i] = terms
        if line.gap > line.head and line.tail_value < line.value:
            m.tail[i] = prob.add_variable(
                f"tail_{line.centre}_{line.item}", 0, line.gap - line.head
            )
    blocked = {x.centre for x in inst.lines if x.go_live and x.gap > 0 and x.excluded}
    for c in inst.centres:
        if c.go_live_bonus > 0 and c.code not in blocked:
            m.open[c.code] = prob.add_variable(f"open_{c.code}", 0, 1, pulp.LpInteger)
    if inst.fairness_floor > 0 and not inst.fairness_hard:
        for c in inst.centres:
            if c.cost > 0:
                m.fair[c.code] = prob.add_variable(f"fair_{c.code}", 0, None)


def objective_terms(m: Model) -> dict[pulp.LpVariable, float]:
    """The value of the module docstring as {variable: coefficient}."""
    inst = m.inst
    coeffs: dict[pulp.LpVariable, float] = {}
    for (i, year), var in m.buy.items():
        coeffs[var] = inst.lines[i].value * inst.year_weight(year)
    for i, var in m.rep.items():
        coeffs[var] = inst.lines[i].value
    for i, var in m.tail.items():
        coeffs[var] = -(inst.lines[i].value - inst.lines[i].tail_value)
    bonus = {c.code: c.go_live_bonus for c in inst.centres}
    for code, var in m.open.items():
        coeffs[var] = bonus[code]
    for var in m.fair.values():
        coeffs[var] = -inst.fairness_penalty * FAIR_UNIT
    return coeffs


def write_lp(m: Model, path: str) -> None:
    """The LP file, for reading the model by eye or feeding it to another solver."""
    m.prob.writeLP(path)
