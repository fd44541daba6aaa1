"""In a real Chromium: a planner runs a scenario, renames a package, presses F5 — the result
and the edit are still there (issue 14: "a planner can refresh at any moment").

The reload starts a new Streamlit session: the login comes back from its cookie, the run from
the database (planner.store.runs), the package edit from the edit log kept with the run
(planner.procurement.edit_log). The server, browser and login helpers come from
tests/browser_support.py, or tests/test_browser.py where that module is not there yet.
"""

from __future__ import annotations

import pytest

try:  # main moved the browser fixtures to tests/browser_support.py, a conftest plugin
    from browser_support import SOLVE_TIMEOUT, Steps, log_in, settled
except ImportError:  # before that move they are in tests/test_browser.py, used by name
    from test_browser import (  # noqa: F401
        SOLVE_TIMEOUT,
        Steps,
        browser,
        log_in,
        page,
        server,
        settled,
    )

from planner import labels
from planner.demo.accounts import PLANNER_PASSWORD

pytestmark = pytest.mark.browser

A, K = labels.APP, labels.PACKAGE_EDITS
NEW_NAME = "Gói đổi tên trước khi tải lại"


def test_a_run_and_a_package_edit_survive_f5(server, page):
    from playwright.sync_api import expect

    steps = Steps(page, "refresh")
    log_in(page, server["url"], "kehoach", PLANNER_PASSWORD)
    page.get_by_role("link", name=labels.PAGE["scenario"]).click()
    page.get_by_role("heading", name=labels.PAGE["scenario"]).wait_for()
    settled(page)
    budget = page.get_by_label(A["budget_total"])
    budget.fill("16")
    budget.press("Tab")
    page.get_by_role("button", name=A["run"]).click()
    page.get_by_role("button", name=A["download_proposal"]).wait_for(timeout=SOLVE_TIMEOUT)
    spent = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    steps.shot("result")

    page.get_by_role("link", name=labels.PAGE["procurement"]).click()
    page.get_by_role("heading", name=A["packages"]).wait_for()
    settled(page)
    page.get_by_role("tab", name=A["rename"]).click()
    name = page.get_by_label(A["new_name"])
    name.fill(NEW_NAME)
    name.press("Tab")
    settled(page)
    page.get_by_role("button", name=A["rename_button"], exact=True).click()
    page.get_by_text(K["kept"].split("{id}")[0]).wait_for()
    page.get_by_role("button", name=A["download_khlcnt"]).wait_for()
    steps.shot("renamed")

    page.reload()  # F5
    page.get_by_role("heading", name=A["packages"]).wait_for()
    page.get_by_text(K["replayed"].format(count=1)).wait_for()
    page.get_by_role("button", name=A["download_khlcnt"]).wait_for()
    settled(page)
    page.get_by_role("tab", name=A["rename"]).click()
    # the package chosen for renaming is shown as "id — name": the name given before F5
    panel = page.get_by_role("tabpanel", name=A["rename"])
    expect(panel.get_by_role("combobox")).to_be_visible()
    assert f"— {NEW_NAME}" in panel.aria_snapshot()
    steps.shot("after-reload-procurement")

    page.get_by_role("link", name=labels.PAGE["scenario"]).click()
    page.get_by_role("heading", name=labels.PAGE["scenario"]).wait_for()
    page.get_by_role("button", name=A["download_proposal"]).wait_for()
    expect(page.locator('[data-testid="stMetricValue"]')).to_have_text(spent)
    steps.shot("after-reload-result")
