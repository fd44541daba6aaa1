"""Shared fixtures: fresh databases, the demo database and the CLI run as a user would run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.catalog import load_catalog
from planner.demo.data import load_demo
from planner.store.db import make_engine
from planner.store.migrate import migrate

# Fixture modules shared by every test file: the store on SQLite and PostgreSQL (pg), the
# demo database the app tests copy (app_support), and the app server and Chromium of the
# browser tests (browser_support).
pytest_plugins = ["pg", "app_support", "procurement_support", "browser_support"]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture
def tmp_engine(tmp_path):
    """An empty SQLite database migrated to the newest schema."""
    engine = make_engine(f"sqlite:///{tmp_path / 'planner.sqlite3'}")
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def demo_engine(tmp_path):
    """A SQLite database holding the thanh-hoa-2017 demo (28 centres, illustrative surveys)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    load_demo(engine, "thanh-hoa-2017")
    yield engine
    engine.dispose()


class CLI:
    """Runs ``python -m planner.cli`` in a subprocess, in a working folder, against one database."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.db = f"sqlite:///{workdir / 'planner.sqlite3'}"

    def __call__(self, *args: str, stdin: str | None = None, env: dict | None = None):
        command = [sys.executable, "-m", "planner.cli", *args]
        environment = dict(os.environ, PLANNER_DATABASE_URL=self.db, **(env or {}))
        return subprocess.run(
            command,
            input=stdin,
            capture_output=True,
            text=True,
            cwd=self.workdir,
            env=environment,
            timeout=300,
        )


@pytest.fixture
def cli(tmp_path) -> CLI:
    return CLI(tmp_path)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so a fixture can tell that its test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
