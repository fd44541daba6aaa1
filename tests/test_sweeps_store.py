"""Kept budget sweeps, package edits kept with their run, and jobs that keep their own result.

On SQLite and PostgreSQL (tests/pg.py): a sweep is kept, listed, loaded and deleted under the
rules of kept runs (planner.store.kept: district officers neither read nor write, a planner
deletes their own, an administrator anyone's, each user keeps at most the bound); migration
0007 adds the sweeps table and the runs' package-edit column to a database with runs in it;
the planner's package edits are kept with the run and replayed on the rebuilt plan through the
same lawful checks (a replay stops at the first edit no longer lawful); a solve or sweep job
keeps its result in the database though no page watches it; the per-process registry of
running jobs finds a user's job, and only theirs.
"""

from __future__ import annotations

import json
import threading

import pytest
from pg import new_database_url
from sqlalchemy import inspect, select, text

from planner.auth import SYSTEM, Actor, Role
from planner.demo.data import load_demo
from planner.errors import BadInput, NotFound, PermissionDenied
from planner.optimise.optimiser import default_year
from planner.optimise.scenario import Scenario
from planner.procurement import Method, edit_log, procurement_json
from planner.services import job_registry
from planner.services.run_history import keep, keep_edits, reopen, replay_edits
from planner.services.run_job import Job, start_solve, start_sweep
from planner.services.scenario_run import BILLION, run_scenario
from planner.services.workspace import load_workspace
from planner.store import sweeps
from planner.store.audit import DENIED, OK
from planner.store.db import make_engine, reading
from planner.store.migrate import current_revision, head_revision, migrate
from planner.store.runs import list_runs, load_run, package_edits
from planner.store.sweeps import delete_sweep, keep_sweep, latest_sweep, list_sweeps, load_sweep
from planner.store.tables import AuditRow, SweepRow

ANH = Actor("anh", Role.PLANNER)
BINH = Actor("binh", Role.PLANNER)
ADMIN = Actor("quantri", Role.ADMIN)
DISTRICT = Actor("dv380", Role.DISTRICT, "380")

POINTS = [  # a two-point curve as sweep_scenario returns it
    {"budget": 5 * BILLION, "need_met_score": 12.5, "spent": 4_990_000_000, "status": "optimal"},
    {"budget": 60 * BILLION, "need_met_score": 71.25, "spent": 59_000_000_000, "status": "optimal"},
]


def _sweep(name: str = "Mười tỷ", points: list[dict] = POINTS) -> dict:
    return {
        "scenario": Scenario(name=name, budget=10 * BILLION, years=(2018,)),
        "points": points,
        "dataset": "thanh-hoa-2017",
        "data_stamp": "1-1-28",
    }


def test_a_kept_sweep_is_listed_and_loaded_as_it_was_by_another_planner(store_engine):
    kept = keep_sweep(store_engine, ANH, **_sweep())
    assert kept.pruned == 0
    [summary] = list_sweeps(store_engine, BINH)  # shared: a colleague sees it
    assert (summary.id, summary.created_by, summary.name, summary.point_count) == (
        kept.id,
        "anh",
        "Mười tỷ",
        2,
    )
    assert summary.created_at.tzinfo is not None
    stored = load_sweep(store_engine, BINH, kept.id)
    assert stored.points == POINTS
    assert stored.scenario == _sweep()["scenario"]
    with reading(store_engine) as session:
        actions = session.scalars(select(AuditRow.action)).all()
    assert "keep_sweep" in actions


def test_the_latest_sweep_is_the_users_own_newest(store_engine):
    assert latest_sweep(store_engine, ANH) is None
    keep_sweep(store_engine, ANH, **_sweep("cũ"))
    newest = keep_sweep(store_engine, ANH, **_sweep("mới"))
    keep_sweep(store_engine, BINH, **_sweep("của bình"))
    latest = latest_sweep(store_engine, ANH)
    assert latest is not None and latest.summary.id == newest.id
    assert latest.scenario.name == "mới"
    assert [s.name for s in list_sweeps(store_engine, ANH)] == ["của bình", "mới", "cũ"]
    assert [s.name for s in list_sweeps(store_engine, ANH, by="anh")] == ["mới", "cũ"]


