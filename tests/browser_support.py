"""What every Chromium test file shares: `planner app` on a fresh demo database, Debian's
chromium through Playwright, a page per test, screenshots, and logging in as a person would.

Registered for every test module in conftest.py (``pytest_plugins``), so the fixtures
``server`` (one app server per test module), ``browser`` and ``page`` are used by name; the
helpers (:func:`log_in`, :func:`settled`, :class:`Steps`) and constants are imported from here.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from planner import labels
from planner.demo.accounts import ensure_demo_accounts
from planner.demo.data import load_demo
from planner.store.db import make_engine
from planner.store.login_sessions import COOKIE as SESSION_COOKIE

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
A = labels.APP
UI_TIMEOUT = 30_000  # ms, for ordinary page updates
SOLVE_TIMEOUT = 180_000  # ms, for a scenario run


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"planner app exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not become healthy in {seconds} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`planner app --port N` on a fresh demo database with the demo accounts."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    folder = tmp_path_factory.mktemp("browser")
    url_db = f"sqlite:///{folder / 'app.sqlite3'}"
    engine = make_engine(url_db)
    load_demo(engine, "thanh-hoa-2017")
    ensure_demo_accounts(engine)
    port = free_port()
    env = dict(os.environ, PLANNER_DATABASE_URL=url_db)
    log = open(folder / "app.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "planner.cli", "app", "--port", str(port), "--db", url_db],
        cwd=folder,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://localhost:{port}"
    try:
        wait_healthy(url, process)
        yield {"url": url, "engine": engine, "folder": folder}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        engine.dispose()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(
        accept_downloads=True, viewport={"width": 1400, "height": 1000}, locale="vi-VN"
    )
    page = context.new_page()
    page.set_default_timeout(UI_TIMEOUT)
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        keep_failure(page, request.node.name)
    context.close()


def keep_failure(page, test: str) -> None:
    """What the browser showed when a test failed: a screenshot and the page's text.

    CI keeps nothing but the log, so the text goes to the log too: a timeout says only what it
    waited for, the page says why it never came (an error message, a field that lost its value).
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"FAILED-{test}.png"), full_page=True)
    text = page.inner_text("body")
    (ARTIFACTS / f"FAILED-{test}.txt").write_text(text, encoding="utf-8")
    print(f"--- page text at failure of {test} ---\n{text}")


class Steps:
    """Numbered screenshots of one journey under test-artifacts/browser/."""

    def __init__(self, page, journey: str) -> None:
        self.page, self.journey, self.n = page, journey, 0
        ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def shot(self, what: str) -> None:
        self.n += 1
        self.page.screenshot(
            path=str(ARTIFACTS / f"{self.journey}-{self.n:02d}-{what}.png"), full_page=True
        )


def settled(page, quiet_ms: int = 700) -> None:
    """Wait until the app has had no run for ``quiet_ms``.

    While a run goes on, Streamlit keeps the previous run's elements on screen beside the new
    ones (two fields with one label for a moment), and a run can be followed by another (the
    cookie component reports to the server once it has written the cookie).
    """
    app = page.locator('[data-testid="stApp"]')
    calm = 0
    for _ in range(UI_TIMEOUT // 100):
        calm = calm + 100 if app.get_attribute("data-test-script-state") == "notRunning" else 0
        if calm >= quiet_ms:
            return
        page.wait_for_timeout(100)
    raise AssertionError("the app never stopped running")


def log_in(page, url: str, name: str, password: str, *, refused: bool = False) -> None:
    """Log in through the form; unless the login is expected to be refused, wait as a person
    would for the page to settle: the browser holds the login cookie (its report to the server
    is one more run) and no run is going on."""
    page.goto(url)
    page.get_by_role("heading", name=labels.PAGE["login"]).wait_for()
    page.get_by_label(A["user"]).fill(name)
    page.get_by_label(A["password"]).fill(password)
    page.get_by_role("button", name=A["login_button"]).click()
    if not refused:
        page.wait_for_function(f"document.cookie.includes('{SESSION_COOKIE}=')", timeout=UI_TIMEOUT)
        settled(page)
