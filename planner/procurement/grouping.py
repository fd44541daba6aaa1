"""Grouping funded plan lines into procurement packages (see :class:`GroupingOptions`).

Every funded line lands in exactly one package: the packages are the classes of an equivalence
relation "same key", with key = (year, field, basis, recurring[, funding key][, category]
[, cluster]). A package's value (estimate) is the sum of its lines' costs, so package values
add up to the plan's spend; its price adds contingency and VAT (:mod:`.methods`).
:mod:`.packaging` then makes the grouping lawful as a whole (no split of one need).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from planner import labels
from planner.catalog import Catalog
from planner.errors import BadInput, Problem
from planner.models import Category, Centre, PlanLine, ProcurementField
from planner.procurement.methods import choose_rule, package_price, start_date, terms_for
from planner.procurement.model import (
    ClusterSpec,
    GroupingOptions,
    LineFacts,
    Package,
    ProcurementPlan,
)
from planner.procurement.rules import Basis, Method, Rule, RuleBook

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


def line_facts(
    lines: Sequence[PlanLine],
    catalog: Catalog,
    centres: Iterable[Centre],
    options: GroupingOptions,
    rules: RuleBook,
) -> tuple[LineFacts, ...]:
    """Per line: recurrent or not, standard item or not, and its cluster; refuses unknown codes."""
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
    basis = options.basis or rules.default_basis
    facts = []
    for line in lines:
        cluster, label = _cluster(line, by_code, options.cluster)
        recurring = catalog.items[line.item].recurring
        facts.append(
            LineFacts(
                recurrent=recurring or basis == Basis.RECURRENT,
                standard=line.item not in rules.non_standard_items,
                cluster=cluster,
                cluster_label=label,
                recurring=recurring,
            )
        )
    return tuple(facts)


GroupKey = tuple[object, ...]  # year, field, recurrent, recurring, funding, category, cluster


def _key(line: PlanLine, fact: LineFacts, options: GroupingOptions) -> GroupKey:
    return (
        line.year,
        _FIELD_ORDER[line.procurement_field],
        fact.recurrent,
        fact.recurring,
        funding_key(line) if options.by_funding else (),
        _CATEGORY_ORDER[line.category] if options.by_category else -1,
        fact.cluster or "",
    )


def group_indices(
    lines: Sequence[PlanLine], facts: Sequence[LineFacts], options: GroupingOptions
) -> list[tuple[int, ...]]:
    """Line indices per package, packages in a stable, readable order (year, field, ...)."""
    groups: dict[GroupKey, list[int]] = defaultdict(list)
    for index, (line, fact) in enumerate(zip(lines, facts, strict=True)):
        groups[_key(line, fact, options)].append(index)
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
    regime = plan.regime_on(start_date(plan.rules, field, fact.recurring, first.year))
    if chosen is None and group is not None:
        rule = regime.choose(field, group[0], basis, standard)
    else:
        rule = choose_rule(regime, field, price.total, basis, standard, chosen, reason)
    terms = terms_for(plan.rules, regime, rule, field, price.total, fact.recurring, first.year)
    owner = plan.options.owner
    if plan.options.clusters_are_owners and fact.cluster_label:
        owner = fact.cluster_label
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
        start_year=first.year,
        selection_days=terms.selection_days,
        duration_months=terms.duration_months,
        domestic=plan.rules.schedule.domestic,
        optional_purchase=plan.rules.schedule.optional_purchase,
        online=terms.online,
        online_citation=terms.online_citation,
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
