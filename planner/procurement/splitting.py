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

One need — one item for one centre in one year — bought in several packages is a split too,
whatever the values (``kind = "procedure"``): it is bought in several selection procedures.
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
    """A split: packages whose combined value exceeds a method's limit (``kind = "limit"``), or
    one need — one item for one centre in one year — bought in several packages, that is in
    several selection procedures (``kind = "procedure"``)."""

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
    kind: str = "limit"  # "limit" | "procedure"
    lines: tuple[int, ...] = ()  # "procedure": the need's plan lines

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "lines": list(self.lines),
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


NeedKey = tuple[str, str, int, bool]  # centre, item, year, repair


def need_key(plan: ProcurementPlan, index: int) -> NeedKey:
    """One need: one item for one centre in one year (a repair is a need of its own)."""
    line = plan.lines[index]
    return (line.centre, line.item, line.year, line.repair)


def procedure_flags(plan: ProcurementPlan) -> list[SplittingFlag]:
    """One need whose lines sit in two or more packages: bought in several procedures.

    The packager never does this (:func:`.grouping.group_indices` keeps a need's lines
    together); a planner's move can, and is warned.
    """
    holders: dict[NeedKey, dict[str, Package]] = {}
    lines: dict[NeedKey, list[int]] = {}
    for package in plan.packages:
        for index in package.lines:
            key = need_key(plan, index)
            holders.setdefault(key, {})[package.id] = package
            lines.setdefault(key, []).append(index)
    flags = []
    for key, by_id in holders.items():
        if len(by_id) < 2:
            continue
        group = sorted(by_id.values(), key=lambda p: p.number)
        first = group[0]
        value = sum(p.price for p in group)
        regime = plan.regime_of(first)
        required = regime.choose(first.field, value, first.basis, all(p.standard for p in group))
        centre, item, year, _repair = key
        flags.append(
            SplittingFlag(
                field=first.field,
                owner=first.owner,
                year=year,
                basis=first.basis,
                packages=tuple(p.id for p in group),
                flagged=tuple(p.id for p in group),
                value=value,
                limits={},
                required_method=required.method,
                required_rule=required.id,
                message=labels.PROCUREMENT_MESSAGE["splitting_procedure"].format(
                    item=item,
                    centre=centre,
                    year=year,
                    packages=", ".join(p.id for p in group),
                ),
                kind="procedure",
                lines=tuple(sorted(lines[key])),
            )
        )
    return flags


def splitting_check(plan: ProcurementPlan) -> list[SplittingFlag]:
    """Flags for every group of packages that together exceed a member's method limit, then
    for every need bought in several procedures (:func:`procedure_flags`)."""
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
    return flags + procedure_flags(plan)


def resolve_splitting(plan: ProcurementPlan) -> ProcurementPlan:
    """Bring each need split over packages into one package, then give each flagged package
    the method its group's combined value needs.

    The method is the regime's automatic choice for the *combined* value with the package's own
    basis and items, so it is lawful for the package (a method lawful for a larger value of the
    same kind is lawful for a smaller one). A planner's own choice is replaced too: it is the
    choice that made the split.
    """
    from planner.procurement.edits import move_lines  # edits builds on this module

    for flag in procedure_flags(plan):
        # one need, one procedure: its lines join the first package that holds them
        holder = plan.package(flag.packages[0])
        plan = move_lines(plan, [i for i in flag.lines if i not in holder.lines], holder.id)
    lifted: dict[str, Package] = {}
    for flag in splitting_check(plan):
        if flag.kind != "limit":
            continue
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
