"""A long run on a page: its step and time redrawn every half second, and the "Dừng" button.

The run itself is a planner.services.run_job.Job kept in ``st.session_state[key]`` (it outlives the
script run that started it). :func:`follow` draws it and waits in the script run, redrawing
the status line every :data:`REDRAW` seconds; each redraw is a point where Streamlit can end
the script run, so a click anywhere (the stop button, another page) is served at once and the
next run picks the job up again. Once the job is over, :func:`follow` takes it out of the
session and hands it back: the page reads ``job.result()`` (a result, an error, or Stopped).

Streamlit's own "Stop" at the top of the page (written "Dừng" too, app_pages.widget_words)
ends the script run rather than asking for a rerun; a job watched by a script run told to stop
is stopped with it, so both buttons that say "Dừng" do the same. A rerun (a click elsewhere, a
page change) leaves the job running.

A reload starts a new browser session, which has no job: the old session's thread goes on
until its run ends (at the latest at its time limit) and its result is dropped.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import StopException

from planner import labels
from planner.services.run_job import Job, seconds_text, status_text

REDRAW = 0.5  # seconds between two redraws of a running job


def start(key: str, job: Job) -> None:
    """Keep ``job`` as the page's run; a run still going under the same key is stopped
    (the newest request is the one the user waits for)."""
    previous = st.session_state.get(key)
    if isinstance(previous, Job) and previous.running:
        previous.stop()
    st.session_state[key] = job


def follow(key: str) -> Job | None:
    """Draw the job under ``key`` and wait while it runs; once it is over, remove and return it.

    ``None`` when there is no job (nothing is drawn).
    """
    job = st.session_state.get(key)
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
            job.stop()
            raise
        box.empty()
    del st.session_state[key]
    return job


def stopped_notice(job: Job, kept: str | None) -> None:
    """Say that ``job`` was stopped and has no result; ``kept``: what is still shown below."""
    text = labels.JOBS["stopped_run"].format(seconds=seconds_text(job.seconds()))
    st.warning(f"{text} {kept}" if kept else text, icon=":material/stop_circle:")
