"""SQLAlchemy tables. Their history is in ``migrations/``; change both together.

Surveys are append-only: a save adds version n+1 for its centre and never updates an older
row (the accounts and history migration adds triggers so the database itself refuses).
Structured content (a centre's record, a catalog, a survey's lines) is kept as JSON validated
by the pydantic models on the way in and out, so that a column added to a model does not need
a migration to be stored.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class MetaRow(Base):
    """Small facts about the database, e.g. which dataset the demo loaded."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CentreRow(Base):
    __tablename__ = "centres"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    dataset: Mapped[str] = mapped_column(String(40), index=True)
    position: Mapped[int] = mapped_column(Integer)  # order in the dataset (province first)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20))
    data: Mapped[dict] = mapped_column(JSON)


class CatalogVersionRow(Base):
    __tablename__ = "catalog_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(80))
    note: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict] = mapped_column(JSON)


class SurveyRow(Base):
    __tablename__ = "surveys"
    __table_args__ = (UniqueConstraint("centre_code", "version", name="uq_survey_centre_version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    centre_code: Mapped[str] = mapped_column(ForeignKey("centres.code"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    saved_by: Mapped[str] = mapped_column(String(80))
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    source: Mapped[str] = mapped_column(String(20))
    illustrative: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[dict] = mapped_column(JSON)
    original_file: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    original_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    original_name: Mapped[str | None] = mapped_column(String(255), nullable=True)


class ScenarioRow(Base):
    __tablename__ = "scenarios"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    data: Mapped[dict] = mapped_column(JSON)


# --- Accounts and audit (migration 0002) -------------------------------------------


class UserRow(Base):
    """An account. ``password_hash`` is an argon2id string (never the password); it is empty
    after a restore made without passwords until an administrator resets it."""

    __tablename__ = "users"
    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    role: Mapped[str] = mapped_column(String(20))
    centre_code: Mapped[str | None] = mapped_column(ForeignKey("centres.code"), nullable=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(80))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AuditRow(Base):
    """One write or refused write (append-only, enforced by triggers): who, what, when, outcome."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(80), index=True)
    role: Mapped[str | None] = mapped_column(String(20), nullable=True)
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(200), default="")
    outcome: Mapped[str] = mapped_column(String(20))  # ok / denied / rejected
    detail: Mapped[str] = mapped_column(Text, default="")


# --- Scenario runs kept for later (migration 0004) ------------------------------------------


class RunRow(Base):
    """One solved scenario as it was shown: inputs, the plan document, the proposal workbook.

    Kept so that a reload, another session or another planner sees the same run again; the
    solver's figures are columns of their own so that a list of runs need not read documents.
    """

    __tablename__ = "scenario_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_by: Mapped[str] = mapped_column(String(80), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    dataset: Mapped[str] = mapped_column(String(40))
    data_stamp: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20))
    objective: Mapped[float | None] = mapped_column(Float, nullable=True)
    bound: Mapped[float | None] = mapped_column(Float, nullable=True)
    gap: Mapped[float | None] = mapped_column(Float, nullable=True)
    solve_seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    spent: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    scenario: Mapped[dict] = mapped_column(JSON)
    document: Mapped[dict] = mapped_column(JSON)
    proposal: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # the objective out of 100 (plan.need_met_json; migration 0006); None for older runs
    need_met_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    # the planner's edits to the run's packages (planner.procurement.edit_log; migration 0007)
    package_edits: Mapped[list | None] = mapped_column(JSON, nullable=True)


class SweepRow(Base):
    """One finished budget curve as the compare page drew it: base scenario, budgets, points.

    Kept like a run (planner.store.kept) so that a reload, another session or another planner
    sees the same curve again (migration 0007).
    """

    __tablename__ = "scenario_sweeps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_by: Mapped[str] = mapped_column(String(80), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    dataset: Mapped[str] = mapped_column(String(40))
    data_stamp: Mapped[str] = mapped_column(String(64))
    point_count: Mapped[int] = mapped_column(Integer)
    scenario: Mapped[dict] = mapped_column(JSON)
    points: Mapped[list] = mapped_column(JSON)


# --- Survey rounds (migration 0005) ----------------------------------------------------------


class SurveyRoundRow(Base):
    """One survey round as a planner set it: its name, opening date and deadline.

    Setting a round adds a row (never updates one), so the newest row is the current round and
    the older ones say what was asked, when, and by whom. The dates are calendar days in
    Vietnam (see :mod:`planner.services.survey_round`); the database refuses a deadline before the
    opening date, as :mod:`planner.store.rounds` does.
    """

    __tablename__ = "survey_rounds"
    __table_args__ = (CheckConstraint("deadline >= opens_on", name="ck_survey_round_dates"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    opens_on: Mapped[dt.date] = mapped_column(Date)
    deadline: Mapped[dt.date] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
