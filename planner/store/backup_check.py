"""What ``restore`` checks before writing a row: every table through the models the app uses.

A backup file is outside input like any upload: it may be damaged, edited by hand or crafted.
So each row is checked as the app would check it when it writes the same thing — a centre as a
:class:`~planner.models.Centre`, a catalog version through ``catalog_from_data``, a survey as a
:class:`~planner.models.Survey` of a centre present in the same file, a scenario through
``scenario_from_data`` (limits included), a survey round by the rules that keep one
(``planner.store.rounds.round_problems``), an account with a known role and, for a district,
a centre — plus the column types and lengths of the table, unique keys (one version per centre
and number, one scenario per name, one account per name) and a nesting ceiling. Every problem
is collected, located (table, row, column) and reported at once; nothing is written unless
there is none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase

from planner.auth import Role
from planner.catalog import catalog_from_data
from planner.errors import BadInput, Problem
from planner.labels import PACKAGE_EDITS, RESTORE, ROUNDS, RUNS, SAFETY, SWEEPS
from planner.models import Centre, Survey, SurveySource
from planner.optimise.scenario import scenario_from_data
from planner.store.audit import DENIED, OK, REJECTED
from planner.store.rounds import round_problems
from planner.store.tables import (
    AuditRow,
    CatalogVersionRow,
    CentreRow,
    MetaRow,
    RunRow,
    ScenarioRow,
    SurveyRoundRow,
    SurveyRow,
    SweepRow,
    UserRow,
)

MAX_DEPTH = 30  # the deepest real document (a catalog in a row) is about 6 levels
ACCOUNT_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


def depth_problem(value: Any, limit: int = MAX_DEPTH) -> str | None:
    """A message when ``value`` nests lists/dicts deeper than ``limit`` (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return SAFETY["restore_deep"].format(limit=limit)
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return None


def column_problems(table: type[DeclarativeBase], data: dict[str, Any]) -> list[tuple[str, str]]:
    """``(column, expected)`` for values of the wrong type or length for the table's columns.

    SQLite stores whatever it is given, so without this a text in an integer column would be
    restored and break the app later, far from its cause.
    """
    out = []
    for column in table.__table__.columns:
        if column.name not in data or data[column.name] is None:
            if not column.nullable and column.name in data:
                out.append((column.name, RESTORE["required"]))
            continue
        value, kind = data[column.name], column.type
        if isinstance(kind, Boolean) and not isinstance(value, bool):
            out.append((column.name, RESTORE["boolean"]))
        elif isinstance(kind, Integer) and (isinstance(value, bool) or not isinstance(value, int)):
            out.append((column.name, RESTORE["integer"]))
        elif isinstance(kind, Integer) and not -_bits(kind) <= value < _bits(kind):
            out.append((column.name, RESTORE["integer_big"]))
        elif isinstance(kind, (String, Text)) and not isinstance(kind, LargeBinary):
            if not isinstance(value, str):
                out.append((column.name, RESTORE["string"]))
            elif isinstance(kind, String) and kind.length and len(value) > kind.length:
                out.append((column.name, RESTORE["too_long"].format(length=kind.length)))
        elif isinstance(kind, DateTime) and not hasattr(value, "isoformat"):
            out.append((column.name, RESTORE["datetime"]))
        elif isinstance(kind, Date) and not isinstance(value, dt.date):
            out.append((column.name, ROUNDS["restore_date"]))
        elif isinstance(kind, Float) and (
            isinstance(value, bool) or not isinstance(value, int | float)
        ):
            out.append((column.name, RUNS["number"]))
    return out


def _bits(kind: Integer) -> int:
    """The bound of a signed integer column (BIGINT holds amounts in đồng)."""
    return 2**63 if isinstance(kind, BigInteger) else 2**31


def _first_line(error: Exception) -> str:
    if isinstance(error, BadInput):
        return "; ".join(p.expected for p in error.problems) or str(error).splitlines()[0]
    if isinstance(error, ValidationError):
        from planner import labels

        return "; ".join(
            f"{'.'.join(str(x) for x in e['loc'])}: {labels.validation_message(e)}"
            for e in error.errors()[:5]
        )
    return str(error).splitlines()[0] if str(error) else type(error).__name__


class RestoreCheck:
    """Collects the problems of one document, table by table, in restore order."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.centres: set[str] = set()
        self._seen: dict[tuple[str, object], int] = {}

    def add(self, table: str, row: int | None, column: str | None, value: object, why: str) -> None:
        self.problems.append(Problem(table, row, column, value, why))

    def unique(self, table: str, row: int, what: str, key: object) -> None:
        first = self._seen.setdefault((table, key), row)
        if first != row:
            self.add(
                table,
                row,
                None,
                key,
                SAFETY["restore_duplicate"].format(what=what, key=key, first=first),
            )

    def model(self, table: str, row: int, check: Callable[[], object]) -> None:
        """Run the app's own validation; any refusal becomes a located problem."""
        try:
            check()
        except (BadInput, ValidationError, KeyError, TypeError, ValueError, AttributeError) as exc:
            self.add(table, row, "data", None, _first_line(exc))


def check_row(check: RestoreCheck, name: str, index: int, table: type, data: dict) -> None:
    """Every rule for one decoded row of table ``name`` (see the module docstring)."""
    for column, why in column_problems(table, data):
        check.add(name, index, column, data.get(column), why)
    if table is MetaRow:
        check.unique(name, index, RESTORE["meta_key"], data.get("key"))
    elif table is CentreRow:
        _centre(check, index, data)
    elif table is CatalogVersionRow:
        check.model(name, index, lambda: catalog_from_data(data.get("data") or {}))
    elif table is SurveyRow:
        _survey(check, index, data)
    elif table is ScenarioRow:
        check.unique(name, index, RESTORE["scenario"], data.get("name"))
        check.model(name, index, lambda: scenario_from_data(data.get("data"), "scenario"))
    elif table is RunRow:
        _run(check, index, data)
    elif table is SweepRow:
        _sweep(check, index, data)
    elif table is SurveyRoundRow:
        _survey_round(check, index, data)
    elif table is UserRow:
        _user(check, index, data)
    elif table is AuditRow and data.get("outcome") not in (OK, DENIED, REJECTED):
        check.add(name, index, "outcome", data.get("outcome"), RESTORE["outcome"])


def _centre(check: RestoreCheck, index: int, data: dict) -> None:
    code = data.get("code")
    check.unique("centres", index, RESTORE["centre_code"], code)

    def validate() -> None:
        centre = Centre.model_validate(data.get("data"))
        if centre.code != code or centre.level.value != data.get("level"):
            raise ValueError(RESTORE["centre_differs"])

    check.model("centres", index, validate)
    if isinstance(code, str):
        check.centres.add(code)


def _survey(check: RestoreCheck, index: int, data: dict) -> None:
    centre = data.get("centre_code")
    if centre not in check.centres:
        check.add(
            "surveys",
            index,
            "centre_code",
            centre,
            SAFETY["restore_missing_centre"].format(centre=centre),
        )
    version = data.get("version")
    if isinstance(version, int) and version < 1:
        check.add("surveys", index, "version", version, RESTORE["version_from_1"])
    check.unique("surveys", index, RESTORE["survey_version"], (centre, version))
    if data.get("source") not in {s.value for s in SurveySource}:
        check.add("surveys", index, "source", data.get("source"), RESTORE["source"])

    def validate() -> None:
        survey = Survey.model_validate(data.get("data"))
        if survey.centre != centre:
            raise ValueError(RESTORE["survey_centre_differs"])
        original = data.get("original_file")
        if original is not None and hashlib.sha256(original).hexdigest() != data.get(
            "original_sha256"
        ):
            raise ValueError(RESTORE["original_sha"])

    check.model("surveys", index, validate)


def _user(check: RestoreCheck, index: int, data: dict) -> None:
    name = data.get("name")
    check.unique("users", index, RESTORE["account"], name)
    if not isinstance(name, str) or not name or not set(name) <= ACCOUNT_NAME_CHARS:
        check.add("users", index, "name", name, RESTORE["name_chars"])
    role = data.get("role")
    if role not in {r.value for r in Role}:
        check.add("users", index, "role", role, SAFETY["restore_unknown_role"].format(role=role))
    centre = data.get("centre_code")
    if role == Role.DISTRICT.value and centre not in check.centres:
        check.add(
            "users",
            index,
            "centre_code",
            centre,
            RESTORE["centre_needed"],
        )
    elif role != Role.DISTRICT.value and centre is not None:
        check.add("users", index, "centre_code", centre, RESTORE["centre_only_district"])
    failed = data.get("failed_logins")
    if isinstance(failed, int) and failed < 0:
        check.add("users", index, "failed_logins", failed, RESTORE["negative"])


def _run(check: RestoreCheck, index: int, data: dict) -> None:
    """A kept scenario run: its inputs as a scenario, its result as a solve document, its
    proposal as a workbook (an .xlsx is a zip archive)."""
    check.model("scenario_runs", index, lambda: scenario_from_data(data.get("scenario"), "run"))
    document = data.get("document")
    if not (
        isinstance(document, dict)
        and isinstance(document.get("status"), str)
        and isinstance(document.get("centres", []), list)
    ):
        check.add("scenario_runs", index, "document", None, RUNS["bad_document"])
    proposal = data.get("proposal")
    if proposal is not None and not zipfile.is_zipfile(io.BytesIO(proposal)):
        check.add("scenario_runs", index, "proposal", None, RUNS["bad_proposal"])
    edits = data.get("package_edits")
    if edits is not None and not (
        isinstance(edits, list) and all(isinstance(e, dict) and "kind" in e for e in edits)
    ):
        check.add("scenario_runs", index, "package_edits", None, PACKAGE_EDITS["bad_log"])


def _sweep(check: RestoreCheck, index: int, data: dict) -> None:
    """A kept budget curve: its base as a scenario, its points as a list of points."""
    check.model("scenario_sweeps", index, lambda: scenario_from_data(data.get("scenario"), "sweep"))
    points = data.get("points")
    if not (
        isinstance(points, list) and all(isinstance(p, dict) and "budget" in p for p in points)
    ):
        check.add("scenario_sweeps", index, "points", None, SWEEPS["bad_points"])


def _survey_round(check: RestoreCheck, index: int, data: dict) -> None:
    """A survey round: the rules :func:`planner.store.rounds.set_round` keeps (name, dates)."""
    for column, value, why in round_problems(
        data.get("name"), data.get("opens_on"), data.get("deadline")
    ):
        check.add("survey_rounds", index, column, value, why)
