"""What pages share: the engine, cached reads, the logged-in user and the role guard.

Every page starts with :func:`guard` (hiding a page from the navigation is not authorisation:
a page reached by URL or ``st.switch_page`` still checks the role here, and every write checks
again in the library through ``planner.auth.require``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from urllib.parse import urlparse

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from app_pages import cells, language
from planner import labels
from planner.auth import ROLE_LABEL, Actor, Role
from planner.errors import PlannerError, Problem
from planner.needs import NeedsReport
from planner.needs.counters import CounterSource
from planner.services.overview import data_stamp, need_records
from planner.services.workspace import Workspace, load_workspace
from planner.store.accounts import get_user
from planner.store.db import database_url, shared_engine
from planner.store.login_sessions import (
    COOKIE,
    LIFETIME,
    end_session,
    resume_session,
    start_session,
)
from planner.store.migrate import migrate

ACTOR = "actor"
LOGIN_COOKIE = "login_cookie"  # the signed cookie value of this browser session's login
URL_NOTICE = "url_notice"  # the unknown page name the session was opened at, or ""
COOKIE_WRITE = "cookie_write"  # ("set", value) or ("delete", None): for the browser, next run
EVERYONE = frozenset(Role)
PLANNERS = frozenset({Role.PLANNER, Role.ADMIN})


@dataclass(frozen=True)
class PageSpec:
    key: str  # also the file name in app_pages/ and the label key in labels.PAGE
    icon: str
    roles: frozenset[Role]

    @property
    def path(self) -> str:
        return f"app_pages/{self.key}.py"


# In navigation order; a role sees the pages that list it.
PAGES = (
    PageSpec("overview", ":material/map:", PLANNERS),
    PageSpec("survey", ":material/edit_note:", EVERYONE),
    PageSpec("needs", ":material/list_alt:", EVERYONE),
    PageSpec("scenario", ":material/savings:", PLANNERS),
    PageSpec("compare", ":material/compare:", PLANNERS),
    PageSpec("procurement", ":material/gavel:", PLANNERS),
    PageSpec("catalog", ":material/inventory_2:", PLANNERS),
    PageSpec("users", ":material/group:", frozenset({Role.ADMIN})),
)
SPEC = {spec.key: spec for spec in PAGES}


def pages_for(role: Role) -> list[PageSpec]:
    return [spec for spec in PAGES if role in spec.roles]


@st.cache_resource
def _engine(url: str) -> Engine:
    engine = shared_engine(url)
    migrate(engine)
    return engine


def engine() -> Engine:
    """One engine per database URL per server process (``st.cache_resource``), migrated once."""
    return _engine(database_url())


@st.cache_resource(max_entries=4)
def _workspace(url: str, stamp: tuple[int, int, int]) -> Workspace:
    """Frozen, shared by every session, rebuilt when :func:`data_stamp` changes."""
    return load_workspace(_engine(url))


@st.cache_resource(max_entries=8)
def _needs(
    url: str, stamp: tuple[int, int, int], counters: str = CounterSource.SURVEYED.value
) -> NeedsReport:
    return _workspace(url, stamp).needs(CounterSource(counters))


@st.cache_data(max_entries=8, show_spinner=False)
def _need_frame(
    url: str, stamp: tuple[int, int, int], counters: str = CounterSource.SURVEYED.value
) -> pd.DataFrame:
    return pd.DataFrame(need_records(_needs(url, stamp, counters)))


def need_frame(counters: CounterSource = CounterSource.SURVEYED) -> pd.DataFrame:
    """One row per (centre, item) need line (planner.services.overview.need_records), cached like the report."""
    return _need_frame(database_url(), data_stamp(engine()), CounterSource(counters).value)


def workspace() -> Workspace:
    """The database's current state, re-read only when a survey, catalog or centre changed."""
    return _workspace(database_url(), data_stamp(engine()))


def needs_report(counters: CounterSource = CounterSource.SURVEYED) -> NeedsReport:
    """Every centre's needs for the current data (cached like :func:`workspace`).

    ``counters``: whether per-counter norms multiply the surveyed counter count or the one sized
    from dossier volumes (planner.needs.counters); both reports carry the sizing.
    """
    return _needs(database_url(), data_stamp(engine()), CounterSource(counters).value)


