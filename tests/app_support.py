"""Shared by the AppTest modules (tests/test_app_*.py): a demo database with the demo accounts.

The database is built once per test session (argon2 hashing of three passwords is the slow
part) and copied for each test, so every test starts from the same state.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from planner.auth import Actor, Role
from planner.demo.accounts import ensure_demo_accounts
from planner.demo.data import load_demo
from planner.store.db import make_engine, shared_engine

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")
PLANNER = Actor("kehoach", Role.PLANNER)
ADMIN = Actor("admin", Role.ADMIN)
DISTRICT = Actor("huyen380", Role.DISTRICT, "380")
DISTRICT_PAGES = ("survey", "needs")
PLANNER_PAGES = ("overview", "survey", "needs", "scenario", "compare", "procurement", "catalog")
ADMIN_PAGES = (*PLANNER_PAGES, "users")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("app-demo") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    load_demo(engine, "thanh-hoa-2017")
    ensure_demo_accounts(engine)
    engine.dispose()
    return path


@pytest.fixture
def app_db(demo_template, tmp_path, monkeypatch) -> str:
    """A fresh copy of the demo database, made the app's database (``PLANNER_DATABASE_URL``)."""
    path = tmp_path / "app.sqlite3"
    shutil.copy(demo_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("PLANNER_DATABASE_URL", url)
    shared_engine.cache_clear()
    st.cache_data.clear()
    st.cache_resource.clear()
    return url


def app_as(actor: Actor | None, page: str | None = None, timeout: float = 30) -> AppTest:
    """The whole app, run once as ``actor`` (None: logged out), then switched to ``page``."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    if actor is not None:
        at.session_state["actor"] = actor
    at.run()
    if page is not None:
        at.switch_page(f"app_pages/{page}.py")
        at.run()
    return at


def button(at: AppTest, label: str):
    """The one button (or form submit button) labelled ``label``."""
    matches = [b for b in at.button if b.label == label]
    assert len(matches) == 1, [b.label for b in at.button]
    return matches[0]


def form_key(at: AppTest, name: str) -> str:
    """The key of scenario-form field ``name`` as drawn now (keys carry the form's version)."""
    return f"{name}_v{at.session_state['sc_version']}"
