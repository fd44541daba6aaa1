"""Phương án ngân sách, So sánh phương án, Kế hoạch mua sắm: a run shows results and a proposal."""

from __future__ import annotations

import io

from app_support import PLANNER, app_as, button, form_key
from openpyxl import load_workbook

from planner import labels
from planner.optimise.scenario import Scenario
from planner.services.scenario_run import BILLION, scenario_from_form

A = labels.APP


def run(at, budget_bn: float, name: str) -> None:
    at.text_input(key=form_key(at, "sc_name")).input(name)
    at.number_input(key=form_key(at, "sc_budget")).set_value(budget_bn)
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
    assert metrics[A["kpi_spent"]] == labels.billions(spent)  # short: a headline is never cut
    result = at.session_state["scenario_runs"][-1]
    met = result.document["need_met"]
    assert 0 < met["score"] <= 100
    assert metrics[labels.NEED_MET["name"]] == labels.points(met["score"])
    assert metrics[labels.NEED_MET["name"]].endswith("điểm/100")
    # the exact amounts are written out under the figures
    assert any(labels.money(spent) in c.value for c in at.caption)
    [centres] = [d.value for d in at.dataframe if A["funded"] in d.value.columns]
    total = centres.iloc[-1]
    assert total[labels.COLUMN["centre"]] == labels.COLUMN["total"]
    assert total[A["funded"]] == labels.money(sum(c["cost"] for c in result.document["centres"]))
    wb = load_workbook(io.BytesIO(result.proposal))
    assert labels.EXCEL["sheet_packages"] in wb.sheetnames
    assert labels.EXCEL["sheet_detail"] in wb.sheetnames

    # the result survives a page change and is what the procurement page shows
    at.switch_page("app_pages/procurement.py")
    at.run()
    assert not at.exception
    packages = at.dataframe[0].value
    assert len(packages) == len(result.document["packages"]) + 1 > 1  # and the Tổng cộng row

    at.switch_page("app_pages/scenario.py")
    at.run()
    assert {m.label: m.value for m in at.metric}[A["kpi_spent"]] == labels.billions(spent)


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
    scores = [r.document["need_met"]["score"] for r in at.session_state["scenario_runs"]]
    assert scores[0] < scores[1] <= 100  # more money meets more of the need
    assert list(table.loc[labels.NEED_MET["name"]]) == [labels.points(x) for x in scores]
    [kept] = [d.value for d in at.dataframe if labels.NEED_MET["name"] in d.value.columns]
    assert list(kept[labels.NEED_MET["name"]]) == [labels.points(x) for x in reversed(scores)]


