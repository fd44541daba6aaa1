"""Contractor-selection rules: one dated regime per file of ``catalogs/regimes/``.

The law sets thresholds; the thresholds are data, so this module only validates the files and
answers two questions. *Which regime judges a package?* The one in force on the day its
selection starts (``RuleBook.regime_on``): among the regimes with ``applies_by_date``, those
with ``effective_from ≤ day ≤ effective_to`` (a blank end = open), the latest ``effective_from``
wins — so a new decree is one more file and needs no edit of the older ones. *Which methods
may a package of this field, price and basis use?* A rule holds for a package when::

    field ∈ rule.fields  ∧  (rule.basis = any ∨ rule.basis = package basis)
    ∧  (rule.max_value is None ∨ price ≤ rule.max_value)        # inclusive: "không quá"
    ∧  (¬rule.standard_only ∨ every item of the package is standard)

The *basis* is ``recurrent`` — a package of a purchase estimate that forms no project (dự toán
mua sắm; under the 2013 law, recurrent procurement) — or ``project`` (gói thầu thuộc dự án).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    ValidationError,
    model_validator,
)

from planner import labels
from planner.catalog import CATALOG_DIR
from planner.csvdata import load_yaml_model
from planner.errors import BadInput, Problem, problems_from_validation
from planner.models import Category, Confidence, ConsultingRole, ProcurementField

RULES_FILE = "procurement_rules.yaml"
REGIMES_DIR = "regimes"
REGIME_2013 = "law-2013/decree-63-2014"
REGIME_2024 = "law-2023/decree-24-2024"
REGIME_2023 = "law-2023/decree-214-2025"


class Method(StrEnum):
    """Selection methods (hình thức lựa chọn nhà thầu); the codes of the JSON's ``method``."""

    DIRECT = "direct"
    DIRECT_SHORTENED = "direct_shortened"
    SHOPPING = "shopping"
    SHOPPING_SHORTENED = "shopping_shortened"
    OPEN = "open"
    LIMITED = "limited"
    SELF = "self"
    SMALL_PURCHASE = "small_purchase"
    ONLINE_PURCHASE = "online_purchase"
    ONLINE_QUOTATION_SHORTENED = "online_quotation_shortened"


class Basis(StrEnum):
    """Funding basis: a project, or a purchase estimate forming no project (``recurrent``)."""

    PROJECT = "project"
    RECURRENT = "recurrent"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


VND = Annotated[StrictInt, Field(ge=0)]
Rate = Annotated[float, Field(ge=0, lt=1)]
Procedure = Literal["one_stage_one_envelope", "one_stage_two_envelopes", "none"]
ContractType = Literal["lump_sum", "unit_price"]


class Rule(_Frozen):
    """One lawful use of a method: fields, basis, price ceiling, and the text that allows it."""

    id: str = Field(min_length=1)
    method: Method
    fields: tuple[ProcurementField, ...] = Field(min_length=1)
    basis: Literal["project", "recurrent", "any"]
    max_value: VND | None = None
    standard_only: bool = False
    automatic: bool = True
    citation: str = Field(min_length=1)
    confidence: Confidence

    def allows(self, field: ProcurementField, value: int, basis: Basis, standard: bool) -> bool:
        """Whether this rule makes ``method`` lawful for such a package (see module docstring)."""
        return (
            field in self.fields
            and self.basis in ("any", basis.value)
            and (self.max_value is None or value <= self.max_value)
            and (standard or not self.standard_only)
        )


class _Term(_Frozen):
    """A first-match entry (procedure or contract type); blank ``methods``/``fields`` = any."""

    methods: tuple[Method, ...] | None = None
    fields: tuple[ProcurementField, ...] | None = None
    max_value: VND | None = None
    citation: str = Field(min_length=1)
    confidence: Confidence

    def holds(self, method: Method | None, field: ProcurementField, value: int) -> bool:
        return (
            (self.methods is None or method in self.methods)
            and (self.fields is None or field in self.fields)
            and (self.max_value is None or value <= self.max_value)
        )


