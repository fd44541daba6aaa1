"""Needs analysis: what each centre must have by the norms, minus what it can still use.

For a centre with premises *P* (from its latest survey, else its centre record) and an item *i*::

    required_i = Σ over the level's norms for i of ceil(quantity × basis(P) / n)
    good_i     = good units still within their lifetime (age = survey year − year acquired,
                 replaced when age > lifetime; units of unknown year are taken as usable)
    repair_i   = min(repairable units within lifetime, max(0, required_i − good_i))
    usable_i   = good_i + repair_i
    need_i     = max(0, required_i − usable_i)
    cost_i     = need_i × unit price;   repair_cost_i = repair_i × ⌈repair_fraction × unit price⌉

Broken units and units past their lifetime count for nothing. Renovation items are normed per
m² of the area the survey says must be renovated, so their "need" is that area. All functions
here are pure: they take models and return models, and never touch the database.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from planner.catalog import Catalog
from planner.models import (
    Basis,
    Category,
    Centre,
    Condition,
    Item,
    NeedLine,
    Norm,
    Premises,
    Survey,
    SurveyLine,
)
from planner.needs.counters import CounterSource, sized_counters, sizing_json
from planner.needs.sizing import CounterSizing

_BASIS_VALUE = {
    Basis.PER_CENTRE: lambda p: 1,
    Basis.PER_COUNTER: lambda p: p.counters,
    Basis.PER_N_COUNTERS: lambda p: p.counters,
    Basis.PER_STAFF: lambda p: p.staff,
    Basis.PER_N_STAFF: lambda p: p.staff,
    Basis.PER_M2: lambda p: p.floor_area_m2,
    Basis.PER_RENOVATION_M2: lambda p: p.renovation_area_m2,
}

# Floating-point guard: 0.1 × 30 must give 3, not ceil(3.0000000000000004) = 4.
_EPS = 1e-9


def required_quantity(norm: Norm, premises: Premises) -> int:
    """``ceil(quantity × basis value / n)`` — a part of a unit is a whole unit to buy."""
    value = norm.quantity * _BASIS_VALUE[norm.basis](premises) / norm.n
    return max(0, math.ceil(value - _EPS))


def required_by_item(norms: Iterable[Norm], premises: Premises) -> dict[str, int]:
    """Required units per item; several norms for one item add up."""
    out: dict[str, int] = defaultdict(int)
    for norm in norms:
        out[norm.item] += required_quantity(norm, premises)
    return dict(out)


@dataclass(frozen=True)
class Stock:
    """Units of one item a centre has, sorted into what still counts."""

    good: int = 0
    repairable: int = 0


class Unusable(StrEnum):
    """Why surveyed units count for nothing in the needs."""

    PAST_LIFETIME = "past_lifetime"  # survey year − year acquired > lifetime
    BROKEN = "broken"
    NOT_REPAIRED = "not_repaired"  # repairable, but the good units already meet the norm


def line_unusable(line: SurveyLine, item: Item, year: int) -> Unusable | None:
    """Why a line's units are not stock in a survey of ``year``; None when they are.

    The one rule :func:`usable_stock` counts with and the Nhu cầu page explains with: broken
    units never count; good or repairable units count while within their lifetime.
    """
    if line.condition == Condition.BROKEN:
        return Unusable.BROKEN
    if _past_lifetime(item.lifetime_years, line.year_acquired, year):
        return Unusable.PAST_LIFETIME
    return None


def usable_stock(survey: Survey | None, catalog: Catalog) -> dict[str, Stock]:
    """Good and repairable units within their lifetime, per item, from a survey."""
    if survey is None:
        return {}
    good: dict[str, int] = defaultdict(int)
    repairable: dict[str, int] = defaultdict(int)
    for line in survey.lines:
        item = catalog.items.get(line.item)
        if item is None or line_unusable(line, item, survey.as_of.year) is not None:
            continue
        bucket = good if line.condition == Condition.GOOD else repairable
        bucket[line.item] += line.quantity
    return {code: Stock(good[code], repairable[code]) for code in set(good) | set(repairable)}


def _past_lifetime(lifetime: int | None, acquired: int | None, year: int) -> bool:
    return lifetime is not None and acquired is not None and year - acquired > lifetime


def lifetime_over_from(lifetime: int | None, acquired: int | None) -> int | None:
    """The first survey year in which a unit counts as past its lifetime (None: never)."""
    if lifetime is None or acquired is None:
        return None
    return acquired + lifetime + 1


@dataclass(frozen=True)
class UnusableUnits:
    """Units of one item that the needs do not count, and why."""

    item: str
    quantity: int
    reason: Unusable
    condition: Condition | None = None
    year_acquired: int | None = None
    past_lifetime_from: int | None = None  # PAST_LIFETIME: see :func:`lifetime_over_from`


def unusable_units(
    survey: Survey | None, catalog: Catalog, lines: Iterable[NeedLine]
) -> list[UnusableUnits]:
    """Every surveyed unit of the need ``lines``' items that is not in their ``usable`` count.

    Broken and past-lifetime units by survey line (:func:`line_unusable`), then per item the
    repairable units :func:`need_line` leaves unrepaired (repairable − repair).
    """
    if survey is None:
        return []
    wanted = {line.item: line for line in lines}
    out = []
    for line in survey.lines:
        item = catalog.items.get(line.item)
        if item is None or line.item not in wanted:
            continue
        reason = line_unusable(line, item, survey.as_of.year)
        if reason is not None:
            out.append(
                UnusableUnits(
                    line.item,
                    line.quantity,
                    reason,
                    line.condition,
                    line.year_acquired,
                    lifetime_over_from(item.lifetime_years, line.year_acquired)
                    if reason == Unusable.PAST_LIFETIME
                    else None,
                )
            )
    stock = usable_stock(survey, catalog)
    for code, need in wanted.items():
        left = stock.get(code, Stock()).repairable - need.repair
        if left > 0:
            out.append(UnusableUnits(code, left, Unusable.NOT_REPAIRED, Condition.REPAIRABLE))
    return out


def need_line(
    centre: Centre, item_code: str, required: int, stock: Stock, catalog: Catalog
) -> NeedLine:
    """One line of the module docstring's arithmetic."""
    item = catalog.items[item_code]
    repair = min(stock.repairable, max(0, required - stock.good))
    usable = stock.good + repair
    need = max(0, required - usable)
    repair_unit_cost = math.ceil(catalog.policy.repair_fraction * item.unit_price)
    return NeedLine(
        centre=centre.code,
        item=item_code,
        category=item.category,
        required=required,
        good=stock.good,
        repair=repair,
        usable=usable,
        need=need,
        unit_price=item.unit_price,
        repair_unit_cost=repair_unit_cost,
        cost=need * item.unit_price,
        repair_cost=repair * repair_unit_cost,
        go_live=item_code in catalog.go_live_items[centre.level],
        priority_tier=item.priority_tier,
        recurring=item.recurring,
    )


