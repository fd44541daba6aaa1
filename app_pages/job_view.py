"""A long run on a page: its step and time redrawn every half second, and the "Dừng" button.

The run itself is a planner.services.run_job.Job kept in ``st.session_state[key]`` (it outlives the
script run that started it). :func:`follow` draws it and waits in the script run, redrawing
the status line every :data:`REDRAW` seconds; each redraw is a point where Streamlit can end
the script run, so a click anywhere (the stop button, another page) is served at once and the
next run picks the job up again. Once the job is over, :func:`follow` takes it out of the
session and hands it back: the page reads ``job.result()`` (a result, an error, or Stopped).

Streamlit's own "Stop" at the top of the page (written "Dừng" too, app_pages.widget_words)
ends the script run rather than asking for a rerun; a job watched by a script run told to stop
is stopped with it, so both buttons that say "Dừng" do the same — unless the stop came from
the browser going away (a reload), see :func:`_browser_gone`. A rerun (a click elsewhere, a
page change) leaves the job running.

A reload starts a new browser session, which has no job in its state: the job is also
registered for its user (planner.services.job_registry, one server process), so the reloaded
page finds it under the same key, says so, and watches it as before (seconds, "Dừng", result).
The job keeps its own result in the database, so nothing is lost if no page watches it.
"""

from __future__ import annotations

import time

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import StopException

from app_pages.state import ACTOR, plain
from planner import labels
from planner.services import job_registry
from planner.services.run_job import Job, seconds_text, status_text

REDRAW = 0.5  # seconds between two redraws of a running job


def _user() -> str | None:
    actor = st.session_state.get(ACTOR)
    return actor.name if actor is not None else None


def _browser_gone() -> bool:
    """The script run was ended because its browser session went away (a reload, a closed
    tab), not by the user's "Dừng": then the job goes on, for the reloaded page to find.

    Streamlit ends the script run of a disconnected session the way its Stop does; the one
    difference a script can see is that the session is no longer active (the session manager
    asks the stop first and marks the session inactive just after, hence the short wait).
    """
    from streamlit import runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or not runtime.exists():
        return False
    time.sleep(0.2)
    return not runtime.get_instance().is_active_session(ctx.session_id)


def start(key: str, job: Job) -> None:
    """Keep ``job`` as the page's run, for this session and for the user's next (a reload);
    a run still going under the same key is stopped (the newest request is the one the user
    waits for)."""
    previous = st.session_state.get(key)
    if isinstance(previous, Job) and previous.running:
        previous.stop()
    user = _user()
    if user is not None:
        replaced = job_registry.attach(user, key, job)
        if replaced is not None and replaced is not previous and replaced.running:
            replaced.stop()  # started in another tab or before a reload
    st.session_state[key] = job


def follow(key: str) -> Job | None:
    """Draw the job under ``key`` and wait while it runs; once it is over, remove and return it.

    A session without a job under ``key`` takes the user's registered one (a reload while it
    ran, or one that finished since). ``None`` when there is no job (nothing is drawn).
    """
    job = st.session_state.get(key)
    user = _user()
    if not isinstance(job, Job) and user is not None:
        job = job_registry.find(user, key)
        if job is not None:
            st.session_state[key] = job
            if job.running:
                text = labels.REATTACHED.get(job.kind, labels.REATTACHED["solve"])
                st.info(text.format(name=plain(job.subject)), icon=":material/sync:")
    if not isinstance(job, Job):
        return None
    if job.running:
        box = st.empty()
        with box.container():
            line = st.empty()
            st.button(
                labels.JOBS["stop"],
                key=f"{key}_stop",
                on_click=job.stop,
                help=labels.JOBS["stop_help"],
                icon=":material/stop_circle:",
            )
        try:
            while True:
                now = job.snapshot()
                line.progress(now.fraction, text=status_text(job))
                if job.wait(REDRAW):
                    break
        except StopException:
            if not _browser_gone():
                job.stop()
            raise
        box.empty()
    del st.session_state[key]
    if user is not None:
        job_registry.release(user, key, job)
    return job


def stopped_notice(job: Job, kept: str | None) -> None:
    """Say that ``job`` was stopped and has no result; ``kept``: what is still shown below."""
    text = labels.JOBS["stopped_run"].format(seconds=seconds_text(job.seconds()))
    st.warning(f"{text} {kept}" if kept else text, icon=":material/stop_circle:")
