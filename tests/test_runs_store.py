"""Kept scenario runs (planner.store.runs, planner.services.run_history), on SQLite and on PostgreSQL.

A real solve of the demo is kept and read back: the reopened result must be the very run that
was shown (inputs, document, workbook bytes, packages), whoever reads it; district officers
neither read nor write runs, a planner deletes only their own, and the bounds hold.
"""

from __future__ import annotations

import json

import pytest
from pg import new_database_url
from sqlalchemy import select, text

from planner import labels
from planner.auth import SYSTEM, Actor, Role
from planner.demo.data import load_demo
from planner.errors import BadInput, NotFound, PermissionDenied
from planner.optimise.optimiser import default_year
from planner.optimise.scenario import Scenario
from planner.procurement import procurement_json
from planner.services.run_history import keep, reopen, reopen_latest
from planner.services.scenario_run import run_scenario
from planner.services.workspace import load_workspace
from planner.store import runs
from planner.store.backup import backup, restore
from planner.store.db import make_engine, reading, writing
from planner.store.migrate import current_revision, head_revision, migrate
from planner.store.runs import delete_run, keep_run, list_runs, load_run
from planner.store.tables import AuditRow, RunRow

ANH = Actor("anh", Role.PLANNER)
BINH = Actor("binh", Role.PLANNER)
ADMIN = Actor("quantri", Role.ADMIN)
DISTRICT = Actor("dv380", Role.DISTRICT, "380")


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    """One real solve of the demo (20 tỷ), made once: the workspace and its result."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('solve') / 'd.sqlite3'}")
    load_demo(engine, "thanh-hoa-2017")
    ws = load_workspace(engine)
    scenario = Scenario(name="Hai mươi tỷ", budget=20 * 10**9, years=(default_year(ws),))
    result = run_scenario(ws, SYSTEM, scenario)
    assert result.has_plan and result.document["packages"]
    return ws, result


def _small(name: str = "nhỏ") -> dict:
    """A hand-written run (no solve): enough for the list, the bounds and the permissions."""
    return {
        "scenario": Scenario(name=name, budget=10**9, years=(2018,)),
        "document": {"status": "optimal", "objective": 1.5, "spent": {"total": 7}, "centres": []},
        "proposal": None,
        "dataset": "thanh-hoa-2017",
        "data_stamp": "1-1-28",
    }


def test_a_kept_run_reopens_as_it_was_shown_by_another_planner(demo_store, solved):
    ws, result = solved
    kept = keep(demo_store, ANH, ws, result)
    assert kept.pruned == 0
    again = reopen(demo_store, BINH, load_workspace(demo_store), kept.id)
    assert again.scenario == result.scenario
    assert again.document == json.loads(json.dumps(result.document))
    assert again.proposal == result.proposal
    assert again.procurement is not None  # the packages are rebuilt, and are the stored ones
    rebuilt = json.loads(json.dumps(procurement_json(again.procurement)["packages"]))
    assert (
        rebuilt == again.document["packages"] == json.loads(json.dumps(result.document))["packages"]
    )
    [summary] = list_runs(demo_store, BINH)
    doc = result.document
    assert (summary.created_by, summary.name, summary.status) == ("anh", "Hai mươi tỷ", "optimal")
    assert summary.spent == doc["spent"]["total"] and summary.objective == doc["objective"]
    assert summary.bound == doc["bound"] and summary.solve_seconds == doc["solve_seconds"]
    assert summary.dataset == "thanh-hoa-2017" and summary.data_stamp.count("-") == 2
    assert 0 < summary.need_met_score == doc["need_met"]["score"] <= 100


def test_runs_are_listed_newest_first_and_the_latest_is_the_users_own(store_engine):
    first = keep_run(store_engine, ANH, **_small("một"))
    second = keep_run(store_engine, BINH, **_small("hai"))
    third = keep_run(store_engine, ANH, **_small("ba"))
    assert [r.id for r in list_runs(store_engine, ANH)] == [third.id, second.id, first.id]
    assert [r.name for r in list_runs(store_engine, ANH, by="binh")] == ["hai"]
    assert runs.latest_run(store_engine, BINH).summary.id == second.id
    assert runs.latest_run(store_engine, ADMIN) is None


def test_district_officers_neither_read_nor_write_runs(store_engine):
    kept = keep_run(store_engine, ANH, **_small())
    with pytest.raises(PermissionDenied):
        keep_run(store_engine, DISTRICT, **_small())
    with pytest.raises(PermissionDenied):
        list_runs(store_engine, DISTRICT)
    with pytest.raises(PermissionDenied):
        load_run(store_engine, DISTRICT, kept.id)
    with pytest.raises(PermissionDenied):
        delete_run(store_engine, DISTRICT, kept.id)
    assert [r.id for r in list_runs(store_engine, ANH)] == [kept.id]


def test_a_planner_deletes_only_their_own_runs_and_an_admin_any(store_engine):
    mine = keep_run(store_engine, ANH, **_small("của anh"))
    theirs = keep_run(store_engine, BINH, **_small("của bình"))
    with pytest.raises(PermissionDenied) as refused:
        delete_run(store_engine, ANH, theirs.id)
    assert "binh" in str(refused.value) and "quản trị" in str(refused.value)
    delete_run(store_engine, ANH, mine.id)
    assert [r.id for r in list_runs(store_engine, ANH)] == [theirs.id]
    delete_run(store_engine, ADMIN, theirs.id)
    assert list_runs(store_engine, ANH) == []
    with pytest.raises(NotFound):
        load_run(store_engine, ANH, theirs.id)
    with reading(store_engine) as session:
        lines = [
            (a.actor, a.action, a.target, a.outcome) for a in session.scalars(select(AuditRow))
        ]
    assert ("anh", "keep_run", f"run:{mine.id}:của anh", "ok") in lines
    assert ("anh", "run_scenario", f"run:delete:{theirs.id}", "denied") in lines
    assert ("anh", "run_scenario", f"run:delete:{mine.id}", "ok") in lines
    assert ("quantri", "run_scenario", f"run:delete:{theirs.id}", "ok") in lines


def test_each_user_keeps_at_most_the_bound_and_the_oldest_go(store_engine, monkeypatch):
    monkeypatch.setattr(runs, "MAX_RUNS_PER_USER", 3)
    ids = [keep_run(store_engine, ANH, **_small(f"lần {k}")).id for k in range(3)]
    other = keep_run(store_engine, BINH, **_small("bình")).id
    fourth = keep_run(store_engine, ANH, **_small("lần 3"))
    assert fourth.pruned == 1
    assert [r.id for r in list_runs(store_engine, ANH, by="anh")] == [fourth.id, ids[2], ids[1]]
    assert [r.id for r in list_runs(store_engine, ANH, by="binh")] == [other]  # not touched


def test_a_run_above_the_size_cap_is_refused_and_nothing_is_kept(store_engine, monkeypatch):
    monkeypatch.setattr(runs, "MAX_RUN_MIB", 1)
    big = _small("quá lớn") | {"proposal": b"x" * (1024 * 1024 + 1)}
    with pytest.raises(BadInput) as refused:
        keep_run(store_engine, ANH, **big)
    assert "quá lớn" in str(refused.value) and "1 MiB" in str(refused.value)
    assert list_runs(store_engine, ANH) == []


def test_the_latest_run_of_the_user_is_what_a_reload_shows(demo_store, solved):
    ws, result = solved
    assert reopen_latest(demo_store, ANH, ws) is None
    kept = keep(demo_store, ANH, ws, result)
    keep_run(demo_store, BINH, **_small("của bình"))
    summary, again = reopen_latest(demo_store, ANH, ws)
    assert summary.id == kept.id and again.scenario == result.scenario


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_migration_from_0003_keeps_existing_data_and_adds_runs(kind, tmp_path):
    engine = make_engine(new_database_url(kind, tmp_path))
    migrate(engine, "0003")
    with writing(engine) as session:
        session.execute(
            text(
                "INSERT INTO scenarios (name, created_by, created_at, data) "
                "VALUES ('cũ', 'anh', CURRENT_TIMESTAMP, :data)"
            ),
            {"data": json.dumps({"name": "cũ", "budget": 10**9, "years": [2018]})},
        )
    migrate(engine)
    assert current_revision(engine) == head_revision()
    with reading(engine) as session:
        assert session.execute(text("SELECT name FROM scenarios")).scalars().all() == ["cũ"]
        assert session.scalars(select(RunRow)).all() == []
    kept = keep_run(engine, ANH, **_small())
    assert load_run(engine, ANH, kept.id).document["status"] == "optimal"
    engine.dispose()


@pytest.mark.parametrize(
    "target_kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_backup_and_restore_carry_runs(demo_store, solved, target_kind, tmp_path):
    ws, result = solved
    kept = keep(demo_store, ANH, ws, result)
    keep_run(demo_store, BINH, **_small("của bình"))
    document = json.loads(json.dumps(backup(demo_store, SYSTEM)))
    assert len(document["scenario_runs"]) == 2
    target = make_engine(new_database_url(target_kind, tmp_path / target_kind))
    migrate(target)
    assert restore(target, SYSTEM, document)["scenario_runs"] == 2
    names = [(r.created_by, r.name) for r in list_runs(target, ANH)]
    assert names == [("binh", "của bình"), ("anh", "Hai mươi tỷ")]
    again = load_run(target, ANH, list_runs(target, ANH, by="anh")[0].id)
    original = load_run(demo_store, ANH, kept.id)
    assert again.proposal == result.proposal
    assert (again.scenario, again.document) == (original.scenario, original.document)
    assert again.summary.created_at == original.summary.created_at
    target.dispose()


def test_restore_refuses_a_damaged_run_and_restores_nothing(demo_store, tmp_path):
    keep_run(demo_store, ANH, **_small())
    document = json.loads(json.dumps(backup(demo_store, SYSTEM)))
    document["scenario_runs"][0]["document"] = "không phải kết quả"
    document["scenario_runs"][0]["spent"] = "nhiều"
    target = make_engine(f"sqlite:///{tmp_path / 'r.sqlite3'}")
    migrate(target)
    with pytest.raises(BadInput) as refused:
        restore(target, SYSTEM, document)
    where = {(p.where, p.row, p.column) for p in refused.value.problems}
    assert {("scenario_runs", 1, "document"), ("scenario_runs", 1, "spent")} <= where
    with reading(target) as session:
        assert session.scalars(select(RunRow)).all() == []
    target.dispose()


def test_cli_solve_keep_stores_the_run_with_the_same_json(cli, tmp_path):
    """``planner solve --keep --as NAME``: kept for that user, JSON and stdout unchanged."""
    assert cli("demo", "--dataset", "thanh-hoa-2017").returncode == 0
    engine = make_engine(cli.db)
    from planner.store.accounts import add_user

    add_user(engine, SYSTEM, "anh", "mat-khau-du-dai", "planner")
    add_user(engine, SYSTEM, "dv380", "mat-khau-du-dai", "district", "380")
    refused = cli(
        "solve", "--budget", "20000000000", "--keep", "--as", "dv380",
        env={"PLANNER_PASSWORD": "mat-khau-du-dai"},
    )  # fmt: skip
    assert refused.returncode == 3, refused.stderr
    assert list_runs(engine, ANH) == []
    plain = cli("solve", "--budget", "20000000000", "--json", "a.json")
    kept = cli(
        "solve", "--budget", "20000000000", "--json", "b.json", "--keep", "--as", "anh",
        env={"PLANNER_PASSWORD": "mat-khau-du-dai"},
    )  # fmt: skip
    assert plain.returncode == kept.returncode == 0, kept.stderr
    assert plain.stdout == kept.stdout
    [run] = list_runs(engine, ANH)
    assert run.created_by == "anh" and kept.stderr.strip().endswith(
        labels.RUNS["kept"].format(id=run.id)
    )
    document = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    stored = load_run(engine, ANH, run.id)
    volatile = {"solve_seconds", "build_seconds"}
    assert {k: v for k, v in stored.document.items() if k not in volatile} == {
        k: v for k, v in document.items() if k not in volatile
    }
    assert stored.proposal is not None and stored.proposal[:2] == b"PK"
    engine.dispose()


def test_a_cli_run_kept_with_a_forced_regime_and_basis_reopens_with_its_packages(cli):
    """``solve --regime … --funding-basis … --keep``: reopened in the app, the run's packages are
    rebuilt under the regime and basis it forced (not today's by-date choice), so the
    procurement page can edit them; the 2017 data by date would be judged under the 2013 law.
    (Rented lines stay a purchase estimate whatever is forced: the grouping's rule.)"""
    assert cli("demo", "--dataset", "thanh-hoa-2017").returncode == 0
    engine = make_engine(cli.db)
    from planner.store.accounts import add_user

    add_user(engine, SYSTEM, "anh", "mat-khau-du-dai", "planner")
    kept = cli(
        "solve", "--budget", "20000000000", "--regime", "law-2023/decree-214-2025",
        "--funding-basis", "project", "--keep", "--as", "anh",
        env={"PLANNER_PASSWORD": "mat-khau-du-dai"},
    )  # fmt: skip
    assert kept.returncode == 0, kept.stderr
    [run] = list_runs(engine, ANH)
    result = reopen(engine, ANH, load_workspace(engine), run.id)
    assert result.procurement is not None
    assert {p["regime"] for p in result.document["packages"]} == {"law-2023/decree-214-2025"}
    assert procurement_json(result.procurement)["packages"] == result.document["packages"]
    reopened = procurement_json(result.procurement)
    assert reopened["funding_basis_forced"] and reopened["funding_basis"] == "project"
    engine.dispose()
