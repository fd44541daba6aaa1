"""A solved scenario to and from the kept runs (planner.store.runs), for the app and the CLI.

:func:`keep` stores a :class:`~planner.services.scenario_run.ScenarioResult` as it was shown;
:func:`reopen` gives back a ScenarioResult that the result page draws exactly as a fresh run:
same inputs, same document, same proposal workbook. The editable procurement plan (a live
object, not data) is rebuilt from the stored plan lines under the current catalog, and kept
only if it gives the very packages the run stored: when the catalog has changed since, the
run's packages still show, but they are not offered for editing as if they were today's.
The planner's package edits are kept with the run (:func:`keep_edits`) and replayed on the
rebuilt plan through the same lawful checks (:func:`replay_edits`, planner.procurement.edit_log).
Permissions are checked by planner.store.runs, the one layer that opens the database for runs.
"""

from __future__ import annotations

import json

from sqlalchemy import Engine

from planner.auth import Actor
from planner.services.overview import data_stamp
from planner.services.scenario_run import ScenarioResult
from planner.services.workspace import Workspace
from planner.store.runs import (
    KeptRun,
    RunSummary,
    StoredRun,
    keep_run,
    latest_run,
    load_run,
    package_edits,
    set_package_edits,
)


def stamp_text(engine: Engine) -> str:
    """The data stamp (newest survey id, newest catalog id, centre count) as kept with a run."""
    return "-".join(str(part) for part in data_stamp(engine))


def keep(engine: Engine, actor: Actor, workspace: Workspace, result: ScenarioResult) -> KeptRun:
    return keep_run(
        engine,
        actor,
        scenario=result.scenario,
        document=result.document,
        proposal=result.proposal,
        dataset=workspace.dataset or "",
        data_stamp=stamp_text(engine),
    )


def as_result(stored: StoredRun, workspace: Workspace | None = None) -> ScenarioResult:
    """The stored run as the app's result; with ``workspace``, its editable packages too."""
    result = ScenarioResult(
        stored.scenario,
        stored.document,
        stored.proposal,
        solved_at=stored.summary.created_at.astimezone(),
    )
    if workspace is None or not result.has_plan or "packages" not in stored.document:
        return result
    plan = _procurement(stored.document, workspace)
    if plan is None:
        return result
    return ScenarioResult(
        result.scenario, result.document, result.proposal, result.solved_at, procurement=plan
    )


def reopen(engine: Engine, actor: Actor, workspace: Workspace, run_id: int) -> ScenarioResult:
    return as_result(load_run(engine, actor, run_id), workspace)


def reopen_latest(
    engine: Engine, actor: Actor, workspace: Workspace
) -> tuple[RunSummary, ScenarioResult] | None:
    """The actor's newest kept run (what a reload shows again), with its summary."""
    stored = latest_run(engine, actor)
    return None if stored is None else (stored.summary, as_result(stored, workspace))


def _procurement(document: dict, workspace: Workspace):
    """The packages rebuilt from the document's lines, if they are the packages it stored.

    They are rebuilt by the same grouping the run was made with (scenario_run.procurement_for),
    with the regime and funding basis the run forced, if it forced one (``planner solve
    --regime/--funding-basis --keep``). A run kept before the grouping changed is not re-dressed
    in today's packages: it gets none, and its stored document still shows what it was.
    """
    from planner.procurement import plan_lines_from_rows, procurement_json
    from planner.services.scenario_run import procurement_for

    plan = procurement_for(
        plan_lines_from_rows(document.get("lines", [])),
        workspace,
        regime=document.get("procurement_regime")
        if document.get("procurement_regime_chosen")
        else None,
        basis=document.get("funding_basis") if document.get("funding_basis_forced") else None,
    )
    rebuilt = json.loads(json.dumps(procurement_json(plan)["packages"], ensure_ascii=False))
    return plan if rebuilt == document.get("packages") else None


def replay_edits(engine: Engine, actor: Actor, run_id: int, plan):
    """The run's kept package edits replayed on ``plan`` (its packages as rebuilt), as an
    :class:`~planner.procurement.edit_log.Replayed`: the plan, the edits that still apply,
    and the refusal of the first that no longer does."""
    from planner.procurement.edit_log import replay

    return replay(plan, package_edits(engine, actor, run_id))


def keep_edits(engine: Engine, actor: Actor, run_id: int, edits: list[dict]) -> None:
    """Keep the run's whole edit log (after each edit, and empty after a reset)."""
    set_package_edits(engine, actor, run_id, edits)
