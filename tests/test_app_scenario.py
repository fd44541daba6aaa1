"""Phương án ngân sách, So sánh phương án, Kế hoạch mua sắm: a run shows results and a proposal."""

from __future__ import annotations

import io

from app_support import PLANNER, app_as, app_db, button, demo_template  # noqa: F401
from openpyxl import load_workbook

from planner import labels
from planner.optimise.scenario import Scenario
from planner.scenario_run import BILLION, scenario_from_form

A = labels.APP


def run(at, budget_bn: float, name: str) -> None:
    at.text_input(key="sc_name").input(name)
    at.number_input(key="sc_budget").set_value(budget_bn)
    button(at, A["run"]).click()
    at.run()


def test_scenario_run_shows_results_and_the_proposal_workbook(app_db):
    at = app_as(PLANNER, "scenario", timeout=120)
    run(at, 20.0, "Hai mươi tỷ")
    assert not at.exception, at.exception
    assert not at.error
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[A["kpi_status"]] == labels.OPTIMISE_STATUS["optimal"]
    spent = at.session_state["scenario_runs"][-1].document["spent"]["total"]
    assert 0 < spent <= 20 * BILLION
    assert metrics[A["kpi_spent"]] == labels.money(spent)
    result = at.session_state["scenario_runs"][-1]
    wb = load_workbook(io.BytesIO(result.proposal))
    assert labels.EXCEL["sheet_packages"] in wb.sheetnames
    assert labels.EXCEL["sheet_detail"] in wb.sheetnames

    # the result survives a page change and is what the procurement page shows
    at.switch_page("app_pages/procurement.py")
    at.run()
    assert not at.exception
    packages = at.dataframe[0].value
    assert len(packages) == len(result.document["packages"]) > 0

    at.switch_page("app_pages/scenario.py")
    at.run()
    assert {m.label: m.value for m in at.metric}[A["kpi_spent"]] == labels.money(spent)


def test_two_runs_are_compared_side_by_side(app_db):
    at = app_as(PLANNER, "scenario", timeout=120)
    run(at, 10.0, "Mười tỷ")
    run(at, 30.0, "Ba mươi tỷ")
    at.switch_page("app_pages/compare.py")
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table.columns) == 2
    spent = [r.document["spent"]["total"] for r in at.session_state["scenario_runs"]]
    assert list(table.loc[A["kpi_spent"]]) == [labels.money(x) for x in spent]
    assert spent[0] <= 10 * BILLION < spent[1]


def test_form_fields_become_a_scenario_in_dong():
    scenario = scenario_from_form(
        name="x", first_year=2018, n_years=2, budget_bn=2.5, source_bn={"province": 1.5, "local": 0},
        caps_bn={"renovation": 0.25}, mountainous_bonus=0.3, go_live_bonus=1.0, go_live_first=True,
        fairness_pct=10, price_multiplier=1.1,
    )
    assert isinstance(scenario, Scenario)
    assert scenario.years == (2018, 2019)
    assert scenario.budget == 2_500_000_000
    assert scenario.budget_by_source == {"province": 1_500_000_000}  # 0 = no limit of its own
    assert {k.value: v for k, v in scenario.category_caps.items()} == {"renovation": 250_000_000}
    assert scenario.fairness_floor == 0.1 and scenario.go_live_first
    assert scenario.weights.mountainous_bonus == 0.3


def test_saved_scenarios_are_run_and_compared(app_db):
    from planner.store.db import shared_engine
    from planner.store.scenarios import list_scenarios, save_scenario

    engine = shared_engine(app_db)
    save_scenario(engine, PLANNER, Scenario(name="Tám tỷ", budget=8 * BILLION))
    at = app_as(PLANNER, "scenario", timeout=120)
    run(at, 12.0, "Mười hai tỷ")
    button(at, A["save_scenario"]).click()
    at.run()
    assert [s.name for s in list_scenarios(engine)] == ["Mười hai tỷ", "Tám tỷ"]

    at.switch_page("app_pages/compare.py")
    at.run()
    at.multiselect(key="compare_saved_names").select("Tám tỷ")
    button(at, A["compare_run"]).click()
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert [c.split(" (")[0] for c in table.columns] == ["Mười hai tỷ", "Tám tỷ"]
