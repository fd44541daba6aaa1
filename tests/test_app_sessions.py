"""Login sessions behind the reload-proof cookie (planner.store.login_sessions), on a demo database."""

from __future__ import annotations

import datetime as dt

from app_support import PLANNER
from sqlalchemy import update

from planner.auth import SYSTEM
from planner.store import login_sessions as ls
from planner.store.accounts import set_disabled
from planner.store.db import shared_engine, writing


def test_a_started_session_resumes_with_the_accounts_role(app_db, monkeypatch):
    monkeypatch.delenv(ls.KEY_ENV, raising=False)
    engine = shared_engine(app_db)
    cookie = ls.start_session(engine, PLANNER)
    assert ls.resume_session(engine, cookie) == PLANNER


def test_forged_altered_or_foreign_cookies_are_refused(app_db, monkeypatch):
    monkeypatch.delenv(ls.KEY_ENV, raising=False)
    engine = shared_engine(app_db)
    cookie = ls.start_session(engine, PLANNER)
    assert ls.resume_session(engine, cookie[:-2] + ("AA" if cookie[-2:] != "AA" else "BB")) is None
    assert ls.resume_session(engine, "garbage") is None
    assert ls.resume_session(engine, "") is None
    monkeypatch.setenv(ls.KEY_ENV, "another-server-key")  # signed with another key
    assert ls.resume_session(engine, cookie) is None


def test_logout_ends_the_session_on_the_server(app_db, monkeypatch):
    monkeypatch.delenv(ls.KEY_ENV, raising=False)
    engine = shared_engine(app_db)
    cookie = ls.start_session(engine, PLANNER)
    other = ls.start_session(engine, PLANNER)  # the same user in another browser
    ls.end_session(engine, cookie)
    assert ls.resume_session(engine, cookie) is None
    assert ls.resume_session(engine, other) == PLANNER


def test_disabling_the_account_refuses_its_cookie(app_db, monkeypatch):
    monkeypatch.delenv(ls.KEY_ENV, raising=False)
    engine = shared_engine(app_db)
    cookie = ls.start_session(engine, PLANNER)
    set_disabled(engine, SYSTEM, "kehoach")
    assert ls.resume_session(engine, cookie) is None


def test_an_expired_session_is_refused(app_db, monkeypatch):
    monkeypatch.delenv(ls.KEY_ENV, raising=False)
    engine = shared_engine(app_db)
    cookie = ls.start_session(engine, PLANNER)
    past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    with writing(engine) as session:
        session.execute(update(ls.LoginSessionRow).values(expires_at=past))
    assert ls.resume_session(engine, cookie) is None


def test_the_signing_key_is_generated_once_and_kept(app_db, monkeypatch):
    monkeypatch.delenv(ls.KEY_ENV, raising=False)
    engine = shared_engine(app_db)
    first = ls.signing_key(engine)
    assert len(first) >= 40
    assert ls.signing_key(engine) == first
    monkeypatch.setenv(ls.KEY_ENV, "from-configuration")
    assert ls.signing_key(engine) == "from-configuration"
