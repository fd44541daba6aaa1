"""Grouping funded plan lines into procurement packages (see :class:`GroupingOptions`).

Every funded line lands in exactly one package: the packages are the classes of an equivalence
relation "same key", with key = (year, field, basis, recurring[, funding key][, category]
[, cluster]). A package's value (estimate) is the sum of its lines' costs, so package values
add up to the plan's spend; its price adds contingency and VAT (:mod:`.methods`).
:mod:`.packaging` then makes the grouping lawful as a whole (no split of one need).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from planner import labels
from planner.catalog import Catalog
from planner.errors import BadInput, Problem
from planner.models import Category, Centre, Item, PlanLine, ProcurementField
from planner.procurement.methods import choose_rule, package_price, start_date, terms_for
from planner.procurement.model import (
    ClusterSpec,
    GroupingOptions,
    LineFacts,
    Package,
    ProcurementPlan,
)
from planner.procurement.owners import investment_owner
from planner.procurement.rules import Basis, Method, Rule, RuleBook
from planner.procurement.schedule import end_of, investment_steps

_FIELD_ORDER = {f: i for i, f in enumerate(ProcurementField)}
_CATEGORY_ORDER = {c: i for i, c in enumerate(Category)}


def funding_key(line: PlanLine) -> tuple[str, ...]:
    """The sorted sources paying a positive part of the line (all named sources if none pays)."""
    paying = sorted(s for s, amount in line.funding.items() if amount > 0)
    return tuple(paying or sorted(line.funding))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def ordered_sources(sources: Iterable[str], names: Mapping[str, str]) -> list[str]:
    """Sources in the policy's order (province, local, other), unknown codes last."""
    order = {code: i for i, code in enumerate(names)}
    return sorted(sources, key=lambda s: (order.get(s, len(order)), s))


def _cluster(
    line: PlanLine, centres: Mapping[str, Centre], spec: ClusterSpec
) -> tuple[str | None, str | None]:
    """(cluster key, readable cluster name) of a line's centre under the grouping option."""
    if isinstance(spec, Mapping):
        name = spec[line.centre]
        return name, name
    if spec == "none":
        return None, None
    centre = centres.get(line.centre)
    code = line.centre if spec == "centre" or centre is None else (centre.parent or centre.code)
    known = centres.get(code)
    return code, known.name if known else code


def investment_lot(item: Item, field: ProcurementField, rules: RuleBook) -> str | None:
    """The step of a works investment a line of ``item`` belongs to; ``None``: not one.

    ``"works"`` for a one-off line of a field in ``funding_basis_rule.project_fields``; the
    consulting lot of the item's ``consulting_role`` (``consulting_lots``) when the rule lets
    consulting join its works. Without a rule there is no investment.
    """
    rule = rules.funding_basis_rule
    if rule is None or item.recurring:
        return None
    if field in rule.project_fields:
        return "works"
    if rule.project_consulting_roles:
        return rules.consulting_lot(item.consulting_role)
    return None


def line_facts(
    lines: Sequence[PlanLine],
    catalog: Catalog,
    centres: Iterable[Centre],
    options: GroupingOptions,
    rules: RuleBook,
) -> tuple[LineFacts, ...]:
    """Per line: basis, standard or not, cluster, and for a works investment its step and owner.

    The basis is the planner's (``options.basis``) for every one-off line, else the rule book's
    ``funding_basis_rule``: a line of a works investment is ``project``, any other line
    ``otherwise``. Rented lines are always a purchase estimate. A works-investment line is its
    own centre's cluster, owned by the centre's body (:mod:`.owners`) as of ``options.on``.
    Refuses unknown codes.
    """
    by_code = {c.code: c for c in centres}
    where = labels.PROCUREMENT_MESSAGE["where_plan"]
    problems = [
        Problem(where, row, "item", line.item, labels.PROCUREMENT_MESSAGE["item_not_in_catalog"])
        for row, line in enumerate(lines)
        if line.item not in catalog.items
    ]
    if isinstance(options.cluster, Mapping):
        problems += [
            Problem(
                where, row, "centre", line.centre, labels.PROCUREMENT_MESSAGE["centre_no_cluster"]
            )
            for row, line in enumerate(lines)
            if line.centre not in options.cluster
        ]
    if problems:
        raise BadInput(labels.PROCUREMENT_MESSAGE["grouping_refused"], problems)
    rule = rules.funding_basis_rule
    facts = []
    for line in lines:
        item = catalog.items[line.item]
        recurring = item.recurring
        lot = investment_lot(item, line.procurement_field, rules)
        if options.basis is not None:
            basis = options.basis
        elif rule is not None:
            basis = Basis.PROJECT if lot is not None else rule.otherwise
        else:
            basis = rules.default_basis
        cluster, label = _cluster(line, by_code, options.cluster)
        owner = None
        if lot is not None:
            centre = by_code.get(line.centre)
            cluster, label = line.centre, centre.name if centre else line.centre
            owner = investment_owner(centre, options.on or dt.date(line.year, 1, 1))
        facts.append(
            LineFacts(
                recurrent=recurring or basis == Basis.RECURRENT,
                standard=line.item not in rules.non_standard_items,
                cluster=cluster,
                cluster_label=label,
                recurring=recurring,
                lot=lot,
                owner=owner.name if owner else None,
                owner_source=owner.source if owner else "",
                owner_confidence=owner.confidence.value if owner and owner.confidence else None,
            )
        )
    return tuple(facts)


