"""The MILP assembled: variables, every constraint family, then the objective.

:mod:`planner.optimise.model` holds the variables and the objective, and
:mod:`planner.optimise.constraints` the constraint families, which read the model's variables;
this module is the one that knows both, so the two do not import each other.
"""

from __future__ import annotations

import pulp

from planner.optimise import constraints
from planner.optimise.instance import Instance
from planner.optimise.model import ELASTIC_WEIGHT, Model, define_variables, objective_terms


def build_model(inst: Instance, elastic: bool = False) -> Model:
    """The full MILP (value objective), or its elastic twin (minimise the relaxation in đồng)."""
    m = Model(
        inst, pulp.LpProblem("hcc_plan", pulp.LpMinimize if elastic else pulp.LpMaximize), elastic
    )
    define_variables(m)
    for family in constraints.FAMILIES:
        family(m)
    if elastic:
        weights = {name: ELASTIC_WEIGHT[m.rules[name].family] for name in m.elastic_vars}
        m.prob.setObjective(
            pulp.LpAffineExpression({v: weights[n] for n, v in m.elastic_vars.items()})
        )
    else:
        m.prob.setObjective(pulp.LpAffineExpression(objective_terms(m)))
    return m
