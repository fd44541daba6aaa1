"""What the proposal workbook shows, taken from an optimiser :class:`Plan` in one place.

The workbook (:mod:`.proposal`) reads only :class:`ProposalData`, so it does not depend on the
optimiser's internals; :func:`proposal_data` is the one adapter to keep in step with
``planner.optimise.plan.Plan`` (funded lines via ``plan_lines()``, unmet needs via
``planner.optimise.explain.unmet`` when present, solver status and gap, the instance's budgets).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planner import labels
from planner.labels import EXCEL
from planner.models import PlanLine


@dataclass(frozen=True)
class UnmetLine:
    centre: str
    item: str
    quantity: int
    cost: int
    reason: str


@dataclass(frozen=True)
class ProposalData:
    """Funded lines, unmet needs, funding sources, solver outcome and scenario parameters."""

    scenario: str
    lines: tuple[PlanLine, ...]
    unmet: tuple[UnmetLine, ...]
    sources: tuple[tuple[str, str], ...]  # (code, name) in the policy's order
    status: str
    gap: float | None = None
    objective: float | None = None
    need_met_score: float | None = None  # the objective out of 100 (plan.need_met_json)
    solver: str = ""
    method: str = "milp"
    catalog_version: str = ""
    dataset: str = ""
    budget: int | None = None
    budget_by_source: dict[str, int] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)
    illustrative: bool = False
    budget_covers: str = "estimates"  # what the budget paid for: "estimates" | "package_prices"

    @property
    def total(self) -> int:
        return sum(line.cost for line in self.lines)


def proposal_data(plan, *, workspace, scenario) -> ProposalData:
    """Adapt a solved ``Plan`` (and the workspace and scenario it was solved on)."""
    from planner.optimise.accounting import full_need_value, need_met_score

    inst = plan.inst
    sources = tuple((s.code, s.name) for s in workspace.catalog.policy.funding_sources)
    return ProposalData(
        scenario=scenario_name(getattr(scenario, "name", "") or inst.scenario),
        lines=tuple(plan.plan_lines()),
        unmet=tuple(_unmet(plan)),
        sources=sources,
        status=str(plan.status),
        gap=plan.gap,
        objective=plan.objective,
        need_met_score=need_met_score(plan.objective, full_need_value(inst)),
        solver=plan.solver,
        method=plan.method,
        catalog_version=inst.catalog_version or workspace.catalog.version,
        dataset=inst.dataset or workspace.dataset,
        budget=inst.budget,
        budget_by_source=dict(inst.budget_by_source),
        parameters=scenario.model_dump(mode="json")
        if hasattr(scenario, "model_dump")
        else dict(scenario or {}),
        illustrative=any(s.illustrative for _, s in workspace.surveys.values()),
        budget_covers=budget_covers(plan),
    )


def scenario_name(name: str) -> str:
    """The scenario's name, or words for the unnamed default (``budget``, a code, not a name)."""
    from planner.optimise.scenario import Scenario

    return labels.DEFAULT_SCENARIO_NAME if name == Scenario.model_fields["name"].default else name


def budget_covers(plan) -> str:
    """What the plan's budget paid for: ``package_prices`` if the plan says so, else ``estimates``.

    The optimiser spends its budget on estimates (Σ quantity × unit price) unless the plan or
    its instance carries a ``budget_covers`` field naming package prices (estimate + contingency
    + VAT); any value naming a price counts as package prices, anything else as estimates.
    """
    for holder in (plan, getattr(plan, "inst", None)):
        value = getattr(holder, "budget_covers", None) if holder is not None else None
        if value is not None:
            return "package_prices" if "price" in str(value).lower() else "estimates"
    return "estimates"


def _unmet(plan) -> list[UnmetLine]:
    """Unmet needs with the optimiser's reasons (``planner.optimise.explain.unmet``)."""
    from planner.optimise.explain import unmet

    return [
        UnmetLine(
            r["centre"],
            r["item"],
            int(r["quantity"]),
            int(r["cost"]),
            _reason(r),
        )
        for r in unmet(plan.inst, plan.buys, plan.repairs)
    ]


def _reason(row: dict) -> str:
    """The reason in words ("Không đủ ngân sách"), never the optimiser's code (``budget``)."""
    code = str(row.get("reason") or "")
    text = (
        labels.OPTIMISE_REASON.get(code)
        or str(row.get("reason_text") or "")
        or EXCEL["reason_budget"]
    )
    return text[:1].upper() + text[1:]