@dataclass(frozen=True)
class CentreNeeds:
    """A centre's need lines and the sums a planner reads first."""

    centre: Centre
    premises: Premises
    lines: tuple[NeedLine, ...]
    illustrative: bool = False
    survey_version: int | None = None
    surveyed_counters: int | None = None
    sizing: CounterSizing | None = None  # counters sized from dossiers (planner.needs.counters)
    counter_source: CounterSource = CounterSource.SURVEYED

    @property
    def cost(self) -> int:
        return sum(line.total_cost for line in self.lines)

    def cost_by_category(self) -> dict[Category, int]:
        out = {category: 0 for category in Category}
        for line in self.lines:
            out[line.category] += line.total_cost
        return out

    @property
    def go_live_missing(self) -> tuple[NeedLine, ...]:
        """Go-live lines that still need buying or repairing before the centre can open."""
        return tuple(line for line in self.lines if line.go_live and (line.need or line.repair))

    @property
    def go_live_ready(self) -> bool:
        return not self.go_live_missing

    @property
    def go_live_shortfall(self) -> int:
        """What the missing part of the go-live bundle costs, in đồng."""
        return sum(line.total_cost for line in self.go_live_missing)


def centre_needs(
    centre: Centre,
    survey: Survey | None,
    catalog: Catalog,
    survey_version: int | None = None,
    sizing: CounterSizing | None = None,
    counter_source: CounterSource = CounterSource.SURVEYED,
) -> CentreNeeds:
    """Needs of one centre; with ``counter_source`` SIZED the sized counter count is used."""
    surveyed = survey.premises if survey else centre.premises
    used = surveyed
    if counter_source == CounterSource.SIZED:
        if sizing is None:
            raise ValueError("counter_source SIZED needs a sizing")
        used = surveyed.model_copy(update={"counters": sized_counters(sizing)})
    required = required_by_item(catalog.norms_for(centre.level), used)
    stock = usable_stock(survey, catalog)
    lines = tuple(
        need_line(centre, code, qty, stock.get(code, Stock()), catalog)
        for code, qty in sorted(required.items())
        if qty > 0
    )
    return CentreNeeds(
        centre=centre,
        premises=used,
        lines=lines,
        illustrative=bool(survey and survey.illustrative),
        survey_version=survey_version,
        surveyed_counters=surveyed.counters,
        sizing=sizing,
        counter_source=counter_source,
    )


