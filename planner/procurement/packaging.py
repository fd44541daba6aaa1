"""Lawful packaging by construction: the plan the packager hands over is never a split.

Splitting one need into packages that each fall under a method's limit, to use a lighter
method, is forbidden (Law on Bidding 22/2023/QH15 Art. 16 clause 6 point l; the 2013 law
forbade it too). A *need* is a splitting group: the packages of one field, owner, year, basis
and kind (recurring or one-off). For a group *G* of two or more packages::

    V(G) = Σ_{p ∈ G} price(p)
    p is lawful in G  ⇔  limit(method(p)) is None  ∨  V(G) ≤ limit(method(p))

:func:`make_lawful` gives each package whose own lightest method fails that test the lightest
method lawful for V(G) itself. Such a method is lawful for the package too (its price ≤ V(G),
same field, basis and items), and V(G) does not depend on methods, so one pass suffices and
:func:`planner.procurement.splitting.splitting_check` finds nothing to flag — unless a planner
chose a method, which is kept (and flagged, as a warning).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from planner.catalog import Catalog
from planner.models import Centre, PlanLine, ProcurementField
from planner.organisations import DATASET_DATE, organisations_on
from planner.procurement.grouping import assemble, group_indices, line_facts
from planner.procurement.model import GroupingOptions, Package, ProcurementPlan
from planner.procurement.rules import Basis, RuleBook, default_rules

# field, owner, year, basis, recurring, consulting lot
SplitKey = tuple[ProcurementField, str, int, Basis, bool, str]


def split_key(package: Package) -> SplitKey:
    """What makes two packages parts of one need (see the module docstring).

    The consulting packages of a works investment are different services at different steps
    (survey and design, appraisal, supervision), not one need cut in parts, so the lot is
    part of the key.
    """
    return (
        package.field,
        package.owner,
        package.year,
        package.basis,
        package.recurring,
        package.consulting_lot or "",
    )


def split_groups(packages: Iterable[Package]) -> dict[SplitKey, list[Package]]:
    groups: dict[SplitKey, list[Package]] = defaultdict(list)
    for package in packages:
        groups[split_key(package)].append(package)
    return groups


def _regenerate(plan: ProcurementPlan, package: Package, group: tuple[int, str] | None) -> Package:
    return assemble(
        plan,
        package.number,
        package.lines,
        name=package.name if package.custom_name else None,
        group=group,
    )


def make_lawful(plan: ProcurementPlan) -> ProcurementPlan:
    """Every method the packager chose re-derived so that no need is split (module docstring).

    A planner's choice (``chosen_by_planner``) is kept as it is.
    """
    replaced: dict[str, Package] = {}
    for group in split_groups(plan.packages).values():
        total = sum(p.price for p in group)
        ids = ", ".join(p.id for p in group)
        for package in group:
            if package.chosen_by_planner:
                continue
            own = _regenerate(plan, package, None)
            regime = plan.regime_of(own)
            limit = regime.limit(regime.rule(own.rule_id), own.field, own.basis, own.standard)
            needs_group = len(group) > 1 and limit is not None and total > limit
            replaced[package.id] = _regenerate(plan, package, (total, ids)) if needs_group else own
    packages = tuple(replaced.get(p.id, p) for p in plan.packages)
    return dataclasses.replace(plan, packages=packages)


def headline_regime(plan: ProcurementPlan) -> ProcurementPlan:
    """The plan's ``regime``: the planner's, else the one of the earliest-starting package."""
    if plan.forced or not plan.packages:
        return plan
    first = min(plan.packages, key=lambda p: (p.start_date, p.number))
    return dataclasses.replace(plan, regime=plan.regime_of(first))


def regroup(plan: ProcurementPlan) -> ProcurementPlan:
    """The plan's lines grouped afresh into lawful packages (same options, same regime choice)."""
    bare = dataclasses.replace(plan, packages=())
    groups = group_indices(plan.lines, plan.facts, plan.options, list(plan.rules.consulting_lots))
    packages = tuple(assemble(bare, n, group) for n, group in enumerate(groups, start=1))
    return headline_regime(make_lawful(dataclasses.replace(bare, packages=packages)))


def build_plan(
    lines: Sequence[PlanLine],
    catalog: Catalog,
    centres: Iterable[Centre] = (),
    *,
    regime: str | None = None,
    dataset: str | None = None,
    options: GroupingOptions | None = None,
    rules: RuleBook | None = None,
    today: dt.date | None = None,
) -> ProcurementPlan:
    """Group funded lines into lawful packages, each under the regime in force on its start.

    ``regime`` (or ``options.regime``) names one regime for every package instead; ``dataset``
    names the day owners are named as of (unless ``options.on`` does). ``lines``
    are the optimiser's funded :class:`PlanLine` in the order of the plan's JSON ``lines``; the
    packages refer to them by index. ``dataset`` does not choose the regime: the date does. A plan without lines names the regime in force ``today``.
    """
    book = rules or default_rules()
    options = options or GroupingOptions()
    chosen = regime or options.regime
    lines = tuple(lines)
    if options.on is None and dataset in DATASET_DATE:
        # owners are named as of the dataset's date (the 2025 centre under the PC Office)
        options = dataclasses.replace(options, on=DATASET_DATE[dataset])
        named = organisations_on(DATASET_DATE[dataset]).owner_name
        if named and options.owner == GroupingOptions.owner:
            options = dataclasses.replace(options, owner=named)  # Sở KH&CN from 2025
    facts = line_facts(lines, catalog, centres, options, book)
    names = {s.code: s.name for s in catalog.policy.funding_sources}
    headline = book.regime(chosen) if chosen else book.regime_on(today or dt.date.today())
    bare = ProcurementPlan(
        headline, book, lines, facts, (), options, names, forced=chosen is not None
    )
    return regroup(bare)
