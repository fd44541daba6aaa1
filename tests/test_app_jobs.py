"""Phương án ngân sách and the budget curve run as background jobs: shown when done, and a
stop leaves the last good result (and nothing new in the database).

AppTest runs a script to its end before the test goes on, and the pages wait for their job
inside the script run (app_pages.job_view.follow), so a click on "Dừng" cannot be made while
a job runs here: the stop is asked from a second thread, on the job the page keeps in its
session, as the button's callback does (``on_click=job.stop``). The button itself is clicked
in a real browser in tests/test_browser_stop.py.
"""

from __future__ import annotations

import threading
import time

from app_support import PLANNER, app_as, button, form_key

from planner import labels
from planner.services.scenario_run import BILLION

A, J = labels.APP, labels.JOBS


def run(at, budget_bn: float, name: str) -> None:
    at.text_input(key=form_key(at, "sc_name")).input(name)
    at.number_input(key=form_key(at, "sc_budget")).set_value(budget_bn)
    button(at, A["run"]).click()
    at.run()


def stop_when_running(at, key: str, after: float = 0.0) -> threading.Thread:
    """Stop the page's job ``after`` seconds after it appears in the session (a second thread)."""

    def watch() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                job = at.session_state[key]
            except (KeyError, AttributeError):
                time.sleep(0.01)
                continue
            time.sleep(after)
            job.stop()
            return

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def kept_runs(app_db) -> int:
    from planner.store.db import shared_engine
    from planner.store.runs import list_runs

    return len(list_runs(shared_engine(app_db), PLANNER))


def stopped_warnings(at) -> list[str]:
    head = J["stopped_run"].split("{seconds}")[0]
    return [w.value for w in at.warning if w.value.startswith(head)]


def test_a_finished_run_is_shown_and_leaves_no_job_behind(app_db):
    at = app_as(PLANNER, "scenario", timeout=120)
    run(at, 15.0, "Mười lăm tỷ")
    assert not at.exception and not at.error
    assert "sc_job" not in at.session_state
    assert not [b for b in at.button if b.label == J["stop"]]
    result = at.session_state["scenario_runs"][-1]
    assert result.scenario.name == "Mười lăm tỷ"
    assert 0 < result.document["spent"]["total"] <= 15 * BILLION
    assert A["kpi_spent"] in {m.label for m in at.metric}  # the result is drawn
    assert kept_runs(app_db) == 1


def test_a_stopped_run_leaves_the_previous_result_and_keeps_nothing(app_db):
    at = app_as(PLANNER, "scenario", timeout=120)
    run(at, 10.0, "Mười tỷ")
    previous = at.session_state["scenario_runs"][-1]
    shown = {m.label: m.value for m in at.metric}
    assert kept_runs(app_db) == 1

    watcher = stop_when_running(at, "sc_job")
    run(at, 30.0, "Dừng giữa chừng")
    watcher.join(5)
    assert not at.exception and not at.error
    (warning,) = stopped_warnings(at)
    assert warning.endswith(J["previous_run_kept"])
    assert at.session_state["scenario_runs"][-1] is previous
    assert len(at.session_state["scenario_runs"]) == 1
    assert {m.label: m.value for m in at.metric} == shown  # the last good result, as it was
    assert kept_runs(app_db) == 1  # nothing new in the database
    assert "sc_job" not in at.session_state

    run(at, 20.0, "Hai mươi tỷ")  # and the page runs again as usual
    assert not stopped_warnings(at)
    assert at.session_state["scenario_runs"][-1].scenario.name == "Hai mươi tỷ"
    assert kept_runs(app_db) == 2


def sweep(at, points: int) -> None:
    at.number_input(key="sweep_low").set_value(5.0)
    at.number_input(key="sweep_high").set_value(60.0)
    at.number_input(key="sweep_n").set_value(points)
    button(at, A["sweep_run"]).click()
    at.run()


def curve_table(at):
    """The budget curve's table (the page also lists the kept curves below it)."""
    columns = [A["kpi_budget"], labels.NEED_MET["name"], A["sweep_spent"], A["kpi_status"]]
    [curve] = [d.value for d in at.dataframe if list(d.value.columns) == columns]
    return curve


def test_a_stopped_sweep_leaves_the_previous_curve(app_db):
    at = app_as(PLANNER, "scenario", timeout=180)
    run(at, 10.0, "Mười tỷ")
    at.switch_page("app_pages/compare.py")
    at.run()
    sweep(at, 2)  # a short curve that finishes
    assert not at.exception and not at.error
    name, points = at.session_state["sweep"]
    assert name == "Mười tỷ" and [p["budget"] for p in points] == [5 * BILLION, 60 * BILLION]
    assert "sweep_job" not in at.session_state
    curve = curve_table(at)
    assert len(curve) == 2
    scores = [p["need_met_score"] for p in points]
    assert 0 < scores[0] < scores[1] <= 100  # more money meets more need, in points out of 100
    assert list(curve[labels.NEED_MET["name"]]) == [labels.points(x) for x in scores]

    watcher = stop_when_running(at, "sweep_job", after=1.5)
    sweep(at, 40)  # 40 points take well over 1.5 s: stopped half-way
    watcher.join(5)
    assert not at.exception and not at.error
    (warning,) = stopped_warnings(at)
    assert warning.endswith(J["previous_curve_kept"])
    assert at.session_state["sweep"] == (name, points)
    assert len(curve_table(at)) == 2
    assert "sweep_job" not in at.session_state
