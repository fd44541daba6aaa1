"""Scenario runs kept in the database (table ``scenario_runs``): keep, list, load and delete.

A run is kept as it was shown: the scenario's inputs (as :mod:`planner.store.scenarios` keeps
them), the ``solve --json`` document with its packages, the proposal workbook's bytes, and the
solver's figures (status, objective, bound, gap, seconds) as columns of their own so that the
list of runs reads no documents. Who ran it, when, on which dataset and data stamp are kept too,
so that a run can be told apart from one made on other data.

Permissions (checked here, so the app, the CLI and scripts get the same answer): keeping and
reading need :data:`Action.RUN_SCENARIO` (planners and administrators; a district officer can
neither read nor write runs); runs are shared, so that planners compare each other's runs; a
planner deletes their own runs, an administrator anyone's. Keeping and deleting are audited.

Bounds: each user keeps at most :data:`MAX_RUNS_PER_USER` runs (keeping one more deletes that
user's oldest, and says so), and one run may not exceed :data:`MAX_RUN_MIB` (document plus
workbook; the 166-commune demo's documents are a few MiB), refused with a Vietnamese message
and nothing written. Together they bound the table to a known size per account.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Engine, delete, select

from planner import labels
from planner.auth import Action, Actor, Role, require
from planner.errors import BadInput, NotFound, PermissionDenied
from planner.optimise.scenario import Scenario, scenario_from_data
from planner.store.audit import audited_write, record
from planner.store.db import reading
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


@dataclass(frozen=True)
class KeptRun:
    id: int
    pruned: int  # how many of the user's oldest runs were deleted to stay within the bound


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
    with audited_write(
        engine, actor, Action.RUN_SCENARIO, f"run:keep:{scenario.name}", log_success=False
    ) as session:
        if size > MAX_RUN_MIB * 1024 * 1024:
            raise BadInput(
                labels.RUNS["too_big"].format(
                    name=scenario.name, size=round(size / 1024 / 1024, 1), limit=MAX_RUN_MIB
                )
            )
        spent = (document.get("spent") or {}).get("total")
        row = RunRow(
            created_by=actor.name,
            created_at=dt.datetime.now(dt.UTC),
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
        session.add(row)
        session.flush()
        old = session.scalars(
            select(RunRow.id)
            .where(RunRow.created_by == actor.name)
            .order_by(RunRow.created_at.desc(), RunRow.id.desc())
            .offset(MAX_RUNS_PER_USER)
        ).all()
        if old:
            session.execute(delete(RunRow).where(RunRow.id.in_(old)))
        detail = f"pruned {len(old)} oldest" if old else ""
        record(session, actor, "keep_run", f"run:{row.id}:{scenario.name}", detail=detail)
        return KeptRun(row.id, len(old))


def list_runs(engine: Engine, actor: Actor, *, by: str | None = None) -> list[RunSummary]:
    """Every kept run (or those of user ``by``), newest first."""
    require(actor, Action.RUN_SCENARIO)
    query = select(*_SUMMARY_COLUMNS).order_by(RunRow.created_at.desc(), RunRow.id.desc())
    if by is not None:
        query = query.where(RunRow.created_by == by)
    with reading(engine) as session:
        return [_summary(row) for row in session.execute(query)]


def latest_run(engine: Engine, actor: Actor) -> StoredRun | None:
    """The actor's own newest run (what a reload shows again), or None."""
    mine = list_runs(engine, actor, by=actor.name)
    return load_run(engine, actor, mine[0].id) if mine else None


def load_run(engine: Engine, actor: Actor, run_id: int) -> StoredRun:
    require(actor, Action.RUN_SCENARIO)
    with reading(engine) as session:
        row = session.get(RunRow, run_id)
        if row is None:
            raise NotFound(labels.RUNS["not_found"].format(id=run_id))
        return StoredRun(
            _summary(row),
            scenario_from_data(row.scenario, f"scenario_runs:{row.id}"),
            row.document,
            row.proposal,
        )


def delete_run(engine: Engine, actor: Actor, run_id: int) -> None:
    """Delete one run: the user who ran it, or an administrator (refusals are audited)."""
    with audited_write(engine, actor, Action.RUN_SCENARIO, f"run:delete:{run_id}") as session:
        row = session.get(RunRow, run_id)
        if row is None:
            raise NotFound(labels.RUNS["not_found"].format(id=run_id))
        if row.created_by != actor.name and actor.role != Role.ADMIN:
            raise PermissionDenied(
                labels.RUNS["not_owner"].format(name=actor.name, id=run_id, owner=row.created_by)
            )
        session.delete(row)


def _summary(row) -> RunSummary:
    at = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=dt.UTC)
    return RunSummary(
        row.id,
        row.created_by,
        at,
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
