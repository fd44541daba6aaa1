"""Survey versions: append-only, one new row per save, with a check against lost updates.

A save names the version it was based on (``base_version``: ``None`` or 0 for a centre's first
survey). If someone saved a newer version meanwhile the save is refused with :class:`StaleVersion`
naming who saved what and when, so that the user can merge rather than silently overwrite.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner import labels
from planner.errors import BadInput, NotFound, problems_from_validation
from planner.models import Survey, SurveySource
from planner.store.tables import CentreRow, SurveyRow

log = logging.getLogger(__name__)


class StaleVersion(BadInput):
    """The survey changed since the user opened it (exit 2: nothing saved)."""


@dataclass(frozen=True)
class SurveyVersion:
    centre: str
    version: int
    by: str
    at: dt.datetime
    source: SurveySource
    survey: Survey
    original_sha256: str | None = None
    original_name: str | None = None


def _latest_row(session: Session, centre: str) -> SurveyRow | None:
    return session.scalars(
        select(SurveyRow)
        .where(SurveyRow.centre_code == centre)
        .order_by(SurveyRow.version.desc())
        .limit(1)
    ).first()


def _as_version(row: SurveyRow) -> SurveyVersion:
    return SurveyVersion(
        centre=row.centre_code,
        version=row.version,
        by=row.saved_by,
        at=row.saved_at if row.saved_at.tzinfo else row.saved_at.replace(tzinfo=dt.UTC),
        source=SurveySource(row.source),
        survey=Survey.model_validate(row.data),
        original_sha256=row.original_sha256,
        original_name=row.original_name,
    )


def add_survey_version(
    session: Session,
    survey: Survey,
    *,
    by: str,
    source: SurveySource,
    base_version: int | None,
    original: bytes | None = None,
    original_name: str | None = None,
) -> int:
    """Append version n+1 of the centre's survey inside the caller's write transaction.

    Call it inside :func:`planner.store.db.writing` so that the version check and the insert
    happen under one write lock. Permission checks are the caller's (see ``planner.services.surveys``).
    """
    # FOR UPDATE serialises saves of one centre on PostgreSQL (SQLite's BEGIN IMMEDIATE already does).
    if session.get(CentreRow, survey.centre, with_for_update=True) is None:
        raise NotFound(labels.DATA["no_centre"].format(code=survey.centre))
    latest = _latest_row(session, survey.centre)
    current = latest.version if latest else 0
    if latest is None and (base_version or 0) != 0:
        raise StaleVersion(
            labels.STORE["no_survey_yet"].format(centre=survey.centre, version=base_version)
        )
    if latest is not None and (base_version or 0) != current:
        raise StaleVersion(
            labels.STORE["stale"].format(
                centre=survey.centre,
                current=current,
                user=latest.saved_by,
                saved_at=labels.date(latest.saved_at),
                base=base_version or 0,
            )
        )
    row = SurveyRow(
        centre_code=survey.centre,
        version=current + 1,
        saved_by=by,
        source=source.value,
        illustrative=survey.illustrative,
        data=survey.model_dump(mode="json"),
        original_file=original,
        original_sha256=hashlib.sha256(original).hexdigest() if original is not None else None,
        original_name=original_name,
    )
    session.add(row)
    session.flush()
    return row.version


def latest_version_number(session: Session, centre: str) -> int:
    latest = _latest_row(session, centre)
    return latest.version if latest else 0


def latest_surveys(session: Session) -> dict[str, tuple[int, Survey]]:
    """Every centre's newest survey: code → (version, survey). One query, whatever the count."""
    newest = (
        select(SurveyRow.centre_code, func.max(SurveyRow.version).label("v"))
        .group_by(SurveyRow.centre_code)
        .subquery()
    )
    rows = session.scalars(
        select(SurveyRow).join(
            newest,
            (SurveyRow.centre_code == newest.c.centre_code) & (SurveyRow.version == newest.c.v),
        )
    )
    out: dict[str, tuple[int, Survey]] = {}
    for row in rows:
        try:
            out[row.centre_code] = (row.version, Survey.model_validate(row.data))
        except ValidationError:
            found = _newest_valid(session, row.centre_code, below=row.version)
            if found is not None:
                out[row.centre_code] = found
    return out


def _newest_valid(session: Session, centre: str, *, below: int) -> tuple[int, Survey] | None:
    """The newest version under ``below`` that today's rules accept, for a stored one they refuse.

    A version saved before a limit existed (a floor area of 1E400, 10¹² dossiers) must not stop
    every planner's needs, solve and pages: the centre is planned from its last sound survey,
    and the refused version is logged (its district saves a corrected one through the import,
    which now refuses the same figures with a message).
    """
    log.warning(
        "survey of centre %s version %s breaks today's limits; older version used", centre, below
    )
    rows = session.scalars(
        select(SurveyRow)
        .where(SurveyRow.centre_code == centre, SurveyRow.version < below)
        .order_by(SurveyRow.version.desc())
    )
    for row in rows:
        try:
            return row.version, Survey.model_validate(row.data)
        except ValidationError:
            continue
    return None


def survey_history(session: Session, centre: str) -> list[SurveyVersion]:
    """Every version today's rules accept, oldest first (one saved before a limit is skipped, logged)."""
    rows = session.scalars(
        select(SurveyRow).where(SurveyRow.centre_code == centre).order_by(SurveyRow.version)
    )
    out = []
    for row in rows:
        try:
            out.append(_as_version(row))
        except ValidationError:
            log.warning("survey of centre %s version %s breaks today's limits", centre, row.version)
    return out


def survey_version(session: Session, centre: str, version: int) -> SurveyVersion:
    row = session.scalars(
        select(SurveyRow).where(SurveyRow.centre_code == centre, SurveyRow.version == version)
    ).first()
    if row is None:
        raise NotFound(labels.STORE["no_version"].format(centre=centre, version=version))
    try:
        return _as_version(row)
    except ValidationError as exc:
        raise BadInput(
            labels.STORE["version_beyond_limits"].format(version=version, centre=centre),
            problems_from_validation(
                exc, labels.STORE["version_where"].format(centre=centre, version=version), None
            ),
        ) from None


def original_file(session: Session, centre: str, version: int) -> bytes | None:
    row = session.scalars(
        select(SurveyRow.original_file).where(
            SurveyRow.centre_code == centre, SurveyRow.version == version
        )
    ).first()
    return row
