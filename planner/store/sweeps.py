"""Budget sweeps kept in the database (table ``scenario_sweeps``): keep, list, load, delete.

A sweep (the compare page's budget curve, planner.optimise.sweep) is kept as it was drawn: the
base scenario, and the points (budget, need-met score, spent, status) as ``sweep_scenario``
returned them. Who made it, when, on which dataset and data stamp are kept too.

The rules are those of kept runs, written once in :mod:`planner.store.kept`: planners and
administrators keep and read sweeps (shared, so planners see each other's curves), a planner
deletes their own, an administrator anyone's; at most :data:`MAX_SWEEPS_PER_USER` per user
(the oldest go), at most :data:`MAX_SWEEP_MIB` each (a 40-point curve is a few KiB).
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
from planner.store.kept import Kept
from planner.store.tables import SweepRow

MAX_SWEEPS_PER_USER = 10
MAX_SWEEP_MIB = 1

_SUMMARY_COLUMNS = (
    SweepRow.id,
    SweepRow.created_by,
    SweepRow.created_at,
    SweepRow.name,
    SweepRow.dataset,
    SweepRow.data_stamp,
    SweepRow.point_count,
)


@dataclass(frozen=True)
class SweepSummary:
    """One line of the list of sweeps."""

    id: int
    created_by: str
    created_at: dt.datetime
    name: str  # the base scenario's name
    dataset: str
    data_stamp: str
    point_count: int


@dataclass(frozen=True)
class StoredSweep:
    summary: SweepSummary
    scenario: Scenario
    points: list[dict]


def _kind() -> kept.Kind:
    return kept.Kind(SweepRow, "sweep", labels.SWEEPS, MAX_SWEEPS_PER_USER, MAX_SWEEP_MIB)


def keep_sweep(
    engine: Engine,
    actor: Actor,
    *,
    scenario: Scenario,
    points: list[dict],
    dataset: str,
    data_stamp: str,
) -> Kept:
    """Store one finished curve as ``actor``; delete the actor's oldest beyond the bound."""
    text = json.dumps(points, ensure_ascii=False)
    row = SweepRow(
        name=scenario.name[:200],
        dataset=dataset[:40],
        data_stamp=data_stamp[:64],
        point_count=len(points),
        scenario=scenario.model_dump(mode="json"),
        points=json.loads(text),
    )
    return kept.keep(engine, actor, _kind(), row, name=scenario.name, size=len(text.encode()))


def list_sweeps(engine: Engine, actor: Actor, *, by: str | None = None) -> list[SweepSummary]:
    """Every kept sweep (or those of user ``by``), newest first."""
    return [_summary(row) for row in kept.listed(engine, actor, _kind(), _SUMMARY_COLUMNS, by)]


def load_sweep(engine: Engine, actor: Actor, sweep_id: int) -> StoredSweep:
    def build(row: SweepRow) -> StoredSweep:
        scenario = scenario_from_data(row.scenario, f"scenario_sweeps:{row.id}")
        return StoredSweep(_summary(row), scenario, list(row.points))

    return kept.load(engine, actor, _kind(), sweep_id, build)


def latest_sweep(engine: Engine, actor: Actor) -> StoredSweep | None:
    """The actor's own newest sweep (what a reload of the compare page draws again), or None."""
    mine = list_sweeps(engine, actor, by=actor.name)
    return load_sweep(engine, actor, mine[0].id) if mine else None


def delete_sweep(engine: Engine, actor: Actor, sweep_id: int) -> None:
    """Delete one sweep: the user who made it, or an administrator (refusals are audited)."""
    kept.remove(engine, actor, _kind(), sweep_id)


def _summary(row) -> SweepSummary:
    return SweepSummary(
        row.id,
        row.created_by,
        kept.aware(row.created_at),
        row.name,
        row.dataset,
        row.data_stamp,
        row.point_count,
    )