GroupKey = tuple[object, ...]  # year, field, recurrent, recurring, funding, category, cluster, lot


def _key(
    line: PlanLine,
    fact: LineFacts,
    options: GroupingOptions,
    funding: tuple[str, ...],
    lot_order: Mapping[str, int],
) -> GroupKey:
    """Lines with one key share a package. A works investment is one package per step and
    centre, whatever its funding and categories (one project, one contract per step).
    ``funding`` is the funding key of the line's whole need (:func:`group_indices`)."""
    investment = fact.lot is not None
    return (
        line.year,
        _FIELD_ORDER[line.procurement_field],
        fact.recurrent,
        fact.recurring,
        funding if options.by_funding and not investment else (),
        _CATEGORY_ORDER[line.category] if options.by_category and not investment else -1,
        fact.cluster or "",
        lot_order.get(fact.lot, len(lot_order)) if fact.lot else -1,
        fact.lot or "",
    )


def group_indices(
    lines: Sequence[PlanLine],
    facts: Sequence[LineFacts],
    options: GroupingOptions,
    lots: Sequence[str] = (),
) -> list[tuple[int, ...]]:
    """Line indices per package, packages in a stable, readable order (year, field, ...).

    The lines of one need (one item for one centre in one year, :func:`.splitting.need_key`)
    always share a package — one need is bought in one procedure — so they are grouped by the
    union of their funding keys, not each by its own. A centre's consulting packages come in
    the order of ``lots`` (survey and design, appraisal, supervision).
    """
    lot_order = {lot: i for i, lot in enumerate(lots)}
    need_funding: dict[tuple[str, str, int, bool], set[str]] = defaultdict(set)
    for line in lines:
        need_funding[line.centre, line.item, line.year, line.repair] |= set(funding_key(line))
    groups: dict[GroupKey, list[int]] = defaultdict(list)
    for index, (line, fact) in enumerate(zip(lines, facts, strict=True)):
        funding = tuple(sorted(need_funding[line.centre, line.item, line.year, line.repair]))
        groups[_key(line, fact, options, funding, lot_order)].append(index)
    return [tuple(groups[key]) for key in sorted(groups)]


def package_name(plan: ProcurementPlan, number: int, indices: Sequence[int]) -> str:
    """ "Gói 01: Mua sắm thiết bị, phần mềm cho … năm 2017 – Ngân sách tỉnh" (readable, generated)."""
    lines = [plan.lines[i] for i in indices]
    first, fact = lines[0], plan.facts[indices[0]]
    categories = sorted({line.category for line in lines}, key=_CATEGORY_ORDER.__getitem__)
    sources = ordered_sources({s for line in lines for s in funding_key(line)}, plan.funding_names)
    clusters = {plan.facts[i].cluster_label for i in indices}
    where = (
        labels.PACKAGE_WHERE_CLUSTER.format(cluster=fact.cluster_label)
        if fact.cluster_label and len(clusters) == 1
        else labels.PACKAGE_WHERE_ALL
    )
    field = first.procurement_field.value
    funding_words = ", ".join(_lower_first(plan.funding_names.get(s, s)) for s in sources)
    if fact.lot is not None and fact.lot in labels.PACKAGE_LOT:
        return labels.PACKAGE_NAME_LOT.format(
            number=number,
            lot=labels.PACKAGE_LOT[fact.lot],
            where=where,
            year=first.year,
            funding=funding_words,
        )
    verbs = labels.PACKAGE_VERB_RECURRENT if fact.recurring else labels.PACKAGE_VERB
    funding = ", ".join(_lower_first(plan.funding_names.get(s, s)) for s in sources)
    return labels.PACKAGE_NAME.format(
        number=number,
        verb=verbs.get(field, labels.PACKAGE_VERB[field]),
        what=", ".join(labels.PACKAGE_WHAT[c.value] for c in categories),
        recurrent=labels.PACKAGE_RECURRENT if fact.recurring and field not in verbs else "",
        where=where,
        year=first.year,
        funding=funding,
    )


def explain(package_price: int, rule: Rule, limit: int | None, group: str = "") -> str:
    """Why the package has its method: the price against the method's limit, and the article."""
    method = labels.SELECTION_METHOD[rule.method.value]
    if group:
        return labels.PROCUREMENT_MESSAGE["explain_group"].format(
            method=method, group=group, citation=rule.citation
        )
    if limit is None:
        return labels.PROCUREMENT_MESSAGE["explain_open"].format(
            method=method, citation=rule.citation
        )
    return labels.PROCUREMENT_MESSAGE["explain_limit"].format(
        method=method,
        price=labels.money(package_price),
        limit=labels.money(limit),
        citation=rule.citation,
    )


