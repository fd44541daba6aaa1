"""The domain, validated: items, norms, centres, surveys, needs and plan lines.

Amounts are Vietnamese đồng as Python ``int`` (the currency has no minor unit), so a price
given as ``1.5`` is refused rather than silently rounded. Counts are ``int`` for the same
reason. Every refusal carries a Vietnamese message (see :mod:`planner.errors`), because the
people who read them are district officers and provincial planners.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from planner import labels, limits


class Category(StrEnum):
    """What a budget line buys; caps, cost shares and reports are kept per category."""

    EQUIPMENT = "equipment"
    SOFTWARE = "software"
    NETWORK = "network"
    RENOVATION = "renovation"


class ConsultingRole(StrEnum):
    """What a consulting item of a works investment does; sets its consulting package (lot)."""

    SURVEY = "survey"
    DESIGN = "design"  # design (thiết kế bản vẽ thi công) and cost estimate (dự toán)
    APPRAISAL = "appraisal"
    SUPERVISION = "supervision"


class ProcurementField(StrEnum):
    """The field of the Law on Bidding that decides which thresholds apply."""

    GOODS = "goods"
    WORKS = "works"
    CONSULTING = "consulting"
    NON_CONSULTING = "non_consulting"


class Confidence(StrEnum):
    """How far a figure taken from a document can be trusted (docs/domain.md)."""

    CONFIRMED = "confirmed"
    INDICATIVE = "indicative"
    UNCONFIRMED = "unconfirmed"


class Level(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


class Basis(StrEnum):
    """What a norm multiplies. ``required = ceil(quantity × basis value / n)``."""

    PER_CENTRE = "per_centre"
    PER_COUNTER = "per_counter"
    PER_STAFF = "per_staff"
    PER_M2 = "per_m2"  # floor area of the one-stop area
    PER_N_COUNTERS = "per_n_counters"
    PER_N_STAFF = "per_n_staff"
    PER_RENOVATION_M2 = "per_renovation_m2"  # area the survey says must be renovated


class Condition(StrEnum):
    GOOD = "good"
    REPAIRABLE = "repairable"
    BROKEN = "broken"


class SurveySource(StrEnum):
    FORM = "form"
    UPLOAD = "upload"
    DEMO = "demo"


Code = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.\-]+$")]
NonNegativeInt = Annotated[StrictInt, Field(ge=0)]
VND = Annotated[StrictInt, Field(ge=0)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class Item(_Model):
    """One priced thing the province can buy: a device, a licence, a service or a m² of works."""

    code: Code
    name: str = Field(min_length=1)
    category: Category
    unit: str = Field(min_length=1)
    unit_price: limits.UnitPrice
    price_date: dt.date
    source: str = Field(min_length=1)
    confidence: Confidence
    lifetime_years: limits.LifetimeYears | None = None
    priority_tier: Annotated[StrictInt, Field(ge=1, le=3)]
    procurement_field: ProcurementField
    recurring: bool = False
    network_ports: limits.NetworkPorts = 0
    # The equipment-standards cap of the catalog's period (caps.csv); None = no cap applies.
    price_cap: VND | None = None
    cap_source: str = ""
    cap_confidence: Confidence | None = None
    # A consulting fee priced as a share of works: unit_price = ceil(fee_rate × Σ prices of
    # the items in fee_base), derived by planner.catalog; None = a fixed price.
    fee_rate: Annotated[float, Field(gt=0, le=1)] | None = None
    fee_base: tuple[Code, ...] = ()
    # The role of a consulting item of a works investment (survey, design, appraisal,
    # supervision); it decides which consulting package the item goes to. None = no role.
    consulting_role: ConsultingRole | None = None

    @model_validator(mode="after")
    def _price_within_cap(self) -> Item:
        if self.price_cap is not None and self.unit_price > self.price_cap:
            raise ValueError(
                labels.MODEL_CHECK["price_above_cap"].format(
                    price=labels.number(self.unit_price), cap=labels.number(self.price_cap)
                )
            )
        if (self.fee_rate is None) != (not self.fee_base):
            raise ValueError(labels.MODEL_CHECK["fee_pair"])
        if self.consulting_role is not None and self.procurement_field != "consulting":
            raise ValueError(labels.MODEL_CHECK["role_not_consulting"])
        return self


class Norm(_Model):
    """How many of an item a centre of a level must have, and whether it is needed to open."""

    level: Level
    item: Code
    basis: Basis
    quantity: limits.NormQuantity
    n: limits.NormN = 1
    go_live: bool = False
    source: str = ""
    confidence: Confidence = Confidence.UNCONFIRMED

    @model_validator(mode="after")
    def _n_only_for_per_n(self) -> Norm:
        per_n = self.basis in (Basis.PER_N_COUNTERS, Basis.PER_N_STAFF)
        if not per_n and self.n != 1:
            raise ValueError(labels.MODEL_CHECK["n_only_per_n"])
        return self


class Premises(_Model):
    """The premises figures that norms multiply; they come from the centre list or a survey."""

    floor_area_m2: limits.FloorArea = 0.0
    renovation_area_m2: limits.RenovationArea = 0.0
    counters: limits.Counters = 0
    staff: limits.Staff = 0
    yearly_dossiers: limits.YearlyDossiers = 0

    @model_validator(mode="after")
    def _renovation_within_floor(self) -> Premises:
        if self.floor_area_m2 and self.renovation_area_m2 > self.floor_area_m2:
            raise ValueError(labels.MODEL_CHECK["renovation_above_floor"])
        return self


class Centre(_Model):
    """A public administration centre, identified by its official administrative unit code."""

    code: Code
    name: str = Field(min_length=1)
    level: Level
    type: str = ""
    parent: Code | None = None
    mountainous: bool = False
    mountainous_confidence: Confidence = Confidence.UNCONFIRMED
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    premises: Premises = Premises()
    headquarters_note: str = ""
    # Where the mountainous flag comes from (e.g. derived from the former district).
    mountainous_source: str = ""


class SurveyLine(_Model):
    """Units of one item in one condition, put into use in one year."""

    item: Code
    quantity: limits.Quantity
    condition: Condition
    year_acquired: Annotated[StrictInt, Field(ge=1980, le=2100)] | None = None


class Procedure(_Model):
    """One administrative procedure handled at a centre: its field, yearly volume and handling time."""

    field: str = Field(min_length=1)
    name: str = Field(min_length=1)
    yearly_dossiers: limits.YearlyDossiers
    handling_minutes: limits.HandlingMinutes


class Survey(_Model):
    """What a centre has on a date: its equipment lines and premises figures."""

    centre: Code
    as_of: dt.date
    lines: tuple[SurveyLine, ...] = ()
    premises: Premises
    procedures: tuple[Procedure, ...] = ()  # empty: the level's default procedure mix is used
    surveyed_by: str = ""
    illustrative: bool = False

    @model_validator(mode="after")
    def _within_limits(self) -> Survey:
        """Bounded sizes: the counter sizing adds dossiers over procedures, the needs over lines."""
        limits.LINES_PER_SURVEY.check(len(self.lines))
        limits.PROCEDURES_PER_SURVEY.check(len(self.procedures))
        limits.YEARLY_DOSSIERS.check(sum(p.yearly_dossiers for p in self.procedures))
        return self

    @model_validator(mode="after")
    def _years_not_after_survey(self) -> Survey:
        for line in self.lines:
            if line.year_acquired is not None and line.year_acquired > self.as_of.year:
                raise ValueError(
                    labels.MODEL_CHECK["year_after_survey"].format(
                        item=line.item, year=line.year_acquired, survey_year=self.as_of.year
                    )
                )
        return self


class NeedLine(_Model):
    """What one centre lacks of one item, and what buying and repairing it costs.

    ``usable`` counts good units within their lifetime plus the repairable units worth
    repairing (``repair``); ``need = max(0, required − usable)`` new units must be bought.
    """

    centre: Code
    item: Code
    category: Category
    required: NonNegativeInt
    good: NonNegativeInt
    repair: NonNegativeInt
    usable: NonNegativeInt
    need: NonNegativeInt
    unit_price: VND
    repair_unit_cost: VND
    cost: VND
    repair_cost: VND
    go_live: bool
    priority_tier: int
    recurring: bool = False

    @property
    def total_cost(self) -> int:
        return self.cost + self.repair_cost


class PlanLine(_Model):
    """A funded purchase (or repair) in a plan: the contract between optimiser and procurement.

    ``funding`` maps a funding-source code to the đồng it pays; the parts add up to ``cost``.
    """

    centre: Code
    item: Code
    category: Category
    procurement_field: ProcurementField
    quantity: Annotated[StrictInt, Field(ge=1)]
    unit_price: VND
    cost: VND
    year: StrictInt
    funding: dict[str, int]
    repair: bool = False

    @model_validator(mode="after")
    def _funding_adds_up(self) -> PlanLine:
        if sum(self.funding.values()) != self.cost:
            raise ValueError(
                labels.MODEL_CHECK["funding_sum"].format(
                    funding=sum(self.funding.values()), cost=self.cost
                )
            )
        return self


class DependencyKind(StrEnum):
    """How one item depends on another (read by the optimiser)."""

    RATIO = "ratio"  # units of item ≤ ratio × units of `requires` the centre will have
    PRESENCE = "presence"  # any unit of item needs at least one unit of `requires`


class Dependency(_Model):
    """``item`` is only useful together with ``requires`` (e.g. a licence needs a computer)."""

    item: Code
    requires: Code
    kind: DependencyKind
    ratio: limits.DependencyRatio = 1.0
    note: str = ""
    source: str = ""
    confidence: Confidence = Confidence.UNCONFIRMED


class FundingSource(_Model):
    code: Code
    name: str = Field(min_length=1)


class CostShare(_Model):
    """Which sources pay which share of every unit of a category (for one mountainous flag).

    ``mountainous`` is ``None`` when the rule holds for every centre.
    """

    category: Category
    mountainous: bool | None = None
    shares: dict[str, float]

    @model_validator(mode="after")
    def _shares_add_to_one(self) -> CostShare:
        if any(v < 0 for v in self.shares.values()) or abs(sum(self.shares.values()) - 1) > 1e-9:
            raise ValueError(labels.MODEL_CHECK["shares_add_up"].format(category=self.category))
        return self


class Policy(_Model):
    """Default funding rules the optimiser starts from; a scenario may override them."""

    repair_fraction: float = Field(gt=0, le=1)
    funding_sources: tuple[FundingSource, ...]
    cost_shares: tuple[CostShare, ...]
    source: str = ""
    confidence: Confidence = Confidence.UNCONFIRMED

    @model_validator(mode="after")
    def _shares_name_known_sources(self) -> Policy:
        known = {s.code for s in self.funding_sources}
        for rule in self.cost_shares:
            unknown = set(rule.shares) - known
            if unknown:
                raise ValueError(
                    labels.MODEL_CHECK["unknown_sources"].format(sources=sorted(unknown))
                )
        for category in Category:
            for flag in (True, False):
                if self.shares_for(category, flag) is None:
                    raise ValueError(
                        labels.MODEL_CHECK["missing_share"].format(
                            category=category, mountainous=flag
                        )
                    )
        return self

    def shares_for(self, category: Category, mountainous: bool) -> dict[str, float] | None:
        """The most specific rule: one for this mountainous flag, else one for every centre."""
        specific = [
            r for r in self.cost_shares if r.category == category and r.mountainous == mountainous
        ]
        general = [r for r in self.cost_shares if r.category == category and r.mountainous is None]
        chosen = (specific or general)[:1]
        return dict(chosen[0].shares) if chosen else None
