"""The splitting check (chia nhỏ gói thầu): packages that together outgrow their method.

Splitting one need into packages that each fall under a threshold is forbidden (Law on Bidding
22/2023/QH15 Art. 16 clause 6 point l). For every group *G* of two or more packages of one need
— same field, owner, year, basis and kind (:func:`.packaging.split_key`)::

    V(G) = Σ_{p ∈ G} price(p)
    p ∈ G is flagged  ⇔  limit(method(p)) is finite  ∧  V(G) > limit(method(p))

and the flag names the method V(G) itself would need (the regime's automatic choice for V(G),
with "standard" only if every package in *G* is standard). The packager never produces a flag
(:mod:`.packaging`); a planner's method choice can, and is warned. :func:`resolve_splitting`
lifts every flagged package, the planner's choices included, to the method V(G) needs.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from planner import labels
from planner.models import ProcurementField
from planner.procurement.grouping import assemble
from planner.procurement.model import Package, ProcurementPlan
from planner.procurement.packaging import split_groups
from planner.procurement.rules import Basis, Method


@dataclass(frozen=True)
class SplittingFlag:
    """A group of packages whose combined value exceeds the limit of a method chosen for them."""

    field: ProcurementField
    owner: str
    year: int
    basis: Basis
    packages: tuple[str, ...]  # every package of the group
    flagged: tuple[str, ...]  # those whose method's limit the combined value exceeds
    value: int
    limits: dict[str, int]  # flagged package → limit of its method
    required_method: Method
    required_rule: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field.value.replace("_", "-"),
            "owner": self.owner,
            "year": self.year,
            "basis": self.basis.value,
            "packages": list(self.packages),
            "flagged": list(self.flagged),
            "value": self.value,
            "limits": dict(self.limits),
            "required_method": self.required_method.value,
            "required_rule": self.required_rule,
            "message": self.message,
        }


def _message(
    flag_parts: dict[str, Any], group: list[Package], flagged: list[Package], limits: dict[str, int]
) -> str:
    lowest = min(flagged, key=lambda p: limits[p.id])
    return labels.PROCUREMENT_MESSAGE["splitting"].format(
        packages=", ".join(p.id for p in group),
        field=labels.PROCUREMENT_FIELD[flag_parts["field"].value].lower(),
        owner=flag_parts["owner"],
        year=flag_parts["year"],
        value=labels.money(flag_parts["value"]),
        limit=labels.money(limits[lowest.id]),
        method=labels.SELECTION_METHOD[lowest.method.value].lower(),
        required=labels.SELECTION_METHOD[flag_parts["required"].value].lower(),
    )


def splitting_check(plan: ProcurementPlan) -> list[SplittingFlag]:
    """Flags for every group of packages that together exceed a member's method limit."""
    flags = []
    for (field, owner, year, basis, _recurring, _lot), group in sorted(
        split_groups(plan.packages).items(), key=lambda kv: kv[1][0].number
    ):
        if len(group) < 2:
            continue
        regime = plan.regime_of(group[0])
        value = sum(p.price for p in group)
        limits = {}
        for package in group:
            limit = regime.limit(regime.rule(package.rule_id), field, basis, package.standard)
            if limit is not None and value > limit:
                limits[package.id] = limit
        if not limits:
            continue
        flagged = [p for p in group if p.id in limits]
        required = regime.choose(field, value, basis, all(p.standard for p in group))
        parts = {
            "field": field,
            "owner": owner,
            "year": year,
            "value": value,
            "required": required.method,
        }
        flags.append(
            SplittingFlag(
                field=field,
                owner=owner,
                year=year,
                basis=basis,
                packages=tuple(p.id for p in group),
                flagged=tuple(p.id for p in flagged),
                value=value,
                limits=limits,
                required_method=required.method,
                required_rule=required.id,
                message=_message(parts, group, flagged, limits),
            )
        )
    return flags


def resolve_splitting(plan: ProcurementPlan) -> ProcurementPlan:
    """Give each flagged package the method its group's combined value needs.

    The method is the regime's automatic choice for the *combined* value with the package's own
    basis and items, so it is lawful for the package (a method lawful for a larger value of the
    same kind is lawful for a smaller one). A planner's own choice is replaced too: it is the
    choice that made the split.
    """
    lifted: dict[str, Package] = {}
    for flag in splitting_check(plan):
        for package in plan.packages:
            if package.id in flag.flagged:
                lifted[package.id] = assemble(
                    plan,
                    package.number,
                    package.lines,
                    name=package.name if package.custom_name else None,
                    group=(flag.value, ", ".join(flag.packages)),
                )
    packages = tuple(lifted.get(p.id, p) for p in plan.packages)
    return dataclasses.replace(plan, packages=packages)