def assemble(
    plan: ProcurementPlan,
    number: int,
    indices: Sequence[int],
    name: str | None = None,
    chosen: Method | None = None,
    reason: str = "",
    group: tuple[int, str] | None = None,
) -> Package:
    """A package of these lines: price, funding, method and terms; ``name`` keeps a planner's name.

    ``value = Σ cost`` of its lines, ``funding[s] = Σ funding[s]`` of its lines, and ``price``
    adds contingency and VAT. The method is the planner's ``chosen`` one (checked), else the
    lightest that the price allows — or, with ``group = (Σ price, "G01, G02")``, the lightest
    that the group's combined price allows (so that packages of one need are not split).
    """
    indices = tuple(sorted(indices))
    lines = [plan.lines[i] for i in indices]
    facts = [plan.facts[i] for i in indices]
    first, fact = lines[0], facts[0]
    field = first.procurement_field
    price = package_price(plan.rules, lines)
    funding: dict[str, int] = defaultdict(int)
    for line in lines:
        for source, amount in line.funding.items():
            funding[source] += amount
    basis = Basis.RECURRENT if fact.recurrent else Basis.PROJECT
    standard = all(f.standard for f in facts)
    step = investment_steps(plan, first.centre, first.year).get(fact.lot) if fact.lot else None
    start = step.start if step else start_date(plan.rules, field, fact.recurring, first.year)
    regime = plan.regime_on(start)
    if chosen is None and group is not None:
        rule = regime.choose(field, group[0], basis, standard)
    else:
        rule = choose_rule(regime, field, price.total, basis, standard, chosen, reason)
    terms = terms_for(
        plan.rules, regime, rule, field, price.total, fact.recurring, first.year, start
    )
    duration = step.duration_months if step else terms.duration_months
    if step is not None and fact.lot == "supervision":
        end = step.end  # supervision runs alongside the works
    else:
        end = end_of(start, terms.selection_days, duration)
    owner = plan.options.owner
    if plan.options.clusters_are_owners and fact.cluster_label:
        owner = fact.cluster_label
    if fact.owner is not None:
        owner = fact.owner
    lifted = chosen is None and group is not None
    return Package(
        id=f"G{number:02d}",
        number=number,
        name=name if name is not None else package_name(plan, number, indices),
        custom_name=name is not None,
        field=field,
        year=first.year,
        lines=indices,
        value=price.estimate,
        contingency=price.contingency,
        vat=price.vat,
        price=price.total,
        funding=dict(sorted(funding.items())),
        funding_key=tuple(sorted({s for line in lines for s in funding_key(line)})),
        categories=tuple(
            sorted({line.category for line in lines}, key=_CATEGORY_ORDER.__getitem__)
        ),
        cluster=fact.cluster if len({f.cluster for f in facts}) == 1 else None,
        owner=owner,
        basis=basis,
        recurring=fact.recurring,
        standard=standard,
        regime=regime.id,
        method=terms.method,
        rule_id=rule.id,
        citation=rule.citation,
        explanation=explain(
            price.total,
            rule,
            regime.limit(rule, field, basis, standard),
            group[1] if lifted and group is not None else "",
        ),
        group_price=group[0] if lifted and group is not None else None,
        chosen_by_planner=chosen is not None,
        reason=reason if chosen is not None else "",
        procedure=terms.procedure,
        procedure_citation=terms.procedure_citation,
        contract_type=terms.contract_type,
        start_quarter=terms.start_quarter,
        start_year=start.year,
        start_month=start.month,
        end_date=end,
        selection_days=terms.selection_days,
        duration_months=duration,
        domestic=plan.rules.schedule.domestic,
        optional_purchase=plan.rules.schedule.optional_purchase,
        online=terms.online,
        online_citation=terms.online_citation,
        consulting_lot=fact.lot if fact.lot != "works" else None,
        investment=fact.lot is not None,
        owner_source=fact.owner_source if fact.owner is not None else "",
        owner_confidence=fact.owner_confidence if fact.owner is not None else None,
    )


_PLAN_LINE_KEYS = (
    "centre",
    "item",
    "category",
    "procurement_field",
    "quantity",
    "unit_price",
    "cost",
    "year",
    "funding",
    "repair",
)


def plan_lines_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[PlanLine]:
    """The ``lines`` rows of a ``solve --json`` document as :class:`PlanLine`, **in the same order**.

    Use it so that package ``lines`` indices point into the JSON's ``lines`` list (extra keys
    such as ``renewal`` are ignored; rows of zero cost are kept, so indices stay aligned).
    """
    return [
        PlanLine.model_validate({k: row[k] for k in _PLAN_LINE_KEYS if k in row}) for row in rows
    ]
