"""A planner can refresh at any moment without losing work (issue 14, items 2 and 8).

A new AppTest is a new browser session — what F5 or a typed URL gives: an empty session state,
so whatever it shows of earlier work came from the database or from the per-process registry
of running jobs (planner.services.job_registry). Shown again after a reload: the kept run, the
kept budget curve (with the list of kept curves, reopen and a confirmed delete), the package
edits made on the procurement page; and a solve or a sweep still running is found again — its
result shown and kept once done, its stop still working.
"""

from __future__ import annotations

import threading
import time

from app_support import PLANNER, app_as, button, form_key

from planner import labels
from planner.optimise.optimiser import default_year
from planner.optimise.scenario import Scenario
from planner.services import job_registry
from planner.services.run_job import start_solve, start_sweep
from planner.services.scenario_run import BILLION
from planner.services.workspace import load_workspace
from planner.store.db import shared_engine
from planner.store.runs import list_runs, package_edits
from planner.store.sweeps import list_sweeps

A, J, K, S = labels.APP, labels.JOBS, labels.PACKAGE_EDITS, labels.SWEEPS
CURVE_COLUMNS = [A["kpi_budget"], labels.NEED_MET["name"], A["sweep_spent"], A["kpi_status"]]


def run(at, budget_bn: float, name: str) -> None:
    at.text_input(key=form_key(at, "sc_name")).input(name)
    at.number_input(key=form_key(at, "sc_budget")).set_value(budget_bn)
    button(at, A["run"]).click()
    at.run()
    assert not at.exception, at.exception


def sweep(at, points: int) -> None:
    at.number_input(key="sweep_low").set_value(5.0)
    at.number_input(key="sweep_high").set_value(60.0)
    at.number_input(key="sweep_n").set_value(points)
    button(at, A["sweep_run"]).click()
    at.run()
    assert not at.exception, at.exception


def curve(at):
    tables = [d.value for d in at.dataframe if list(d.value.columns) == CURVE_COLUMNS]
    return tables[0] if tables else None


def packages(at):
    """The packages table of Kế hoạch mua sắm (the first table on the page)."""
    return at.dataframe[0].value


def test_a_package_edit_survives_a_reload_with_its_run(app_db):
    at = app_as(PLANNER, "scenario", timeout=120)
    run(at, 20.0, "Hai mươi tỷ")
    [kept] = list_runs(shared_engine(app_db), PLANNER)
    at.switch_page("app_pages/procurement.py")
    at.run()
    plan = at.session_state["procurement_plans"][at.session_state["scenario_runs"][-1].key]
    first = plan.packages[0]
    at.selectbox(key="rename_package").select(first.id)
    at.text_input(key="rename_name").input("Gói máy tính của kế hoạch")
    button(at, A["rename_button"]).click()
    at.run()
    assert not at.exception and not at.error
    assert K["kept"].format(id=kept.id) in [c.value for c in at.caption]
    edited = packages(at)
    assert "Gói máy tính của kế hoạch" in set(edited[labels.KHLCNT_COLUMN["name"]])
    assert package_edits(shared_engine(app_db), PLANNER, kept.id) == [
        {"kind": "rename", "package": first.id, "name": "Gói máy tính của kế hoạch"}
    ]

    reloaded = app_as(PLANNER, "procurement", timeout=120)  # F5 on Kế hoạch mua sắm
    assert not reloaded.exception and not reloaded.error
    assert K["replayed"].format(count=1) in [i.value for i in reloaded.info]
    assert packages(reloaded).equals(edited)  # the same packages, the renamed one included
    assert A["edited_note"] in [i.value for i in reloaded.info]
    assert [b.label for b in reloaded.get("download_button")] == [A["download_khlcnt"]]

    button(reloaded, A["reset_packages"]).click()  # back to the rules' packages, kept so
    reloaded.run()
    assert package_edits(shared_engine(app_db), PLANNER, kept.id) == []
    again = app_as(PLANNER, "procurement", timeout=120)
    assert "Gói máy tính của kế hoạch" not in set(packages(again)[labels.KHLCNT_COLUMN["name"]])


