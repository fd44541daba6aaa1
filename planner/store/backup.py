"""Backup and restore: the whole database as one JSON document, and back.

The document holds the dataset facts (``meta``), all centres, every catalog version, every
survey version with its history (original uploaded files base64-encoded with their SHA-256),
scenarios, the kept scenario runs (their proposal workbooks base64-encoded, their package
edits) and budget sweeps, the survey
rounds (dates as ``yyyy-mm-dd``), accounts (password hashes only when asked) and the audit
log. Restore goes into an EMPTY database only: surveys
and the audit log are append-only, so merging into existing history would mean rewriting it. Restore is one transaction — a bad file changes nothing — and
every row is first checked through the app's own models (:mod:`planner.store.backup_check`).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Engine, func, select
from sqlalchemy.orm import Session

from planner.auth import Action, Actor, require
from planner.errors import BadInput, Problem
from planner.labels import BACKUP, ROUNDS, SAFETY
from planner.store.audit import audited_write
from planner.store.backup_check import MAX_DEPTH, RestoreCheck, check_row, depth_problem
from planner.store.db import reading
from planner.store.migrate import head_revision
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

FORMAT = "hcc-planner-backup"
FORMAT_VERSION = 1

# Table → (row class, order column). Parents before children, oldest first, so that re-inserting
# in this order re-creates the same foreign keys and the same "newest catalog".
TABLES: dict[str, tuple[Any, Any]] = {
    "meta": (MetaRow, MetaRow.key),
    "centres": (CentreRow, CentreRow.position),
    "catalog_versions": (CatalogVersionRow, CatalogVersionRow.id),
    "surveys": (SurveyRow, SurveyRow.id),
    "scenarios": (ScenarioRow, ScenarioRow.id),
    "scenario_runs": (RunRow, RunRow.id),
    "scenario_sweeps": (SweepRow, SweepRow.id),
    "survey_rounds": (SurveyRoundRow, SurveyRoundRow.id),
    "users": (UserRow, UserRow.name),
    "audit": (AuditRow, AuditRow.id),
}
# Surrogate ids are not restored (sequences would not follow on PostgreSQL); order is kept.
SKIP = {"id"}
BINARY = {"original_file", "proposal"}
SECRET = {"password_hash"}


def _encode(column: str, value: Any) -> Any:
    if value is None:
        return None
    if column in BINARY:
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _row_dict(row: Any, with_passwords: bool) -> dict[str, Any]:
    out = {}
    for column in row.__table__.columns:
        if column.name in SKIP or (column.name in SECRET and not with_passwords):
            continue
        out[column.name] = _encode(column.name, getattr(row, column.key))
    return out


def backup(engine: Engine, actor: Actor, *, with_passwords: bool = False) -> dict[str, Any]:
    """Everything in the database as a JSON-ready dict (administrators only)."""
    require(actor, Action.BACKUP)
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": head_revision(),
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "created_by": actor.name,
        "with_passwords": with_passwords,
    }
    with reading(engine) as session:
        for name, (table, order) in TABLES.items():
            rows = session.scalars(select(table).order_by(order))
            document[name] = [_row_dict(row, with_passwords) for row in rows]
    return document


def write_backup(
    engine: Engine, actor: Actor, path: str | Path, *, with_passwords: bool = False
) -> dict[str, int]:
    """Write the backup file; return how many rows of each table it holds."""
    document = backup(engine, actor, with_passwords=with_passwords)
    Path(path).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return {name: len(document[name]) for name in TABLES}


# A national database (3,340 centres, several survey versions each) backs up to tens of MiB;
# a file many times that is refused before it is read into memory.
MAX_BACKUP_MIB = 512


def read_backup(path: str | Path) -> dict[str, Any]:
    """Parse a backup file; anything that is not one is refused with what was expected."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_BACKUP_MIB * 1024 * 1024:
            too_big = SAFETY["restore_too_big"].format(
                size=size // (1024 * 1024), limit=MAX_BACKUP_MIB
            )
            raise BadInput(BACKUP["unreadable"].format(path=path, reason=too_big))
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput(BACKUP["unreadable"].format(path=path, reason=exc)) from None
    except RecursionError:  # the JSON parser's own guard against "[[[[…" thousands deep
        deep = SAFETY["restore_deep"].format(limit=MAX_DEPTH)
        raise BadInput(BACKUP["unreadable"].format(path=path, reason=deep)) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BadInput(BACKUP["not_backup"].format(path=path, format=FORMAT))
    if document.get("format_version") != FORMAT_VERSION:
        found = document.get("format_version")
        raise BadInput(BACKUP["wrong_version"].format(found=found, needed=FORMAT_VERSION))
    return document