def current_actor() -> Actor | None:
    """This browser session's user: from the session, else resumed from the login cookie.

    A reload or a typed URL starts a new Streamlit session; the signed cookie
    (planner.store.login_sessions) brings the user back. A session whose login was ended
    (logout, here or in another tab) or whose account was disabled gives None.
    """
    actor = st.session_state.get(ACTOR)
    if actor is None:
        cookie = st.context.cookies.get(COOKIE)
        resumed = resume_session(engine(), cookie) if cookie else None
        if resumed is not None:
            st.session_state[ACTOR] = resumed
            st.session_state[LOGIN_COOKIE] = cookie
        return resumed
    if LOGIN_COOKIE in st.session_state and (
        resume_session(engine(), st.session_state[LOGIN_COOKIE]) is None
    ):
        log_out()
        return None
    return actor


def log_in(actor: Actor) -> None:
    """Remember ``actor`` for this session and, through the cookie, for the next reload."""
    cookie = start_session(engine(), actor)
    st.session_state[ACTOR] = actor
    st.session_state[LOGIN_COOKIE] = cookie
    st.session_state[COOKIE_WRITE] = ("set", cookie)


def log_out() -> None:
    """End the login on the server (the cookie is refused from now on), ask the browser to
    drop it, and forget everything computed for the user (not the browser's language choice)."""
    end_session(engine(), st.session_state.get(LOGIN_COOKIE) or st.context.cookies.get(COOKIE))
    for key in list(st.session_state.keys()):
        if key not in (language.KEY, URL_NOTICE):
            del st.session_state[key]
    st.session_state[COOKIE_WRITE] = ("delete", None)


def write_cookie() -> None:
    """Send a pending cookie change to the browser (a hidden component; Streamlit itself can
    only read cookies).

    The component is drawn on every run until the browser reports the cookie as asked, then no
    more: a drawn component reports to the server when it mounts, and each report is one more
    run, which can land after the user has already clicked to another page and take them back.
    (Drawn until confirmed, not once, so that a change is not lost when the run that asked for
    it is followed at once by another.) A deletion is drawn until the next login: the report of
    an empty cookie jar cannot be told from the component's default.
    """
    pending = st.session_state.get(COOKIE_WRITE)
    if pending is None:
        return
    import extra_streamlit_components as stx  # imported here: it renders as it is created

    manager = stx.CookieManager(key="cookie_manager")
    in_browser = dict(manager.cookies or {})
    action, value = pending
    if action == "set":
        if in_browser.get(COOKIE) == value:
            del st.session_state[COOKIE_WRITE]
            return
        manager.set(
            COOKIE,
            value,
            key="cookie_set",
            expires_at=dt.datetime.now(dt.UTC) + LIFETIME,
            max_age=LIFETIME.total_seconds(),
            same_site="strict",
            secure=(st.context.url or "").startswith("https://"),  # never sent over plain HTTP then
        )
    elif COOKIE in in_browser:
        manager.delete(COOKIE, key="cookie_delete")


def _still_valid(actor: Actor) -> bool:
    """The account still exists, is enabled and has the same role and centre as at login."""
    account = get_user(engine(), actor.name)
    return (
        account is not None
        and not account.disabled
        and account.role == actor.role
        and account.centre == actor.centre
    )


def guard(page: str) -> Actor:
    """The logged-in user if their role may open ``page``; otherwise a message and stop."""
    actor = current_actor()
    if actor is None:
        st.error(labels.APP["denied"])
        st.stop()
    if not _still_valid(actor):
        log_out()
        st.error(labels.APP["session_ended"])
        st.stop()
    if actor.role not in SPEC[page].roles:
        st.error(labels.APP["denied"])
        st.stop()
    return actor


def title(page: str) -> None:
    st.title(labels.PAGE[page])