class ProcedureTerm(_Term):
    procedure: Procedure


class ContractTerm(_Term):
    contract_type: ContractType


class OnlineDuty(_Frozen):
    """Methods run on the national e-procurement system from ``since`` (blank = always)."""

    methods: tuple[Method, ...] = Field(min_length=1)
    since: dt.date | None = None
    citation: str = Field(min_length=1)
    confidence: Confidence


class Approval(_Frozen):
    """Who approves the contractor-selection plan (KHLCNT) of a plan on this funding basis.

    ``owner`` — the owner (chủ đầu tư; for a purchase estimate, the unit that holds it) approves
    its own plan, as the 2023 law has it; ``authority`` — the owner submits it and the competent
    person (người có thẩm quyền: who approved the project or decides the purchase) approves, as
    the 2013 law has it. First entry whose ``basis`` holds wins.
    """

    basis: Literal["project", "recurrent", "any"]
    approver: Literal["owner", "authority"]
    citation: str = Field(min_length=1)
    confidence: Confidence


class Regime(_Frozen):
    """A law and its implementing decree over a period: ordered rules, procedures, online duty."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    effective_from: dt.date
    effective_to: dt.date | None = None
    applies_by_date: bool = True
    source: str = Field(min_length=1)
    confidence: Confidence
    rules: tuple[Rule, ...] = Field(min_length=1)
    procedures: tuple[ProcedureTerm, ...] = Field(min_length=1)
    contract_types: tuple[ContractTerm, ...] = Field(min_length=1)
    online: tuple[OnlineDuty, ...] = ()
    approval: tuple[Approval, ...] = ()

    @model_validator(mode="after")
    def _complete(self) -> Regime:
        """Open bidding for every field, a last procedure and contract type that always hold."""
        ids = [r.id for r in self.rules]
        if len(set(ids)) != len(ids):
            raise ValueError(labels.PROCUREMENT_MESSAGE["rule_id_twice"])
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError(labels.PROCUREMENT_MESSAGE["effective_order"])
        for field in ProcurementField:
            if not any(
                r.automatic and r.max_value is None and field in r.fields for r in self.rules
            ):
                raise ValueError(
                    labels.PROCUREMENT_MESSAGE["open_missing"].format(field=field.value)
                )
        for name, terms in (
            ("procedures", self.procedures),
            ("contract_types", self.contract_types),
        ):
            last = terms[-1]
            if last.methods is not None or last.fields is not None or last.max_value is not None:
                raise ValueError(labels.PROCUREMENT_MESSAGE["last_row_general"].format(name=name))
        return self

    def in_force(self, day: dt.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)

    def choose(self, field: ProcurementField, value: int, basis: Basis, standard: bool) -> Rule:
        """The first automatic rule that holds: the lightest method the price alone justifies."""
        return next(
            r for r in self.rules if r.automatic and r.allows(field, value, basis, standard)
        )

    def rules_for(
        self, method: Method, field: ProcurementField, value: int, basis: Basis, standard: bool
    ) -> list[Rule]:
        """Every rule (automatic or not) that makes ``method`` lawful for such a package."""
        return [
            r for r in self.rules if r.method == method and r.allows(field, value, basis, standard)
        ]

    def limit(
        self, rule: Rule, field: ProcurementField, basis: Basis, standard: bool
    ) -> int | None:
        """The largest price for which ``rule``'s method stays lawful for this kind of package.

        A method may be justified by several rules; the limit is the largest ceiling among those
        that hold for this field, basis and items, ``None`` when one has no ceiling.
        """
        holding = [
            r for r in self.rules if r.method == rule.method and r.allows(field, 0, basis, standard)
        ]
        ceilings = [r.max_value for r in holding if r.max_value is not None]
        return None if len(ceilings) < len(holding) or not ceilings else max(ceilings)

    def procedure(self, method: Method, field: ProcurementField, value: int) -> ProcedureTerm:
        return next(t for t in self.procedures if t.holds(method, field, value))

    def contract_type(self, method: Method, field: ProcurementField, value: int) -> ContractTerm:
        return next(t for t in self.contract_types if t.holds(method, field, value))

    def approval_for(self, basis: Basis) -> Approval | None:
        """Who approves a KHLCNT on ``basis`` under this regime (``None``: the file says not)."""
        return next((a for a in self.approval if a.basis in ("any", basis.value)), None)

    def online_duty(self, method: Method, day: dt.date) -> OnlineDuty | None:
        """The duty that puts this method online on ``day``, if any."""
        return next(
            (d for d in self.online if method in d.methods and (d.since is None or d.since <= day)),
            None,
        )


class Schedule(_Frozen):
    start_quarter: dict[ProcurementField, Annotated[int, Field(ge=1, le=4)]]
    start_quarter_recurrent: Annotated[int, Field(ge=1, le=4)] = 1
    duration_months: dict[ProcurementField, Annotated[int, Field(ge=1)]]
    duration_months_recurrent: Annotated[int, Field(ge=1)] = 12
    selection_days: dict[Method, Annotated[int, Field(ge=1)]]
    domestic: bool = True
    optional_purchase: bool = False


class PackagePrice(_Frozen):
    """Rates that turn an estimate into a package price (estimate + contingency + VAT)."""

    contingency_rate: dict[ProcurementField, Rate]
    contingency_source: str = Field(min_length=1)
    contingency_confidence: Confidence
    vat_rate: dict[Category, Rate]
    vat_source: str = Field(min_length=1)
    vat_confidence: Confidence


class FundingBasisRule(_Frozen):
    """Which lines form a project when the planner names no basis (see the YAML's comment).

    A line is ``project`` when its field is in ``project_fields`` (a centre's renovation works)
    or, with ``project_consulting_roles``, when its item has a consulting role (the consulting
    of those works); every other line is ``otherwise``. Rented lines are always ``recurrent``.
    """

    project_fields: frozenset[ProcurementField] = frozenset()
    project_consulting_roles: bool = False
    otherwise: Basis = Basis.RECURRENT
    source: str = Field(min_length=1)
    confidence: Confidence


class InvestmentSchedule(_Frozen):
    """When the packages of one works investment run: survey and design, appraisal, works."""

    first_month: Annotated[int, Field(ge=1, le=12)] = 1
    duration_months: dict[str, Annotated[int, Field(ge=1)]]
    source: str = Field(min_length=1)
    confidence: Confidence


class RuleBook(_Frozen):
    """``procurement_rules.yaml`` and every regime of ``catalogs/regimes/``."""

    default_basis: Basis = Basis.RECURRENT
    funding_basis_rule: FundingBasisRule | None = None  # None = default_basis for every line
    # consulting package (lot) → the consulting roles it holds, in the investment's order
    consulting_lots: dict[str, tuple[ConsultingRole, ...]] = Field(default_factory=dict)
    investment_schedule: InvestmentSchedule | None = None
    non_standard_items: frozenset[str] = frozenset()
    schedule: Schedule
    package_price: PackagePrice
    ocds_method: dict[Method, Literal["open", "selective", "limited", "direct"]]
    regimes: dict[str, Regime] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> RuleBook:
        for name, methods in (
            ("ocds_method", set(self.ocds_method)),
            ("schedule.selection_days", set(self.schedule.selection_days)),
        ):
            missing = set(Method) - methods
            if missing:
                raise ValueError(
                    labels.PROCUREMENT_MESSAGE["keys_missing"].format(
                        name=name, missing=sorted(missing)
                    )
                )
        rates = self.package_price
        for name, present, wanted in (
            ("contingency_rate", {f.value for f in rates.contingency_rate}, set(ProcurementField)),
            ("vat_rate", {c.value for c in rates.vat_rate}, set(Category)),
        ):
            if {w.value for w in wanted} - present:
                raise ValueError(
                    labels.PROCUREMENT_MESSAGE["keys_missing"].format(
                        name=f"package_price.{name}", missing=sorted(wanted - present)
                    )
                )
        return self

    def consulting_lot(self, role: ConsultingRole | None) -> str | None:
        """The consulting package (lot) a consulting role goes to; ``None`` without a role."""
        if role is None:
            return None
        return next((lot for lot, roles in self.consulting_lots.items() if role in roles), None)

    def regime(self, regime_id: str) -> Regime:
        """The named regime; a clear refusal for an unknown name."""
        if regime_id not in self.regimes:
            expected = labels.PROCUREMENT_MESSAGE["unknown_regime"].format(
                known=", ".join(self.regimes)
            )
            raise BadInput(
                labels.PROCUREMENT_MESSAGE["regime_invalid"],
                [Problem(REGIMES_DIR, None, "regime", regime_id, expected)],
            )
        return self.regimes[regime_id]

    def regime_on(self, day: dt.date) -> Regime:
        """The regime in force on ``day``: the latest ``effective_from`` among those in force."""
        candidates = [r for r in self.regimes.values() if r.applies_by_date and r.in_force(day)]
        if not candidates:
            expected = labels.PROCUREMENT_MESSAGE["no_regime_on"].format(
                known=", ".join(
                    f"{r.id} ({labels.date(r.effective_from)})" for r in self.regimes.values()
                )
            )
            raise BadInput(
                labels.PROCUREMENT_MESSAGE["no_regime_for_day"],
                [Problem(REGIMES_DIR, None, "date", labels.date(day), expected)],
            )
        return max(candidates, key=lambda r: r.effective_from)


def _read_regimes(folder: Path) -> dict[str, Regime]:
    regimes: dict[str, Regime] = {}
    problems = []
    for path in sorted(folder.glob("*.yaml")):
        regime = load_yaml_model(
            path, Regime, labels.PROCUREMENT_MESSAGE["rules_invalid"].format(file=path.name)
        )
        if regime.id in regimes:
            problems.append(
                Problem(
                    path.name, None, "id", regime.id, labels.PROCUREMENT_MESSAGE["regime_twice"]
                )
            )
        regimes[regime.id] = regime
    dates = [r.effective_from for r in regimes.values() if r.applies_by_date]
    if len(set(dates)) != len(dates):
        problems.append(
            Problem(
                REGIMES_DIR, None, "effective_from", None, labels.PROCUREMENT_MESSAGE["same_day"]
            )
        )
    if problems:
        raise BadInput(
            labels.PROCUREMENT_MESSAGE["rules_invalid"].format(file=REGIMES_DIR), problems
        )
    return regimes


def load_rules(path: Path | None = None, regimes_dir: Path | None = None) -> RuleBook:
    """Read and validate the rule book and its regimes; every problem reported, nothing half-read."""
    path = path or CATALOG_DIR / RULES_FILE
    regimes_dir = regimes_dir or path.parent / REGIMES_DIR
    message = labels.PROCUREMENT_MESSAGE["rules_invalid"].format(file=path.name)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise BadInput(f"{message}: {exc}") from exc
    if not isinstance(data, dict):
        raise BadInput(message)
    try:
        return RuleBook.model_validate({**data, "regimes": _read_regimes(regimes_dir)})
    except ValidationError as exc:
        raise BadInput(message, problems_from_validation(exc, path.name, None)) from exc


@cache
def default_rules() -> RuleBook:
    """The rule book of ``catalogs/`` (read once per process)."""
    return load_rules()


def selection_start(year: int, quarter: int) -> dt.date:
    """First day of the quarter in which selection starts (the day that picks the regime)."""
    return dt.date(year, 3 * (quarter - 1) + 1, 1)
