"""Lagrangian decomposition by centre: a proven bound and a plan for very large instances.

When the only row that ties the centres together is the total budget (one ``--budget``: no
yearly or per-source budgets, no category caps or floors, no go-live-first count) and the
horizon is one year, the model is

    max Σ_c f_c(x_c)   s.t.   Σ_c s_c·x_c ≤ B,   x_c ∈ X_c

where ``X_c`` is everything else about centre c (bundle, dependencies, ports, fairness, value
segments: all its rows mention only its own variables) and ``s_c`` the đồng its units cost.
For any price λ ≥ 0 of a đồng,

    L(λ) = λ·B + Σ_c max_{x_c ∈ X_c} ( f_c(x_c) − λ·s_c·x_c )   ≥   OPT

because every feasible plan has ``λ·(B − Σ s x) ≥ 0``. Each centre's problem is a MILP of a
few dozen variables that HiGHS solves exactly in about a millisecond, so L(λ) is a *proven*
upper bound without the LP relaxation of the whole model (which at national scale alone takes
HiGHS longer than the time limit). λ is searched on spending, which falls as λ rises; the
plan is the best combination, within the budget, of the answers the centres gave at the
prices tried (a small multiple-choice knapsack), and the bundle-aware greedy
(greedy.bundle_first_plan seeded with it) spends whatever is left.

The gap L − plan is at most about one centre's worth (the plan differs from the centres'
price-optimal answers only where the budget runs out), so relative to the whole it shrinks as
centres are added: measured, about 5e-5 at 167 centres and 1e-4 at 3,340, but 1.5e-3 at 28 —
so below :data:`MIN_CENTRES` the whole-model MILP is used, and the front door
(optimiser.solve_instance) hands a plan that is not proven within the gap to the whole model
as its start when the model is small enough for that to pay.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import highspy
import numpy as np

from planner.optimise.accounting import Buys, Repairs, objective_value, totals
from planner.optimise.centre_blocks import (
    Block,
    _at_price,
    _plan_of,
    _same,
    _spend,
    build_blocks,
)
from planner.optimise.greedy import bundle_first_plan, ranked_activities
from planner.optimise.instance import Instance
from planner.optimise.model import Model
from planner.optimise.solvers import stop_at

MIN_CENTRES = 100  # below this the whole-model MILP proves optimality faster and tighter
WHOLE_MODEL_MAX = (
    1000  # above this a plan the decomposition cannot prove is not handed to the whole model
)
SAMPLE = 200  # centres in the sample that guesses the price
_BRACKET_CHOOSE = 1e-3  # price interval (relative) narrow enough for the multiple-choice step
_BRACKET_END = 1e-9  # stop searching when the price interval is this narrow (relative)
_MAX_PASSES = 60  # and in any case after this many full passes (a price of 2^-60 of the first)


@dataclass
class Result:
    status: str  # optimal (gap within tolerance) | time_limit | feasible
    objective: float
    bound: float
    price: float  # value per đồng of the budget at the best bound (the row's Lagrange price)
    buys: Buys
    repairs: Repairs
    seconds: float

    @property
    def gap(self) -> float:
        return max(0.0, (self.bound - self.objective) / max(1.0, abs(self.objective)))


def applies(m: Model) -> bool:
    """Whether the decomposition is valid and worth it (module docstring).

    Valid: one year, the total budget the only row across centres, and no rule that can make
    the scenario infeasible (must-buy lines, a hard fairness floor) — so the empty plan is
    always feasible and every price has an answer; infeasible scenarios go to the whole model,
    which explains them. Worth it: at least :data:`MIN_CENTRES` centres.
    """
    inst = m.inst
    return (
        len(inst.centres) >= MIN_CENTRES
        and len(inst.years) == 1
        and inst.budget is not None
        and not (inst.budget_by_year or inst.budget_by_source or inst.budget_by_source_year)
        and not (inst.category_caps or inst.category_floors)
        and not m.elastic
        and not inst.must_buy
        and not inst.fairness_hard
        and m.prob.get_constraint_by_name("golive_count") is None
    )


def price_estimate(inst: Instance) -> float:
    """The value per đồng at which the greedy ranking runs out of money (a first guess)."""
    spent, budget = 0.0, float(inst.budget or 0)
    for ratio, (kind, key, what) in ranked_activities(inst):
        if kind == "chunk":
            spent += what * inst.lines[key].budget_price
        if spent >= budget and ratio > 0:
            return ratio
    return 1e-12  # everything fits: any small price buys it all


def sample_price(
    inst: Instance,
    blocks: list[Block],
    size: int = SAMPLE,
    deadline: float | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> float:
    """The price at which an evenly spread sample of centres spends its share of the budget.

    Share = the sample's part of the total cost of the needs. Cheap (a sample's passes take a
    fraction of a full pass) and, the centres being many and alike, close to the full price.
    ``should_stop``: asked between passes, like the deadline (the guess so far is returned).
    """
    sample = blocks[:: max(1, len(blocks) // size)]
    cost = {c.code: c.cost for c in inst.centres}
    share = sum(cost[b.centre] for b in sample) / max(1, sum(cost.values()))
    budget = float(inst.budget or 0)
    low, high, price = 0.0, math.inf, price_estimate(inst)
    for _ in range(_MAX_PASSES):
        if math.isfinite(high) and high - low <= 1e-3 * high:
            break
        if deadline is not None and time.perf_counter() >= deadline:
            break  # the guess so far: the full passes still bracket the price properly
        if should_stop is not None and should_stop():
            break
        _, xs = _at_price(sample, price)
        if sum(float(b.spend @ x) for b, x in zip(sample, xs, strict=False)) <= budget * share:
            high = price
        else:
            low = price
        price = _next_price(price, low, high, 2.0)
    return price


def _next_price(price: float, low: float, high: float, step: float) -> float:
    """Step up (down) by ``step`` until the budget is bracketed, then bisect geometrically."""
    if not math.isfinite(high):
        return price * step
    if low == 0.0:
        return price / step
    return math.sqrt(low * high)


def solve(
    m: Model,
    gap: float,
    time_limit: float | None,
    start: tuple[Buys, Repairs] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Result:
    """The decomposition of ``m`` at its own budget (see :meth:`Decomposition.solve`)."""
    return Decomposition(m).solve(int(m.inst.budget or 0), gap, time_limit, start, should_stop)


class Decomposition:
    """A model split by centre, kept for several budgets.

    A centre's answer at a price does not depend on the budget, so a sweep over budgets solves
    every price once: the answers and bounds found for one budget serve the next.
    """

    def __init__(self, m: Model) -> None:
        self.m = m
        self.blocks = build_blocks(m)
        self.solved: list[
            tuple[float, list[np.ndarray], list[float]]
        ] = []  # price, answers, bounds

    def solve(
        self,
        budget: int,
        gap: float,
        time_limit: float | None,
        start: tuple[Buys, Repairs] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> Result:
        """Search the budget's price, keeping the best bound and plan; stop at ``gap``.

        Every price gives a bound. Two prices bracketing the budget (one overspends, one fits)
        give a quick plan: the centres' answers at the fitting price, then — best value per
        extra đồng first — centres moved to their answer at the overspending price while the
        money lasts (many centres are alike and change their answer at the same price). When
        the bracket is narrow and that is not yet within ``gap``, the multiple-choice step
        (:meth:`_Search.choose_answers`) finds the best combination of every answer seen.

        ``should_stop`` (SolveOptions.should_stop) is asked before each centre's solve and
        inside the multiple-choice step: a stop ends the search within a centre's millisecond
        and returns what was found (not proven; the front door raises Stopped).
        """
        began = time.perf_counter()
        search = _Search(self, self.m.inst.with_budget(budget), start)
        search.should_stop = should_stop
        if time_limit is not None:
            search.deadline = began + time_limit
        sampled = len(self.blocks) > 2 * SAMPLE
        search.recall()
        if search.low > 0.0 and math.isfinite(search.high):
            price = search.next_price(1.01)  # bracketed by the prices of earlier budgets
        else:
            price = (
                sample_price(
                    search.inst, self.blocks, deadline=search.deadline, should_stop=should_stop
                )
                if sampled
                else price_estimate(search.inst)
            )
        chosen_at = None  # bracket width at the last multiple-choice step
        for _ in range(_MAX_PASSES):
            if search.proven(gap):
                break
            search.evaluate(price)
            if search.proven(gap) or _over(began, time_limit) or search.stopped():
                break
            if search.bracket() <= _BRACKET_CHOOSE and chosen_at is None:
                search.choose_answers(_left(began, time_limit))
                chosen_at = search.bracket()
                if search.proven(gap):
                    break
            if search.bracket() <= _BRACKET_END:
                break
            price = search.next_price(1.01 if sampled else 2.0)
        if (
            not search.proven(gap)
            and math.isfinite(search.high)
            and chosen_at != search.bracket()
            and not search.stopped()
        ):
            search.choose_answers(_left(began, time_limit))  # with the answers seen since
        result = search.result(time.perf_counter() - began)
        if result.gap <= gap:
            result.status = "optimal"
        elif _over(began, time_limit):
            result.status = "time_limit"
        return result


def _over(began: float, time_limit: float | None) -> bool:
    return time_limit is not None and time.perf_counter() - began >= time_limit


def _left(began: float, time_limit: float | None) -> float | None:
    return None if time_limit is None else max(0.1, time_limit - (time.perf_counter() - began))


class _Search:
    """The state of the price search: bracket, centres' answers, best bound and best plan."""

    def __init__(
        self, decomposition: Decomposition, inst: Instance, start: tuple[Buys, Repairs] | None
    ) -> None:
        self.m, self.inst = decomposition.m, inst  # inst: the model's, at this search's budget
        self.budget = float(inst.budget or 0)
        self.blocks = decomposition.blocks
        self.solved = decomposition.solved
        self.plan = start or ({}, {})
        self.value = objective_value(self.inst, *self.plan)
        self.bound, self.price = math.inf, 0.0
        self.low, self.high = 0.0, math.inf  # prices known to overspend / to fit the budget
        self.answers: dict[str, list[np.ndarray]] = {}
        self.spent_low = self.spent_high = 0.0  # spending at the bracket's ends
        self.deadline: float | None = None  # a pass still running then is dropped
        self.should_stop: Callable[[], bool] | None = None  # a user's stop: dropped likewise

    def stopped(self) -> bool:
        return self.should_stop is not None and self.should_stop()

    def late(self) -> bool:
        """Past the deadline or asked to stop: a pass still running gives no bound."""
        return (self.deadline is not None and time.perf_counter() > self.deadline) or self.stopped()

    def answers_at(self, price: float) -> tuple[float, list[np.ndarray]] | None:
        """Σ_c of the centres' proven bounds at ``price``, and their answers.

        A centre whose answer is the same at two prices already solved around ``price`` keeps
        it without a new solve: its best value ``z_c(p) = max_x f(x) − p·s(x)`` is convex in
        p, and an answer x* optimal at p₁ and p₂ gives ``z_c(p) ≥ f(x*) − p·s(x*)``, which is
        the interpolation of z_c(p₁) and z_c(p₂), the most a convex z_c can be in between; so
        x* is optimal at p, and the interpolated proven bounds bound z_c(p). Inside a narrow
        bracket only the few centres whose answer changes are solved again.

        ``None`` when the deadline passes (or a stop comes) during the pass: a part of the
        centres gives no bound.
        """
        below = max((e for e in self.solved if e[0] < price), key=lambda e: e[0], default=None)
        above = min((e for e in self.solved if e[0] > price), key=lambda e: e[0], default=None)
        t = (price - below[0]) / (above[0] - below[0]) if below and above else 0.0
        xs, bounds = [], []
        for k, block in enumerate(self.blocks):
            if below and above and _same(below[1][k], above[1][k]):
                xs.append(below[1][k])
                bounds.append((1 - t) * below[2][k] + t * above[2][k])
            else:
                if self.late():
                    return None
                bound, x = block.solve(price)
                xs.append(x)
                bounds.append(bound)
        self.solved.append((price, xs, bounds))
        return sum(bounds), xs

    def recall(self) -> None:
        """Start from every price already solved for another budget (a sweep's earlier points).

        The centres' answers and proven bounds at a price do not depend on the budget, so each
        gives this budget's Lagrangian bound ``λ·B + Σ_c z_c(λ)`` and its spending brackets
        this budget's price without a single new solve: a point next to one already solved
        starts with a narrow bracket and a bound within its neighbours' reach.
        """
        for price, xs, bounds in list(self.solved):
            self._take(price, sum(bounds), xs, offer=False)
        if "fits" in self.answers:
            self.offer(
                _plan_of(self.m, self.blocks, _combine(self.blocks, self.answers, self.budget))
            )

    def evaluate(self, price: float) -> None:
        answered = self.answers_at(price)
        if answered is None:
            return
        self._take(price, *answered)

    def _take(self, price: float, bound: float, xs: list[np.ndarray], offer: bool = True) -> None:
        """The bound, bracket and plan of the centres' answers ``xs`` at ``price``."""
        bound += price * self.budget
        if bound < self.bound:
            self.bound, self.price = bound, price
        spent = _spend(self.blocks, xs)
        # inside the bracket only: answers cut at a node limit may spend a little more at a
        # higher price, and an earlier budget's price outside the bracket says nothing new
        if spent <= self.budget:
            if self.low < price <= self.high:
                self.high, self.answers["fits"], self.spent_high = price, xs, spent
        elif self.low <= price < self.high:
            self.low, self.answers["over"], self.spent_low = price, xs, spent
        if offer and "fits" in self.answers:
            self.offer(
                _plan_of(self.m, self.blocks, _combine(self.blocks, self.answers, self.budget))
            )

    def next_price(self, step: float) -> float:
        """Step by ``step`` until the budget is bracketed; then the price at which spending,
        drawn as a straight line between the bracket's ends, meets the budget — kept inside
        the middle 80 % of the bracket so that the bracket always shrinks."""
        low, high = self.low, self.high
        if not math.isfinite(high):
            return low * step
        if low == 0.0:
            return high / step
        t = (self.spent_low - self.budget) / max(1e-9, self.spent_low - self.spent_high)
        return low + min(0.9, max(0.1, t)) * (high - low)

    def offer(self, plan: tuple[Buys, Repairs]) -> None:
        """Keep ``plan`` if it is better than the best so far and keeps the budget to the đồng."""
        value = objective_value(self.inst, *plan)
        if value > self.value and totals(self.inst, *plan).total <= self.budget:
            self.plan, self.value = plan, value

    def bracket(self) -> float:
        return (self.high - self.low) / self.high if math.isfinite(self.high) else math.inf

    def proven(self, gap: float) -> bool:
        return (self.bound - self.value) / max(1.0, abs(self.value)) <= gap

    def result(self, seconds: float) -> Result:
        return Result("feasible", self.value, self.bound, self.price, *self.plan, seconds)

    def choose_answers(self, time_limit: float | None) -> None:
        """The best combination of the centres' answers within the budget, then the greedy.

        Every price tried gave each centre an answer (its best plan at that price). Choosing one
        answer per centre so that the total value is largest within the budget is a
        multiple-choice knapsack — binaries ``y[c,a]``, ``Σ_a y[c,a] = 1`` per centre and
        ``Σ spend[c,a]·y[c,a] ≤ B`` — which HiGHS solves exactly in a fraction of a second. It
        is where the budget's last đồng are best split among centres that are alike, something
        no single price can do; the greedy then spends whatever the chosen answers leave.
        """
        if not self.blocks:  # nothing to fund
            return
        options = [_distinct([xs[k] for _, xs, _ in self.solved]) for k in range(len(self.blocks))]
        chosen = _multiple_choice(
            self.blocks,
            options,
            self.budget,
            time_limit,
            start=[
                _index_of(opts, x) for opts, x in zip(options, self.answers["fits"], strict=False)
            ],
            should_stop=self.should_stop,
        )
        self.offer(bundle_first_plan(self.inst, seed=_plan_of(self.m, self.blocks, chosen)))


