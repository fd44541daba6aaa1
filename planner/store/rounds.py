"""Survey rounds kept in the database (table ``survey_rounds``): set one, read the current, list.

A round is what the province asks of every centre: a name, the day it opens and the deadline.
Setting a round adds a row and never changes an old one, so the newest row is the current round
(to extend a deadline a planner sets the round again with the new date) and the older rows keep
what was asked, when and by whom.

Permissions (checked here, so the app, the CLI and scripts get the same answer): setting a
round needs :data:`Action.SET_SURVEY_ROUND` (planners and administrators; a district officer is
refused with :class:`PermissionDenied`). Reading needs no permission: the deadline is published
to every centre, which must see it to meet it. Every set, and every refused set, is audited.

Bounds: the name is not blank and fits its column (:data:`MAX_NAME`); both dates lie between
:data:`EARLIEST` and :data:`LATEST` (a typed 2062 for 2026 is refused, not stored); the
deadline is not before the opening date; a round lasts at most :data:`MAX_DAYS` days. Bad input
raises :class:`BadInput` with every located problem at once and saves nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, select

from planner import labels
from planner.auth import Action, Actor
from planner.errors import BadInput, Problem
from planner.store.audit import audited_write, record
from planner.store.db import reading
from planner.store.tables import SurveyRoundRow

MAX_NAME = 200  # the column's length
EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)
MAX_DAYS = 366  # a round is a campaign of weeks; a longer one is a typing error


@dataclass(frozen=True)
class SurveyRound:
    """One stored round; ``opens_on`` and ``deadline`` are calendar days in Vietnam."""

    id: int
    name: str
    opens_on: dt.date
    deadline: dt.date
    created_by: str
    created_at: dt.datetime


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _date_problems(column: str, value: object) -> list[tuple[str, object, str]]:
    words = labels.ROUNDS
    if not _is_date(value):
        return [(column, value, words["date_needed"])]
    assert isinstance(value, dt.date)
    if not EARLIEST <= value <= LATEST:
        expected = words["date_range"].format(low=labels.date(EARLIEST), high=labels.date(LATEST))
        return [(column, labels.date(value), expected)]
    return []


def round_problems(
    name: object, opens_on: object, deadline: object
) -> list[tuple[str, object, str]]:
    """``(column, value, expected)`` for everything wrong with a round (empty: it may be kept).

    ``column`` is the table's column (``name``, ``opens_on``, ``deadline``): the restore check
    reports it as it is, :func:`set_round` names it in words.

    Shared by :func:`set_round` and the restore check, so a backup cannot bring back a round
    the app would refuse.
    """
    words = labels.ROUNDS
    problems: list[tuple[str, object, str]] = []
    if not isinstance(name, str) or not name.strip():
        problems.append(("name", name, words["name_empty"]))
    elif len(name.strip()) > MAX_NAME:
        problems.append(("name", None, words["name_long"].format(limit=MAX_NAME)))
    dates = _date_problems("opens_on", opens_on) + _date_problems("deadline", deadline)
    if dates or not (isinstance(opens_on, dt.date) and isinstance(deadline, dt.date)):
        return problems + dates  # the order of the dates says nothing until both are dates
    if deadline < opens_on:
        expected = words["deadline_before"].format(opens=labels.date(opens_on))
        problems.append(("deadline", labels.date(deadline), expected))
    elif (deadline - opens_on).days > MAX_DAYS:
        expected = words["too_long"].format(limit=MAX_DAYS, days=(deadline - opens_on).days)
        problems.append(("deadline", labels.date(deadline), expected))
    return problems


def set_round(
    engine: Engine, actor: Actor, *, name: str, opens_on: dt.date, deadline: dt.date
) -> SurveyRound:
    """Open a round (it becomes the current one) as ``actor``; planners and administrators only."""
    target = f"survey_round:{str(name).strip()[:80]}"
    with audited_write(
        engine, actor, Action.SET_SURVEY_ROUND, target, log_success=False
    ) as session:
        problems = round_problems(name, opens_on, deadline)
        if problems:
            words = labels.ROUNDS
            raise BadInput(
                words["invalid"],
                [
                    Problem(words["where"], None, words[f"field_{column}"], value, why)
                    for column, value, why in problems
                ],
            )
        row = SurveyRoundRow(
            name=name.strip(),
            opens_on=opens_on,
            deadline=deadline,
            created_by=actor.name,
            created_at=dt.datetime.now(dt.UTC),
        )
        session.add(row)
        session.flush()
        detail = f"{opens_on.isoformat()} -> {deadline.isoformat()}"
        record(
            session,
            actor,
            Action.SET_SURVEY_ROUND,
            f"survey_round:{row.id}:{row.name}",
            detail=detail,
        )
        return _round(row)


def current_round(engine: Engine) -> SurveyRound | None:
    """The newest round set, or None when none has been set yet."""
    with reading(engine) as session:
        row = session.scalars(
            select(SurveyRoundRow).order_by(SurveyRoundRow.id.desc()).limit(1)
        ).first()
        return _round(row) if row is not None else None


def list_rounds(engine: Engine) -> list[SurveyRound]:
    """Every round ever set, newest first (the first one is the current round)."""
    with reading(engine) as session:
        rows = session.scalars(select(SurveyRoundRow).order_by(SurveyRoundRow.id.desc()))
        return [_round(row) for row in rows]


def _round(row: SurveyRoundRow) -> SurveyRound:
    at = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=dt.UTC)
    return SurveyRound(row.id, row.name, row.opens_on, row.deadline, row.created_by, at)
