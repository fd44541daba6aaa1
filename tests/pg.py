"""A real PostgreSQL 15 server for the store's tests, started by the tests themselves.

``initdb`` into a fresh folder under /tmp, ``pg_ctl start`` listening only on a Unix socket in
that folder (no TCP port to collide with), one new database per test, server stopped at the
end of the session. PostgreSQL refuses to run as root, so when the tests run as root the server
runs as the system user ``pgtest`` (created with ``useradd`` if missing).

The binaries must be there: a missing server is an error, not a skip, so CI cannot pass
without having run the PostgreSQL half of the suite. Use the fixtures by importing them into a
test module: they are registered once in ``conftest.py`` (``pytest_plugins``).
"""

from __future__ import annotations

import atexit
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from planner.store.db import make_engine
from planner.store.migrate import migrate

PG_BIN = Path(os.environ.get("PLANNER_PG_BIN", "/usr/lib/postgresql/15/bin"))
PG_USER = "pgtest"
_counter = itertools.count()


@dataclass
class PostgresServer:
    folder: Path
    user: str
    process_owner: list[str]  # command prefix that runs a program as the server's owner

    @property
    def socket_dir(self) -> Path:
        return self.folder

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@/{database}?host={self.socket_dir}"

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*self.process_owner, *args], check=True, capture_output=True, text=True, timeout=120
        )

    def create_database(self) -> str:
        """A new empty database on the server; return its SQLAlchemy URL."""
        name = f"t{os.getpid()}_{next(_counter)}"
        engine = make_engine(self.url())
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return self.url(name)

    def stop(self) -> None:
        if (self.folder / "data" / "postmaster.pid").exists():
            subprocess.run(
                [
                    *self.process_owner,
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(self.folder / "data"),
                    "-m",
                    "immediate",
                    "stop",
                ],
                capture_output=True,
                timeout=60,
                check=False,
            )
        shutil.rmtree(self.folder, ignore_errors=True)


def _owner() -> tuple[str, list[str]]:
    """The OS user the server runs as, and the command prefix to run programs as that user."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid()).pw_name, []
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
            check=True,
        )
    return PG_USER, ["runuser", "-u", PG_USER, "--"]


def start_server() -> PostgresServer:
    """initdb + pg_ctl start; raise (never skip) when PostgreSQL 15 is not installed."""
    if not (PG_BIN / "initdb").exists():
        raise RuntimeError(
            f"PostgreSQL 15 server binaries not found in {PG_BIN}: the store tests must run on "
            "PostgreSQL too (apt-get install postgresql-15, or set PLANNER_PG_BIN)"
        )
    user, prefix = _owner()
    folder = Path(tempfile.mkdtemp(prefix="hccpg-", dir="/tmp"))
    if prefix:
        shutil.chown(folder, user=user)
    server = PostgresServer(folder, user, prefix)
    data = folder / "data"
    server.run(
        str(PG_BIN / "initdb"),
        "-D",
        str(data),
        "-U",
        user,
        "--auth=trust",
        "-E",
        "UTF8",
        "--no-sync",
    )
    options = (
        f"-c listen_addresses='' -c unix_socket_directories={folder} -c max_connections=120 "
        "-c fsync=off -c full_page_writes=off -c shared_buffers=32MB"
    )
    try:
        server.run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(folder / "log"),
            "-w",
            "start",
        )
    except subprocess.CalledProcessError as exc:
        log = (folder / "log").read_text(errors="replace") if (folder / "log").exists() else ""
        server.stop()
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr}\n{log}") from exc
    atexit.register(server.stop)
    return server


_SERVER: PostgresServer | None = None


def server() -> PostgresServer:
    """The one server of this test process (started on first use, stopped at exit)."""
    global _SERVER
    if _SERVER is None:
        _SERVER = start_server()
    return _SERVER


@pytest.fixture(scope="session")
def postgres_server():
    yield server()
    # stopped by atexit: several test modules import this fixture and share the one server


def new_database_url(kind: str, tmp_path: Path) -> str:
    """A fresh empty database URL of ``kind`` ('sqlite' or 'postgresql')."""
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    return server().create_database()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> str:
    """A fresh, empty (unmigrated) database URL: each store test runs on SQLite and on PostgreSQL."""
    return new_database_url(request.param, tmp_path)


@pytest.fixture
def store_engine(store_url):
    """A fresh database migrated to the newest schema, on SQLite and on PostgreSQL."""
    engine = make_engine(store_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def demo_store(store_engine):
    """``store_engine`` holding the thanh-hoa-2017 demo (28 centres, one survey version each)."""
    from planner.demo.data import load_demo

    load_demo(store_engine, "thanh-hoa-2017")
    return store_engine


@pytest.fixture
def fast_hashing(monkeypatch):
    """Cheap argon2 parameters for tests that create many accounts (the real ones are checked in
    test_auth.py); hashes stay argon2id, salted and verified the same way."""
    from argon2 import PasswordHasher

    import planner.auth

    monkeypatch.setattr(
        planner.auth, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
