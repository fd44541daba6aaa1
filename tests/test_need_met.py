"""The objective as a planner reads it: points out of 100, 100 = every need met.

The full values below are worked by hand from the lines' values; the optimum each score is
taken from is solved by hand (and by brute force) too.
"""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from openpyxl import load_workbook
from optimise_builders import brute_force, centre, instance, line, tiny_instances

from planner import labels
from planner.optimise.accounting import full_need_value, need_met_score
from planner.optimise.instance import load_instance
from planner.optimise.optimiser import solve_instance
from planner.optimise.plan import plan_json
from planner.optimise.solve import SolveOptions
from planner.optimise.sweep import sweep

M = 1_000_000


def _two_lines(budget):
    """P: 3 units at 100 m worth 1 each; Q: 2 units at 60 m worth 0.4 each (full value 3.8).

    At 400 m: 3P + 1Q = 360 m is worth 3.4 (3P + 2Q = 420 m does not fit), so 89.47 points.
    """
    return instance(
        [line("A", "P", 3, 100 * M, 1.0), line("A", "Q", 2, 60 * M, 0.4)], budget=budget
    )


def test_a_binding_budget_scores_its_share_of_the_full_value():
    inst = _two_lines(400 * M)
    assert full_need_value(inst) == pytest.approx(3.8)
    plan = solve_instance(inst, SolveOptions(), baseline=True, marginals=False)
    assert plan.objective == pytest.approx(3.4) == pytest.approx(brute_force(inst))
    met = plan_json(plan)["need_met"]
    assert met["score"] == pytest.approx(100 * 3.4 / 3.8)  # 89.47
    assert met["full_value"] == pytest.approx(3.8)
    assert met["greedy_score"] == pytest.approx(100 * plan.greedy["objective"] / 3.8)


def test_a_budget_that_covers_every_need_scores_100():
    plan = solve_instance(_two_lines(420 * M), SolveOptions(), baseline=False, marginals=False)
    assert plan_json(plan)["need_met"]["score"] == pytest.approx(100.0)


def test_go_live_bonus_counts_only_where_the_centre_can_open():
    """A opens with P and Q (bonus 2): 3 + 0.8 + 2 = 5.8. B's go-live line R is excluded, so B
    can never open: its bonus (5) and the excluded line (worth 1) are outside the 100."""
    lines = [
        line("A", "P", 3, 100 * M, 1.0, go_live=True),
        line("A", "Q", 2, 60 * M, 0.4, go_live=True),
        line("B", "R", 1, 10 * M, 1.0, go_live=True, excluded=True),
        line("B", "S", 1, 10 * M, 0.5),
    ]
    inst = instance(lines, centres=[centre("A", bonus=2.0), centre("B", bonus=5.0)])
    assert full_need_value(inst) == pytest.approx(3.0 + 0.8 + 2.0 + 0.5)


def test_diminishing_value_counts_the_tail():
    """4 units, the first worth 1, the other 3 worth 0.25 each: 1 + 0.75 = 1.75."""
    inst = instance([line("A", "P", 4, 10 * M, 1.0, head=1, tail_value=0.25)])
    assert full_need_value(inst) == pytest.approx(1.75)


def test_repairs_are_part_of_the_need():
    """2 to buy and 3 repairable, each worth 0.5: 2.5."""
    inst = instance([line("A", "P", 2, 10 * M, 0.5, repair=3, rcost=2 * M)])
    assert full_need_value(inst) == pytest.approx(2.5)


def test_no_need_has_no_score():
    assert need_met_score(1.0, 0.0) is None
    assert need_met_score(None, 3.0) is None


def test_the_sweep_scores_every_point_and_ends_at_100():
    """Budgets 0, 200 m, 400 m, 420 m: worth 0, 2 (2P), 3.4, 3.8 → 0, 52.6, 89.5, 100."""
    result = sweep(_two_lines(0), [0, 200 * M, 400 * M, 420 * M], SolveOptions())
    scores = [p["need_met_score"] for p in result["points"]]
    assert scores == pytest.approx([0.0, 100 * 2 / 3.8, 100 * 3.4 / 3.8, 100.0])
    assert result["need_met_full_value"] == pytest.approx(3.8)


@settings(max_examples=40, deadline=None)
@given(tiny_instances())
def test_no_plan_is_worth_more_than_meeting_every_need(inst):
    """Whatever the budget, caps and dependencies, the best feasible plan scores at most 100."""
    full = full_need_value(inst)
    assert brute_force(inst) <= full + 1e-9
    unlimited = inst.model_copy(update={"budget": None, "dependencies": []})
    assert brute_force(unlimited) == pytest.approx(full)  # and with money enough, it is reached


def test_the_cli_summary_and_the_proposal_say_the_score(cli):
    """On the 2017 demo at 5 bn: the summary line, the plan JSON and the proposal's assumptions
    sheet give the same points out of 100, and the JSON's score is the objective rescaled by the
    value of meeting every need of the instance file (recomputed here from that file)."""
    assert cli("demo", "--dataset", "thanh-hoa-2017").returncode == 0
    done = cli(
        "solve",
        "--budget",
        "5000000000",
        "--json",
        "plan.json",
        "--instance-json",
        "inst.json",
        "--xlsx",
        "plan.xlsx",
    )
    assert done.returncode == 0, done.stderr
    plan = json.loads((cli.workdir / "plan.json").read_text(encoding="utf-8"))
    full = full_need_value(load_instance(cli.workdir / "inst.json"))
    met = plan["need_met"]
    assert met["full_value"] == pytest.approx(full)
    assert met["score"] == pytest.approx(100 * plan["objective"] / full)
    assert 0 < met["score"] < 100  # 5 bn is well under the 2017 need
    assert met["greedy_score"] <= met["score"] + 1e-6
    shown = labels.points(met["score"])
    assert shown in done.stdout and "điểm/100" in shown
    sheet = load_workbook(io.BytesIO((cli.workdir / "plan.xlsx").read_bytes()))[
        labels.EXCEL["sheet_assumptions"]
    ]
    rows = {r[0]: r[1] for r in sheet.iter_rows(values_only=True) if r and r[0]}
    assert rows[labels.NEED_MET["name"]] == shown
    assert rows[labels.EXCEL["need_met_how"]] == labels.NEED_MET["explain"]