def test_district_officers_neither_read_nor_write_sweeps(store_engine):
    kept = keep_sweep(store_engine, ANH, **_sweep())
    with pytest.raises(PermissionDenied):
        keep_sweep(store_engine, DISTRICT, **_sweep())
    with pytest.raises(PermissionDenied):
        list_sweeps(store_engine, DISTRICT)
    with pytest.raises(PermissionDenied):
        load_sweep(store_engine, DISTRICT, kept.id)
    with pytest.raises(PermissionDenied):
        delete_sweep(store_engine, DISTRICT, kept.id)
    assert len(list_sweeps(store_engine, ANH)) == 1


def test_a_planner_deletes_only_their_own_sweeps_and_an_admin_any(store_engine):
    mine = keep_sweep(store_engine, ANH, **_sweep("của anh"))
    theirs = keep_sweep(store_engine, BINH, **_sweep("của bình"))
    with pytest.raises(PermissionDenied, match="binh"):
        delete_sweep(store_engine, ANH, theirs.id)
    delete_sweep(store_engine, ANH, mine.id)
    assert [s.name for s in list_sweeps(store_engine, ANH)] == ["của bình"]
    delete_sweep(store_engine, ADMIN, theirs.id)
    assert list_sweeps(store_engine, ANH) == []
    with pytest.raises(NotFound):
        load_sweep(store_engine, ANH, theirs.id)
    with reading(store_engine) as session:  # the refusal is in the audit log
        refused = session.scalars(
            select(AuditRow.outcome).where(AuditRow.target == f"sweep:delete:{theirs.id}")
        ).all()
    assert sorted(refused) == sorted([DENIED, OK])


def test_each_user_keeps_at_most_the_bound_and_a_too_big_sweep_is_refused(
    store_engine, monkeypatch
):
    monkeypatch.setattr(sweeps, "MAX_SWEEPS_PER_USER", 2)
    for name in ("một", "hai"):
        assert keep_sweep(store_engine, ANH, **_sweep(name)).pruned == 0
    assert keep_sweep(store_engine, ANH, **_sweep("ba")).pruned == 1
    assert [s.name for s in list_sweeps(store_engine, ANH)] == ["ba", "hai"]
    huge = [{**POINTS[0], "status": "x" * 1024}] * 1100  # a little over 1 MiB of JSON
    with pytest.raises(BadInput, match="MiB"):
        keep_sweep(store_engine, ANH, **_sweep("khổng lồ", huge))
    assert len(list_sweeps(store_engine, ANH)) == 2


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_migration_0007_adds_sweeps_and_package_edits_and_keeps_runs(kind, tmp_path):
    engine = make_engine(new_database_url(kind, tmp_path))
    migrate(engine, "0006")
    assert "scenario_sweeps" not in inspect(engine).get_table_names()
    # a run kept under 0006 (no package_edits column yet), written as that schema had it
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO scenario_runs (created_by, created_at, name, dataset, data_stamp, "
                "status, scenario, document) VALUES ('anh', CURRENT_TIMESTAMP, 'trước 0007', "
                "'thanh-hoa-2017', '1-1-28', 'optimal', :scenario, :document)"
            ),
            {
                "scenario": json.dumps({"name": "trước 0007", "budget": 10**9, "years": [2018]}),
                "document": json.dumps({"status": "optimal", "centres": []}),
            },
        )
    migrate(engine)
    assert current_revision(engine) == head_revision()
    columns = {c["name"] for c in inspect(engine).get_columns("scenario_runs")}
    assert "package_edits" in columns
    [run] = list_runs(engine, ANH)
    assert run.name == "trước 0007"
    assert load_run(engine, ANH, run.id).package_edits == ()  # none kept before 0007
    kept = keep_sweep(engine, ANH, **_sweep())
    assert load_sweep(engine, ANH, kept.id).points == POINTS
    with reading(engine) as session:
        assert len(session.scalars(select(SweepRow)).all()) == 1
    engine.dispose()


