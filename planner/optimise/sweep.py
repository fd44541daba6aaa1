"""Budget–value curve: one model, its total-budget row moved from point to point.

The model is built once with the first budget; each next point only changes the right-hand
side of ``budget_total`` and re-solves (HiGHS re-runs its loaded model in place). The value is
monotone in the budget by construction — a larger budget keeps every plan of a smaller one
feasible — so a dip larger than the solver's gap tolerance would be a bug (tests check it).
"""

from __future__ import annotations

from collections.abc import Callable

from planner.errors import BadInput
from planner import labels
from planner.optimise.accounting import totals
from planner.optimise.instance import Instance
from planner.optimise.model import build_model
from planner.optimise.solve import Runner, SolveOptions


def parse_budgets(text: str) -> list[int]:
    """``START:STOP:N`` → N budgets evenly spaced from START to STOP (đồng, inclusive)."""
    try:
        start, stop, n = (int(float(part)) for part in text.split(":"))
    except ValueError as exc:
        raise BadInput(labels.OPTIMISE["budgets_format"]) from exc
    if n < 1 or start < 0 or stop < start:
        raise BadInput(labels.OPTIMISE["budgets_format"])
    if n == 1:
        return [start]
    return [round(start + (stop - start) * k / (n - 1)) for k in range(n)]


def sweep(inst: Instance, budgets: list[int], options: SolveOptions = SolveOptions(),
          progress: Callable[[int, int, dict], None] | None = None) -> dict:
    """``{"points": [{"budget", "objective", "spent", "status", "solve_seconds"}]}``."""
    model = build_model(inst.with_budget(budgets[0]))
    runner = Runner(model, options)
    points = []
    for k, budget in enumerate(budgets, start=1):
        runner.set_rhs("budget_total", budget)
        outcome = runner.solve()
        spent = round(totals(inst, outcome.buys, outcome.repairs).total) if outcome.has_plan else None
        point = {"budget": budget, "objective": outcome.objective, "spent": spent,
                 "status": outcome.status, "solve_seconds": round(outcome.seconds, 4)}
        points.append(point)
        if progress:
            progress(k, len(budgets), point)
    return {"points": points}