def test_form_fields_become_a_scenario_in_dong():
    scenario = scenario_from_form(
        name="x",
        first_year=2018,
        n_years=2,
        budget_bn=2.5,
        source_bn={"province": 1.5, "local": 0},
        caps_bn={"renovation": 0.25},
        mountainous_bonus=0.3,
        go_live_bonus=1.0,
        go_live_first=True,
        fairness_pct=10,
        price_multiplier=1.1,
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


def _saved_phasing(app_db):
    """A saved two-year scenario with budgets per year and per source × year, an exclusion, a must-buy."""
    from planner.optimise.scenario import MustBuy
    from planner.store.db import shared_engine
    from planner.store.scenarios import save_scenario

    scenario = Scenario(
        name="Phân kỳ 2018–2019",
        years=(2018, 2019),
        budget_by_year={2018: 10 * BILLION, 2019: 12 * BILLION},
        budget_by_source_year={"province": {2019: 7 * BILLION}},
        excluded_items=("PRN-A3",),
        must_buy=(MustBuy(centre="380", item="PC-DESKTOP", quantity=1),),
        go_live_first=False,
        fairness_floor=0.05,
    )
    save_scenario(shared_engine(app_db), PLANNER, scenario)
    return scenario


def test_a_saved_scenario_loads_back_into_the_form_and_runs_by_year(app_db):
    saved = _saved_phasing(app_db)
    at = app_as(PLANNER, "scenario", timeout=120)
    at.selectbox(key="sc_load").select(saved.name)
    button(at, A["load_button"]).click()
    at.run()
    assert not at.exception and not at.error
    assert at.text_input(key=form_key(at, "sc_name")).value == saved.name
    assert (
        at.number_input(key=form_key(at, "sc_first_year")).value == 2018
        and at.number_input(key=form_key(at, "sc_n_years")).value == 2
    )
    assert at.number_input(key=form_key(at, "sc_budget")).value == 0  # no total of its own
    assert at.number_input(key=form_key(at, "sc_fair")).value == 5
    assert at.multiselect(key=form_key(at, "sc_excluded")).value == ["PRN-A3"]
    years = next(d.value for d in at.data_editor if A["year_total"] in d.value.columns).set_index(
        A["year"]
    )
    assert list(years.index) == [2018, 2019]
    assert list(years[A["year_total"]]) == [10.0, 12.0]
    assert (
        years.loc[2019, "Ngân sách tỉnh"] == 7.0 and (years["Ngân sách cấp huyện/xã"] == 0).all()
    )  # 0 = no limit
    must = next(d.value for d in at.data_editor if A["must_buy_item"] in d.value.columns)
    assert must.to_dict("records") == [
        {A["must_buy_centre"]: "380", A["must_buy_item"]: "PC-DESKTOP", A["must_buy_quantity"]: 1}
    ]

    at.number_input(key="sc_tl").set_value(20)
    button(at, A["run"]).click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error] + [
        d.value.to_dict("records") for d in at.dataframe
    ]
    result = at.session_state["scenario_runs"][-1]
    assert result.scenario == saved  # every value came back from the form as it was saved
    spent = result.document["spent"]["by_year"]
    by_year = {int(y): v for y, v in spent.items()}
    assert set(by_year) <= {2018, 2019} and 0 < by_year.get(2018, 0) <= 10 * BILLION
    assert by_year.get(2019, 0) <= 12 * BILLION
    province_2019 = sum(
        r["funding"].get("province", 0) for r in result.document["lines"] if r["year"] == 2019
    )
    assert province_2019 <= 7 * BILLION
    table = next(d.value for d in at.dataframe if A["budget_of_year"] in d.value.columns).set_index(
        A["year"]
    )
    assert table.loc["2018", A["budget_of_year"]] == labels.money(10 * BILLION)
    assert table.loc["2019", A["budget_of_year"]] == labels.money(12 * BILLION)
    assert table.loc["2018", A["spent_of_year"]] == labels.money(by_year[2018])
    assert table.loc["2019", f"Ngân sách tỉnh: {A['budget_of_year'].lower()}"] == labels.money(
        7 * BILLION
    )
    # the Tổng cộng row: 10 + 12 bn of yearly budgets, the two years' spending added up
    total = table.loc[labels.COLUMN["total"]]
    assert total[A["budget_of_year"]] == labels.money(22 * BILLION)
    assert total[A["spent_of_year"]] == labels.money(sum(by_year.values()))


def test_bad_table_input_is_shown_as_problems_and_nothing_runs(app_db):
    at = app_as(PLANNER, "scenario", timeout=60)
    key = next(d.key for d in at.data_editor if A["must_buy_item"] in d.value.columns)
    at.session_state[key] = {
        "edited_rows": {},
        "deleted_rows": [],
        "added_rows": [
            {A["must_buy_centre"]: "380", A["must_buy_item"]: "KHONG-CO", A["must_buy_quantity"]: 0}
        ],
    }
    button(at, A["run"]).click()
    at.run()
    assert not at.exception
    assert at.error and at.error[0].value == A["scenario_invalid"]
    problems = next(d.value for d in at.dataframe if A["problem_expected"] in d.value.columns)
    located = set(zip(problems[A["problem_column"]], problems[A["problem_expected"]], strict=True))
    assert (A["must_buy_item"], A["expected_item"]) in located
    assert (A["must_buy_quantity"], A["expected_quantity"]) in located
    assert at.session_state["scenario_runs"] == []


