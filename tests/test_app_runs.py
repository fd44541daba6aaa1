"""Runs kept in the database, through the app: a reload, another user, reopen and delete.

A new AppTest is a new browser session (what a reload or a typed URL gives): it starts with an
empty session state, so whatever it shows of an earlier run came from the database.
"""

from __future__ import annotations

import json

from app_support import ADMIN, DISTRICT, PLANNER, app_as, button, form_key

from planner import labels
from planner.services.scenario_run import BILLION
from planner.store.db import shared_engine
from planner.store.runs import list_runs

A, R = labels.APP, labels.RUNS


def run(at, budget_bn: float, name: str) -> None:
    at.text_input(key=form_key(at, "sc_name")).input(name)
    at.number_input(key=form_key(at, "sc_budget")).set_value(budget_bn)
    button(at, A["run"]).click()
    at.run()
    assert not at.exception, at.exception


def test_a_run_survives_a_reload(app_db):
    at = app_as(PLANNER, "scenario", timeout=120)
    run(at, 20.0, "Hai mươi tỷ")
    fresh = at.session_state["scenario_runs"][-1]
    [kept] = list_runs(shared_engine(app_db), PLANNER)
    assert any(R["kept"].format(id=kept.id) == c.value for c in at.caption)
    shown = {m.label: m.value for m in at.metric}

    again = app_as(PLANNER, "scenario", timeout=120)  # a new session: nothing in its state
    assert not again.exception, again.exception
    assert {m.label: m.value for m in again.metric} == shown
    reopened = again.session_state["scenario_runs"][-1]
    assert reopened.scenario == fresh.scenario
    assert reopened.proposal == fresh.proposal
    # the document as ``solve --json`` prints it (JSON keys years as text; pages read both)
    assert reopened.document == json.loads(json.dumps(fresh.document))
    assert any(f"{kept.id}" in c.value and "kehoach" in c.value for c in again.caption)
    assert [b.label for b in again.get("download_button")] == [A["download_proposal"]]
    assert R["stale"] not in [i.value for i in again.info]  # same data as when it ran
    # and the procurement page has its packages to edit
    again.switch_page("app_pages/procurement.py")
    again.run()
    assert not again.exception
    assert len(again.dataframe[0].value) == len(fresh.document["packages"]) + 1 > 1  # + Tổng cộng


def test_a_reload_on_the_procurement_page_finds_the_kept_run(app_db):
    at = app_as(PLANNER, "scenario", timeout=120)
    run(at, 20.0, "Hai mươi tỷ")
    packages = at.session_state["scenario_runs"][-1].document["packages"]

    reloaded = app_as(PLANNER, "procurement", timeout=120)  # a reload on Kế hoạch mua sắm
    assert not reloaded.exception, reloaded.exception
    assert A["no_plan"] not in [i.value for i in reloaded.info]
    assert len(reloaded.dataframe[0].value) == len(packages) + 1 > 1  # and the Tổng cộng row


def test_runs_of_two_users_are_compared_in_a_third_session(app_db):
    planner = app_as(PLANNER, "scenario", timeout=120)
    run(planner, 10.0, "Mười tỷ")
    admin = app_as(ADMIN, "scenario", timeout=120)
    run(admin, 30.0, "Ba mươi tỷ")
    spent = [
        planner.session_state["scenario_runs"][-1].document["spent"]["total"],
        admin.session_state["scenario_runs"][-1].document["spent"]["total"],
    ]
    assert spent[0] <= 10 * BILLION < spent[1]

    at = app_as(PLANNER, "compare", timeout=120)
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert [c.split(" (")[0] for c in table.columns] == ["Mười tỷ", "Ba mươi tỷ"]
    assert "admin" in table.columns[1]
    assert list(table.loc[A["kpi_spent"]]) == [labels.money(x) for x in spent]
    listed = at.dataframe[1].value  # the kept runs, newest first
    assert list(listed[R["name"]]) == ["Ba mươi tỷ", "Mười tỷ"]
    assert list(listed[R["by"]]) == ["admin", "kehoach"]


def test_a_colleagues_run_is_reopened_and_only_ones_own_is_offered_for_deletion(app_db):
    admin = app_as(ADMIN, "scenario", timeout=120)
    run(admin, 30.0, "Ba mươi tỷ")
    planner = app_as(PLANNER, "scenario", timeout=120)
    run(planner, 10.0, "Mười tỷ")
    engine = shared_engine(app_db)
    theirs, mine = (
        next(r.id for r in list_runs(engine, PLANNER) if r.created_by == who)
        for who in ("admin", "kehoach")
    )

    at = app_as(PLANNER, "compare", timeout=120)
    [own] = at.selectbox(key="runs_delete").options  # the admin's run is not offered
    assert own.startswith("Mười tỷ (")
    assert len(at.selectbox(key="runs_reopen").options) == 2  # both can be reopened
    at.selectbox(key="runs_reopen").set_value(theirs)
    button(at, R["reopen_button"]).click()
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["scenario_runs"][-1].scenario.name == "Ba mươi tỷ"
    assert any("Ba mươi tỷ" in h.value for h in at.subheader)  # drawn as a fresh run
    assert any(R["reopened"].split("{")[0] in c.value and "admin" in c.value for c in at.caption)

    at.switch_page("app_pages/compare.py")
    at.run()
    at.selectbox(key="runs_delete").set_value(mine)
    assert button(at, R["delete_button"]).disabled  # not before the box is ticked
    at.checkbox(key="runs_delete_confirm").check()
    at.run()
    button(at, R["delete_button"]).click()
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["runs_delete_confirm"] is False  # asked again next time
    assert [s.value for s in at.success] == [R["deleted"].format(id=mine)]
    assert [r.id for r in list_runs(engine, PLANNER)] == [theirs]


def test_a_reopened_run_says_when_the_data_changed_since(app_db):
    from planner.auth import SYSTEM
    from planner.models import SurveySource
    from planner.services.surveys import history, save_survey

    at = app_as(PLANNER, "scenario", timeout=120)
    run(at, 20.0, "Hai mươi tỷ")
    engine = shared_engine(app_db)
    survey = history(engine, SYSTEM, "380")[-1].survey
    save_survey(engine, DISTRICT, survey, base_version=1, source=SurveySource.FORM)
    again = app_as(PLANNER, "scenario", timeout=120)
    assert not again.exception, again.exception
    assert again.session_state["scenario_runs"][-1].scenario.name == "Hai mươi tỷ"
    assert R["stale"] in [i.value for i in again.info]