def _decode(table: Any, data: dict[str, Any]) -> dict[str, Any]:
    columns = {c.name: c for c in table.__table__.columns}
    out = {}
    for key, value in data.items():
        if key not in columns or key in SKIP:
            raise ValueError(BACKUP["unknown_column"].format(column=key))
        if value is not None and key in BINARY:
            value = base64.b64decode(value, validate=True)
        elif value is not None and isinstance(columns[key].type, DateTime):
            if not isinstance(value, str):
                raise ValueError(BACKUP["column_datetime"].format(column=key))
            value = dt.datetime.fromisoformat(value)
        elif value is not None and isinstance(columns[key].type, Date):
            value = _date(key, value)
        out[key] = value
    return out


def _date(column: str, value: Any) -> dt.date:
    """A ``yyyy-mm-dd`` text as a date; anything else refused naming the column."""
    try:
        if isinstance(value, str) and len(value) == 10:
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise ValueError(ROUNDS["restore_date_column"].format(column=column))


def _rows(document: dict[str, Any], name: str, table: type, check: RestoreCheck) -> list[Any]:
    """Rows of one table from the document; each problem goes to ``check`` (nothing raised)."""
    rows: list[Any] = []
    entries = document.get(name, [])
    if not isinstance(entries, list):
        check.add(name, None, None, None, BACKUP["list"])
        return rows
    for index, data in enumerate(entries, start=1):
        if not isinstance(data, dict):
            check.add(name, index, None, None, BACKUP["object"])
            continue
        try:
            decoded = _decode(table, data)
        except (TypeError, ValueError) as exc:
            why = str(exc).splitlines()[0] if str(exc) else BACKUP["wrong_type"]
            check.add(name, index, None, None, why)
            continue
        before = len(check.problems)
        check_row(check, name, index, table, decoded)
        if len(check.problems) == before:
            rows.append(table(**decoded))
    return rows


def _require_empty(session: Session) -> None:
    for table in (
        CentreRow,
        CatalogVersionRow,
        SurveyRow,
        ScenarioRow,
        RunRow,
        SweepRow,
        SurveyRoundRow,
    ):
        if session.scalar(select(func.count()).select_from(table)):
            raise BadInput(BACKUP["not_empty"].format(table=table.__tablename__))


def restore(engine: Engine, actor: Actor, document: dict[str, Any]) -> dict[str, int]:
    """Load a backup into an empty (migrated) database in one transaction; return rows per table.

    Accounts already in the target (e.g. the administrator who runs the restore) are kept and
    the backup's account of the same name is skipped. Accounts backed up without password
    hashes come back without a password: an administrator resets them before they can log in.
    """
    counts: dict[str, int] = {}
    with audited_write(engine, actor, Action.LOAD_DATA, "restore") as session:
        _require_empty(session)
        deep = depth_problem(document)
        if deep:
            raise BadInput(BACKUP["invalid"], [Problem("backup", None, None, None, deep)])
        check = RestoreCheck()
        tables = {name: _rows(document, name, table, check) for name, (table, _o) in TABLES.items()}
        if check.problems:
            raise BadInput(BACKUP["invalid"], check.problems)
        existing_users = set(session.scalars(select(UserRow.name)))
        for name, rows in tables.items():
            if name == "users":
                rows = [r for r in rows if r.name not in existing_users]
            session.add_all(rows)
            session.flush()
            counts[name] = len(rows)
    return counts
