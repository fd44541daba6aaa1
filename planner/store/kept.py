"""What kept runs and kept budget sweeps have in common: who, when, a JSON payload, and the rules.

:mod:`planner.store.runs` and :mod:`planner.store.sweeps` keep different things (a solved
scenario with its workbook; a curve of points) under the same rules, written once here so that
they cannot drift apart:

* keeping and reading need :data:`Action.RUN_SCENARIO` (planners and administrators; a
  district officer neither reads nor writes them);
* what is kept is shared (planners compare each other's work), but only its owner or an
  administrator deletes it or changes it afterwards (:func:`change`);
* each user keeps at most ``per_user`` of a kind (keeping one more deletes that user's
  oldest, and says how many), and one may not exceed ``max_mib`` (refused, nothing written);
* keeping, changing and deleting are audited (``run:…`` / ``sweep:…`` targets).

The table of a kind must have ``id``, ``created_by`` and ``created_at`` columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Engine, delete, select

from planner.auth import Action, Actor, Role, require
from planner.errors import BadInput, NotFound, PermissionDenied
from planner.store.audit import audited_write, record
from planner.store.db import reading

T = TypeVar("T")


@dataclass(frozen=True)
class Kind:
    """One kind of kept work: its table, its word in audit targets, its messages and bounds.

    ``messages`` is a labels table (read at the time of use, so in the user's language) with
    ``too_big`` ({name}, {size}, {limit}), ``not_found`` ({id}) and ``not_owner`` ({name},
    {id}, {owner}).
    """

    table: Any
    word: str
    messages: Mapping[str, str]
    per_user: int
    max_mib: int


@dataclass(frozen=True)
class Kept:
    id: int
    pruned: int  # how many of the user's oldest were deleted to stay within the bound


def aware(at: dt.datetime) -> dt.datetime:
    """A stored time with its zone (SQLite gives naive UTC back)."""
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def keep(engine: Engine, actor: Actor, kind: Kind, row: Any, *, name: str, size: int) -> Kept:
    """Store ``row`` (its ``created_by``/``created_at`` set here) and prune the actor's oldest.

    ``size``: the bytes of its payload, checked against the kind's bound before anything is
    written.
    """
    table = kind.table
    with audited_write(
        engine, actor, Action.RUN_SCENARIO, f"{kind.word}:keep:{name}", log_success=False
    ) as session:
        if size > kind.max_mib * 1024 * 1024:
            raise BadInput(
                kind.messages["too_big"].format(
                    name=name, size=round(size / 1024 / 1024, 1), limit=kind.max_mib
                )
            )
        row.created_by = actor.name
        row.created_at = dt.datetime.now(dt.UTC)
        session.add(row)
        session.flush()
        old = session.scalars(
            select(table.id)
            .where(table.created_by == actor.name)
            .order_by(table.created_at.desc(), table.id.desc())
            .offset(kind.per_user)
        ).all()
        if old:
            session.execute(delete(table).where(table.id.in_(old)))
        detail = f"pruned {len(old)} oldest" if old else ""
        record(session, actor, f"keep_{kind.word}", f"{kind.word}:{row.id}:{name}", detail=detail)
        return Kept(row.id, len(old))


def listed(engine: Engine, actor: Actor, kind: Kind, columns: tuple, by: str | None) -> list:
    """``columns`` of every kept row of the kind (or those of user ``by``), newest first."""
    require(actor, Action.RUN_SCENARIO)
    table = kind.table
    query = select(*columns).order_by(table.created_at.desc(), table.id.desc())
    if by is not None:
        query = query.where(table.created_by == by)
    with reading(engine) as session:
        return list(session.execute(query))


def load(engine: Engine, actor: Actor, kind: Kind, row_id: int, build: Callable[[Any], T]) -> T:
    """``build(row)`` of one kept row, read inside the transaction; NotFound if it is gone."""
    require(actor, Action.RUN_SCENARIO)
    with reading(engine) as session:
        row = session.get(kind.table, row_id)
        if row is None:
            raise NotFound(kind.messages["not_found"].format(id=row_id))
        return build(row)


def _owned(session, actor: Actor, kind: Kind, row_id: int, not_owner: str | None = None) -> Any:
    row = session.get(kind.table, row_id)
    if row is None:
        raise NotFound(kind.messages["not_found"].format(id=row_id))
    if row.created_by != actor.name and actor.role != Role.ADMIN:
        message = not_owner or kind.messages["not_owner"]
        raise PermissionDenied(message.format(name=actor.name, id=row_id, owner=row.created_by))
    return row


def change(
    engine: Engine,
    actor: Actor,
    kind: Kind,
    row_id: int,
    what: str,
    edit: Callable[[Any], None],
    *,
    not_owner: str | None = None,
) -> None:
    """``edit(row)`` on one kept row: its owner or an administrator (refusals are audited).

    ``not_owner``: the refusal's text ({name}, {id}, {owner}) when it is not about deleting.
    """
    with audited_write(engine, actor, Action.RUN_SCENARIO, f"{kind.word}:{what}:{row_id}") as s:
        edit(_owned(s, actor, kind, row_id, not_owner))


def remove(engine: Engine, actor: Actor, kind: Kind, row_id: int) -> None:
    """Delete one kept row: its owner or an administrator (refusals are audited)."""
    with audited_write(engine, actor, Action.RUN_SCENARIO, f"{kind.word}:delete:{row_id}") as s:
        s.delete(_owned(s, actor, kind, row_id))
