"""The solvers behind a model: HiGHS in process, CBC as a peer, and what each needs.

``highs`` is ``pulp.HiGHS`` (in-process, through ``highspy``), handed a start plan and an
interrupt (the command's one deadline, a user's stop); ``cbc`` is ``pulp.COIN_CMD`` on the
``cbc`` binary (Debian ``coinor-cbc``), never the deprecated bundled ``PULP_CBC_CMD``, whose
proven bound is read from its log. :mod:`planner.optimise.solve` runs them and reads what they
say; this module only makes them.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pulp

from planner import labels
from planner.errors import Infeasible

if TYPE_CHECKING:
    import highspy  # for annotations; the functions import it where they use it

    from planner.optimise.solve import SolveOptions

SOLVERS = ("highs", "cbc")
DEFAULT_SOLVER = "highs"

# Every whole-model run: no restart of the search after the root. HiGHS restarts (presolve and
# root cuts again) when enough integer columns are fixed; on these models that repeats most of
# the root work. Measured on the 2017 demo (28 centres, whole model, gap 1e-4, quiet machine):
# 30 % of need 5.66 s → 1.32 s, 5 % 4.44 → 4.17 s, 10–40 % and the realistic rules within
# ±0.3 s; 2025 at 4 % (the whole model after the decomposition) unchanged (19.0 vs 19.3 s).
WHOLE_MODEL_HIGHS_OPTIONS = (("mip_allow_restart", False),)


def cbc_path() -> str | None:
    """The system ``cbc`` binary, if installed."""
    return shutil.which("cbc")


def available_solvers() -> list[str]:
    return ["highs"] + (["cbc"] if cbc_path() else [])


_BANNER_SHOWN = False


def swallow_highs_banner() -> None:
    """highspy prints a banner on stdout at its first ``Highs()``; keep stdout for our output."""
    global _BANNER_SHOWN
    if _BANNER_SHOWN:
        return
    import os
    import sys

    import highspy

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    _BANNER_SHOWN = True


def hand_start(highs: highspy.Highs, start: dict[pulp.LpVariable, float]) -> None:
    """Give a loaded HiGHS model a starting plan: ``start`` maps PuLP variables to values.

    The branch and bound then never returns anything worse than that plan, even when stopped
    by its time limit.
    """
    if start:
        index = np.array([var.index for var in start], dtype=np.int32)
        value = np.array(list(start.values()), dtype=np.float64)
        highs.setSolution(len(index), index, value)


def stop_at(
    highs: highspy.Highs, deadline: float | None, should_stop: Callable[[], bool] | None = None
) -> None:
    """Interrupt a HiGHS run at ``deadline`` (a ``time.perf_counter()`` instant) or on a stop.

    HiGHS checks its own time limit only between steps: rounds of root cuts have been seen
    to run 2.6 s on a 0.8 s limit. Its interrupt callback is asked inside those steps too,
    so the command's one deadline holds; an interrupted run keeps its best plan and bound.
    ``should_stop`` (SolveOptions.should_stop) is asked at the same moments, so that a user's
    stop ends even a long branch and bound within a moment.
    """
    for callback in (highs.cbMipInterrupt, highs.cbSimplexInterrupt):
        callback.clear()
    if deadline is None and should_stop is None:
        return

    def interrupt(event: highspy.HighsCallbackEvent) -> None:
        late = deadline is not None and time.perf_counter() >= deadline
        if late or (should_stop is not None and should_stop()):
            event.interrupt()

    highs.cbMipInterrupt.subscribe(interrupt)
    highs.cbSimplexInterrupt.subscribe(interrupt)


class HiGHSFromStart(pulp.HiGHS):
    """PuLP's in-process HiGHS, handed a starting plan (:func:`hand_start`) before it runs."""

    def __init__(
        self,
        start: dict[pulp.LpVariable, float] | None = None,
        deadline: float | None = None,
        should_stop: Callable[[], bool] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)
        self.start = start or {}
        self.deadline = deadline
        self.should_stop = should_stop

    def callSolver(self, lp: pulp.LpProblem) -> None:
        hand_start(lp.solverModel, self.start)
        stop_at(lp.solverModel, self.deadline, self.should_stop)
        lp.solverModel.run()


def make_solver(
    options: SolveOptions,
    tmpdir: str,
    mip: bool = True,
    start: dict[pulp.LpVariable, float] | None = None,
    deadline: float | None = None,
) -> pulp.LpSolver:
    """The PuLP solver object for ``options`` (explicit; never an import-time default)."""
    if options.solver == "highs":
        swallow_highs_banner()
        return HiGHSFromStart(
            start,
            deadline,
            options.should_stop,
            mip=mip,
            msg=False,
            timeLimit=options.time_limit,
            gapRel=options.gap,
            threads=options.threads,
            **dict(WHOLE_MODEL_HIGHS_OPTIONS + options.highs_options),
        )
    if options.solver == "cbc":
        path = cbc_path()
        if path is None:
            raise Infeasible(labels.OPTIMISE["cbc_missing"])
        solver = pulp.COIN_CMD(
            path=path,
            mip=mip,
            msg=False,
            timeLimit=options.time_limit,
            gapRel=options.gap,
            threads=options.threads,
        )
        solver.tmpDir = tmpdir
        solver.optionsDict["logPath"] = str(Path(tmpdir) / CBC_LOG)
        return solver
    raise Infeasible(
        labels.OPTIMISE["solver_unknown"].format(solver=options.solver, known=", ".join(SOLVERS))
    )


CBC_LOG = "cbc.log"
_CBC_BOUND = re.compile(r"^(Upper|Lower) bound:\s*(-?[0-9.]+(?:e[-+]?[0-9]+)?)", re.MULTILINE)


def cbc_bound(log_text: str, maximise: bool) -> tuple[bool, float | None]:
    """(proven optimal outright, the best bound CBC printed) from a CBC log.

    CBC ends with ``Result - Optimal solution found`` (proven; ``(within gap tolerance)`` when
    it stopped at the relative gap) or ``Result - Stopped on …``, then ``Upper bound:`` (when
    maximising) or ``Lower bound:`` with a few decimals. The printed figure is rounded, so half
    a unit of its last decimal is added (maximising) or taken off, which keeps it a bound.
    """
    proven = bool(re.search(r"^Result - Optimal solution found\s*$", log_text, re.MULTILINE))
    wanted = "Upper" if maximise else "Lower"
    for kind, figure in _CBC_BOUND.findall(log_text):
        if kind != wanted:
            continue
        decimals = len(figure.split(".")[1].split("e")[0]) if "." in figure else 0
        exponent = int(figure.split("e")[1]) if "e" in figure else 0
        margin = 0.5 * 10.0 ** (exponent - decimals)
        value = float(figure)
        return proven, value + margin if maximise else value - margin
    return proven, None
