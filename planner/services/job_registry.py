"""The running jobs of this server process, by user: what lets a reloaded page find its job.

A page used to keep its :class:`~planner.services.run_job.Job` in ``st.session_state`` only. A
reload (F5, a typed URL) starts a new Streamlit session with an empty state, so the page lost
sight of a solve or a sweep that was still running: no elapsed time, no stop button, and its
result was dropped. Here every job a page starts is also registered under (user, page key);
a new session of the same user asks :func:`find` and watches the same job again — its
seconds, its "Dừng", and its result once done (the job keeps its result in the database
itself, planner.services.run_job, so even a job nobody watches any more is not lost).

Limit: this is memory of one server process. Streamlit serves every session of one
``streamlit run`` from one process, which is how the app is run (README); a restart of the
server, or several server processes behind a balancer, loses the registry (a job's thread dies
with its process anyway; what it had finished is in the database).

Thread-safe: sessions run their scripts in threads of their own, and a job's thread ends on
its own; every read and write of the registry holds one lock. Bounded: one job per (user,
key) — starting another replaces it — and finished jobs nobody collected are dropped after
:data:`FORGET_AFTER` seconds.
"""

from __future__ import annotations

import threading
import time

from planner.services.run_job import Job

FORGET_AFTER = 3600.0  # seconds a finished, uncollected job stays to be shown after a reload

_lock = threading.Lock()
_jobs: dict[tuple[str, str], tuple[Job, float]] = {}  # (user, key) → (job, registered at)


def _prune(now: float) -> None:
    for where, (job, since) in list(_jobs.items()):
        if job.over and now - since > FORGET_AFTER:
            del _jobs[where]


def attach(user: str, key: str, job: Job) -> Job | None:
    """Register ``job`` as ``user``'s job under ``key``; the job it replaces, if any (still
    running or not: the caller decides whether to stop it)."""
    now = time.monotonic()
    with _lock:
        _prune(now)
        previous = _jobs.get((user, key))
        _jobs[(user, key)] = (job, now)
    return previous[0] if previous else None


def find(user: str, key: str) -> Job | None:
    """``user``'s job under ``key`` (running, or finished and not yet collected), or None."""
    with _lock:
        found = _jobs.get((user, key))
    return found[0] if found else None


def release(user: str, key: str, job: Job) -> None:
    """Forget ``job`` once a page has collected it (only that job: a newer one stays)."""
    with _lock:
        found = _jobs.get((user, key))
        if found is not None and found[0] is job:
            del _jobs[(user, key)]


def jobs_of(user: str) -> dict[str, Job]:
    """Every job registered for ``user``, by key (for tests and diagnostics)."""
    with _lock:
        return {key: job for (who, key), (job, _) in _jobs.items() if who == user}
