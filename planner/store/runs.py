"""Scenario runs kept in the database (table ``scenario_runs``): keep, list, load and delete.

A run is kept as it was shown: the scenario's inputs (as :mod:`planner.store.scenarios` keeps
them), the ``solve --json`` document with its packages, the proposal workbook's bytes, and the
solver's figures (status, objective, bound, gap, seconds) as columns of their own so that the
list of runs reads no documents. Who ran it, when, on which dataset and data stamp are kept too,
so that a run can be told apart from one made on other data.

Permissions (checked in :mod:`planner.store.kept`, shared with the kept budget sweeps, so the
app, the CLI and scripts get the same answer): keeping and reading need
:data:`Action.RUN_SCENARIO` (planners and administrators; a district officer can neither read
nor write runs); runs are shared, so that planners compare each other's runs; a planner
deletes their own runs (and changes their package edits), an administrator anyone's. Keeping,
changing and deleting are audited.

Bounds: each user keeps at most :data:`MAX_RUNS_PER_USER` runs (keeping one more deletes that
user's oldest, and says so), and one run may not exceed :data:`MAX_RUN_MIB` (document plus
workbook; the 166-commune demo's documents are a few MiB), refused with a Vietnamese message
and nothing written. Together they bound the table to a known size per account.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Engine

from planner import labels
from planner.auth import Actor
from planner.optimise.scenario import Scenario, scenario_from_data
from planner.store import kept
from planner.store.kept import Kept as KeptRun
from planner.store.tables import RunRow

MAX_RUNS_PER_USER = 20
MAX_RUN_MIB = 16

# The columns a list of runs reads (everything but the inputs, the document and the workbook).
_SUMMARY_COLUMNS = (
    RunRow.id,
    RunRow.created_by,
    RunRow.created_at,
    RunRow.name,
    RunRow.dataset,
    RunRow.data_stamp,
    RunRow.status,
    RunRow.objective,
    RunRow.bound,
    RunRow.gap,
    RunRow.solve_seconds,
    RunRow.spent,
    RunRow.need_met_score,
)


@dataclass(frozen=True)
class RunSummary:
    """One line of the list of runs."""

    id: int
    created_by: str
    created_at: dt.datetime
    name: str
    dataset: str
    data_stamp: str
    status: str
    objective: float | None
    bound: float | None
    gap: float | None
    solve_seconds: float | None
    spent: int | None
    need_met_score: float | None = None  # points out of 100 (plan.need_met_json)


@dataclass(frozen=True)
class StoredRun:
    summary: RunSummary
    scenario: Scenario
    document: dict
    proposal: bytes | None
    package_edits: tuple[dict, ...] = ()  # planner.procurement.edit_log records, in order


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def keep_run(
    engine: Engine,
    actor: Actor,
    *,
    scenario: Scenario,
    document: dict,
    proposal: bytes | None,
    dataset: str,
    data_stamp: str,
) -> KeptRun:
    """Store one run as ``actor``; delete the actor's oldest runs beyond the bound."""
    text = json.dumps(document, ensure_ascii=False)
    size = len(text.encode("utf-8")) + len(proposal or b"")
    spent = (document.get("spent") or {}).get("total")
    row = RunRow(
        name=scenario.name[:200],
        dataset=dataset[:40],
        data_stamp=data_stamp[:64],
        status=str(document.get("status", ""))[:20],
        objective=_number(document.get("objective")),
        bound=_number(document.get("bound")),
        gap=_number(document.get("gap")),
        solve_seconds=_number(document.get("solve_seconds")),
        spent=spent if isinstance(spent, int) else None,
        need_met_score=_number((document.get("need_met") or {}).get("score")),
        scenario=scenario.model_dump(mode="json"),
        document=json.loads(text),
        proposal=proposal,
    )
    return kept.keep(engine, actor, _kind(), row, name=scenario.name, size=size)


def _kind() -> kept.Kind:
    """The kind with the bounds as they are now (tests lower them through this module)."""
    return kept.Kind(RunRow, "run", labels.RUNS, MAX_RUNS_PER_USER, MAX_RUN_MIB)


def list_runs(engine: Engine, actor: Actor, *, by: str | None = None) -> list[RunSummary]:
    """Every kept run (or those of user ``by``), newest first."""
    return [_summary(row) for row in kept.listed(engine, actor, _kind(), _SUMMARY_COLUMNS, by)]


def latest_run(engine: Engine, actor: Actor) -> StoredRun | None:
    """The actor's own newest run (what a reload shows again), or None."""
    mine = list_runs(engine, actor, by=actor.name)
    return load_run(engine, actor, mine[0].id) if mine else None


def load_run(engine: Engine, actor: Actor, run_id: int) -> StoredRun:
    def build(row: RunRow) -> StoredRun:
        return StoredRun(
            _summary(row),
            scenario_from_data(row.scenario, f"scenario_runs:{row.id}"),
            row.document,
            row.proposal,
            tuple(row.package_edits or ()),
        )

    return kept.load(engine, actor, _kind(), run_id, build)


def package_edits(engine: Engine, actor: Actor, run_id: int) -> list[dict]:
    """The planner's package edits kept with run ``run_id`` (reads that column only)."""
    return kept.load(engine, actor, _kind(), run_id, lambda row: list(row.package_edits or ()))


def set_package_edits(engine: Engine, actor: Actor, run_id: int, edits: list[dict]) -> None:
    """Keep ``edits`` (planner.procurement.edit_log records) with the run: its owner or an
    administrator, as for deleting it; the whole log is written each time (it is short)."""
    data = json.loads(json.dumps(edits, ensure_ascii=False))

    def edit(row: RunRow) -> None:
        row.package_edits = data or None

    not_owner = labels.PACKAGE_EDITS["not_owner"]
    kept.change(engine, actor, _kind(), run_id, "package_edits", edit, not_owner=not_owner)


def delete_run(engine: Engine, actor: Actor, run_id: int) -> None:
    """Delete one run: the user who ran it, or an administrator (refusals are audited)."""
    kept.remove(engine, actor, _kind(), run_id)


def _summary(row) -> RunSummary:
    return RunSummary(
        row.id,
        row.created_by,
        kept.aware(row.created_at),
        row.name,
        row.dataset,
        row.data_stamp,
        row.status,
        row.objective,
        row.bound,
        row.gap,
        row.solve_seconds,
        row.spent,
        row.need_met_score,
    )
