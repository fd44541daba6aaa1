"""Survey files for the front ends: the template written from the database, an upload saved.

The Excel side (:mod:`planner.excel.template`, :mod:`planner.excel.survey_import`) only builds
and reads workbooks; this module is where they meet the database: it loads the workspace,
checks the permission (the library's rule, whichever front end calls), saves through
:func:`planner.services.surveys.save_survey` (the lost-update check against the template's base
version) and writes every refusal to the audit log before raising it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from planner import labels
from planner.auth import Action, Actor, require
from planner.errors import BadInput, PlannerError
from planner.excel.survey_import import MergedRows, clean_original, parse_survey
from planner.excel.template import build_template
from planner.labels import EXCEL
from planner.models import SurveySource
from planner.services.surveys import (
    Redating,
    read_version,
    redating,
    redating_explained,
    save_survey,
)
from planner.services.workspace import load_workspace
from planner.store.audit import record_refusal


def write_template(
    engine: Engine, centre_code: str, path: str | Path, *, today: dt.date | None = None
) -> Path:
    """Read the database and write the template of ``centre_code`` to ``path``."""
    workspace = load_workspace(engine)
    centre = workspace.centre(centre_code)
    wb = build_template(
        centre,
        workspace.catalog,
        workspace.surveys.get(centre.code),
        today=today or dt.date.today(),
    )
    path = Path(path)
    wb.save(path)
    return path


@dataclass(frozen=True)
class ImportResult:
    """What an accepted upload became: the saved version, its date and the rows added up.

    ``as_of`` is the stock-count date the version was saved with; ``redated_from`` is the date
    of the version it replaced when that differs (``None`` when the date was kept, and for a
    centre's first survey), so that a re-dating, which ages the stock, is never silent.
    """

    version: int
    as_of: dt.date
    merged: tuple[MergedRows, ...] = ()
    redated_from: dt.date | None = None

    def date_line(self) -> str:
        """``Ngày kiểm kê: 01/06/2017``, or ``… đổi từ 01/06/2017 sang 04/12/2026`` if re-dated."""
        if self.redated_from is None:
            return EXCEL["as_of_used"].format(date=labels.date(self.as_of))
        return EXCEL["as_of_changed"].format(
            before=labels.date(self.redated_from), after=labels.date(self.as_of)
        )


class RedateUnconfirmed(BadInput):
    """An upload whose stock-count date differs from the previous version's, not confirmed.

    A survey's date ages every unit in it (planner.needs), so a template filled months later
    whose date cell was changed — or a date typed by mistake — would silently push stock past
    its lifetime. The upload is refused (nothing saved, exit 2) with what the new date does
    (:attr:`redating`, explained in the same words as the survey form's warning), until the user
    confirms the change (``confirm_redate``; ``planner import --confirm-date``).
    """

    def __init__(self, effect: Redating, head: str, items: list[str]) -> None:
        self.redating = effect
        self.explanation = head
        self.items = items
        refused = EXCEL["redate_refused"].format(
            before=labels.date(effect.before), after=labels.date(effect.after)
        )
        super().__init__(" ".join([refused, head]))

    def __str__(self) -> str:
        return "\n".join([self.args[0], *(f"  - {line}" for line in self.items)])


def import_survey(
    engine: Engine,
    actor: Actor,
    data: bytes,
    name: str,
    centre_code: str,
    *,
    as_of: dt.date | None = None,
    confirm_redate: bool = False,
) -> int:
    """Validate ``data`` as ``centre_code``'s survey and save it as ``actor``; returns the version."""
    return import_survey_report(
        engine, actor, data, name, centre_code, as_of=as_of, confirm_redate=confirm_redate
    ).version


def import_survey_report(
    engine: Engine,
    actor: Actor,
    data: bytes,
    name: str,
    centre_code: str,
    *,
    as_of: dt.date | None = None,
    confirm_redate: bool = False,
) -> ImportResult:
    """:func:`import_survey`, also saying its date and the rows added up (for the confirmation).

    Every refusal — not allowed, a file that is not a clean template, a bad cell, a stock-count
    date that differs from the previous version's without ``confirm_redate``
    (:class:`RedateUnconfirmed`; an ``as_of`` given by the caller is a date chosen on purpose,
    not read from the file, and needs no confirmation) — is written to the audit log before it
    is raised; nothing of the file is saved and the previous version stays the newest. What is
    stored as the original is the workbook as openpyxl re-writes it (:func:`clean_original`): the cells the
    district typed, without macros, embedded objects or external links.
    """
    target = f"survey:{centre_code}"
    try:
        workspace = load_workspace(engine)
        centre = workspace.centre(centre_code)
        require(actor, Action.WRITE_SURVEY, centre.code)
        version_date = _version_dates(engine, actor, centre.code)
        parsed = parse_survey(
            data,
            name,
            centre=centre,
            catalog=workspace.catalog,
            as_of=as_of,
            base_date=version_date,
            surveyed_by=actor.name,
        )
        original = clean_original(data, name)
        previous = version_date(parsed.base_version) if parsed.base_version else None
        dated = parsed.survey.as_of
        confirmed = confirm_redate or as_of is not None  # a date given by the caller is chosen
        if previous is not None and dated != previous and not confirmed:
            # the effect of the date alone, on the stock the file declares
            effect = redating(
                parsed.survey.model_copy(update={"as_of": previous}),
                dated,
                centre,
                workspace.catalog,
            )
            raise RedateUnconfirmed(
                effect, *redating_explained(effect, workspace.catalog, from_file=True)
            )
    except PlannerError as error:
        record_refusal(engine, actor, Action.WRITE_SURVEY, target, error)
        raise
    version = save_survey(
        engine,
        actor,
        parsed.survey,
        base_version=parsed.base_version,
        source=SurveySource.UPLOAD,
        original=original,
        original_name=name,
    )
    return ImportResult(version, dated, parsed.merged, previous if previous != dated else None)


def _version_dates(engine: Engine, actor: Actor, centre: str) -> Callable[[int], dt.date | None]:
    """The stock-count date of a stored version of ``centre`` (``None`` if it cannot be read).

    A version that does not exist or no longer reads gives ``None``: the save that follows is
    refused anyway, since a template's base version must be the centre's newest.
    """

    def date_of(version: int) -> dt.date | None:
        try:
            return read_version(engine, actor, centre, version).survey.as_of
        except PlannerError:
            return None

    return date_of
