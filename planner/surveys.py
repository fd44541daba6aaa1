"""Saving and reading surveys through the permission check: the one way front ends do it."""

from __future__ import annotations

from sqlalchemy import Engine

from planner.auth import Action, Actor, require
from planner.models import Survey, SurveySource
from planner.store.db import reading, writing
from planner.store.surveys import SurveyVersion, add_survey_version, survey_history


def save_survey(
    engine: Engine,
    actor: Actor,
    survey: Survey,
    *,
    base_version: int | None,
    source: SurveySource,
    original: bytes | None = None,
    original_name: str | None = None,
) -> int:
    """Check the actor may write this centre's survey, then append it as a new version.

    All or nothing: the version check and the insert share one write transaction, so a refusal
    (permission, stale base version) or a crash leaves the stored history as it was.
    """
    require(actor, Action.WRITE_SURVEY, survey.centre)
    with writing(engine) as session:
        return add_survey_version(
            session,
            survey,
            by=actor.name,
            source=source,
            base_version=base_version,
            original=original,
            original_name=original_name,
        )


def history(engine: Engine, actor: Actor, centre: str) -> list[SurveyVersion]:
    require(actor, Action.READ_SURVEY, centre)
    with reading(engine) as session:
        return survey_history(session, centre)
