"""A package's selection method, procedure, contract type and schedule, justified by a rule.

The method is the first *automatic* rule of the regime that allows the package (value, field,
basis, standard items), so the order of ``procurement_rules.yaml`` is the planner's preference
(direct appointment before competitive shopping before open bidding). A planner may instead
choose any method that some rule allows; methods that the value alone never justifies
(limited bidding, self-performance, direct appointment for special cases) need a written
reason.

Procedure and contract type follow the small-scale rule: a small-scale package (gói thầu quy mô
nhỏ) and every direct appointment or shopping use single-stage one-envelope and a lump-sum
contract; open or limited bidding above the small scale, and any consulting bid, use two
envelopes; works above the small scale are paid by fixed unit prices.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner import labels
from planner.errors import BadInput, Problem
from planner.models import ProcurementField
from planner.procurement.rules import Basis, Method, Regime, Rule, RuleBook

_COMPETITIVE_BIDS = (Method.OPEN, Method.LIMITED)
_WHERE = "gói thầu"


@dataclass(frozen=True)
class Terms:
    """Everything the method decides for a package (the KHLCNT columns after the price)."""

    method: Method
    rule: Rule
    procedure: str
    contract_type: str
    start_quarter: int
    duration_months: int
    online: bool


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
        )
        raise BadInput(
            "Hình thức lựa chọn nhà thầu không hợp lệ",
            [Problem(_WHERE, None, "method", chosen.value, expected)],
        )
    automatic = [r for r in lawful if r.automatic]
    if automatic:
        return automatic[0]
    if not reason.strip():
        expected = labels.PROCUREMENT_MESSAGE["reason_required"].format(
            method=labels.SELECTION_METHOD[chosen.value]
        )
        raise BadInput(
            "Thiếu lý do chọn hình thức lựa chọn nhà thầu",
            [Problem(_WHERE, None, "reason", None, expected)],
        )
    return lawful[0]


def procedure_for(regime: Regime, method: Method, field: ProcurementField, value: int) -> str:
    """One envelope unless a competitive bid is for consulting or above the small scale."""
    two = method in _COMPETITIVE_BIDS and (
        field == ProcurementField.CONSULTING or not regime.small(field, value)
    )
    return "one_stage_two_envelopes" if two else "one_stage_one_envelope"


def contract_type_for(regime: Regime, field: ProcurementField, value: int) -> str:
    """Lump sum (trọn gói), except works above the small scale (theo đơn giá cố định)."""
    if field == ProcurementField.WORKS and not regime.small(field, value):
        return "unit_price"
    return "lump_sum"


def terms_for(
    rules: RuleBook,
    regime: Regime,
    field: ProcurementField,
    value: int,
    basis: Basis,
    standard: bool,
    chosen: Method | None = None,
    reason: str = "",
) -> Terms:
    """Method, justifying rule, procedure, contract type, start quarter, duration and online flag."""
    rule = choose_rule(regime, field, value, basis, standard, chosen, reason)
    recurrent = basis == Basis.RECURRENT
    schedule = rules.schedule
    return Terms(
        method=rule.method,
        rule=rule,
        procedure=procedure_for(regime, rule.method, field, value),
        contract_type=contract_type_for(regime, field, value),
        start_quarter=schedule.start_quarter_recurrent
        if recurrent
        else schedule.start_quarter[field],
        duration_months=schedule.duration_months_recurrent
        if recurrent
        else schedule.duration_months[field],
        online=rule.method in regime.online_methods,
    )
