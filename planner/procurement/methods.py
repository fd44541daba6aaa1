"""A package's price, selection method, procedure, contract type, schedule and online duty.

The method is the first *automatic* rule of the regime that allows the package (price, field,
basis, standard items), so the order of a regime file is the preference: the lightest lawful
method first. A planner may instead choose any method that some rule allows; methods that the
price alone never justifies (limited bidding, self-performance, direct appointment for special
cases) need a written reason. Procedure, contract type and online duty are the regime's
first-match entries, each with its own citation.

Package price (giá gói thầu) = estimate + contingency + VAT, per line and summed::

    contingency(line) = round(cost × c[field])
    vat(line)         = round((cost + contingency(line)) × v[category])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from planner import labels
from planner.errors import BadInput, Problem
from planner.models import Category, PlanLine, ProcurementField
from planner.procurement.rules import (
    Basis,
    ContractType,
    Method,
    Procedure,
    Regime,
    Rule,
    RuleBook,
    selection_start,
)


@dataclass(frozen=True)
class Price:
    """The parts of a package price, whole đồng."""

    estimate: int
    contingency: int
    vat: int

    @property
    def total(self) -> int:
        return self.estimate + self.contingency + self.vat


def price_factor(rules: RuleBook, field: ProcurementField, category: Category) -> float:
    """Package price per đồng of estimate for a line of this field and category.

    ``(1 + c[field]) × (1 + v[category])`` — e.g. 1.155 for equipment goods (5 %, then 10 %
    VAT). A budget that must cover the package prices, not only the estimates, divides by it.
    """
    rates = rules.package_price
    return (1 + rates.contingency_rate[field]) * (1 + rates.vat_rate[category])


def package_price(rules: RuleBook, lines: Sequence[PlanLine]) -> Price:
    """Estimate, contingency and VAT of these lines (see the module docstring)."""
    rates = rules.package_price
    estimate = contingency = vat = 0
    for line in lines:
        extra = round(line.cost * rates.contingency_rate[line.procurement_field])
        estimate += line.cost
        contingency += extra
        vat += round((line.cost + extra) * rates.vat_rate[line.category])
    return Price(estimate, contingency, vat)


@dataclass(frozen=True)
class Terms:
    """Everything the method decides for a package (the KHLCNT columns after the price)."""

    method: Method
    rule: Rule
    procedure: Procedure
    procedure_citation: str
    contract_type: ContractType
    start_quarter: int
    selection_days: int
    duration_months: int
    online: bool
    online_citation: str


def choose_rule(
    regime: Regime,
    field: ProcurementField,
    value: int,
    basis: Basis,
    standard: bool,
    chosen: Method | None = None,
    reason: str = "",
) -> Rule:
    """The rule that justifies the package's method: the regime's choice, or the planner's.

    A planner's method must be allowed by at least one rule for this package; if the only such
    rules are non-automatic, ``reason`` must say why (e.g. "chỉ có 2 nhà thầu đáp ứng").
    """
    if chosen is None:
        return regime.choose(field, value, basis, standard)
    lawful = regime.rules_for(chosen, field, value, basis, standard)
    if not lawful:
        expected = labels.PROCUREMENT_MESSAGE["method_not_lawful"].format(
            method=labels.SELECTION_METHOD[chosen.value],
            field=labels.PROCUREMENT_FIELD[field.value].lower(),
            value=labels.money(value),
            basis=labels.PROCUREMENT_BASIS[basis.value],
            regime=regime.name,
        )
        raise BadInput(
            labels.PROCUREMENT_MESSAGE["method_invalid"],
            [
                Problem(
                    labels.PROCUREMENT_MESSAGE["where_package"],
                    None,
                    "method",
                    chosen.value,
                    expected,
                )
            ],
        )
    automatic = [r for r in lawful if r.automatic]
    if automatic:
        return automatic[0]
    if not reason.strip():
        expected = labels.PROCUREMENT_MESSAGE["reason_required"].format(
            method=labels.SELECTION_METHOD[chosen.value]
        )
        raise BadInput(
            labels.PROCUREMENT_MESSAGE["reason_missing"],
            [Problem(labels.PROCUREMENT_MESSAGE["where_package"], None, "reason", None, expected)],
        )
    return lawful[0]


def start_quarter(rules: RuleBook, field: ProcurementField, basis_recurrent: bool) -> int:
    """The planning default quarter in which selection starts."""
    schedule = rules.schedule
    return schedule.start_quarter_recurrent if basis_recurrent else schedule.start_quarter[field]


def start_date(rules: RuleBook, field: ProcurementField, recurring: bool, year: int) -> dt.date:
    return selection_start(year, start_quarter(rules, field, recurring))


def terms_for(
    rules: RuleBook,
    regime: Regime,
    rule: Rule,
    field: ProcurementField,
    value: int,
    recurring: bool,
    year: int,
    start: dt.date | None = None,
) -> Terms:
    """Procedure, contract type, schedule and online duty of a package whose method is ``rule``.

    ``recurring`` = the package buys recurring items (rented lines, subscriptions): its
    selection starts in the recurrent quarter and it runs a year. ``start`` = the day selection
    starts when the schedule sets it (a works investment's chain, :mod:`.schedule`); default
    the first day of the planning quarter.
    """
    schedule = rules.schedule
    day = start or selection_start(year, start_quarter(rules, field, recurring))
    quarter = (day.month - 1) // 3 + 1
    procedure = regime.procedure(rule.method, field, value)
    duty = regime.online_duty(rule.method, day)
    return Terms(
        method=rule.method,
        rule=rule,
        procedure=procedure.procedure,
        procedure_citation=procedure.citation,
        contract_type=regime.contract_type(rule.method, field, value).contract_type,
        start_quarter=quarter,
        selection_days=schedule.selection_days[rule.method],
        duration_months=schedule.duration_months_recurrent
        if recurring
        else schedule.duration_months[field],
        online=duty is not None,
        online_citation=duty.citation if duty is not None else "",
    )