# --- package edits kept with the run, replayed through the same checks ------------------------


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    """One real solve of the demo (20 tỷ), made once: the workspace and its result."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('solve') / 'd.sqlite3'}")
    load_demo(engine, "thanh-hoa-2017")
    ws = load_workspace(engine)
    scenario = Scenario(name="Hai mươi tỷ", budget=20 * BILLION, years=(default_year(ws),))
    result = run_scenario(ws, SYSTEM, scenario)
    assert result.has_plan and result.procurement is not None
    return ws, result


def _lawful_other_method(plan):
    small = min(plan.packages, key=lambda p: p.value)
    lawful = [
        m
        for m in Method
        if m != small.method
        and plan.regime.rules_for(m, small.field, small.value, small.basis, small.standard)
    ]
    assert lawful
    return small, lawful[0]


def test_package_edits_kept_with_the_run_are_replayed_on_the_reopened_plan(demo_store, solved):
    ws, result = solved
    kept = keep(demo_store, ANH, ws, result)
    plan = result.procurement
    small, method = _lawful_other_method(plan)
    first = plan.packages[0]
    log = [
        edit_log.rename(first.id, "Gói thiết bị của anh"),
        edit_log.method(small.id, method.value, "Theo đề nghị của Sở"),
    ]
    edited = plan
    for edit in log:
        edited = edit_log.apply(edited, edit)
    keep_edits(demo_store, ANH, kept.id, log)
    assert package_edits(demo_store, BINH, kept.id) == log  # readable by a colleague

    reopened = reopen(demo_store, BINH, ws, kept.id)  # packages rebuilt from the run's lines
    assert reopened.procurement is not None
    assert reopened.procurement.package(first.id).name == first.name  # not yet replayed
    replayed = replay_edits(demo_store, BINH, kept.id, reopened.procurement)
    assert replayed.refusal is None and list(replayed.applied) == log
    assert replayed.plan.package(first.id).name == "Gói thiết bị của anh"
    package = replayed.plan.package(small.id)
    assert package.method == method and package.reason == "Theo đề nghị của Sở"
    assert procurement_json(replayed.plan) == procurement_json(edited)

    with pytest.raises(PermissionDenied, match="anh"):  # only the owner or an admin keeps edits
        keep_edits(demo_store, BINH, kept.id, [])
    keep_edits(demo_store, ADMIN, kept.id, [])  # a reset: nothing to replay
    assert package_edits(demo_store, ANH, kept.id) == []
    assert replay_edits(demo_store, ANH, kept.id, reopened.procurement).applied == ()


def test_a_replay_stops_at_the_first_edit_no_longer_lawful(solved):
    _, result = solved
    plan = result.procurement
    small, method = _lawful_other_method(plan)
    log = [
        edit_log.rename(plan.packages[0].id, "Đổi tên"),
        edit_log.method(small.id, method.value, "   "),  # a method chosen with no reason
        edit_log.rename(plan.packages[0].id, "Không tới được"),
    ]
    replayed = edit_log.replay(plan, log)
    assert replayed.applied == (log[0],)
    assert isinstance(replayed.refusal, BadInput)
    assert replayed.plan.package(plan.packages[0].id).name == "Đổi tên"
    damaged = edit_log.replay(plan, [{"kind": "move"}, log[0]])
    assert damaged.applied == () and damaged.refusal is not None
    unknown = edit_log.replay(plan, [{"kind": "xoá hết"}])
    assert unknown.applied == () and "xoá hết" in str(unknown.refusal)


# --- jobs keep their result; the registry finds a user's job -----------------------------------


def test_a_job_nobody_watches_keeps_its_run_and_its_sweep(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'jobs.sqlite3'}")
    load_demo(engine, "thanh-hoa-2017")
    ws = load_workspace(engine)
    scenario = Scenario(name="Mười tỷ", budget=10 * BILLION, years=(default_year(ws),))
    solve = start_solve(ws, ANH, scenario, time_limit=60, engine=engine)
    sweep = start_sweep(
        ws, ANH, scenario, [5 * BILLION, 60 * BILLION], time_limit=60, engine=engine
    )
    assert solve.wait(120) and sweep.wait(120)  # nothing reads them until they are over
    [run] = list_runs(engine, ANH)
    assert solve.kept.id == run.id and run.name == "Mười tỷ"
    assert load_run(engine, ANH, run.id).document == json.loads(json.dumps(solve.result().document))
    [kept] = list_sweeps(engine, ANH)
    assert sweep.kept.id == kept.id
    assert load_sweep(engine, ANH, kept.id).points == json.loads(json.dumps(sweep.result()))
    assert [p["budget"] for p in sweep.result()] == [5 * BILLION, 60 * BILLION]
    engine.dispose()


def test_a_stopped_job_keeps_nothing(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'stop.sqlite3'}")
    load_demo(engine, "thanh-hoa-2017")
    ws = load_workspace(engine)
    scenario = Scenario(name="Dừng", budget=10 * BILLION, years=(default_year(ws),))
    budgets = [b * BILLION for b in range(5, 65, 5)]
    job = start_sweep(ws, ANH, scenario, budgets, time_limit=60, engine=engine)
    job.stop()
    assert job.wait(30) and job.stopped and job.kept is None
    job._thread.join(60)  # the thread itself has ended: it wrote nothing either
    assert list_sweeps(engine, ANH) == []
    engine.dispose()


def test_the_registry_finds_a_users_job_and_only_theirs():
    release = threading.Event()
    job = Job(lambda progress, stop: release.wait(10) and 42, "solve", "Mười tỷ")
    try:
        assert job_registry.attach("anh-registry", "sc_job", job) is None
        assert job_registry.find("anh-registry", "sc_job") is job
        assert job_registry.find("binh-registry", "sc_job") is None
        assert job_registry.find("anh-registry", "sweep_job") is None
        newer = Job(lambda progress, stop: 7, "solve", "Bảy")
        assert job_registry.attach("anh-registry", "sc_job", newer) is job  # replaced, returned
        job_registry.release("anh-registry", "sc_job", job)  # an older job: the newer stays
        assert job_registry.find("anh-registry", "sc_job") is newer
        job_registry.release("anh-registry", "sc_job", newer)
        assert job_registry.jobs_of("anh-registry") == {}
    finally:
        release.set()
    assert job.wait(10) and job.result() == 42


def test_the_registry_is_safe_from_many_threads():
    jobs = [Job(lambda progress, stop, k=k: k, "solve", str(k)) for k in range(40)]

    def work(k: int) -> None:
        job_registry.attach(f"user{k % 4}-many", f"key{k}", jobs[k])
        assert job_registry.find(f"user{k % 4}-many", f"key{k}") is jobs[k]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(len(job_registry.jobs_of(f"user{u}-many")) for u in range(4)) == 40
    for k, job in enumerate(jobs):
        job_registry.release(f"user{k % 4}-many", f"key{k}", job)
    assert all(job_registry.jobs_of(f"user{u}-many") == {} for u in range(4))


# --- backups carry the kept sweeps and the package edits ---------------------------------------


@pytest.mark.parametrize(
    "target_kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_backup_and_restore_carry_sweeps_and_package_edits(store_engine, target_kind, tmp_path):
    from planner.store.backup import backup, restore
    from planner.store.runs import keep_run, set_package_edits

    kept = keep_sweep(store_engine, ANH, **_sweep())
    run = keep_run(
        store_engine,
        ANH,
        scenario=Scenario(name="có sửa gói", budget=BILLION, years=(2018,)),
        document={"status": "optimal", "objective": 1.0, "spent": {"total": 7}, "centres": []},
        proposal=None,
        dataset="thanh-hoa-2017",
        data_stamp="1-1-28",
    )
    log = [edit_log.rename("G01", "Gói của anh")]
    set_package_edits(store_engine, ANH, run.id, log)
    document = json.loads(json.dumps(backup(store_engine, SYSTEM)))
    assert len(document["scenario_sweeps"]) == 1
    target = make_engine(new_database_url(target_kind, tmp_path / target_kind))
    migrate(target)
    counts = restore(target, SYSTEM, document)
    assert counts["scenario_sweeps"] == counts["scenario_runs"] == 1
    [again] = list_sweeps(target, ANH)
    assert load_sweep(target, ANH, again.id).points == load_sweep(store_engine, ANH, kept.id).points
    [run_again] = list_runs(target, ANH)
    assert package_edits(target, ANH, run_again.id) == log
    target.dispose()


def test_restore_refuses_damaged_points_or_edits_and_restores_nothing(store_engine, tmp_path):
    from planner.store.backup import backup, restore

    keep_sweep(store_engine, ANH, **_sweep())
    document = json.loads(json.dumps(backup(store_engine, SYSTEM)))
    document["scenario_sweeps"][0]["points"] = "không phải đường cong"
    target = make_engine(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    migrate(target)
    with pytest.raises(BadInput) as refused:
        restore(target, SYSTEM, document)
    where = {(p.where, p.row, p.column) for p in refused.value.problems}
    assert ("scenario_sweeps", 1, "points") in where
    assert list_sweeps(target, ANH) == []
    target.dispose()
