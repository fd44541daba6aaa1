"""In a real Chromium: a long budget curve shows its step and seconds, and "Dừng" stops it.

AppTest cannot click while a script runs (tests/test_app_jobs.py); here the browser does, as a
planner would: a short curve first, then a 40-point one stopped half-way; the page says it was
stopped and the short curve is still drawn. The server, browser and login come from
tests/browser_support.py.
"""

from __future__ import annotations

import re

import pytest
from browser_support import SOLVE_TIMEOUT, Steps, log_in, settled

from planner import labels
from planner.demo.accounts import PLANNER_PASSWORD

pytestmark = pytest.mark.browser

A, J = labels.APP, labels.JOBS


def draw_curve(page, points: int) -> None:
    for label, value in (
        (A["sweep_from"], "5"),
        (A["sweep_to"], "60"),
        (A["sweep_points"], str(points)),
    ):
        field = page.get_by_label(label)
        field.fill(value)
        field.press("Tab")
    page.get_by_role("button", name=A["sweep_run"]).click()


def test_a_long_curve_shows_its_time_and_is_stopped_by_the_button(server, page):
    from playwright.sync_api import expect

    steps = Steps(page, "sweep-stop")
    log_in(page, server["url"], "kehoach", PLANNER_PASSWORD)
    page.get_by_role("link", name=labels.PAGE["scenario"]).click()
    page.get_by_role("heading", name=labels.PAGE["scenario"]).wait_for()
    settled(page)
    budget = page.get_by_label(A["budget_total"])
    budget.fill("10")
    budget.press("Tab")
    page.get_by_role("button", name=A["run"]).click()
    page.get_by_role("button", name=A["download_proposal"]).wait_for(timeout=SOLVE_TIMEOUT)

    page.get_by_role("link", name=labels.PAGE["compare"]).click()
    page.get_by_role("heading", name=A["sweep_title"]).wait_for()
    settled(page)
    draw_curve(page, 2)
    chart = page.locator('[data-testid="stVegaLiteChart"]')
    chart.wait_for(timeout=SOLVE_TIMEOUT)
    settled(page)
    steps.shot("short-curve")

    draw_curve(page, 40)
    running = page.get_by_text(re.compile(r"Đang giải… bước: điểm \d+/40: .* — đã chạy \d+ giây"))
    running.wait_for(timeout=SOLVE_TIMEOUT)
    page.get_by_text(re.compile(r"— đã chạy [1-9]\d* giây")).wait_for(timeout=SOLVE_TIMEOUT)
    steps.shot("long-curve-running")
    # the page's own button (Streamlit's running indicator at the top says "Dừng" too)
    stop = page.get_by_role("button", name=J["stop"]).and_(
        page.locator('[data-testid="stBaseButton-secondary"]')
    )
    stop.click()

    page.get_by_text(J["stopped_run"].split("{seconds}")[0]).wait_for(timeout=10_000)
    expect(page.get_by_text(J["previous_curve_kept"])).to_be_visible()
    expect(stop).to_have_count(0)
    expect(chart).to_have_count(1)  # the short curve, still drawn
    steps.shot("stopped")

    # A reload while a curve is drawn starts a new session: the reload does not stop the job;
    # the new session finds it (planner.services.job_registry), says so, and shows its time
    # and "Dừng", which still stops it.
    draw_curve(page, 40)
    running.wait_for(timeout=SOLVE_TIMEOUT)
    page.reload()
    page.get_by_role("heading", name=A["sweep_title"]).wait_for()
    page.get_by_text(labels.REATTACHED["sweep"].split("'{name}'")[0]).wait_for()
    running.wait_for(timeout=SOLVE_TIMEOUT)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    steps.shot("reloaded-and-reattached")
    stop.click()
    page.get_by_text(J["stopped_run"].split("{seconds}")[0]).wait_for(timeout=10_000)
    expect(stop).to_have_count(0)
    expect(chart).to_have_count(1)  # the short curve (kept, drawn again after the reload)

    # Streamlit's own "Stop" at the top ends the script run: the job is stopped with it (the
    # next run of the page says so) rather than left running unseen.
    draw_curve(page, 40)
    running.wait_for(timeout=SOLVE_TIMEOUT)
    page.get_by_test_id("stBaseButton-header").click()
    settled(page)
    page.get_by_role("link", name=labels.PAGE["compare"]).click()
    page.get_by_text(J["stopped_run"].split("{seconds}")[0]).wait_for(timeout=10_000)
    expect(stop).to_have_count(0)
    steps.shot("stopped-from-the-header")
