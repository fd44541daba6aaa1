"""The procurement plan's data: packages, grouping options and the plan that holds them.

A :class:`ProcurementPlan` is immutable; every edit (move lines, rename, choose a method)
returns a new plan, re-validated, so the web app can keep the old one for "undo" and a test can
compare before and after. A package names its plan lines by **index into the plan's ``lines``**
(the same order as ``lines`` in ``planner solve --json``), and the JSON adds
``{centre, item, year, repair}`` references beside the indices for readers who join by key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from planner.models import Category, PlanLine, ProcurementField
from planner.procurement.rules import Basis, Method, Regime, RuleBook

ClusterSpec = Literal["none", "parent", "centre"] | Mapping[str, str]


@dataclass(frozen=True)
class GroupingOptions:
    """How funded lines become packages.

    Lines always share a package only when they share **field, year and basis** (a package has
    one field, one selection period, and is either part of a project or of a recurrent
    estimate). Beyond that:

    * ``by_funding`` — also split by the line's *funding key*: the sorted tuple of the sources
      that pay a positive part of it (``("local", "province")`` for a 70/30 split). Lines paid by
      the same set of sources share a package whatever the ratio, so a package's funding source
      reads "ngân sách tỉnh, ngân sách cấp huyện/xã" and its ``funding`` dict sums the parts.
    * ``by_category`` — also split equipment, software, network and renovation.
    * ``cluster`` — also split by a cluster of centres: ``"parent"`` (the centre's parent unit;
      a centre without one is its own cluster), ``"centre"`` (one cluster per centre) or a
      mapping centre code → cluster name.
    * ``clusters_are_owners`` — each cluster is its own owner (chủ đầu tư) for the splitting
      check; otherwise the whole plan has one owner, ``owner``.
    * ``basis`` — a funding basis the planner forces on every one-off line: ``recurrent`` (a
      purchase estimate that forms no project, dự toán mua sắm) or ``project`` (packages of a
      project); ``None`` (default) = per line, see below. Lines of recurring items (rented
      lines, subscriptions) are always ``recurrent``. The basis sets the limits (e.g. 500 m vs 2 bn
      for direct appointment under Decree 214/2025/NĐ-CP Art. 78 clause 4).
    * ``regime`` — a regime id the planner chose for every package; ``None`` (default) = each
      package under the regime in force on the day its selection starts.
    * ``on`` — the day owners are named as of (:mod:`.owners`).

    Without a forced ``basis`` each line's basis follows the rule book's ``funding_basis_rule``:
    a centre's renovation works and their consulting form a project (one per centre, owned by
    the centre's own body, packaged by consulting lot), everything else a purchase estimate.
    """

    by_funding: bool = True
    by_category: bool = False
    cluster: ClusterSpec = "none"
    clusters_are_owners: bool = False
    owner: str = "Sở Thông tin và Truyền thông"
    basis: Basis | None = None  # None = per line by the rule book's funding_basis_rule
    regime: str | None = None
    # The day owners are named as of (the dataset's date); None = 1 January of the line's year.
    on: dt.date | None = None


class Package(BaseModel):
    """One procurement package (gói thầu) of the contractor-selection plan."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    number: int = Field(ge=1)
    name: str
    custom_name: bool = False
    field: ProcurementField
    year: int
    lines: tuple[int, ...]
    value: int = Field(ge=0)  # the estimate: Σ cost of the lines (what the plan funds)
    contingency: int = Field(ge=0)
    vat: int = Field(ge=0)
    price: int = Field(ge=0)  # giá gói thầu = value + contingency + vat; the limits apply to it
    funding: dict[str, int]
    funding_key: tuple[str, ...]
    categories: tuple[Category, ...]
    cluster: str | None = None
    owner: str
    basis: Basis
    recurring: bool = False
    standard: bool
    regime: str
    method: Method
    rule_id: str
    citation: str
    explanation: str = ""
    group_price: int | None = None  # Σ price of its splitting group when that set the method
    chosen_by_planner: bool = False
    reason: str = ""
    procedure: Literal["one_stage_one_envelope", "one_stage_two_envelopes", "none"]
    procedure_citation: str = ""
    contract_type: Literal["lump_sum", "unit_price"]
    start_quarter: int = Field(ge=1, le=4)
    start_year: int
    selection_days: int = Field(ge=1)
    duration_months: int = Field(ge=1)
    domestic: bool = True
    optional_purchase: bool = False
    online: bool
    online_citation: str = ""
    # Works investment: the consulting lot (survey_design / appraisal / supervision), None else.
    consulting_lot: str | None = None
    investment: bool = False  # a package of a centre's works investment (works or consulting)
    owner_source: str = ""
    owner_confidence: str | None = None
    start_month: int = Field(default=1, ge=1, le=12)
    end_date: dt.date | None = None  # when the package's contract ends (planning estimate)

    @property
    def start_date(self) -> dt.date:
        """The day selection starts (first day of its month): it picks the regime."""
        return dt.date(self.start_year, self.start_month, 1)


@dataclass(frozen=True)
class LineFacts:
    """What the procurement rules need to know about a plan line beyond the line itself."""

    recurrent: bool  # the line's basis is a purchase estimate (recurring item or plan basis)
    standard: bool
    cluster: str | None
    cluster_label: str | None
    recurring: bool = False  # a recurring item (rented line, subscription)
    # A line of a centre's works investment: its step ("works" or a consulting lot), its owner.
    lot: str | None = None
    owner: str | None = None
    owner_source: str = ""
    owner_confidence: str | None = None


@dataclass(frozen=True)
class ProcurementPlan:
    """Funded lines, their packages and the regimes applied; packages cover every line once.

    ``regime`` is the plan's headline regime (the planner's choice, else the one of the
    earliest-starting package); each package names its own in ``Package.regime``.
    """

    regime: Regime
    rules: RuleBook
    lines: tuple[PlanLine, ...]
    facts: tuple[LineFacts, ...]
    packages: tuple[Package, ...]
    options: GroupingOptions
    funding_names: dict[str, str] = field(default_factory=dict)
    forced: bool = False  # the planner chose ``regime`` for every package

    def regime_on(self, day: dt.date) -> Regime:
        """The regime that judges a package starting on ``day``."""
        return self.regime if self.forced else self.rules.regime_on(day)

    def regime_of(self, package: Package) -> Regime:
        return self.rules.regime(package.regime)

    @property
    def regimes(self) -> list[Regime]:
        """Every regime the packages are judged under, in order of their start."""
        ids = sorted(
            {p.regime for p in self.packages}, key=lambda r: self.rules.regimes[r].effective_from
        )
        return [self.rules.regimes[r] for r in ids] or [self.regime]

    def package(self, package_id: str) -> Package:
        """The package with this id (``KeyError`` if none; the edits refuse in Vietnamese)."""
        for package in self.packages:
            if package.id == package_id:
                return package
        raise KeyError(package_id)

    @property
    def total(self) -> int:
        """Σ estimate (the plan's spend); :attr:`total_price` adds contingency and VAT."""
        return sum(p.value for p in self.packages)

    @property
    def total_price(self) -> int:
        return sum(p.price for p in self.packages)
