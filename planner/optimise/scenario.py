"""A budget scenario: the money, the rules and the weights a planner sets before a solve.

Everything a planner can change without touching the catalog is here, validated by pydantic
and loadable from YAML (``catalogs/scenarios/*.yaml``). Amounts are whole đồng; a field left
out keeps the default written next to it, so the smallest scenario is just ``budget: ...``.

Budgets can be given at four levels and every level that is given is enforced:

- ``budget``            total over every source and every year;
- ``budget_by_year``    total over every source, one year;
- ``budget_by_source``  one source over the whole horizon;
- ``budget_by_source_year``  one source, one year (``{source: {year: amount}}``).

What a budget pays for (``budget_covers``): ``estimate`` (the default) charges each unit at its
estimated price, the figure the needs, the plan lines and ``spent`` report; ``package_price``
charges it at the price the contractor-selection plan must show for it, estimate + contingency
+ VAT (Decree 214/2025 Art. 18 clause 1), so that the packages the proposal lists fit the money.
Caps and floors per category follow the same basis; the fairness floor compares a centre's
estimates with its need in estimates, a ratio that VAT does not change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, model_validator

from planner import labels, limits, safe_yaml
from planner.errors import BadInput, Problem, problems_from_validation
from planner.models import Category, Code, CostShare

Amount = Annotated[StrictInt, Field(ge=0)]
Year = Annotated[int, Field(ge=2000, le=2100)]  # not strict: JSON object keys are strings
Share = Annotated[float, Field(ge=0, le=1)]
BudgetCovers = Literal["estimate", "package_price"]  # module docstring: what a budget pays for


class MustBuy(BaseModel):
    """A line the plan must fund: ``quantity`` units (default: the whole gap) of an item."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    centre: Code
    item: Code
    quantity: Annotated[StrictInt, Field(ge=1)] | None = None


class Weights(BaseModel):
    """How much a funded unit is worth; see :mod:`planner.optimise.instance` for the formula."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tier: dict[int, float] = Field(default_factory=lambda: {1: 3.0, 2: 2.0, 3: 1.0})
    first_share: Share = 0.5  # the first 50 % of a line's gap ...
    tail_factor: Share = 0.5  # ... is worth twice the rest (diminishing value)
    mountainous_bonus: Annotated[float, Field(ge=0)] = 0.2
    dossier_bonus: Annotated[float, Field(ge=0)] = 0.2  # × dossiers / largest centre's dossiers
    go_live_bonus: Annotated[float, Field(ge=0)] = 1.0  # × value of the centre's go-live gap
    year_discount: Annotated[float, Field(ge=0, lt=1)] = (
        0.05  # a unit a year later is worth 5 % less
    )
    fairness_penalty: Annotated[float, Field(gt=0)] = (
        100.0  # value lost per 1e9 đồng under the floor
    )


class Scenario(BaseModel):
    """Money, rules and weights for one solve (see the module docstring for budget levels)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = "budget"
    description: str = ""
    years: tuple[Year, ...] | None = None  # default: the year after the latest survey
    budget: Amount | None = None
    budget_by_year: dict[Year, Amount] = Field(default_factory=dict)
    budget_by_source: dict[Code, Amount] = Field(default_factory=dict)
    budget_by_source_year: dict[Code, dict[Year, Amount]] = Field(default_factory=dict)
    category_caps: dict[Category, Amount] = Field(default_factory=dict)
    category_floors: dict[Category, Amount] = Field(default_factory=dict)
    budget_covers: BudgetCovers = "estimate"
    weights: Weights = Weights()
    centre_weights: dict[Code, Annotated[float, Field(gt=0)]] = Field(default_factory=dict)
    priority_tiers: dict[Code, Annotated[StrictInt, Field(ge=1, le=3)]] = Field(
        default_factory=dict
    )
    go_live_first: bool = False
    fairness_floor: Share = 0.0  # every centre gets at least this share of its cost ...
    fairness_hard: bool = False  # ... as a hard rule (may be infeasible) instead of a penalty
    price_multiplier: Annotated[float, Field(gt=0)] = 1.0
    excluded_items: tuple[Code, ...] = ()
    must_buy: tuple[MustBuy, ...] = ()
    cost_shares: tuple[CostShare, ...] | None = None  # overrides the catalog policy when given
    switch_item: Code = "SW-24P"
    ports_per_switch: Annotated[StrictInt, Field(ge=1)] = 24

    @model_validator(mode="after")
    def _years_sorted(self) -> Scenario:
        if self.years is not None and (
            not self.years or list(self.years) != sorted(set(self.years))
        ):
            raise ValueError(labels.OPTIMISE["years_sorted"])
        return self

    def with_budget(self, budget: int) -> Scenario:
        """The same scenario with another total budget (what a sweep point changes)."""
        return self.model_copy(update={"budget": budget})


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario YAML; refuse it as a whole with located Vietnamese problems."""
    path = Path(path)
    if not path.is_file():
        raise BadInput(labels.OPTIMISE["scenario_missing"].format(path=path))
    data = safe_yaml.load_file(path) or {}  # size, alias and nesting ceilings
    return scenario_from_data(data, path.name)


def scenario_from_data(data: object, where: str = "scenario") -> Scenario:
    """Validate plain data (YAML, JSON or a database row) into a :class:`Scenario`."""
    if not isinstance(data, dict):
        raise BadInput(labels.OPTIMISE["scenario_not_mapping"].format(name=where))
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise BadInput(
            labels.OPTIMISE["scenario_invalid"].format(name=where),
            problems_from_validation(exc, where, None),
        ) from exc
    beyond = limits.scenario_problems(scenario)
    if beyond:
        raise BadInput(
            labels.OPTIMISE["scenario_invalid"].format(name=where),
            [Problem(where, None, field, value, error) for field, value, error in beyond],
        )
    return scenario
