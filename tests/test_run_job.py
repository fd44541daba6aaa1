"""planner.services.run_job: a solve or a sweep in a background thread, watched and stopped.

Real runs on the demo data (no stand-ins for the solver): the 2017 demo finishes in seconds;
the 2025 demo at 5 % of its need takes over 20 s, long enough to be stopped half-way.
"""

from __future__ import annotations

import time

import pytest

from planner import labels
from planner.auth import Actor, Role
from planner.demo.data import load_demo
from planner.errors import BadInput, PermissionDenied, Stopped
from planner.optimise.optimiser import instance_for
from planner.optimise.scenario import MustBuy, Scenario
from planner.services.run_job import (
    STOP_GRACE,
    Job,
    start_solve,
    start_solves,
    start_sweep,
    status_text,
)
from planner.services.scenario_run import BILLION
from planner.services.workspace import load_workspace
from planner.store.db import make_engine

PLANNER = Actor("kehoach", Role.PLANNER)


@pytest.fixture
def ws2017(demo_engine):
    return load_workspace(demo_engine)


@pytest.fixture(scope="module")
def ws2025(tmp_path_factory):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('jobs') / 'd.sqlite3'}")
    load_demo(engine, "thanh-hoa-2025")
    ws = load_workspace(engine)
    engine.dispose()
    return ws


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the job never got there"
        time.sleep(0.02)


