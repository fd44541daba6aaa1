"""The procurement plan's data: packages, grouping options and the plan that holds them.

A :class:`ProcurementPlan` is immutable; every edit (move lines, rename, choose a method)
returns a new plan, re-validated, so the web app can keep the old one for "undo" and a test can
compare before and after. A package names its plan lines by **index into the plan's ``lines``**
(the same order as ``lines`` in ``planner solve --json``), and the JSON adds
``{centre, item, year, repair}`` references beside the indices for readers who join by key.
"""

from __future__ import annotations

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
    * ``basis`` — ``project`` (default) or ``recurrent`` for the plan's one-off purchases;
      lines of recurring items (rented lines, subscriptions) are always ``recurrent``.
    """

    by_funding: bool = True
    by_category: bool = False
    cluster: ClusterSpec = "none"
    clusters_are_owners: bool = False
    owner: str = "Sở Thông tin và Truyền thông"
    basis: Basis = Basis.PROJECT


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
    value: int = Field(ge=0)
    funding: dict[str, int]
    funding_key: tuple[str, ...]
    categories: tuple[Category, ...]
    cluster: str | None = None
    owner: str
    basis: Basis
    standard: bool
    method: Method
    rule_id: str
    citation: str
    chosen_by_planner: bool = False
    reason: str = ""
    procedure: Literal["one_stage_one_envelope", "one_stage_two_envelopes"]
    contract_type: Literal["lump_sum", "unit_price"]
    start_quarter: int = Field(ge=1, le=4)
    start_year: int
    duration_months: int = Field(ge=1)
    online: bool


@dataclass(frozen=True)
class LineFacts:
    """What the procurement rules need to know about a plan line beyond the line itself."""

    recurrent: bool
    standard: bool
    cluster: str | None
    cluster_label: str | None


@dataclass(frozen=True)
class ProcurementPlan:
    """Funded lines, their packages and the regime applied; packages cover every line once."""

    regime: Regime
    rules: RuleBook
    lines: tuple[PlanLine, ...]
    facts: tuple[LineFacts, ...]
    packages: tuple[Package, ...]
    options: GroupingOptions
    funding_names: dict[str, str] = field(default_factory=dict)

    def package(self, package_id: str) -> Package:
        """The package with this id (``KeyError`` if none; the edits refuse in Vietnamese)."""
        for package in self.packages:
            if package.id == package_id:
                return package
        raise KeyError(package_id)

    @property
    def total(self) -> int:
        return sum(p.value for p in self.packages)
