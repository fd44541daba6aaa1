"""In a real Chromium: a login that lasts, and ends when it must (issue #14, item 1).

A reload or a typed page URL keeps the user logged in and logout ends it (the cookie the browser
may still hold is refused); an administrator, logged in in another browser context, disables an
account or resets its password while its user is logged in — that user's next reload shows the
login form, because the library ended every login session of the account (planner.store.
login_sessions). The server, browser and page come from tests/browser_support.py.
"""

from __future__ import annotations

import pytest
from browser_support import SESSION_COOKIE, UI_TIMEOUT, A, Steps, log_in, settled
from sqlalchemy import func, select

from planner import labels
from planner.auth import SYSTEM
from planner.demo.accounts import ADMIN_PASSWORD, PLANNER_PASSWORD
from planner.store.accounts import add_user
from planner.store.db import reading
from planner.store.login_sessions import LoginSessionRow

pytestmark = pytest.mark.browser

USER_PASSWORD = "mat-khau-cua-nguoi-dung"


def test_a_reload_or_a_typed_url_keeps_the_login_and_logout_ends_it(server, page):
    steps = Steps(page, "session")
    log_in(page, server["url"], "kehoach", PLANNER_PASSWORD)
    page.get_by_role("heading", name=labels.PAGE["overview"]).wait_for()
    page.reload()
    page.get_by_role("heading", name=labels.PAGE["overview"]).wait_for()
    page.goto(f"{server['url']}/needs")  # a bookmarked page
    page.get_by_role("heading", name=labels.PAGE["needs"]).wait_for()
    steps.shot("needs-by-url-after-reload")

    page.goto(f"{server['url']}/khong-co-trang-nay")  # no such page: a Vietnamese notice
    page.get_by_text(A["page_unknown"].format(path="khong-co-trang-nay")).wait_for()
    page.wait_for_timeout(500)  # Streamlit's dialog, if shown, would be up by now
    assert not page.get_by_text("Page not found").is_visible()
    steps.shot("unknown-page")

    cookie = next(c for c in page.context.cookies() if c["name"] == SESSION_COOKIE)
    page.get_by_role("button", name=labels.PAGE["logout"]).click()
    page.get_by_role("heading", name=labels.PAGE["login"]).wait_for()
    page.reload()
    page.get_by_role("heading", name=labels.PAGE["login"]).wait_for()
    # The browser may still hold the old cookie: the server has ended it all the same.
    page.context.add_cookies([{k: cookie[k] for k in ("name", "value", "domain", "path")}])
    page.goto(f"{server['url']}/needs")
    page.get_by_role("heading", name=labels.PAGE["login"]).wait_for()
    assert page.get_by_role("button", name=labels.PAGE["logout"]).count() == 0
    steps.shot("logged-out-after-reload")


@pytest.fixture
def admin_page(browser):
    """A second browser context (its own cookies), where the administrator works."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(UI_TIMEOUT)
    yield page
    context.close()


def logged_in_user(server, page, name: str) -> None:
    """A planner account of its own (so no other test depends on it), logged in and reloaded."""
    add_user(server["engine"], SYSTEM, name, USER_PASSWORD, "planner")
    log_in(page, server["url"], name, USER_PASSWORD)
    page.get_by_role("heading", name=labels.PAGE["overview"]).wait_for()
    page.reload()
    page.get_by_role("heading", name=labels.PAGE["overview"]).wait_for()


def on_users_page(server, admin_page, name: str) -> None:
    """The administrator on Người dùng, with account ``name`` chosen."""
    log_in(admin_page, server["url"], "admin", ADMIN_PASSWORD)
    admin_page.goto(f"{server['url']}/users")
    admin_page.get_by_role("heading", name=labels.PAGE["users"]).wait_for()
    settled(admin_page)
    admin_page.get_by_role("combobox", name=A["account"], exact=True).click()
    admin_page.get_by_role("option", name=name, exact=True).click()
    settled(admin_page)


def refused_on_reload(server, page) -> list[int]:
    """The user's next reload, and a bookmarked page, show the login form: the logout buttons
    seen on each (none, once the server has ended the session)."""
    seen = []
    page.reload()
    page.get_by_role("heading", name=labels.PAGE["login"]).wait_for()
    seen.append(page.get_by_role("button", name=labels.PAGE["logout"]).count())
    page.goto(f"{server['url']}/needs")
    page.get_by_role("heading", name=labels.PAGE["login"]).wait_for()
    seen.append(page.get_by_role("button", name=labels.PAGE["logout"]).count())
    return seen


def open_logins(engine, name: str) -> int:
    """How many of ``name``'s login sessions the server still honours."""
    with reading(engine) as session:
        return session.scalar(
            select(func.count()).where(
                LoginSessionRow.user_name == name, LoginSessionRow.ended_at.is_(None)
            )
        )


def test_disabling_a_logged_in_account_sends_its_user_to_the_login_form(server, page, admin_page):
    steps = Steps(page, "session-disabled")
    logged_in_user(server, page, "khtat")
    steps.shot("logged-in")
    assert open_logins(server["engine"], "khtat") == 1
    on_users_page(server, admin_page, "khtat")
    admin_page.get_by_role("button", name=A["disable"], exact=True).click()
    admin_page.get_by_text(A["done"].format(name="khtat")).wait_for()
    assert open_logins(server["engine"], "khtat") == 0
    assert refused_on_reload(server, page) == [0, 0]
    steps.shot("login-form-after-disable")


def test_a_password_reset_sends_the_logged_in_user_to_the_login_form(server, page, admin_page):
    steps = Steps(page, "session-reset")
    logged_in_user(server, page, "khdoimk")
    assert open_logins(server["engine"], "khdoimk") == 1
    on_users_page(server, admin_page, "khdoimk")
    admin_page.get_by_label(A["new_password"]).fill("mat-khau-moi-cua-nguoi-dung")
    admin_page.get_by_role("button", name=A["reset"]).click()
    admin_page.get_by_text(A["done"].format(name="khdoimk")).wait_for()
    assert open_logins(server["engine"], "khdoimk") == 0
    assert refused_on_reload(server, page) == [0, 0]
    steps.shot("login-form-after-reset")
    log_in(page, server["url"], "khdoimk", "mat-khau-moi-cua-nguoi-dung")  # the new one works
    page.get_by_role("heading", name=labels.PAGE["overview"]).wait_for()
    assert page.get_by_role("button", name=labels.PAGE["logout"]).count() == 1
    assert open_logins(server["engine"], "khdoimk") == 1


def test_an_unknown_url_before_login_shows_the_login_form_and_our_notice(server, page):
    """Logged out, a typed URL that names no page: the login form, the Vietnamese notice, and
    never Streamlit's English dialog (the logged-in case is in the first journey)."""
    steps = Steps(page, "unknown-page-logged-out")
    page.goto(f"{server['url']}/khong-co-trang-nay")
    page.get_by_role("heading", name=labels.PAGE["login"]).wait_for()
    page.get_by_text(A["page_unknown"].format(path="khong-co-trang-nay")).wait_for()
    page.wait_for_timeout(500)  # Streamlit's dialog, if shown, would be up by now
    assert not page.get_by_text("Page not found").is_visible()
    steps.shot("notice")