def test_a_sweep_survives_a_reload_and_is_deleted_after_a_confirmation(app_db):
    at = app_as(PLANNER, "scenario", timeout=180)
    run(at, 10.0, "Mười tỷ")
    at.switch_page("app_pages/compare.py")
    at.run()
    sweep(at, 2)
    drawn = curve(at)
    assert drawn is not None and len(drawn) == 2
    [kept] = list_sweeps(shared_engine(app_db), PLANNER)
    assert S["kept"].format(id=kept.id) in [c.value for c in at.caption]

    reloaded = app_as(PLANNER, "compare", timeout=180)  # F5 on So sánh phương án
    assert not reloaded.exception and not reloaded.error
    assert curve(reloaded).equals(drawn)
    captions = [c.value for c in reloaded.caption]
    assert any(c.startswith(S["reopened"].split("{by}")[0].format(id=kept.id)) for c in captions)
    listed = next(d.value for d in reloaded.dataframe if S["points"] in d.value.columns)
    assert list(listed[S["id"]]) == [kept.id] and list(listed[S["points"]]) == [2]

    delete = button(reloaded, S["delete_button"])
    assert delete.disabled  # asked once more before the button works
    reloaded.checkbox(key="sweeps_delete_confirm").check()
    reloaded.run()
    button(reloaded, S["delete_button"]).click()
    reloaded.run()
    assert not reloaded.exception
    assert S["deleted"].format(id=kept.id) in [s.value for s in reloaded.success]
    assert list_sweeps(shared_engine(app_db), PLANNER) == []
    assert curve(reloaded) is None and S["none"] in [i.value for i in reloaded.info]
    assert curve(app_as(PLANNER, "compare", timeout=180)) is None  # and after another reload


def _workspace(app_db):
    ws = load_workspace(shared_engine(app_db))
    return ws, default_year(ws)


def test_a_reload_finds_the_running_solve_and_shows_it_kept_once(app_db):
    """The solve is started as the scenario page starts it (a job registered for the user);
    the session that started it is gone (a reload): the new one finds it, waits, shows it."""
    ws, year = _workspace(app_db)
    engine = shared_engine(app_db)
    scenario = Scenario(name="Trước khi tải lại", budget=15 * BILLION, years=(year,))
    job = start_solve(ws, PLANNER, scenario, time_limit=60, engine=engine)
    job_registry.attach(PLANNER.name, "sc_job", job)

    at = app_as(PLANNER, "scenario", timeout=120)
    assert not at.exception and not at.error
    result = at.session_state["scenario_runs"][-1]
    assert result.scenario.name == "Trước khi tải lại"
    assert A["kpi_spent"] in {m.label for m in at.metric}  # the result is drawn
    [kept] = list_runs(engine, PLANNER)  # kept once, by the job
    assert kept_caption(kept.id) in [c.value for c in at.caption]
    assert job_registry.find(PLANNER.name, "sc_job") is None  # collected
    assert "sc_job" not in at.session_state


def kept_caption(run_id: int) -> str:
    return labels.RUNS["kept"].format(id=run_id)


