"""Contractor-selection rules per legal regime, read from ``catalogs/procurement_rules.yaml``.

The law sets thresholds; the thresholds are data (domain.md §4), so this module only validates
the file and answers one question: *which methods may a package of this field, value and basis
use?* A rule holds for a package when::

    field ∈ rule.fields  ∧  (rule.basis = any ∨ rule.basis = package basis)
    ∧  (rule.max_value is None ∨ value ≤ rule.max_value)        # inclusive: "không quá"
    ∧  (¬rule.standard_only ∨ every item of the package is standard)

The *basis* is ``project`` (gói thầu thuộc dự án) or ``recurrent`` (gói thầu thuộc dự toán mua
sắm thường xuyên); the law gives recurrent packages lower direct-appointment limits.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    model_validator,
)

from planner import labels
from planner.catalog import CATALOG_DIR
from planner.csvdata import load_yaml_model
from planner.errors import BadInput, Problem
from planner.models import Confidence, ProcurementField

RULES_FILE = "procurement_rules.yaml"
REGIME_2013 = "law-2013/decree-63-2014"
REGIME_2023 = "law-2023/decree-214-2025"


class Method(StrEnum):
    """Selection methods (hình thức lựa chọn nhà thầu); the codes of design.md's JSON."""

    DIRECT = "direct"
    DIRECT_SHORTENED = "direct_shortened"
    SHOPPING = "shopping"
    SHOPPING_SHORTENED = "shopping_shortened"
    OPEN = "open"
    LIMITED = "limited"
    SELF = "self"


class Basis(StrEnum):
    PROJECT = "project"
    RECURRENT = "recurrent"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


VND = Annotated[StrictInt, Field(ge=0)]


class Rule(_Frozen):
    """One lawful use of a method: fields, basis, value ceiling, and the text that allows it."""

    id: str = Field(min_length=1)
    method: Method
    fields: tuple[ProcurementField, ...] = Field(min_length=1)
    basis: Literal["project", "recurrent", "any"]
    max_value: VND | None = None
    standard_only: bool = False
    automatic: bool = True
    citation: str = Field(min_length=1)
    confidence: Confidence = Confidence.UNCONFIRMED

    def allows(self, field: ProcurementField, value: int, basis: Basis, standard: bool) -> bool:
        """Whether this rule makes ``method`` lawful for such a package (see module docstring)."""
        return (
            field in self.fields
            and self.basis in ("any", basis.value)
            and (self.max_value is None or value <= self.max_value)
            and (standard or not self.standard_only)
        )


class Regime(_Frozen):
    """A law and its implementing decree: the ordered rules and the small-scale limits."""

    id: str = ""
    name: str = Field(min_length=1)
    small_scale: dict[ProcurementField, VND]
    small_scale_citation: str = ""
    online_methods: tuple[Method, ...] = ()
    rules: tuple[Rule, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_field_has_a_fallback(self) -> Regime:
        """Open bidding (no ceiling) must exist for every field, or some package has no method."""
        ids = [r.id for r in self.rules]
        if len(set(ids)) != len(ids):
            raise ValueError("mã quy định (id) bị trùng")
        for field in ProcurementField:
            if not any(
                r.automatic and r.max_value is None and field in r.fields for r in self.rules
            ):
                raise ValueError(
                    f"lĩnh vực {field.value} thiếu hình thức không giới hạn giá (đấu thầu rộng rãi)"
                )
        return self

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)

    def choose(self, field: ProcurementField, value: int, basis: Basis, standard: bool) -> Rule:
        """The first automatic rule that holds: the method the value alone justifies."""
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
        """The largest value for which ``rule``'s method stays lawful for this kind of package.

        A method may be justified by several rules (e.g. a ceiling for projects and one for
        recurrent estimates); the limit is the largest ceiling among those that hold, ``None``
        when one has no ceiling.
        """
        ceilings = [
            r.max_value
            for r in self.rules
            if r.method == rule.method and r.allows(field, 0, basis, standard)
        ]
        return None if any(c is None for c in ceilings) or not ceilings else max(ceilings)

    def small(self, field: ProcurementField, value: int) -> bool:
        """Small-scale package (gói thầu quy mô nhỏ); consulting has no small scale."""
        ceiling = self.small_scale.get(field)
        return ceiling is not None and value <= ceiling


class Schedule(_Frozen):
    start_quarter: dict[ProcurementField, Annotated[int, Field(ge=1, le=4)]]
    start_quarter_recurrent: Annotated[int, Field(ge=1, le=4)] = 1
    duration_months: dict[ProcurementField, Annotated[int, Field(ge=1)]]
    duration_months_recurrent: Annotated[int, Field(ge=1)] = 12


class RuleBook(_Frozen):
    """Everything in ``procurement_rules.yaml``."""

    default: str
    dataset_defaults: dict[str, str] = {}
    non_standard_items: frozenset[str] = frozenset()
    schedule: Schedule
    ocds_method: dict[Method, Literal["open", "selective", "limited", "direct"]]
    regimes: dict[str, Regime]

    @model_validator(mode="after")
    def _references(self) -> RuleBook:
        known = set(self.regimes)
        for name in [self.default, *self.dataset_defaults.values()]:
            if name not in known:
                raise ValueError(f"chế độ '{name}' không có trong regimes")
        missing = set(Method) - set(self.ocds_method)
        if missing:
            raise ValueError(f"ocds_method thiếu: {sorted(missing)}")
        return self

    @model_validator(mode="before")
    @classmethod
    def _regime_ids(cls, data: object) -> object:
        """The mapping key is the regime's id (so a regime carries its own name around)."""
        if isinstance(data, dict) and isinstance(data.get("regimes"), dict):
            data = dict(data)
            data["regimes"] = {
                key: {**value, "id": key} if isinstance(value, dict) else value
                for key, value in data["regimes"].items()
            }
        return data

    def regime(self, regime_id: str | None = None) -> Regime:
        """The named regime (default: the current one); a clear refusal for an unknown name."""
        name = regime_id or self.default
        if name not in self.regimes:
            expected = labels.PROCUREMENT_MESSAGE["unknown_regime"].format(
                known=", ".join(self.regimes)
            )
            raise BadInput(
                "Chế độ pháp lý đấu thầu không hợp lệ",
                [Problem(RULES_FILE, None, "regime", name, expected)],
            )
        return self.regimes[name]


def load_rules(path: Path | None = None) -> RuleBook:
    """Read and validate the rule book; every problem is reported at once, nothing half-read."""
    path = path or CATALOG_DIR / RULES_FILE
    return load_yaml_model(
        path, RuleBook, labels.PROCUREMENT_MESSAGE["rules_invalid"].format(file=path.name)
    )


@cache
def default_rules() -> RuleBook:
    """The rule book of ``catalogs/`` (read once per process)."""
    return load_rules()


def default_regime(dataset: str | None = None, rules: RuleBook | None = None) -> str:
    """The regime a plan applies unless the planner chooses: the one in force for the dataset.

    The 2017 dataset is planned under the 2013 law (in force then); anything else under the
    current law.
    """
    book = rules or default_rules()
    return book.dataset_defaults.get(dataset or "", book.default)