@dataclass(frozen=True)
class NeedsReport:
    """Needs of every centre of a dataset, in the order the centres were given."""

    centres: tuple[CentreNeeds, ...]
    catalog_version: str

    @property
    def cost(self) -> int:
        return sum(c.cost for c in self.centres)

    def cost_by_category(self) -> dict[Category, int]:
        out = {category: 0 for category in Category}
        for centre in self.centres:
            for category, amount in centre.cost_by_category().items():
                out[category] += amount
        return out

    def cost_by_item(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for centre in self.centres:
            for line in centre.lines:
                out[line.item] += line.total_cost
        return dict(out)


def analyse(
    centres: Iterable[Centre],
    surveys: Mapping[str, tuple[int, Survey]],
    catalog: Catalog,
    sizing: Mapping[str, CounterSizing] | None = None,
    counter_source: CounterSource = CounterSource.SURVEYED,
) -> NeedsReport:
    """Needs of every centre from its latest survey (``surveys``: code → (version, survey)).

    ``sizing`` (code → sized counters, see :mod:`planner.needs.counters`) is carried along so that
    reports can show the difference; it replaces the surveyed counter count only when
    ``counter_source`` is SIZED.
    """
    sizing = sizing or {}
    out = []
    for centre in centres:
        version, survey = surveys.get(centre.code, (None, None))
        out.append(
            centre_needs(centre, survey, catalog, version, sizing.get(centre.code), counter_source)
        )
    return NeedsReport(centres=tuple(out), catalog_version=catalog.version)


def report_json(report: NeedsReport) -> dict:
    """The ``planner needs --json`` shape of docs/cli.md, with extra keys a planner finds useful."""
    centres = []
    for c in report.centres:
        centres.append(
            {
                "centre": c.centre.code,
                "name": c.centre.name,
                "level": c.centre.level.value,
                "mountainous": c.centre.mountainous,
                "illustrative": c.illustrative,
                "survey_version": c.survey_version,
                "premises": c.premises.model_dump(),
                "cost": c.cost,
                "cost_by_category": {k.value: v for k, v in c.cost_by_category().items()},
                "go_live_ready": c.go_live_ready,
                "go_live_shortfall": c.go_live_shortfall,
                **(
                    {"counters": sizing_json(c.surveyed_counters or 0, c.sizing, c.counter_source)}
                    if c.sizing
                    else {}
                ),
                "lines": [
                    {
                        "item": line.item,
                        "category": line.category.value,
                        "required": line.required,
                        "good": line.good,
                        "repair": line.repair,
                        "usable": line.usable,
                        "need": line.need,
                        "unit_price": line.unit_price,
                        "cost": line.cost,
                        "repair_cost": line.repair_cost,
                        "go_live": line.go_live,
                        "recurring": line.recurring,
                    }
                    for line in c.lines
                ],
            }
        )
    return {
        "catalog_version": report.catalog_version,
        "cost": report.cost,
        "cost_by_category": {k.value: v for k, v in report.cost_by_category().items()},
        "centres": centres,
    }
