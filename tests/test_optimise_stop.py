"""SolveOptions.should_stop ends a solve promptly: HiGHS (whole model), the decomposition, the
one-unit check; a stopped solve raises Stopped instead of returning a part-plan.

The instance is the 2025 demo (166 communes) at 5 % of its need: the decomposition cannot
prove it (about 17 s at gap 0, measured) and the whole model then takes over 20 s, so a stop
that were ignored would show as many seconds. Bounds are generous (the machine is shared).
"""

from __future__ import annotations

import math
import time

import pytest

from planner.demo.data import load_demo
from planner.errors import Stopped
from planner.optimise import decompose
from planner.optimise.build import build_model
from planner.optimise.greedy import greedy_plan
from planner.optimise.one_unit import check_and_repair
from planner.optimise.optimiser import instance_for, solve_instance
from planner.optimise.scenario import Scenario
from planner.optimise.solve import SolveOptions
from planner.services.workspace import load_workspace
from planner.store.db import make_engine

PROMPT = 5.0  # seconds from the stop to the end of the run, at most


@pytest.fixture(scope="module")
def lean_2025(tmp_path_factory):
    """The 2025 demo's instance with a budget of 5 % of every need."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('stop') / 'd.sqlite3'}")
    load_demo(engine, "thanh-hoa-2025")
    inst = instance_for(load_workspace(engine), Scenario(budget=0))
    engine.dispose()
    return inst.with_budget(round(0.05 * sum(c.cost for c in inst.centres)))


class StopAfter:
    """``should_stop`` that turns True ``delay`` seconds after :meth:`arm` (or after the solve
    enters ``stage``); ``since`` is when it turned True, whenever the solver next asked."""

    def __init__(self, delay: float, stage: str | None = None) -> None:
        self.delay, self.stage = delay, stage
        self.armed_at: float | None = None
        self.stages: list[str] = []

    def arm(self) -> None:
        self.armed_at = time.monotonic()

    def on_stage(self, stage: str) -> None:
        self.stages.append(stage)
        if stage == self.stage:
            self.arm()

    @property
    def since(self) -> float:
        assert self.armed_at is not None, "never armed"
        return self.armed_at + self.delay

    def __call__(self) -> bool:
        return self.armed_at is not None and time.monotonic() >= self.since


def test_a_stop_interrupts_highs_in_the_whole_model(lean_2025):
    stop = StopAfter(0.3, stage="whole_model")
    options = SolveOptions(time_limit=120, should_stop=stop, on_stage=stop.on_stage)
    with pytest.raises(Stopped):
        solve_instance(lean_2025, options)
    ended = time.monotonic()
    assert stop.stages == ["decomposition", "whole_model"]  # stopped inside the whole model
    assert ended - stop.since <= PROMPT


def test_a_stop_ends_the_decomposition_before_the_next_centre(lean_2025):
    """Asked before every centre's solve: stopped from the start, not one pass over the
    centres is completed (a pass cut short is dropped), so there is no bound and no proof."""
    decomposition = decompose.Decomposition(build_model(lean_2025))
    start = greedy_plan(lean_2025)
    result = decomposition.solve(lean_2025.budget, 0.0, 120, start=start, should_stop=lambda: True)
    assert decomposition.solved == []  # no price was tried on every centre
    assert not math.isfinite(result.bound) and result.status != "optimal"
    assert (result.buys, result.repairs) == start  # what it had: the start plan


def test_a_stop_ends_the_decomposition_promptly(lean_2025):
    model = build_model(lean_2025)
    stop = StopAfter(0.5)
    stop.arm()
    result = decompose.solve(model, 0.0, 120, start=greedy_plan(lean_2025), should_stop=stop)
    assert time.monotonic() - stop.since <= PROMPT
    assert result.status != "optimal"  # cut short at gap 0: nothing proven


def test_a_stop_in_the_front_door_decomposition_raises_stopped(lean_2025):
    stop = StopAfter(0.3, stage="decomposition")
    options = SolveOptions(time_limit=120, should_stop=stop, on_stage=stop.on_stage)
    with pytest.raises(Stopped):
        solve_instance(lean_2025, options)
    assert stop.stages == ["decomposition"]
    assert time.monotonic() - stop.since <= PROMPT


def test_a_stop_ends_the_one_unit_check(lean_2025):
    """The greedy plan has a hundred improving one-unit changes (about 7 s of checking)."""
    stop = StopAfter(0.3)
    stop.arm()
    check = check_and_repair(lean_2025, *greedy_plan(lean_2025), should_stop=stop)
    assert time.monotonic() - stop.since <= PROMPT
    assert not check.complete
    assert check.applied < 100


def test_without_a_stop_nothing_changes(demo_engine):
    """A stop never asked for leaves the run alone (the same plan as without one)."""
    inst = instance_for(load_workspace(demo_engine), Scenario(budget=20_000_000_000))
    never = SolveOptions(time_limit=120, should_stop=lambda: False)
    with_hook = solve_instance(inst, never)
    without = solve_instance(inst, SolveOptions(time_limit=120))
    assert with_hook.status == without.status == "optimal"
    assert with_hook.objective == pytest.approx(without.objective, rel=1e-4)
