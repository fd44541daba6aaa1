"""The audit log: every write and every refused write — who, what, when, outcome.

A successful write records its line inside its own transaction, so the log and the data
commit or roll back together. A refused write has rolled back by the time we know it was
refused, so its line is written afterwards in a transaction of its own. The table is
append-only (database triggers, migration 0002): a line once written stays.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planner.auth import Action, Actor, require
from planner.errors import PermissionDenied, PlannerError
from planner.store.db import reading, writing
from planner.store.tables import AuditRow

log = logging.getLogger(__name__)

OK = "ok"
DENIED = "denied"  # the actor may not do this
REJECTED = "rejected"  # allowed, but the input was refused (bad input, stale version, …)


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    actor: str
    role: str | None
    action: str
    target: str
    outcome: str
    detail: str


def outcome_of(error: Exception) -> str:
    return DENIED if isinstance(error, PermissionDenied) else REJECTED


def record(
    session: Session,
    actor: Actor | str,
    action: Action | str,
    target: str = "",
    outcome: str = OK,
    detail: str = "",
) -> None:
    """Add one line inside the caller's transaction (``actor`` may be a bare name, e.g. at login)."""
    name, role = (actor.name, actor.role.value) if isinstance(actor, Actor) else (actor, None)
    session.add(
        AuditRow(
            actor=name[:80],
            role=role,
            action=str(action),
            target=target[:200],
            outcome=outcome,
            detail=detail,
        )
    )


def record_refusal(
    engine: Engine, actor: Actor | str, action: Action | str, target: str, error: Exception
) -> None:
    """Log a refused write in a transaction of its own (the refused one has rolled back).

    If even this fails (database locked or gone) the original refusal still reaches the user:
    the failure is logged, not raised over it.
    """
    try:
        with writing(engine) as session:
            record(session, actor, action, target, outcome_of(error), str(error))
    except Exception:
        log.exception("could not write the audit line for a refused %s on %s", action, target)


@contextmanager
def audited_write(
    engine: Engine,
    actor: Actor,
    action: Action,
    target: str = "",
    *,
    centre: str | None = None,
    log_success: bool = True,
) -> Iterator[Session]:
    """Check the permission, open a write transaction, and log the outcome either way.

    ``with audited_write(engine, actor, Action.WRITE_SURVEY, "survey:27", centre="27") as s:``
    yields a session in a write transaction; on success the audit line commits with the data,
    on a :class:`PlannerError` (refusal, bad input) the data rolls back and the refusal is logged.
    ``log_success=False`` when the body writes its own, more precise success line.
    """
    try:
        require(actor, action, centre)
        with writing(engine) as session:
            yield session
            if log_success:
                record(session, actor, action, target, OK)
    except PlannerError as error:
        record_refusal(engine, actor, action, target, error)
        raise


def audit_log(engine: Engine, actor: Actor, *, limit: int | None = None) -> list[AuditEntry]:
    """The newest lines first; only user managers (administrators) read the log."""
    require(actor, Action.MANAGE_USERS)
    with reading(engine) as session:
        query = select(AuditRow).order_by(AuditRow.id.desc())
        if limit:
            query = query.limit(limit)
        return [
            AuditEntry(
                at=row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC),
                actor=row.actor,
                role=row.role,
                action=row.action,
                target=row.target,
                outcome=row.outcome,
                detail=row.detail,
            )
            for row in session.scalars(query)
        ]
