"""The login ends at once when an administrator disables the account or resets its password,
and a typed URL that names no page shows our Vietnamese notice, never Streamlit's English
"Page not found" dialog — also when Streamlit renamed the internals that dialog is stopped at.

AppTest runs the real app (streamlit_app.py): the user logs in through the form, which starts a
login session and its cookie (planner.store.login_sessions); the administrator acts through the
Người dùng page in a second AppTest, as a second browser would.
"""

from __future__ import annotations

import dataclasses

import pytest
from app_support import ADMIN, APP, app_as, button
from streamlit.commands import navigation
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue
from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

from app_pages import state
from planner import labels
from planner.demo.accounts import ADMIN_PASSWORD, PLANNER_PASSWORD

A = labels.APP


def logged_in(name: str, password: str, first_page: str) -> AppTest:
    at = app_as(None)
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    button(at, A["login_button"]).click()
    at.run()
    assert at.title[0].value == labels.PAGE[first_page]
    assert state.LOGIN_COOKIE in at.session_state  # a login session was started
    return at


def logged_in_planner() -> AppTest:
    return logged_in("kehoach", PLANNER_PASSWORD, "overview")


def admin_on_users(chosen: str, admin: AppTest | None = None) -> AppTest:
    admin = admin or app_as(ADMIN)
    admin.switch_page("app_pages/users.py")
    admin.run()
    admin.selectbox(key="manage_user").select(chosen)
    admin.run()
    return admin


def test_disabling_the_account_sends_its_logged_in_user_to_the_login_form(app_db):
    user = logged_in_planner()
    admin = admin_on_users("kehoach")
    button(admin, A["disable"]).click()
    admin.run()
    assert not admin.exception
    user.run()  # the user's next click or reload
    assert [t.value for t in user.title] == [labels.PAGE["login"]]
    assert "actor" not in user.session_state


def test_a_password_reset_sends_its_logged_in_user_to_the_login_form(app_db):
    user = logged_in_planner()
    admin = admin_on_users("kehoach")
    admin.text_input(key="reset_password_value").input("mat-khau-moi-123")
    button(admin, A["reset"]).click()
    admin.run()
    assert not admin.exception
    user.run()
    assert [t.value for t in user.title] == [labels.PAGE["login"]]
    assert "actor" not in user.session_state


def test_an_admin_who_resets_their_own_password_stays_logged_in_here(app_db):
    """Their other browsers are logged out; this one gets a new session at once."""
    other = logged_in("admin", ADMIN_PASSWORD, "overview")
    admin = admin_on_users("admin", logged_in("admin", ADMIN_PASSWORD, "overview"))
    admin.text_input(key="reset_password_value").input("mat-khau-moi-456")
    button(admin, A["reset"]).click()
    admin.run()
    admin.run()
    assert admin.session_state["actor"] == ADMIN
    assert [t.value for t in admin.title] == [labels.PAGE["users"]]
    other.run()
    assert [t.value for t in other.title] == [labels.PAGE["login"]]


# --- A URL that names no page ------------------------------------------------------------------

UNKNOWN = "khong-co-trang-nay"


@pytest.fixture
def dialogs(monkeypatch):
    """Every "page not found" message that reaches the queue for the browser."""
    seen: list[str] = []
    enqueue = ForwardMsgQueue.enqueue

    def watching(self, msg):
        if msg.WhichOneof("type") == "page_not_found":
            seen.append(msg.page_not_found.page_name)
        return enqueue(self, msg)

    monkeypatch.setattr(ForwardMsgQueue, "enqueue", watching)
    return seen


@pytest.fixture
def unpatched_streamlit(monkeypatch):
    """Streamlit as shipped: the internals state.quiet_page_not_found replaced are put back
    (for this test only), so that each test starts from what a fresh server has."""
    send = navigation.send_page_not_found
    monkeypatch.setattr(navigation, "send_page_not_found", getattr(send, "__wrapped__", send))
    enqueue = ScriptRunContext.enqueue
    monkeypatch.setattr(ScriptRunContext, "enqueue", getattr(enqueue, "__wrapped__", enqueue))


def at_unknown_url(actor, monkeypatch) -> AppTest:
    """The app opened at http://localhost:8501/khong-co-trang-nay as a browser opens it: the URL
    in the context, and the run asked for by the page's name with no page hash (AppTest itself
    only asks by hash, so its runner is told to ask as the browser does)."""
    request = LocalScriptRunner.request_rerun

    def as_the_browser(self, data):
        return request(self, dataclasses.replace(data, page_script_hash="", page_name=UNKNOWN))

    monkeypatch.setattr(LocalScriptRunner, "request_rerun", as_the_browser)
    at = AppTest.from_file(APP, default_timeout=30)
    if actor is not None:
        at.session_state["actor"] = actor
    at.context = {"url": f"http://localhost:8501/{UNKNOWN}"}
    at.run()
    return at


@pytest.mark.parametrize("actor", [None, ADMIN], ids=["logged-out", "logged-in"])
def test_an_unknown_url_shows_our_notice_and_no_english_dialog(
    app_db, unpatched_streamlit, dialogs, monkeypatch, actor
):
    at = at_unknown_url(actor, monkeypatch)
    assert not at.exception
    assert A["page_unknown"].format(path=state.plain(UNKNOWN)) in [w.value for w in at.warning]
    expected = labels.PAGE["login"] if actor is None else labels.PAGE["overview"]
    assert [t.value for t in at.title] == [expected]
    assert dialogs == []


@pytest.mark.parametrize("actor", [None, ADMIN], ids=["logged-out", "logged-in"])
def test_without_the_function_it_patches_the_dialog_is_still_stopped(
    app_db, unpatched_streamlit, dialogs, monkeypatch, actor
):
    """A Streamlit that renamed ``send_page_not_found``: the queue layer still drops the dialog."""
    monkeypatch.setattr(
        state,
        "QUIET_TARGETS",
        (("streamlit.commands.navigation", "renamed"), state.QUIET_TARGETS[1]),
    )
    at = at_unknown_url(actor, monkeypatch)
    assert not at.exception
    assert A["page_unknown"].format(path=state.plain(UNKNOWN)) in [w.value for w in at.warning]
    assert dialogs == []


@pytest.mark.parametrize("actor", [None, ADMIN], ids=["logged-out", "logged-in"])
def test_with_no_internals_left_to_patch_the_app_still_works_in_vietnamese(
    app_db, unpatched_streamlit, dialogs, monkeypatch, actor
):
    """Both internals gone: nothing fails, the page and our Vietnamese notice are shown (only
    Streamlit's own dialog may then come back, which the server log says)."""
    monkeypatch.setattr(
        state, "QUIET_TARGETS", (("streamlit.no_such_module", "x"), ("streamlit", "NoSuchClass"))
    )
    assert state.quiet_page_not_found() is False
    at = at_unknown_url(actor, monkeypatch)
    assert not at.exception
    assert A["page_unknown"].format(path=state.plain(UNKNOWN)) in [w.value for w in at.warning]
    expected = labels.PAGE["login"] if actor is None else labels.PAGE["overview"]
    assert [t.value for t in at.title] == [expected]
    assert dialogs == [""]  # what the fail-safe could not stop, proving the test can see it
