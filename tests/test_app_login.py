"""Login, role navigation and the page guards (AppTest on streamlit_app.py, a real script run)."""

from __future__ import annotations

import pytest
from app_support import (
    ADMIN,
    ADMIN_PAGES,
    DISTRICT,
    DISTRICT_PAGES,
    PLANNER,
    PLANNER_PAGES,
    ROOT,
    app_as,
    button,
)
from streamlit.testing.v1 import AppTest

from planner import labels
from planner.auth import SYSTEM
from planner.demo.accounts import PLANNER_PASSWORD
from planner.store.accounts import set_disabled
from planner.store.db import shared_engine

A = labels.APP


def log_in(at: AppTest, name: str, password: str) -> None:
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    button(at, A["login_button"]).click()
    at.run()


def test_logged_out_user_sees_only_the_login_page(app_db):
    at = app_as(None)
    assert not at.exception
    assert [t.value for t in at.title] == [labels.PAGE["login"]]
    at.switch_page("app_pages/login.py")  # every page's URL leads to the login form
    at.run()
    assert [t.value for t in at.title] == [labels.PAGE["login"]]


def test_wrong_password_does_not_get_in(app_db):
    at = app_as(None)
    log_in(at, "kehoach", "sai-mat-khau")
    assert "actor" not in at.session_state
    assert at.title[0].value == labels.PAGE["login"]
    assert "sai tên đăng nhập hoặc mật khẩu" in at.error[0].value


def test_planner_logs_in_sees_planner_pages_and_logs_out(app_db):
    at = app_as(None)
    log_in(at, "kehoach", PLANNER_PASSWORD)
    assert not at.exception
    assert at.session_state["actor"] == PLANNER
    assert at.title[0].value == labels.PAGE["overview"]  # the role's first page
    at.switch_page("app_pages/users.py")  # a known URL, hidden from planners: refused
    at.run()
    assert [e.value for e in at.error] == [A["denied"]]
    assert not at.title
    button(at, labels.PAGE["logout"]).click()
    at.run()
    assert "actor" not in at.session_state
    assert at.title[0].value == labels.PAGE["login"]


@pytest.mark.parametrize(
    ("actor", "page"),
    [(DISTRICT, p) for p in DISTRICT_PAGES]
    + [(PLANNER, p) for p in PLANNER_PAGES]
    + [(ADMIN, p) for p in ADMIN_PAGES],
    ids=lambda x: getattr(x, "name", x),
)
def test_every_page_renders_for_every_role_that_may_see_it(app_db, actor, page):
    at = app_as(actor, page)
    assert not at.exception, at.exception
    assert at.title[0].value == labels.PAGE[page]
    assert not [e.value for e in at.error]


@pytest.mark.parametrize("page", [p for p in ADMIN_PAGES if p not in DISTRICT_PAGES])
def test_district_user_cannot_reach_planner_pages(app_db, page):
    # Hidden from the navigation; reached by URL, the page refuses ...
    at = app_as(DISTRICT, page)
    assert not at.exception
    assert [e.value for e in at.error] == [A["denied"]]
    assert not at.title
    # ... and the page itself refuses when run directly with the district user's session.
    direct = AppTest.from_file(str(ROOT / "app_pages" / f"{page}.py"), default_timeout=30)
    direct.session_state["actor"] = DISTRICT
    direct.run()
    assert not direct.exception
    assert [e.value for e in direct.error] == [A["denied"]]
    assert not direct.title  # nothing of the page was drawn
    assert not direct.dataframe


def test_page_run_without_login_is_refused(app_db):
    direct = AppTest.from_file(str(ROOT / "app_pages" / "survey.py"), default_timeout=30)
    direct.run()
    assert [e.value for e in direct.error] == [A["denied"]]
    assert not direct.title


def test_disabled_account_is_logged_out_on_its_next_page(app_db):
    at = app_as(PLANNER, "needs")
    assert at.title[0].value == labels.PAGE["needs"]
    set_disabled(shared_engine(app_db), SYSTEM, "kehoach")
    at.run()
    assert A["session_ended"] in [e.value for e in at.error]
    assert "actor" not in at.session_state


@pytest.mark.parametrize(
    "text",
    [
        "x![a](http://attacker.example/p.png)",
        "**đậm** _nghiêng_ # tiêu đề",
        ":material/home: $x$",
        "a\\b",
    ],
)
def test_user_text_is_escaped_for_markdown(text):
    """Every Markdown character is backslash-escaped, and removing the escapes gives the text."""
    import re

    from app_pages.state import plain

    escaped = plain(text)
    assert re.sub(r"\\(.)", r"\1", escaped) == text
    assert not re.search(r"(?<!\\)[!\[\]()*_#:$]", escaped), escaped