def load_or_stop() -> Workspace:
    try:
        return workspace()
    except PlannerError as exc:
        st.error(str(exc))
        st.stop()


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def plain(text: object) -> str:
    """User text (a login name, a scenario or centre name, a note, a URL) made inert for
    Streamlit's Markdown: every character Markdown gives a meaning to is backslash-escaped, so
    ``![x](http://…)`` shows as typed instead of making every reader's browser fetch a URL.
    Raw HTML is never rendered (no ``unsafe_allow_html`` on user text)."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def role_text(actor: Actor) -> str:
    return labels.APP["logged_in_as"].format(name=plain(actor.name), role=ROLE_LABEL[actor.role])


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """A located problem list as the table users see (where, row, column, value, expected)."""
    a = labels.APP
    return pd.DataFrame(
        [
            {
                a["problem_where"]: p.where,
                a["problem_row"]: p.row,
                a["problem_column"]: p.column,
                a["problem_value"]: None if p.value is None else str(p.value),
                a["problem_expected"]: p.expected,
            }
            for p in problems
        ],
        columns=[
            a["problem_where"],
            a["problem_row"],
            a["problem_column"],
            a["problem_value"],
            a["problem_expected"],
        ],
    )


def show_error(exc: PlannerError) -> None:
    """A refused action: the message, and the located problems as a table when there are any."""
    problems = getattr(exc, "problems", None)
    st.error(exc.args[0] if problems else str(exc))
    if problems:
        cells.show(problems_frame(problems), hide_index=True, width="stretch")


def centre_name(code: str) -> str:
    """The centre's name for the sidebar, or the code if the data is not loaded."""
    try:
        return workspace().centre(code).name
    except PlannerError:
        return code


def illustrative_notice(ws: Workspace) -> None:
    """Say so whenever what is shown rests on the demo's made-up surveys."""
    if any(survey.illustrative for _, survey in ws.surveys.values()):
        st.info(labels.APP["illustrative_note"])


def unknown_page_notice(known: set[str]) -> None:
    """A URL that names no page: say so in Vietnamese, once, at the top of the first page.

    ``st.navigation`` runs the first page for an unknown URL; its English "Page not found"
    dialog is turned off by :func:`quiet_page_not_found`.
    """
    if URL_NOTICE in st.session_state:
        return
    path = urlparse(st.context.url or "").path.strip("/").split("/")[-1]
    unknown = bool(path) and path not in known and path != "login"
    st.session_state[URL_NOTICE] = path if unknown else ""
    if unknown:
        st.warning(labels.APP["page_unknown"].format(path=plain(path)))


# Where Streamlit's English "Page not found" dialog can be stopped: the function st.navigation
# calls for an unknown URL, and the one method every message to the browser passes through.
# Both are Streamlit internals; names here so that a test can play a Streamlit that renamed them.
QUIET_TARGETS = (
    ("streamlit.commands.navigation", "send_page_not_found"),
    ("streamlit.runtime.scriptrunner_utils.script_run_context", "ScriptRunContext"),
)


def quiet_page_not_found() -> bool:
    """Stop Streamlit from sending its English, modal "Page not found" dialog; True if stopped.

    Streamlit has no option for it (client.showErrorDetails does not cover it), and hiding it
    with CSS leaves the rest of the page inert. Two layers, each enough alone: the function
    ``st.navigation`` calls for an unknown URL is replaced by one that sends nothing, and the
    method that queues every message for the browser drops a "page not found" message whatever
    sent it (the script runner has a second path of its own). Both are Streamlit internals:
    when a Streamlit upgrade renames them, nothing here fails — the app runs, our Vietnamese
    notice (:func:`unknown_page_notice`, which needs neither) still shows, and the server log
    says the English dialog may be back. Idempotent: the app calls it on every run.
    """
    import importlib
    import logging

    quiet = False
    (nav_module, nav_name), (ctx_module, ctx_name) = QUIET_TARGETS
    try:
        navigation = importlib.import_module(nav_module)
        send = getattr(navigation, nav_name, None)
        if callable(send):
            if not hasattr(send, "__wrapped__"):
                setattr(navigation, nav_name, functools.wraps(send)(lambda ctx: None))
            quiet = True
    except Exception:  # a changed Streamlit must not stop the app
        pass
    try:
        context_class = getattr(importlib.import_module(ctx_module), ctx_name, None)
        enqueue = getattr(context_class, "enqueue", None)
        if callable(enqueue):
            if not hasattr(enqueue, "__wrapped__"):

                @functools.wraps(enqueue)
                def enqueue_quietly(self, msg) -> None:
                    if msg.WhichOneof("type") != "page_not_found":
                        enqueue(self, msg)

                context_class.enqueue = enqueue_quietly
            quiet = True
    except Exception:  # the same
        pass
    if not quiet:
        logging.getLogger(__name__).warning(
            "Streamlit changed: its English 'Page not found' dialog could not be turned off"
        )
    return quiet
