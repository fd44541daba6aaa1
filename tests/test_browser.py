"""End to end in a real Chromium (Debian's /usr/bin/chromium through Playwright) against `planner app`.

Journeys: a district officer downloads the template, fills it, uploads it and sees the new
version; a planner runs a scenario and downloads the proposal, which is read back with openpyxl;
a wrong password does not get in. A screenshot of every step goes to test-artifacts/.
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
from openpyxl import load_workbook

from planner import labels
from planner.auth import SYSTEM
from planner.demo import load_demo
from planner.demo_accounts import DISTRICT_PASSWORD, PLANNER_PASSWORD, ensure_demo_accounts
from planner.store.db import make_engine
from planner.store.login_sessions import COOKIE as SESSION_COOKIE
from planner.surveys import history

pytestmark = pytest.mark.browser

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


def test_wrong_password_does_not_get_in(server, page):
    steps = Steps(page, "wrong-password")
    log_in(page, server["url"], "kehoach", "khong-dung-mat-khau", refused=True)
    page.get_by_text("sai tên đăng nhập hoặc mật khẩu").wait_for()
    steps.shot("refused")
    assert page.get_by_role("button", name=labels.PAGE["logout"]).count() == 0
    assert page.get_by_role("heading", name=labels.PAGE["login"]).is_visible()


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


def test_district_officer_uploads_a_filled_template_and_sees_the_new_version(
    server, page, tmp_path
):
    steps = Steps(page, "district-upload")
    log_in(page, server["url"], "huyen380", DISTRICT_PASSWORD)
    page.get_by_role("heading", name=labels.PAGE["survey"]).wait_for()
    steps.shot("survey-page")

    # A planner page asked for by URL: the login cookie keeps the officer logged in, and the
    # page refuses (the role check runs on the page, not only in the navigation). The cookie is
    # written by the browser after the login run; a page loaded before that is logged out.
    page.goto(f"{server['url']}/scenario")
    page.get_by_text(A["denied"]).wait_for()
    assert page.get_by_role("heading", name=labels.PAGE["scenario"]).count() == 0
    assert page.get_by_role("button", name=labels.PAGE["logout"]).count() == 1
    steps.shot("planner-url-refused")
    page.get_by_role("link", name=labels.PAGE["survey"]).click()
    page.get_by_role("heading", name=labels.PAGE["survey"]).wait_for()

    page.get_by_role("tab", name=A["tab_upload"]).click()
    with page.expect_download() as download:
        page.get_by_role("button", name=A["download_template"]).click()
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)
    steps.shot("template-downloaded")

    wb = load_workbook(template)
    sheet = wb[labels.EXCEL["sheet_survey"]]
    premises = wb[labels.EXCEL["sheet_premises"]]
    staff_cell = next(
        row[1] for row in premises.iter_rows() if row[0].value == labels.COLUMN["staff"]
    )
    staff_cell.value = int(staff_cell.value or 0) + 3
    first = sheet.cell(row=5, column=4)
    first.value = int(first.value or 0) + 2
    filled = tmp_path / "da-dien.xlsx"
    wb.save(filled)

    page.locator("input[type=file]").set_input_files(str(filled))
    # The browser sends the file in the background: wait until the uploader lists it, or the
    # button's rerun may reach the server before the file does.
    page.get_by_text("da-dien.xlsx").first.wait_for()
    page.get_by_role("button", name=A["upload_button"]).click()
    page.get_by_text(A["saved"].format(centre="380", version=2)).wait_for()
    steps.shot("uploaded")

    page.get_by_role("tab", name=A["tab_history"]).click()
    page.get_by_text(A["compare_from"]).wait_for()
    steps.shot("history")
    versions = history(server["engine"], SYSTEM, "380")
    assert [v.version for v in versions] == [1, 2]
    assert versions[-1].by == "huyen380" and versions[-1].original_name == "da-dien.xlsx"
    before, after = versions[0].survey.premises.staff, versions[1].survey.premises.staff
    assert after == before + 3


def test_planner_runs_a_scenario_and_downloads_the_proposal(server, page, tmp_path):
    from playwright.sync_api import expect

    steps = Steps(page, "planner-proposal")
    log_in(page, server["url"], "kehoach", PLANNER_PASSWORD)
    page.get_by_role("heading", name=labels.PAGE["overview"]).wait_for()
    steps.shot("overview")
    page.get_by_role("link", name=labels.PAGE["scenario"]).click()
    page.get_by_role("heading", name=labels.PAGE["scenario"]).wait_for()
    settled(page)
    # The form shows the values it runs with (Streamlit once showed the widget's minimum, 2000,
    # while the server held the default year): the year on screen is the horizon's first.
    horizon = page.get_by_text(f"{A['horizon']}: ")
    first_year = horizon.inner_text().split(": ")[1].split("–")[0]
    assert first_year.isdigit() and first_year != "2000", horizon.inner_text()
    expect(page.get_by_label(A["first_year"])).to_have_value(first_year)
    expect(page.get_by_label(A["scenario_name"])).to_have_value(A["default_scenario"])
    budget = page.get_by_label(A["budget_total"])
    budget.fill("18")
    budget.press("Tab")
    steps.shot("scenario-form")
    page.get_by_role("button", name=A["run"]).click()
    page.get_by_role("button", name=A["download_proposal"]).wait_for(timeout=SOLVE_TIMEOUT)
    steps.shot("scenario-result")

    with page.expect_download() as download:
        page.get_by_role("button", name=A["download_proposal"]).click()
    path = tmp_path / "de-xuat.xlsx"
    download.value.save_as(path)
    wb = load_workbook(path)
    assert wb.sheetnames[0] == labels.EXCEL["sheet_cover"]
    assert labels.EXCEL["sheet_packages"] in wb.sheetnames
    summary = wb[labels.EXCEL["sheet_summary"]]
    assert any(cell.value == labels.COLUMN["total"] for row in summary.iter_rows() for cell in row)
    detail = wb[labels.EXCEL["sheet_detail"]]
    assert detail.max_row > 10

    page.get_by_role("link", name=labels.PAGE["procurement"]).click()
    page.get_by_role("heading", name=A["packages"]).wait_for()
    steps.shot("procurement")

    # Back on the form, it is as the planner left it.
    page.get_by_role("link", name=labels.PAGE["scenario"]).click()
    page.get_by_role("heading", name=labels.PAGE["scenario"]).wait_for()
    settled(page)
    expect(page.get_by_label(A["budget_total"])).to_have_value("18.00")
    expect(page.get_by_label(A["first_year"])).to_have_value(first_year)
