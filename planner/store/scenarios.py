"""Saved budget scenarios (table ``scenarios``): save, list and load by name.

Saving needs :data:`Action.WRITE_SCENARIO` (planners, administrators); saving under an existing
name replaces that scenario (a planner revises a scenario, the audit log keeps who did).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, select

from planner import labels
from planner.auth import Action, Actor
from planner.errors import NotFound
from planner.optimise.scenario import Scenario, scenario_from_data
from planner.store.audit import audited_write
from planner.store.db import reading
from planner.store.tables import ScenarioRow


@dataclass(frozen=True)
class StoredScenario:
    name: str
    created_by: str
    created_at: dt.datetime
    scenario: Scenario


def save_scenario(engine: Engine, actor: Actor, scenario: Scenario) -> int:
    """Store ``scenario`` under its name (replacing one of the same name); return the row id."""
    with audited_write(
        engine, actor, Action.WRITE_SCENARIO, f"scenario:{scenario.name}"
    ) as session:
        row = session.scalars(select(ScenarioRow).where(ScenarioRow.name == scenario.name)).first()
        data = scenario.model_dump(mode="json")
        if row is None:
            row = ScenarioRow(name=scenario.name, created_by=actor.name, data=data)
            session.add(row)
        else:
            row.data, row.created_by, row.created_at = data, actor.name, dt.datetime.now(dt.UTC)
        session.flush()
        return row.id


def list_scenarios(engine: Engine) -> list[StoredScenario]:
    with reading(engine) as session:
        rows = session.scalars(select(ScenarioRow).order_by(ScenarioRow.name)).all()
        return [_stored(row) for row in rows]


def load_stored_scenario(engine: Engine, name: str) -> Scenario:
    with reading(engine) as session:
        row = session.scalars(select(ScenarioRow).where(ScenarioRow.name == name)).first()
        if row is None:
            raise NotFound(labels.STORE["no_scenario"].format(name=name))
        return _stored(row).scenario


def _stored(row: ScenarioRow) -> StoredScenario:
    return StoredScenario(
        row.name,
        row.created_by,
        row.created_at,
        scenario_from_data(row.data, f"scenarios:{row.name}"),
    )