def test_form_values_and_the_form_round_trip():
    from planner.optimise.scenario import MustBuy
    from planner.services.scenario_run import form_values

    scenario = Scenario(
        name="x",
        years=(2018, 2019, 2020),
        budget=30 * BILLION,
        budget_by_year={2019: 5 * BILLION},
        budget_by_source={"local": 4 * BILLION},
        budget_by_source_year={"other": {2020: 250_000_000}},
        category_caps={"renovation": 2 * BILLION},
        category_floors={"software": BILLION},
        excluded_items=("A",),
        must_buy=(MustBuy(centre="380", item="B"),),
        go_live_first=True,
        price_multiplier=1.1,
        budget_covers="package_price",
    )
    values = form_values(scenario, 2018, ["province", "local", "other"], list(labels.CATEGORY))
    assert values["source_year_bn"] == {"other": {2020: 0.25}} and values["n_years"] == 3
    assert scenario_from_form(**values, base=scenario) == scenario


def test_negative_and_misplaced_amounts_are_located_in_vietnamese():
    import pytest

    from planner.errors import BadInput

    with pytest.raises(BadInput) as refused:
        scenario_from_form(
            name="x",
            first_year=2018,
            n_years=2,
            budget_bn=-1,
            source_bn={},
            caps_bn={},
            mountainous_bonus=0.2,
            go_live_bonus=1,
            go_live_first=False,
            fairness_pct=0,
            price_multiplier=1,
            year_bn={2018: 1.0, 2025: 3.0},
            source_year_bn={"province": {2019: -2.0}},
        )
    located = {(p.where, p.row, p.column) for p in refused.value.problems}
    assert (A["scenario_form"], None, A["budget_total"]) in located
    assert (A["year_budgets"], 2019, "province") in located
    assert (A["year_budgets"], 2025, A["year"]) in located
    assert len(located) == 3


def test_the_app_and_the_cli_plan_the_same_year_and_time_limit(app_db, cli):
    """One answer everywhere: on the same database the form opens on the year the CLI plans
    (the year after the newest survey: 2017 surveys → 2018) and the time limit it uses."""
    import json

    from planner.cli import build_parser
    from planner.optimise.solve import DEFAULT_TIME_LIMIT
    from planner.services.scenario_fields import FORM_BUDGET_BN

    at = app_as(PLANNER, "scenario", timeout=60)
    assert at.number_input(key=form_key(at, "sc_first_year")).value == 2018
    assert at.number_input(key="sc_tl").value == DEFAULT_TIME_LIMIT
    assert at.number_input(key=form_key(at, "sc_budget")).value == FORM_BUDGET_BN
    done = cli("solve", "--db", app_db, "--budget", "5000000000", "--json", "plan.json")
    assert done.returncode == 0, done.stderr
    plan = json.loads((cli.workdir / "plan.json").read_text(encoding="utf-8"))
    assert plan["years"] == [2018]
    args = build_parser().parse_args(["solve", "--budget", "1"])
    assert args.time_limit == DEFAULT_TIME_LIMIT


def test_the_app_and_the_cli_group_the_same_plan_into_the_same_packages(app_db, cli):
    """One answer everywhere: the app's run (the service its page calls) and ``planner solve``
    on the same database and budget give the same years, regime choice and packages — the
    grouping, owner, funding basis and method of each — as both go through one grouping."""
    import json

    from planner.auth import Actor, Role
    from planner.optimise.optimiser import default_year
    from planner.services.scenario_run import run_scenario
    from planner.services.workspace import load_workspace
    from planner.store.db import make_engine

    engine = make_engine(app_db)
    ws = load_workspace(engine)
    scenario = Scenario(name="budget", budget=20 * BILLION, years=(default_year(ws),))
    app = run_scenario(ws, Actor("anh", Role.PLANNER), scenario).document
    engine.dispose()
    done = cli("solve", "--db", app_db, "--budget", str(20 * BILLION), "--json", "plan.json")
    assert done.returncode == 0, done.stderr
    plan = json.loads((cli.workdir / "plan.json").read_text(encoding="utf-8"))
    assert plan["years"] == app["years"]
    assert len(app["packages"]) > 3
    for key in ("procurement_regime", "packages", "owners", "funding_bases"):
        assert key in app and plan[key] == app[key], key