def _distinct(answers: list[np.ndarray]) -> list[np.ndarray]:
    """The answers without repeats, in order: keyed by their values to 1e-6 (HiGHS returns
    whole numbers to within 1e-7), so a sweep's hundreds of answers per centre cost a hash
    each, not a comparison with every answer kept. Two answers that round apart only at a
    key's edge stay both: a repeated option in the multiple-choice step changes nothing."""
    seen: dict[bytes, np.ndarray] = {}
    for x in answers:
        seen.setdefault(np.round(x, 6).tobytes(), x)
    return list(seen.values())


def _index_of(options: list[np.ndarray], x: np.ndarray) -> int:
    """The option ``x`` is (the nearest: :func:`_distinct` keeps one of answers a rounding
    apart)."""
    return int(np.argmin([np.max(np.abs(x - y), initial=0.0) for y in options]))


def _multiple_choice(
    blocks: list[Block],
    options: list[list[np.ndarray]],
    budget: float,
    time_limit: float | None,
    start: list[int],
    should_stop: Callable[[], bool] | None = None,
) -> list[np.ndarray]:
    """One of ``options[k]`` per centre k, most value within ``budget`` (see choose_answers).

    A stop interrupts HiGHS (solvers.stop_at); the start, or the best found, is returned.
    """
    value = np.array(
        [float(b.value @ x) for b, opts in zip(blocks, options, strict=False) for x in opts]
    )
    spend = np.array(
        [float(b.spend @ x) for b, opts in zip(blocks, options, strict=False) for x in opts]
    )
    n = len(value)
    first = np.cumsum([0] + [len(opts) for opts in options])
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 1e-6)
    if time_limit is not None:
        h.setOptionValue("time_limit", float(time_limit))
    h.addVars(n, np.zeros(n), np.ones(n))
    h.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n)
    )
    h.changeColsCost(n, np.arange(n, dtype=np.int32), value)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    for k in range(len(options)):
        h.addRow(
            1.0,
            1.0,
            int(first[k + 1] - first[k]),
            np.arange(first[k], first[k + 1], dtype=np.int32),
            np.ones(int(first[k + 1] - first[k])),
        )
    # the budget less a đồng per centre: the answers' spending is summed in floating point
    h.addRow(-highspy.kHighsInf, budget - len(options), n, np.arange(n, dtype=np.int32), spend)
    start_y = np.zeros(n)
    start_y[first[:-1] + np.array(start, dtype=np.int64)] = 1.0
    h.setSolution(n, np.arange(n, dtype=np.int32), start_y)
    stop_at(h, None, should_stop)
    h.run()
    y = (
        np.asarray(h.getSolution().col_value)
        if h.getInfo().primal_solution_status == 2
        else start_y
    )
    return [opts[int(np.argmax(y[first[k] : first[k + 1]]))] for k, opts in enumerate(options)]


def _combine(
    blocks: list[Block], answers: dict[str, list[np.ndarray]], budget: float
) -> list[np.ndarray]:
    """The fitting answers, with centres moved to their overspending answer while money is left."""
    chosen = list(answers["fits"])
    left = budget - sum(float(b.spend @ x) for b, x in zip(blocks, chosen, strict=False))
    if "over" in answers:
        moves = []
        for k, (b, fit, over) in enumerate(
            zip(blocks, answers["fits"], answers["over"], strict=False)
        ):
            extra = float(b.spend @ (over - fit))
            gain = float(b.value @ (over - fit))
            if extra > 0 and gain > 0:
                moves.append((gain / extra, extra, k))
        for _, extra, k in sorted(moves, reverse=True):
            if extra <= left:
                chosen[k], left = answers["over"][k], left - extra
    return chosen
