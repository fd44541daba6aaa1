"""A solve or a budget sweep run in a background thread, so that a page can watch and stop it.

A 2025 solve can take most of a minute. Run inside a page's script, it would leave the page
with one progress bar and no way out; run here, in a thread of its own, it leaves the page free
to redraw every half second what the run is doing and for how long (:meth:`Job.snapshot`,
:func:`status_text`) and to offer a stop button (:meth:`Job.stop`).

The stop is a :class:`threading.Event` the run is handed as ``SolveOptions.should_stop``: HiGHS
asks it in its interrupt callback, the decomposition before each centre's solve, the one-unit
check and the sweep between points; a stopped run raises errors.Stopped and has no result
(:meth:`Job.result` raises it again), so the page keeps showing the last good result and
nothing is written to the database. A run that finishes keeps its result in the database from
its own thread (``keep``), so a reload that finds the job again through
planner.services.job_registry, or none at all, loses nothing.

HiGHS asks its callback only between its own steps, and one step can be long: in the whole
2025 model at 5 % of the need, a round of root cuts ran 15 s without asking (measured with
HiGHS 1.16). So a stopped job is *over* for the page when its thread has ended or
:data:`STOP_GRACE` seconds after the stop, whichever comes first; a thread still inside such
a step ends at HiGHS's next question (at the latest at the run's time limit) and its result is
dropped.

Only plain Python here (no Streamlit): the thread never touches a page; the page reads the
job. The thread runs in a copy of the starting context, so the step texts are in the
language of the user who started it (labels.switch keeps the language in a ContextVar, which a
new thread would not see).
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar, cast

from sqlalchemy import Engine

from planner import labels
from planner.auth import Action, Actor, require
from planner.errors import PlannerError, Stopped
from planner.optimise.scenario import Scenario
from planner.optimise.solve import SolveOptions
from planner.services.workspace import Workspace

T = TypeVar("T")
STOP_GRACE = 2.0  # seconds a stopped run has to end before the page stops waiting for it
Progress = Callable[[float, str], None]
ShouldStop = Callable[[], bool]


@dataclass(frozen=True)
class Snapshot:
    """What a page draws of a job at one moment."""

    step: str
    fraction: float  # 0..1, for a progress bar
    seconds: float  # since the job started (until it ended, once it has)
    running: bool  # not over yet (Job.over)
    stopping: bool  # a stop was asked for


class Job(Generic[T]):
    """One run in its own thread: its step, its time, its stop, and its result or error."""

    def __init__(
        self,
        work: Callable[[Progress, ShouldStop], T],
        kind: str = "run",
        subject: str = "",
        keep: Callable[[T], object] | None = None,
    ) -> None:
        """Start ``work(progress, should_stop)`` at once in a daemon thread.

        ``subject``: what the run is about (a scenario's name), for the page that collects it.
        ``keep``: called in the thread with the result of a run that was not stopped, before
        the job is over, so that the result is in the database even if no page watches any
        more (a reload); what it returns (or the PlannerError it raised) is :attr:`kept`.

        Daemon: a server shutting down does not wait for a solve nobody will read; the solve
        ends at its own time limit anyway.
        """
        self.kind, self.subject = kind, subject
        self.started = time.monotonic()
        self.steps: list[tuple[float, float, str]] = []  # (seconds, fraction, step), in order
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._done = threading.Event()
        self._step, self._fraction = labels.JOBS["starting"], 0.0
        self._ended: float | None = None
        self._stop_asked: float | None = None  # when the stop was asked for
        self._result: T | None = None
        self._error: BaseException | None = None
        self._keep = keep
        self.kept: object = None  # what ``keep`` returned, or the PlannerError it raised
        context = contextvars.copy_context()  # the starting session's language
        self._thread = threading.Thread(
            target=context.run, args=(self._run, work), name=f"planner-{kind}", daemon=True
        )
        self._thread.start()

    def _run(self, work: Callable[[Progress, ShouldStop], T]) -> None:
        try:
            result = work(self._progress, self._stop.is_set)
        except BaseException as exc:  # carried to whoever reads the result
            self._error = exc
        else:
            self._result = result
            if self._keep is not None and not self._stop.is_set():
                try:
                    self.kept = self._keep(result)
                except PlannerError as exc:  # the result stands; the page says it was not kept
                    self.kept = exc
        finally:
            with self._lock:
                self._ended = time.monotonic()
            self._done.set()

    def _progress(self, fraction: float, step: str) -> None:
        with self._lock:
            self._step, self._fraction = step, max(0.0, min(1.0, fraction))
            self.steps.append((time.monotonic() - self.started, self._fraction, step))

    def stop(self) -> None:
        """Ask the run to stop: it has no result, and is over within :data:`STOP_GRACE` s."""
        with self._lock:
            if self._stop_asked is None:
                self._stop_asked = time.monotonic()
        self._stop.set()

    @property
    def thread_alive(self) -> bool:
        """The thread still runs (after a stop: still inside a long solver step)."""
        return not self._done.is_set()

    @property
    def stop_asked(self) -> bool:
        return self._stop.is_set()

    @property
    def over(self) -> bool:
        """Nothing more to wait for: the run ended, or was stopped STOP_GRACE seconds ago."""
        if self._done.is_set():
            return True
        with self._lock:
            asked = self._stop_asked
        return asked is not None and time.monotonic() - asked >= STOP_GRACE

    @property
    def running(self) -> bool:
        return not self.over

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the job is :attr:`over`, at most ``timeout`` seconds; whether it is."""
        end = None if timeout is None else time.monotonic() + timeout
        while not self.over:
            left = 0.1 if end is None else min(0.1, end - time.monotonic())
            if left <= 0:
                return False
            self._done.wait(left)
        return True

    def seconds(self) -> float:
        """Seconds the run has taken: so far, or until it ended or was asked to stop."""
        with self._lock:
            ends = [t for t in (self._ended, self._stop_asked) if t is not None]
        return (min(ends) if ends else time.monotonic()) - self.started

    def snapshot(self) -> Snapshot:
        with self._lock:
            step, fraction = self._step, self._fraction
        return Snapshot(step, fraction, self.seconds(), self.running, self.stop_asked)

    @property
    def stopped(self) -> bool:
        """The job is over and was stopped (it has no result)."""
        return self.over and (self.stop_asked or isinstance(self._error, Stopped))

    def result(self) -> T:
        """The run's result; its error raised again; :class:`Stopped` if it was stopped.

        A stop asked for just as the run finished still counts as a stop: the user asked for
        no new result, and gets none.
        """
        if not self.over:
            raise RuntimeError(f"job {self.kind} still running")
        if self.stopped:
            if isinstance(self._error, Stopped):
                raise self._error
            raise Stopped(labels.JOBS["stopped"])
        if self._error is not None:
            raise self._error
        return cast(T, self._result)


def status_text(job: Job) -> str:
    """``Đang giải… bước: <step> — đã chạy 12 giây`` (or that it is stopping)."""
    now = job.snapshot()
    seconds = seconds_text(now.seconds)
    if now.stopping:
        return labels.JOBS["stopping"].format(seconds=seconds)
    return labels.JOBS["running"].format(step=_in_sentence(now.step), seconds=seconds)


def _in_sentence(step: str) -> str:
    """A step's own text inside the status line: no closing dots, a capital made small
    (``Đang lập…`` → ``đang lập``; an acronym such as ``HiGHS`` stays)."""
    step = step.rstrip("….")
    if len(step) > 1 and step[0].isupper() and step[1].islower():
        return step[0].lower() + step[1:]
    return step


def seconds_text(seconds: float) -> str:
    """Whole seconds, written the session's way (``1.234`` in Vietnamese)."""
    return labels.number(int(seconds))


def _kept_run(engine: Engine | None, actor: Actor, workspace: Workspace):
    """The ``keep`` of a solve job: the run into the database (planner.services.run_history)."""
    if engine is None:
        return None
    from planner.services.run_history import keep

    return lambda result: keep(engine, actor, workspace, result)


def start_solve(
    workspace: Workspace,
    actor: Actor,
    scenario: Scenario,
    *,
    time_limit: float | None,
    engine: Engine | None = None,
) -> Job:
    """A job running ``scenario_run.run_scenario``: its result is a ScenarioResult.

    The right to run is checked here, before the thread starts, so that a refusal is said at
    once (run_scenario checks it again). With ``engine``, the finished run is kept in the
    database by the job (its :attr:`Job.kept` is the KeptRun).
    """
    from planner.services.scenario_run import run_scenario

    require(actor, Action.RUN_SCENARIO)

    def work(progress: Progress, should_stop: ShouldStop):
        options = SolveOptions(time_limit=time_limit, should_stop=should_stop)
        return run_scenario(workspace, actor, scenario, options=options, progress=progress)

    return Job(work, "solve", scenario.name, keep=_kept_run(engine, actor, workspace))


def start_sweep(
    workspace: Workspace,
    actor: Actor,
    scenario: Scenario,
    budgets: list[int],
    *,
    time_limit: float | None,
    engine: Engine | None = None,
) -> Job:
    """A job running ``scenario_run.sweep_scenario``: its result is the curve's points.

    With ``engine``, the finished curve is kept in the database by the job
    (planner.store.sweeps; its :attr:`Job.kept` is the Kept row's id and pruning).
    """
    from planner.services.scenario_run import sweep_scenario

    require(actor, Action.RUN_SCENARIO)

    def work(progress: Progress, should_stop: ShouldStop):
        options = SolveOptions(time_limit=time_limit, should_stop=should_stop)
        return sweep_scenario(
            workspace, actor, scenario, budgets, options=options, progress=progress
        )

    def keep(points: list[dict]):
        from planner.services.run_history import stamp_text
        from planner.store.sweeps import keep_sweep

        assert engine is not None
        return keep_sweep(
            engine,
            actor,
            scenario=scenario,
            points=points,
            dataset=workspace.dataset or "",
            data_stamp=stamp_text(engine),
        )

    return Job(work, "sweep", scenario.name, keep=keep if engine is not None else None)


def start_solves(
    workspace: Workspace,
    actor: Actor,
    scenarios: list[Scenario],
    *,
    time_limit: float | None,
    engine: Engine | None = None,
) -> Job:
    """A job solving ``scenarios`` one after the other: its result is their ScenarioResults.

    The progress of each run is a slice of the whole, its step named after its scenario. A stop
    ends the whole batch with no result (the runs already solved are dropped with it: the
    batch is what the user asked for, and a part of a comparison compares nothing).
    """
    from planner.services.scenario_run import run_scenario

    require(actor, Action.RUN_SCENARIO)

    def work(progress: Progress, should_stop: ShouldStop):
        options = SolveOptions(time_limit=time_limit, should_stop=should_stop)
        results = []
        for k, scenario in enumerate(scenarios):

            def part(fraction: float, step: str, k: int = k, name: str = scenario.name) -> None:
                progress((k + fraction) / len(scenarios), f"{name}: {step}")

            results.append(run_scenario(workspace, actor, scenario, options=options, progress=part))
        return results

    one = _kept_run(engine, actor, workspace)

    def keep(results: list) -> list:
        """Each run kept on its own: a KeptRun, or the PlannerError that refused it."""
        kept: list = []
        for result in results:
            try:
                kept.append(one(result) if one is not None else None)
            except PlannerError as exc:
                kept.append(exc)
        return kept

    names = ", ".join(s.name for s in scenarios)
    return Job(work, "solves", names, keep=keep if engine is not None else None)