def test_a_reload_reattaches_to_a_running_sweep_whose_stop_still_works(app_db):
    ws, year = _workspace(app_db)
    engine = shared_engine(app_db)
    base = Scenario(name="Đường dài", budget=10 * BILLION, years=(year,))
    budgets = [round((5 + 55 * k / 39) * BILLION) for k in range(40)]
    job = start_sweep(ws, PLANNER, base, budgets, time_limit=60, engine=engine)
    job_registry.attach(PLANNER.name, "sweep_job", job)
    adopted = threading.Event()
    at = app_as(PLANNER, "scenario", timeout=180)  # a run first, so compare draws its sweep part
    run(at, 10.0, "Mười tỷ")
    assert job.running  # 40 points take longer than one solve

    def stop_once_adopted() -> None:
        """Press "Dừng" as its callback does, once the reloaded page watches the job."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                watched = at.session_state["sweep_job"]
            except (KeyError, AttributeError):
                time.sleep(0.05)
                continue
            adopted.set()
            time.sleep(0.5)
            watched.stop()
            return

    watcher = threading.Thread(target=stop_once_adopted, daemon=True)
    watcher.start()
    at.switch_page("app_pages/compare.py")
    at.run()
    watcher.join(5)
    assert adopted.is_set() and not at.exception and not at.error
    reattached = labels.REATTACHED["sweep"].format(name="Đường dài")
    assert reattached in [i.value for i in at.info]
    head = J["stopped_run"].split("{seconds}")[0]
    assert [w.value for w in at.warning if w.value.startswith(head)]
    assert job.stopped and list_sweeps(engine, PLANNER) == []  # stopped: nothing kept
    assert job_registry.find(PLANNER.name, "sweep_job") is None


def test_a_solve_finished_while_nobody_watched_is_shown_once(app_db):
    """The solve ends while no page watches it; the reload lands on Kế hoạch mua sắm (which
    reopens the newest kept run: the solve's), then the planner opens Phương án ngân sách,
    which collects the finished job: the run is in the session once, not twice."""
    ws, year = _workspace(app_db)
    engine = shared_engine(app_db)
    scenario = Scenario(name="Xong khi vắng", budget=15 * BILLION, years=(year,))
    job = start_solve(ws, PLANNER, scenario, time_limit=60, engine=engine)
    job_registry.attach(PLANNER.name, "sc_job", job)
    assert job.wait(120)
    [kept] = list_runs(engine, PLANNER)

    at = app_as(PLANNER, "procurement", timeout=120)
    assert not at.exception and A["no_plan"] not in [i.value for i in at.info]
    at.switch_page("app_pages/scenario.py")
    at.run()
    assert not at.exception and not at.error
    assert [r.scenario.name for r in at.session_state["scenario_runs"]] == ["Xong khi vắng"]
    assert kept_caption(kept.id) in [c.value for c in at.caption]
    assert job_registry.find(PLANNER.name, "sc_job") is None
    assert len(list_runs(engine, PLANNER)) == 1


def test_a_colleagues_kept_curve_is_reopened_but_not_deleted(app_db):
    """Kept curves are shared like runs: a planner reopens the admin's curve (not theirs to
    delete)."""
    from app_support import ADMIN

    from planner.store.sweeps import keep_sweep

    points = [
        {"budget": 5 * BILLION, "need_met_score": 12.5, "spent": 4 * BILLION, "status": "optimal"},
        {"budget": 9 * BILLION, "need_met_score": 20.0, "spent": 9 * BILLION, "status": "optimal"},
    ]
    base = Scenario(name="Của quản trị", budget=9 * BILLION, years=(2018,))
    kept = keep_sweep(
        shared_engine(app_db),
        ADMIN,
        scenario=base,
        points=points,
        dataset="thanh-hoa-2017",
        data_stamp="",
    )
    at = app_as(PLANNER, "scenario", timeout=120)
    run(at, 10.0, "Mười tỷ")  # the curve part of the page starts from a run of the session
    at.switch_page("app_pages/compare.py")
    at.run()
    assert not at.exception and curve(at) is None  # not the planner's own: not restored
    assert [b.label for b in at.button if b.label == S["delete_button"]] == []  # not theirs
    at.selectbox(key="sweeps_reopen").select(kept.id)
    button(at, S["reopen_button"]).click()
    at.run()
    assert not at.exception and not at.error
    drawn = curve(at)
    assert list(drawn[labels.NEED_MET["name"]]) == [labels.points(12.5), labels.points(20.0)]
    assert list(drawn[A["kpi_budget"]]) == [labels.money(5 * BILLION), labels.money(9 * BILLION)]
    reopened = S["reopened"].split("{at}")[0].format(id=kept.id, by=ADMIN.name)
    assert any(c.value.startswith(reopened) for c in at.caption)
