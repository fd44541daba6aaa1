"""The numeric instance the optimiser solves: needs × catalog × scenario, nothing else.

An :class:`Instance` is plain data (it is what ``planner solve --instance-json`` writes and
``planner evaluate`` reads), so that the model, the greedy baseline and the evaluator all see
exactly the same numbers. Building it is where every modelling decision about *data* is made:

Value of a unit (normalised so that 1.0 ≈ one billion đồng of tier-3 need at weight 1)::

    value_l      = catalog price_l / 1e9 × tier_weight[tier_l] × centre_weight_c
    tail_value_l = value_l × tail_factor          (units beyond ``head_l``)
    head_l       = ceil(first_share × gap_l),     gap_l = need_l + repair_max_l
    centre_weight_c = scenario.centre_weights[c]  or
                      1 + mountainous_bonus·[c mountainous] + dossier_bonus·dossiers_c / max dossiers
    go_live_bonus_c = go_live_bonus × Σ_{go-live lines of c} value_l × gap_l

The catalog price (not the multiplied price) sets the worth, so a price rise costs coverage
rather than making things "more valuable". A repaired unit is worth the same as a new one (it
covers the same need) but costs ``repair_unit_cost``.

Funding: ``shares_l`` is ``policy.shares_for(category, mountainous)`` (or the scenario's
override). For a province-level centre the ``local`` share is paid by ``province``: the
provincial centre's own budget *is* the provincial budget.

Budget basis: ``budget_factor_l`` is 1 when the budgets pay estimates, and
``(1 + contingency[field_l]) × (1 + VAT[category_l])`` when they must pay the package price
(scenario ``budget_covers: package_price``; the rates come from the procurement rule book, given
by the caller). Every budget, cap and floor row charges ``unit_price_l × budget_factor_l``; the
plan's lines and the centres' costs stay in estimates.

Recurring items (``item.recurring``: internet, maintenance, antivirus subscriptions) are yearly
rented services: a unit bought in year *t* is charged in every year from *t* to the end of the
horizon.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, PrivateAttr, model_validator

from planner import labels
from planner.catalog import Catalog
from planner.errors import BadInput, Problem
from planner.models import Category, Level, ProcurementField
from planner.needs import NeedsReport
from planner.optimise.scenario import BudgetCovers, Scenario

VALUE_SCALE = 1e9  # đồng per value unit; also "one more billion" in marginal values


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LineData(_Data):
    """One centre × item: what is missing, what it costs, what it is worth, who pays."""

    centre: str
    item: str
    category: Category
    procurement_field: ProcurementField
    required: int
    good: int
    repair_max: int
    need: int
    unit_price: int
    repair_unit_cost: int
    recurring: bool
    go_live: bool
    network_ports: int
    value: float
    tail_value: float
    head: int
    shares: dict[str, float]
    excluded: bool = False
    budget_factor: float = 1.0  # đồng charged to the budget per đồng of estimate (see below)

    @model_validator(mode="after")
    def _diminishing(self) -> LineData:
        if not 0 <= self.tail_value <= self.value or not 0 <= self.head <= self.gap:
            raise ValueError(labels.OPTIMISE["not_diminishing"])
        return self

    @property
    def key(self) -> tuple[str, str]:
        return (self.centre, self.item)

    @property
    def gap(self) -> int:
        """Units that buying or repairing can still add (the most a plan may fund)."""
        return self.need + self.repair_max

    @property
    def open(self) -> bool:
        """Whether the plan may fund anything on this line."""
        return self.gap > 0 and not self.excluded

    @property
    def budget_price(self) -> float:
        """Đồng one bought unit takes from the budgets and caps: ``unit_price × budget_factor``."""
        return self.unit_price * self.budget_factor

    @property
    def budget_repair_cost(self) -> float:
        """Đồng one repaired unit takes from the budgets and caps."""
        return self.repair_unit_cost * self.budget_factor


class CentreData(_Data):
    code: str
    name: str
    level: Level
    mountainous: bool
    weight: float
    go_live_bonus: float
    cost: int  # đồng to fund every open line (buy + repair), first year
    spare_ports: int | None  # None: no switch line, ports not modelled for this centre


class DependencyData(_Data):
    """``item`` of ``centre`` depends on ``requires`` (see constraints.dependencies)."""

    centre: str
    item: str
    requires: str
    kind: str  # ratio | presence
    ratio: float
    allowance: float  # ratio: units already over the ratio before any purchase


class MustBuyData(_Data):
    centre: str
    item: str
    quantity: int


class Instance(_Data):
    """Everything the model, the greedy baseline and the evaluator need; JSON round-trips."""

    dataset: str = ""
    catalog_version: str = ""
    scenario: str = ""
    years: list[int]
    sources: list[str]
    budget: int | None
    budget_by_year: dict[int, int]
    budget_by_source: dict[str, int]
    budget_by_source_year: dict[str, dict[int, int]]
    category_caps: dict[Category, int]
    category_floors: dict[Category, int]
    budget_covers: BudgetCovers = "estimate"
    fairness_floor: float
    fairness_hard: bool
    fairness_penalty: float  # value per đồng of shortfall under the floor
    year_discount: float
    go_live_first: bool
    switch_item: str
    ports_per_switch: int
    centres: list[CentreData]
    lines: list[LineData]
    dependencies: list[DependencyData]
    must_buy: list[MustBuyData]
    _line_index: tuple[list[LineData], dict[tuple[str, str], int]] | None = PrivateAttr(None)

    def year_weight(self, year: int) -> float:
        """Value multiplier of a unit bought in ``year`` (earlier is better)."""
        return 1.0 - self.year_discount * self.years.index(year)

    def line_index(self) -> dict[tuple[str, str], int]:
        """Line number of each (centre, item); kept while ``lines`` is the same list.

        The evaluator asks for it on every call (the one-unit check calls it thousands of times
        on each centre's sub-instance); a copy with other lines has another list, so the kept
        index is checked against the list it was built from. Read-only for callers.
        """
        kept = self._line_index
        if kept is None or kept[0] is not self.lines or len(kept[1]) != len(self.lines):
            kept = self._line_index = (self.lines, {x.key: i for i, x in enumerate(self.lines)})
        return kept[1]

    def buy_cost_years(self, line: LineData, year: int) -> list[int]:
        """Years in which a unit of ``line`` bought in ``year`` is paid for."""
        if line.recurring:
            return [y for y in self.years if y >= year]
        return [year]

    def with_budget(self, budget: int | None) -> Instance:
        return self.model_copy(update={"budget": budget})


def dump_instance(instance: Instance, path: str | Path) -> None:
    Path(path).write_text(instance.model_dump_json(indent=1), encoding="utf-8")


def load_instance(path: str | Path) -> Instance:
    from pydantic import ValidationError

    path = Path(path)
    try:
        return Instance.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError) as exc:
        raise BadInput(
            labels.OPTIMISE["instance_invalid"].format(name=path.name, error=exc)
        ) from exc


def centre_weight(
    scenario: Scenario, code: str, mountainous: bool, dossiers: int, max_dossiers: int
) -> float:
    """The scenario's weight for the centre, else the mountainous and dossier-volume bonus."""
    if code in scenario.centre_weights:
        return scenario.centre_weights[code]
    w = scenario.weights
    share = dossiers / max_dossiers if max_dossiers else 0.0
    return 1.0 + w.mountainous_bonus * mountainous + w.dossier_bonus * share


def funding_shares(
    catalog: Catalog, scenario: Scenario, category: Category, mountainous: bool, level: Level
) -> dict[str, float]:
    """Who pays which share of a unit; the provincial centre's local share goes to ``province``."""
    rules = scenario.cost_shares or ()
    specific = [r for r in rules if r.category == category and r.mountainous == mountainous]
    general = [r for r in rules if r.category == category and r.mountainous is None]
    chosen = (specific or general)[:1]
    # the catalog's policy has a rule for every category and flag (models.Policy checks it)
    shares = dict(chosen[0].shares) if chosen else catalog.policy.shares_for(category, mountainous)
    shares = dict(shares or {})
    if level == Level.PROVINCE and "local" in shares:
        shares["province"] = shares.get("province", 0.0) + shares.pop("local")
    return {s: v for s, v in shares.items() if v > 0}


BudgetFactor = Callable[[ProcurementField, Category], float]


def build_instance(
    report: NeedsReport,
    catalog: Catalog,
    scenario: Scenario,
    default_year: int,
    dataset: str = "",
    package_factor: BudgetFactor | None = None,
) -> Instance:
    """Turn a needs report into the solver's numbers (module docstring: the formulas).

    ``package_factor(field, category)`` is the package price per đồng of estimate; it is
    required when the scenario's budgets cover package prices (the optimiser does not read the
    procurement rules itself).
    """
    if scenario.budget_covers == "package_price" and package_factor is None:
        raise ValueError("budget_covers=package_price needs the package price factor")
    w = scenario.weights
    excluded = set(scenario.excluded_items)
    max_dossiers = max((c.premises.yearly_dossiers for c in report.centres), default=0)
    centres: list[CentreData] = []
    lines: list[LineData] = []
    deps: list[DependencyData] = []
    for cn in report.centres:
        c = cn.centre
        weight = centre_weight(
            scenario, c.code, c.mountainous, cn.premises.yearly_dossiers, max_dossiers
        )
        c_lines = []
        for nl in cn.lines:
            item = catalog.items[nl.item]
            tier = scenario.priority_tiers.get(nl.item, nl.priority_tier)
            value = item.unit_price / VALUE_SCALE * w.tier.get(tier, 1.0) * weight
            price = round(nl.unit_price * scenario.price_multiplier)
            c_lines.append(
                LineData.model_construct(
                    centre=c.code,
                    item=nl.item,
                    category=nl.category,
                    procurement_field=item.procurement_field,
                    required=nl.required,
                    good=nl.good,
                    repair_max=nl.repair,
                    need=nl.need,
                    unit_price=price,
                    repair_unit_cost=round(nl.repair_unit_cost * scenario.price_multiplier),
                    recurring=nl.recurring,
                    go_live=nl.go_live,
                    network_ports=item.network_ports,
                    value=value,
                    tail_value=value * w.tail_factor,
                    head=math.ceil(w.first_share * (nl.need + nl.repair) - 1e-9),
                    shares=funding_shares(catalog, scenario, nl.category, c.mountainous, c.level),
                    excluded=nl.item in excluded,
                    budget_factor=(
                        package_factor(item.procurement_field, nl.category)
                        if package_factor is not None and scenario.budget_covers == "package_price"
                        else 1.0
                    ),
                )
            )
        c_lines = _switches_for_every_port(c_lines, scenario, w.first_share)
        lines.extend(c_lines)
        deps.extend(_dependencies(c.code, c_lines, catalog))
        centres.append(
            CentreData.model_construct(
                code=c.code,
                name=c.name,
                level=c.level,
                mountainous=c.mountainous,
                weight=weight,
                go_live_bonus=w.go_live_bonus * sum(x.value * x.gap for x in c_lines if x.go_live),
                cost=sum(
                    x.need * x.unit_price + x.repair_max * x.repair_unit_cost
                    for x in c_lines
                    if not x.excluded
                ),
                spare_ports=_spare_ports(c_lines, scenario),
            )
        )
    instance = Instance.model_construct(
        dataset=dataset,
        catalog_version=catalog.version,
        scenario=scenario.name,
        years=list(scenario.years or [default_year]),
        sources=[s.code for s in catalog.policy.funding_sources],
        budget=scenario.budget,
        budget_by_year=dict(scenario.budget_by_year),
        budget_by_source=dict(scenario.budget_by_source),
        budget_by_source_year={s: dict(v) for s, v in scenario.budget_by_source_year.items()},
        category_caps=dict(scenario.category_caps),
        category_floors=dict(scenario.category_floors),
        budget_covers=scenario.budget_covers,
        fairness_floor=scenario.fairness_floor,
        fairness_hard=scenario.fairness_hard,
        fairness_penalty=w.fairness_penalty / VALUE_SCALE,
        year_discount=w.year_discount,
        go_live_first=scenario.go_live_first,
        switch_item=scenario.switch_item,
        ports_per_switch=scenario.ports_per_switch,
        centres=centres,
        lines=lines,
        dependencies=deps,
        must_buy=[],
    )
    instance.must_buy = _must_buy(instance, scenario)
    check_instance(instance)
    return instance


def _dependencies(
    centre: str, c_lines: list[LineData], catalog: Catalog
) -> Iterable[DependencyData]:
    """Dependencies whose two items are both lines of the centre and whose item can be funded.

    A dependency on an item the centre's norms do not list is out of scope (nothing to buy).
    A presence rule already met by a good unit of ``requires`` is dropped as always true. A
    ratio rule's allowance also covers the norms themselves: where the norm of ``item`` is above
    ``ratio ×`` the norm of ``requires`` (7 UPS for 6 PCs and a server), reaching both norms is
    allowed, so that a budget at the total need funds every line.
    """
    by_item = {x.item: x for x in c_lines}
    for dep in catalog.dependencies:
        item, req = by_item.get(dep.item), by_item.get(dep.requires)
        if item is None or req is None or not item.open:
            continue
        if dep.kind == "presence" and req.good >= 1:
            continue
        allowance = (
            max(0.0, item.good - dep.ratio * req.good, item.required - dep.ratio * req.required)
            if dep.kind == "ratio"
            else 0.0
        )
        yield DependencyData.model_construct(
            centre=centre,
            item=dep.item,
            requires=dep.requires,
            kind=str(dep.kind),
            ratio=dep.ratio,
            allowance=allowance,
        )


def _switches_for_every_port(
    c_lines: list[LineData], scenario: Scenario, first_share: float
) -> list[LineData]:
    """The switch line topped up so that the centre's whole need has its ports.

    The norms give switches per centre, the port rule (constraints.network_ports) one port per
    networked unit: at the 2025 demo's provincial centre 3 switches (72 ports) against 173
    networked units missing, so no budget could open it. The switch line's need becomes
    ``ceil((Σ_l ports_l·gap_l − spare − P·gap_switch) / P)`` more where that is positive
    (P ports per switch; excluded lines count for nothing): the companion the norms' own
    equipment needs, so that a budget at the total need funds every line.
    """
    switch = next((x for x in c_lines if x.item == scenario.switch_item), None)
    spare = _spare_ports(c_lines, scenario)
    if switch is None or spare is None or switch.excluded:
        return c_lines
    wanted = sum(x.network_ports * x.gap for x in c_lines if x.open)
    short = wanted - spare - scenario.ports_per_switch * switch.gap
    if short <= 0:
        return c_lines
    extra = math.ceil(short / scenario.ports_per_switch)
    need = switch.need + extra
    topped = switch.model_copy(
        update={
            "need": need,
            "required": switch.required + extra,
            "head": math.ceil(first_share * (need + switch.repair_max) - 1e-9),
        }
    )
    return [topped if x is switch else x for x in c_lines]


def _spare_ports(c_lines: list[LineData], scenario: Scenario) -> int | None:
    """Free switch ports today: ``ports × good switches − ports of good networked units`` (≥ 0)."""
    switch = next((x for x in c_lines if x.item == scenario.switch_item), None)
    if switch is None:
        return None
    used = sum(x.network_ports * x.good for x in c_lines)
    return max(0, scenario.ports_per_switch * switch.good - used)


def _must_buy(instance: Instance, scenario: Scenario) -> list[MustBuyData]:
    """Resolve must-buy rules to quantities; refuse a rule naming no line or more than the gap."""
    index = {line.key: line for line in instance.lines}
    problems, out = [], []
    for row, rule in enumerate(scenario.must_buy, start=1):
        line = index.get((rule.centre, rule.item))
        if line is None or line.gap == 0:
            problems.append(
                Problem(
                    "must_buy",
                    row,
                    "item",
                    f"{rule.centre}/{rule.item}",
                    labels.OPTIMISE["must_buy_no_line"],
                )
            )
            continue
        quantity = rule.quantity or line.gap
        if quantity > line.gap:
            problems.append(
                Problem(
                    "must_buy",
                    row,
                    "quantity",
                    quantity,
                    labels.OPTIMISE["must_buy_over"].format(gap=line.gap),
                )
            )
            continue
        out.append(
            MustBuyData.model_construct(centre=rule.centre, item=rule.item, quantity=quantity)
        )
    if problems:
        raise BadInput(labels.OPTIMISE["scenario_invalid"].format(name=scenario.name), problems)
    return out


def check_instance(instance: Instance) -> None:
    """Refuse NaN or infinite numbers before they reach a solver (they break it silently)."""
    bad = [
        Problem(
            "instance", i + 1, "value", f"{line.centre}/{line.item}", labels.OPTIMISE["not_finite"]
        )
        for i, line in enumerate(instance.lines)
        if not (math.isfinite(line.value) and math.isfinite(line.tail_value))
    ]
    years = set(instance.years)
    bad += [
        Problem(
            "scenario",
            None,
            "budget_by_year",
            y,
            labels.OPTIMISE["year_outside"].format(years=sorted(years)),
        )
        for y in list(instance.budget_by_year)
        + [y for v in instance.budget_by_source_year.values() for y in v]
        if y not in years
    ]
    unknown = (set(instance.budget_by_source) | set(instance.budget_by_source_year)) - set(
        instance.sources
    )
    bad += [
        Problem(
            "scenario",
            None,
            "budget_by_source",
            s,
            labels.OPTIMISE["unknown_source"].format(sources=instance.sources),
        )
        for s in sorted(unknown)
    ]
    if bad:
        raise BadInput(labels.OPTIMISE["scenario_invalid"].format(name=instance.scenario), bad)
