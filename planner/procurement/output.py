"""The procurement part of ``planner solve --json`` and an OCDS planning export.

JSON (docs/cli.md): ``"packages": [{"name", "field", "value", "method", "funding_source",
"lines"}]`` and ``"procurement_regime"``. ``field`` uses the JSON spelling ``non-consulting``
(the Python enum value is ``non_consulting``). ``lines`` are **indices into the plan's
``lines`` list** (0-based, the order given to :func:`build_plan`); ``line_refs`` repeats them
as ``{centre, item, year, repair}`` for readers who join by key. ``funding_source`` is the
package's funding key joined with ``+`` (``"local+province"``); ``funding`` gives the đồng per
source. ``value`` is the package's estimate (Σ cost of its lines, what the plan funds) and
``price`` the package price the limits apply to (estimate + ``contingency`` + ``vat``). Each
package names its ``regime`` and ``explanation`` (method, limit, article); the plan adds
``procurement_regimes``, ``procurement_regime_reason`` and ``funding_basis``. Each package
also gives its ``funding_basis`` (+ ``funding_basis_label``), ``consulting_lot`` (survey_design /
appraisal / supervision for a works investment's consulting, else null), its ``owner`` with
``owner_source``/``owner_confidence``, ``start_month`` and ``end_date``; the plan gives
``funding_bases``, ``funding_basis_forced`` and ``owners``. Keys are only ever added, never
renamed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from planner import labels
from planner.models import ProcurementField
from planner.procurement.grouping import ordered_sources
from planner.procurement.model import Package, ProcurementPlan
from planner.procurement.owners import plan_owner
from planner.procurement.rules import Basis
from planner.procurement.splitting import splitting_check

_OCDS_CATEGORY = {
    ProcurementField.GOODS: "goods",
    ProcurementField.WORKS: "works",
    ProcurementField.CONSULTING: "services",
    ProcurementField.NON_CONSULTING: "services",
}


def json_field(field: ProcurementField) -> str:
    """``non_consulting`` → ``non-consulting`` (the JSON contract's spelling); others unchanged."""
    return field.value.replace("_", "-")


def package_json(plan: ProcurementPlan, package: Package) -> dict[str, Any]:
    """One package in the docs/cli.md shape plus the terms the KHLCNT shows."""
    return {
        "id": package.id,
        "name": package.name,
        "field": json_field(package.field),
        "value": package.value,
        "contingency": package.contingency,
        "vat": package.vat,
        "price": package.price,
        "method": package.method.value,
        "method_label": labels.SELECTION_METHOD[package.method.value],
        "funding_source": "+".join(package.funding_key),
        "funding": dict(package.funding),
        "lines": list(package.lines),
        "line_refs": [
            {"centre": line.centre, "item": line.item, "year": line.year, "repair": line.repair}
            for line in (plan.lines[i] for i in package.lines)
        ],
        "year": package.year,
        "owner": package.owner,
        "basis": package.basis.value,
        "recurring": package.recurring,
        "regime": package.regime,
        "rule": package.rule_id,
        "citation": package.citation,
        "explanation": package.explanation,
        "chosen_by_planner": package.chosen_by_planner,
        "reason": package.reason,
        "procedure": package.procedure,
        "procedure_citation": package.procedure_citation,
        "domestic": package.domestic,
        "contract_type": package.contract_type,
        "start": {"quarter": package.start_quarter, "year": package.start_year},
        "start_date": package.start_date.isoformat(),
        "selection_days": package.selection_days,
        "duration_months": package.duration_months,
        "optional_purchase": package.optional_purchase,
        "online": package.online,
        "online_citation": package.online_citation,
        "funding_basis": package.basis.value,
        "funding_basis_label": labels.PROCUREMENT_BASIS[package.basis.value],
        "consulting_lot": package.consulting_lot,
        "investment": package.investment,
        "owner_source": package.owner_source,
        "owner_confidence": package.owner_confidence,
        "start_month": package.start_month,
        "end_date": package.end_date.isoformat() if package.end_date else None,
    }


def regime_reason(plan: ProcurementPlan) -> str:
    """Which regime judges the packages, and why (the planner's choice, or the dates)."""
    if plan.forced:
        return labels.REGIME_REASON["chosen"].format(regime=plan.regime.name)
    regimes = plan.regimes
    if len(regimes) == 1:
        return labels.REGIME_REASON["one"].format(
            regime=regimes[0].name, start=labels.date(regimes[0].effective_from)
        )
    by_regime = {r.id: ", ".join(p.id for p in plan.packages if p.regime == r.id) for r in regimes}
    return labels.REGIME_REASON["by_date"].format(
        regimes="; ".join(f"{r.name}: {by_regime[r.id]}" for r in regimes)
    )


def funding_basis(plan: ProcurementPlan) -> str:
    """The plan's funding basis (``recurrent`` = purchase estimate, or ``project``).

    The planner's forced basis, else the basis of the packages outside a works investment
    (the rule book's ``funding_basis_rule.otherwise``, or ``default_basis``); each package
    carries its own (``funding_bases`` lists them all).
    """
    if plan.options.basis is not None:
        return Basis(plan.options.basis).value
    rule = plan.rules.funding_basis_rule
    return Basis(rule.otherwise if rule is not None else plan.rules.default_basis).value


def funding_bases(plan: ProcurementPlan) -> list[str]:
    """Every funding basis the packages use, projects first."""
    return sorted({p.basis.value for p in plan.packages})


def owners(plan: ProcurementPlan) -> list[dict[str, Any]]:
    """Each owner named on the plan with its source, confidence and packages (first use first).

    The plan owner's source comes from ``organisations.csv`` as of ``options.on`` (or the
    first package's year); a works investment's owner carries its own (:mod:`.owners`).
    """
    out: dict[str, dict[str, Any]] = {}
    for package in plan.packages:
        entry = out.get(package.owner)
        if entry is None:
            source, confidence = package.owner_source, package.owner_confidence
            if not package.investment:
                known = plan_owner(package.owner, plan.options.on or dt.date(package.year, 1, 1))
                source = known.source
                confidence = known.confidence.value if known.confidence else None
            entry = out[package.owner] = {
                "name": package.owner,
                "source": source,
                "confidence": confidence,
                "packages": [],
            }
        entry["packages"].append(package.id)
    return list(out.values())


def procurement_json(plan: ProcurementPlan) -> dict[str, Any]:
    """``{"packages": [...], "procurement_regime": id, "procurement_splitting": [...]}``.

    Merge it into the solve JSON: ``result.update(procurement_json(plan))``.
    """
    return {
        "packages": [package_json(plan, p) for p in plan.packages],
        "procurement_regime": plan.regime.id,
        "procurement_regimes": [r.id for r in plan.regimes],
        "procurement_regime_reason": regime_reason(plan),
        "procurement_regime_chosen": plan.forced,
        "funding_basis": funding_basis(plan),
        "funding_bases": funding_bases(plan),
        "funding_basis_forced": plan.options.basis is not None,
        "owners": owners(plan),
        "procurement_total_price": plan.total_price,
        "procurement_splitting": [flag.as_dict() for flag in splitting_check(plan)],
    }


def _money(amount: int) -> dict[str, Any]:
    return {"amount": amount, "currency": "VND"}


def ocds_release_package(
    plan: ProcurementPlan,
    ocid_prefix: str,
    published: str,
    buyer: str | None = None,
    item_names: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """An OCDS 1.1 release package with one ``planning`` release per procurement package.

    ``ocid_prefix`` is the publisher's registered prefix (e.g. ``ocds-xxxxxx-thanhhoa-2017``),
    ``published`` an ISO-8601 date-time. ``tender.procurementMethod`` maps the Vietnamese
    method through ``ocds_method`` of the rule book (open / selective / limited / direct) and
    ``procurementMethodDetails`` keeps the Vietnamese name.
    """
    names = item_names or {}
    buyer_name = buyer or plan.options.owner
    releases = []
    for package in plan.packages:
        lines = [plan.lines[i] for i in package.lines]
        releases.append(
            {
                "ocid": f"{ocid_prefix}-{package.id}",
                "id": f"{ocid_prefix}-{package.id}-planning",
                "date": published,
                "tag": ["planning"],
                "initiationType": "tender",
                "buyer": {"name": package.owner or buyer_name},
                "planning": {
                    "budget": {
                        "description": ", ".join(
                            plan.funding_names.get(s, s)
                            for s in ordered_sources(package.funding_key, plan.funding_names)
                        ),
                        "amount": _money(package.price),
                    },
                },
                "tender": {
                    "id": package.id,
                    "title": package.name,
                    "status": "planning",
                    "procurementMethod": plan.rules.ocds_method[package.method],
                    "procurementMethodDetails": labels.SELECTION_METHOD[package.method.value],
                    "procurementMethodRationale": package.citation,
                    "mainProcurementCategory": _OCDS_CATEGORY[package.field],
                    "value": _money(package.price),
                    "contractPeriod": {"durationInDays": package.duration_months * 30},
                    "submissionMethod": ["electronicSubmission"] if package.online else ["written"],
                    "items": [
                        {
                            "id": str(i),
                            "description": f"{names.get(line.item, line.item)} — {line.centre}",
                            "quantity": line.quantity,
                            "unit": {"value": _money(line.unit_price)},
                        }
                        for i, line in zip(package.lines, lines, strict=True)
                    ],
                },
            }
        )
    return {
        "version": "1.1",
        "publishedDate": published,
        "publisher": {"name": buyer_name},
        "releases": releases,
    }
