"""Engine and sessions: SQLite by default, any SQLAlchemy URL (PostgreSQL via psycopg 3) by choice.

SQLite is set up per connection for a shared office database: WAL so readers never block the
writer, a long ``busy_timeout`` so that twenty-seven districts saving at once wait instead of
failing, foreign keys on, and write transactions opened with ``BEGIN IMMEDIATE`` so that two
writers queue at the start rather than deadlock when they upgrade a read lock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

DEFAULT_URL = "sqlite:///planner.sqlite3"
BUSY_TIMEOUT_MS = 60_000


def database_url(explicit: str | None = None) -> str:
    """``--db`` if given, else ``PLANNER_DATABASE_URL``, else ``planner.sqlite3`` here."""
    return explicit or os.environ.get("PLANNER_DATABASE_URL") or DEFAULT_URL


def _setup_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str | None = None) -> Engine:
    """A new engine for ``url`` (see :func:`database_url`), with SQLite tuned as above."""
    url = database_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _setup_sqlite(engine)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True)


@lru_cache(maxsize=8)
def shared_engine(url: str) -> Engine:
    """One engine per URL per process (the web app and CLI reuse it)."""
    return make_engine(url)


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A read-only unit of work."""
    with Session(engine) as session:
        yield session


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """A write transaction: ``BEGIN IMMEDIATE`` on SQLite; committed on success, else rolled back."""
    bound = (
        engine.execution_options(sqlite_begin="IMMEDIATE")
        if engine.dialect.name == "sqlite"
        else engine
    )
    with Session(bound) as session, session.begin():
        yield session
