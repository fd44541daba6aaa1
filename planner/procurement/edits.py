"""A planner's edits to a procurement plan: move lines, rename, choose a method.

Each edit is pure: it returns a new :class:`ProcurementPlan` (the input is unchanged) after
checking the result, and refuses with a :class:`BadInput` in the user's language naming the
package, line and value when the edit would break a rule — a package must keep one field, one year and one
basis, and its method must stay lawful for its new value. After an edit, generated names and
methods are recomputed — lawfully for the whole plan (:func:`.packaging.make_lawful`: packages
of one need never get a method their combined price exceeds); a planner's own name and method
are kept (and re-checked against the package's own price; a split it makes is flagged).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from planner import labels
from planner.errors import BadInput, Problem
from planner.procurement.grouping import assemble
from planner.procurement.model import Package, ProcurementPlan
from planner.procurement.packaging import headline_regime, make_lawful
from planner.procurement.rules import Method

NAME_LIMIT = 300
_MSG = labels.PROCUREMENT_MESSAGE


def _refuse(
    title: str, column: str, value: object, expected: str, where: str = "where_package"
) -> BadInput:
    """A refusal of one value; ``where`` is the key of the place in ``PROCUREMENT_MESSAGE``."""
    return BadInput(title, [Problem(_MSG[where], None, column, value, expected)])


def _known(plan: ProcurementPlan, package_id: str) -> Package:
    for package in plan.packages:
        if package.id == package_id:
            return package
    raise _refuse(_MSG["package_not_found"], "id", package_id, _MSG["unknown_package"])


def _rebuild(plan: ProcurementPlan, package: Package, indices: Iterable[int]) -> Package:
    """The package re-assembled on new lines, keeping the planner's name and method."""
    return assemble(
        plan,
        package.number,
        tuple(indices),
        name=package.name if package.custom_name else None,
        chosen=package.method if package.chosen_by_planner else None,
        reason=package.reason,
    )


def check_coverage(plan: ProcurementPlan) -> None:
    """Every funded line in exactly one package (the invariant every edit must keep)."""
    seen: dict[int, str] = {}
    problems = []
    for package in plan.packages:
        for index in package.lines:
            if index in seen:
                problems.append(Problem(package.id, index, "lines", index, _MSG["line_twice"]))
            seen[index] = package.id
    problems += [
        Problem(_MSG["where_plan"], index, "lines", index, _MSG["line_missing"])
        for index in range(len(plan.lines))
        if index not in seen
    ]
    if problems:
        raise BadInput(_MSG["coverage_broken"], problems)


def _check_fits(plan: ProcurementPlan, target: Package | None, indices: list[int]) -> None:
    """Moved lines must share the target's field, year and basis (and each other's)."""
    reference = plan.lines[indices[0]] if target is None else plan.lines[target.lines[0]]
    ref_fact = plan.facts[indices[0]] if target is None else plan.facts[target.lines[0]]
    problems = []
    for index in indices:
        line, fact = plan.lines[index], plan.facts[index]
        if line.procurement_field != reference.procurement_field:
            expected = _MSG["field_mismatch"].format(
                target=labels.PROCUREMENT_FIELD[reference.procurement_field.value],
                line=labels.PROCUREMENT_FIELD[line.procurement_field.value],
            )
            problems.append(
                Problem(
                    _MSG["where_plan"],
                    index,
                    "procurement_field",
                    line.procurement_field.value,
                    expected,
                )
            )
        if line.year != reference.year:
            problems.append(
                Problem(
                    _MSG["where_plan"],
                    index,
                    "year",
                    line.year,
                    _MSG["year_mismatch"].format(target=reference.year, line=line.year),
                )
            )
        if (fact.recurrent, fact.recurring) != (ref_fact.recurrent, ref_fact.recurring):
            problems.append(
                Problem(_MSG["where_plan"], index, "item", line.item, _MSG["basis_mismatch"])
            )
    if problems:
        raise BadInput(_MSG["move_refused"], problems)


def move_lines(
    plan: ProcurementPlan, line_indices: Iterable[int], target_id: str | None = None
) -> ProcurementPlan:
    """Move plan lines (by index) into package ``target_id``, or into a new package if ``None``.

    Packages left empty disappear; the others keep their ids and numbers. The method of every
    touched package is re-derived from its new value (or re-checked, if the planner chose it).
    """
    indices = sorted(set(line_indices))
    last = len(plan.lines) - 1
    bad = [i for i in indices if not 0 <= i <= last]
    if not indices or bad:
        expected = _MSG["unknown_line"].format(last=last)
        raise _refuse(_MSG["line_invalid"], "lines", bad or None, expected, "where_plan")
    target = _known(plan, target_id) if target_id is not None else None
    _check_fits(plan, target, indices)
    moving = set(indices)
    packages: list[Package] = []
    for package in plan.packages:
        kept = [i for i in package.lines if i not in moving]
        if target is not None and package.id == target.id:
            kept += indices
        if not kept:
            continue
        packages.append(
            package if tuple(sorted(kept)) == package.lines else _rebuild(plan, package, kept)
        )
    if target is None:
        number = max((p.number for p in plan.packages), default=0) + 1
        packages.append(assemble(plan, number, indices))
    new = dataclasses.replace(plan, packages=tuple(sorted(packages, key=lambda p: p.number)))
    check_coverage(new)
    return headline_regime(make_lawful(new))


def rename_package(plan: ProcurementPlan, package_id: str, name: str) -> ProcurementPlan:
    """Give a package the planner's own name (kept through later edits); blank names refused.

    The name is kept as typed; spreadsheet exports neutralise a leading ``= + - @`` so that a
    name cannot become a formula.
    """
    package = _known(plan, package_id)
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise _refuse(_MSG["name_invalid"], "name", name, _MSG["empty_name"])
    if len(cleaned) > NAME_LIMIT:
        raise _refuse(
            _MSG["name_invalid"],
            "name",
            cleaned[:40] + "…",
            _MSG["long_name"].format(limit=NAME_LIMIT),
        )
    renamed = package.model_copy(update={"name": cleaned, "custom_name": True})
    return _replace(plan, renamed)


def set_method(
    plan: ProcurementPlan, package_id: str, method: str | Method | None, reason: str = ""
) -> ProcurementPlan:
    """The planner's choice of method for a package (``None`` returns to the rules' choice).

    Refused unless some rule of the regime allows it for the package's field, value and basis;
    limited bidding, self-performance and special direct appointment also need ``reason``.
    """
    package = _known(plan, package_id)
    chosen = None
    if method is not None:
        try:
            chosen = Method(method)
        except ValueError:
            expected = _MSG["unknown_method"].format(known=", ".join(m.value for m in Method))
            raise _refuse(_MSG["method_invalid"], "method", method, expected) from None
    rebuilt = assemble(
        plan,
        package.number,
        package.lines,
        name=package.name if package.custom_name else None,
        chosen=chosen,
        reason=reason.strip(),
    )
    return make_lawful(_replace(plan, rebuilt))


def _replace(plan: ProcurementPlan, package: Package) -> ProcurementPlan:
    packages = tuple(package if p.id == package.id else p for p in plan.packages)
    return dataclasses.replace(plan, packages=packages)