def test_a_solve_finishes_and_reports_its_steps_as_time_goes_on(ws2017):
    job = start_solve(
        ws2017, PLANNER, Scenario(name="Hai mươi tỷ", budget=20 * BILLION), time_limit=60
    )
    assert job.running and job.subject == "Hai mươi tỷ"
    assert job.wait(120)
    result = job.result()
    assert result.has_plan and 0 < result.document["spent"]["total"] <= 20 * BILLION
    seconds = [s for s, _, _ in job.steps]
    assert seconds == sorted(seconds) and seconds[-1] > seconds[0]
    assert job.seconds() >= seconds[-1]
    steps = [step for _, _, step in job.steps]
    step = labels.RUN_STEP
    assert steps[0] == step["instance"] and steps[1] == step["solve"] and steps[-1] == step["done"]
    assert labels.JOBS["stage_whole_model"] in steps  # the solver's own stage is told too
    fractions = [f for _, f, _ in job.steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert not job.running and not job.stopped and not job.thread_alive


def test_the_status_line_says_the_step_and_the_seconds(ws2025):
    job = start_solve(ws2025, PLANNER, Scenario(name="x", budget=_lean(ws2025)), time_limit=60)
    try:
        wait_for(lambda: job.seconds() >= 1.2)
        text = status_text(job)
        assert text.startswith("Đang giải… bước: ") and text.endswith(" giây")
        assert " — đã chạy 1 giây" in text or " — đã chạy 2 giây" in text
    finally:
        job.stop()
        job.wait(10)
    assert status_text(job).startswith("Đang dừng…")


def test_the_steps_are_in_the_language_of_who_started_the_job(ws2017):
    with labels.language(labels.ENGLISH):
        job = start_solve(ws2017, PLANNER, Scenario(name="en", budget=10 * BILLION), time_limit=60)
        expected = labels.RUN_STEP["instance"]
    assert job.wait(120)
    assert job.steps[0][2] == expected != labels.RUN_STEP["instance"]


def _lean(ws) -> int:
    """5 % of every need: the 2025 demo's slow case (decomposition, then the whole model)."""
    inst = instance_for(ws, Scenario(budget=0))
    return round(0.05 * sum(c.cost for c in inst.centres))


@pytest.mark.parametrize("stage", ["stage_decomposition", "stage_whole_model"])
def test_a_stopped_solve_is_over_at_once_and_has_no_result(ws2025, stage):
    job = start_solve(ws2025, PLANNER, Scenario(name="x", budget=_lean(ws2025)), time_limit=40)
    wait_for(lambda: job.snapshot().step == labels.JOBS[stage], 90)
    time.sleep(0.5)
    asked = time.monotonic()
    job.stop()
    assert job.wait(30)
    assert time.monotonic() - asked <= STOP_GRACE + 1.0
    assert job.stopped and not job.running
    with pytest.raises(Stopped):
        job.result()
    assert job.seconds() <= asked - job.started + 0.01  # the time shown ends at the stop
    if stage == "stage_decomposition":  # between a centre's milliseconds: the thread ends too
        wait_for(lambda: not job.thread_alive, 5)


def test_a_sweep_stopped_half_way_has_no_result(ws2017):
    budgets = [round(b * BILLION) for b in range(4, 64, 2)]  # 30 points
    job = start_sweep(
        ws2017, PLANNER, Scenario(name="curve", budget=BILLION), budgets, time_limit=60
    )
    wait_for(lambda: job.snapshot().fraction >= 0.2, 120)
    point = job.snapshot().step
    assert point.startswith("điểm ") and "/30: ngân sách " in point
    job.stop()
    assert job.wait(10)
    assert job.stopped
    with pytest.raises(Stopped):
        job.result()
    wait_for(lambda: not job.thread_alive, 10)
    assert job.snapshot().fraction < 1.0


def test_a_sweep_that_finishes_gives_its_points(ws2017):
    budgets = [5 * BILLION, 15 * BILLION, 25 * BILLION]
    job = start_sweep(
        ws2017, PLANNER, Scenario(name="curve", budget=BILLION), budgets, time_limit=60
    )
    assert job.wait(120)
    points = job.result()
    assert [p["budget"] for p in points] == budgets
    assert all(p["status"] == "optimal" and p["spent"] <= p["budget"] for p in points)
    assert [s for _, _, s in job.steps][-1] == labels.RUN_STEP["done"]


def test_a_solve_error_is_carried_to_the_caller(ws2017):
    centre = ws2017.centres[0].code
    scenario = Scenario(
        name="sai", budget=BILLION, must_buy=(MustBuy(centre=centre, item="NOPE", quantity=1),)
    )
    job = start_solve(ws2017, PLANNER, scenario, time_limit=60)
    assert job.wait(60)
    assert not job.stopped
    with pytest.raises(BadInput, match="NOPE"):
        job.result()


def test_an_unexpected_error_is_carried_too():
    job = Job(lambda progress, should_stop: 1 / 0)
    assert job.wait(5)
    with pytest.raises(ZeroDivisionError):
        job.result()


def test_a_district_officer_may_not_start_a_solve(ws2017):
    with pytest.raises(PermissionDenied):
        start_solve(
            ws2017, Actor("huyen380", Role.DISTRICT, "380"), Scenario(budget=1), time_limit=5
        )


def test_a_result_is_not_read_before_the_job_is_over():
    job = Job(lambda progress, should_stop: time.sleep(0.5) or 1)
    with pytest.raises(RuntimeError):
        job.result()
    assert job.wait(5) and job.result() == 1


def test_saved_scenarios_are_solved_one_after_the_other(ws2017):
    """Two scenarios in one job: both results in order, each step named after its scenario,
    and the progress of the first within the first half."""
    scenarios = [
        Scenario(name="Năm tỷ", budget=5 * BILLION),
        Scenario(name="Mười", budget=10 * BILLION),
    ]
    job = start_solves(ws2017, PLANNER, scenarios, time_limit=60)
    assert job.wait(180)
    results = job.result()
    assert [r.scenario.name for r in results] == ["Năm tỷ", "Mười"]
    assert all(r.has_plan for r in results)
    spent = [r.document["spent"]["total"] for r in results]
    assert spent[0] <= 5 * BILLION < spent[1] <= 10 * BILLION
    first = [f for _, f, step in job.steps if step.startswith("Năm tỷ: ")]
    second = [f for _, f, step in job.steps if step.startswith("Mười: ")]
    assert first and second and max(first) <= 0.5 <= min(second)


def test_a_batch_stopped_half_way_has_no_result(ws2025):
    scenarios = [Scenario(name=n, budget=_lean(ws2025)) for n in ("a", "b")]
    job = start_solves(ws2025, PLANNER, scenarios, time_limit=40)
    wait_for(lambda: job.snapshot().step.startswith("a: "), 60)
    job.stop()
    assert job.wait(30)
    with pytest.raises(Stopped):
        job.result()
    assert not any(step.startswith("b: ") for _, _, step in job.steps)
