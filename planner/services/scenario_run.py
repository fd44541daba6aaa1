"""One what-if run for a front end: check the right, solve, group into packages, write the proposal.

The web app calls :func:`run_scenario` and keeps the :class:`ScenarioResult` (plain data plus
the workbook's bytes) in the user's session, so results survive page changes without keeping
solver objects around. The steps report through ``progress(fraction, message)`` so that a page
can show where a slow solve is, down to the solver's stages (optimiser.STAGES). A run handed
``options.should_stop`` (planner.services.run_job) raises errors.Stopped when it is stopped, at any step.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from planner import labels
from planner.auth import Action, Actor, require
from planner.optimise.optimiser import instance_for, solve_instance
from planner.optimise.plan import plan_json
from planner.optimise.scenario import Scenario
from planner.optimise.solve import PLAN_STATUSES, SolveOptions, raise_if_stopped
from planner.services.scenario_fields import (  # re-exported for pages
    BILLION,
    billions,
    form_values,
    scenario_from_form,
)
from planner.services.workspace import Workspace

if TYPE_CHECKING:  # annotations only: the packager is imported when a run needs it
    from planner.models import PlanLine
    from planner.procurement import ProcurementPlan

Progress = Callable[[float, str], None]

STEP = labels.RUN_STEP  # the progress messages, in the session's language
# Where the progress bar stands when the solver enters each stage (between "solve" and "packages").
STAGE_FRACTION = {
    "decomposition": 0.25,
    "whole_model": 0.35,
    "one_unit": 0.6,
    "explain": 0.6,
    "marginals": 0.7,
}


@dataclass(frozen=True)
class ScenarioResult:
    """A solved scenario as the app shows it: the ``solve --json`` document and the proposal."""

    scenario: Scenario
    document: dict  # plan_json(...) plus "packages", "procurement_regime", "procurement_splitting"
    proposal: bytes | None  # the .xlsx, None when there is no plan (infeasible, solver error)
    solved_at: dt.datetime = field(default_factory=lambda: dt.datetime.now())
    procurement: object | None = None  # the ProcurementPlan the proposal's KHLCNT sheet shows

    @property
    def key(self) -> str:
        """Identifies this run in a session (edits of its packages are kept under it)."""
        return f"{self.scenario.name}@{self.solved_at.isoformat()}"

    @property
    def has_plan(self) -> bool:
        return self.document["status"] in PLAN_STATUSES


def _ignore(_fraction: float, _message: str) -> None:
    return None


def run_scenario(
    workspace: Workspace,
    actor: Actor,
    scenario: Scenario,
    *,
    options: SolveOptions = SolveOptions(),
    progress: Progress = _ignore,
    today: dt.date | None = None,
) -> ScenarioResult:
    """Solve ``scenario`` on the workspace's needs as ``actor`` (planners and administrators)."""
    require(actor, Action.RUN_SCENARIO)
    progress(0.05, STEP["instance"])
    inst = instance_for(workspace, scenario)
    raise_if_stopped(options)
    progress(0.2, STEP["solve"])
    plan = solve_instance(inst, _reporting(options, progress))
    document = plan_json(plan)
    if plan.status not in PLAN_STATUSES:
        progress(1.0, STEP["done"])
        return ScenarioResult(scenario, document, None)
    progress(0.75, STEP["packages"])
    packages = procurement_for(plan.plan_lines(), workspace)
    from planner.procurement import procurement_json

    document.update(procurement_json(packages))
    raise_if_stopped(options)
    progress(0.9, STEP["proposal"])
    proposal = proposal_bytes(plan, packages, workspace, scenario, today or dt.date.today())
    raise_if_stopped(options)
    progress(1.0, STEP["done"])
    return ScenarioResult(scenario, document, proposal, procurement=packages)


def _reporting(options: SolveOptions, progress: Progress) -> SolveOptions:
    """``options`` whose solver stages are reported as steps (unless the caller watches them)."""
    if options.on_stage is not None:
        return options
    return replace(
        options,
        on_stage=lambda stage: progress(STAGE_FRACTION[stage], labels.JOBS[f"stage_{stage}"]),
    )


def procurement_for(
    lines: Sequence[PlanLine],
    workspace: Workspace,
    *,
    regime: str | None = None,
    basis: str | None = None,
) -> ProcurementPlan:
    """The funded lines grouped into packages: the one grouping the app, the CLI and a reopened
    run all use, so the same plan gives the same packages wherever it is looked at.

    ``regime`` None applies the regime in force on each package's start date; ``basis`` None lets
    the rule book's funding-basis rule decide per line (a planner may force one). The owner is
    named as of the dataset's date.
    """
    from planner.organisations import organisations_for
    from planner.procurement import Basis, GroupingOptions, build_plan

    owner = organisations_for(workspace.dataset).owner_name or GroupingOptions().owner
    return build_plan(
        lines,
        workspace.catalog,
        workspace.centres,
        regime=regime,
        dataset=workspace.dataset,
        options=GroupingOptions(basis=Basis(basis) if basis else None, owner=owner),
    )


def proposal_bytes(
    plan, packages, workspace: Workspace, scenario: Scenario, today: dt.date
) -> bytes:
    """The proposal workbook (cover, summary, detail, unmet, KHLCNT, assumptions) as bytes."""
    from planner.excel.proposal import build_proposal_workbook
    from planner.excel.proposal_data import proposal_data
    from planner.procurement import plan_meta, write_khlcnt_sheet

    data = proposal_data(plan, workspace=workspace, scenario=scenario)
    meta = plan_meta(packages, scenario.name)
    wb = build_proposal_workbook(
        data,
        workspace.centres,
        workspace.catalog,
        today=today,
        packages=lambda ws: write_khlcnt_sheet(ws, packages.packages, meta),
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def status_text(status: str) -> str:
    return labels.OPTIMISE_STATUS.get(status, status)


def sweep_scenario(
    workspace: Workspace,
    actor: Actor,
    scenario: Scenario,
    budgets: list[int],
    *,
    options: SolveOptions = SolveOptions(),
    progress: Progress = _ignore,
) -> list[dict]:
    """The budget–value curve of ``scenario``: one point per total budget (see optimise.sweep)."""
    from planner.optimise.sweep import sweep

    require(actor, Action.RUN_SCENARIO)
    progress(0.0, STEP["instance"])
    inst = instance_for(workspace, scenario)
    raise_if_stopped(options)
    n = len(budgets)

    def solving(k: int) -> None:
        """Point ``k`` (from 1) is being solved now."""
        text = labels.JOBS["sweep_point"].format(k=k, n=n, budget=labels.money(budgets[k - 1]))
        progress((k - 1) / n, text)

    def step(k: int, _n: int, _point: dict) -> None:
        if k < n:
            solving(k + 1)
        else:
            progress(1.0, STEP["done"])

    solving(1)
    return sweep(inst, budgets, options, progress=step)["points"]


__all__ = [
    "BILLION",
    "ScenarioResult",
    "billions",
    "form_values",
    "procurement_for",
    "proposal_bytes",
    "run_scenario",
    "scenario_from_form",
    "status_text",
    "sweep_scenario",
]
