"""Web app benchmark: server time of page reruns that do not solve, at 2025 scale (167 centres).

Target: ≤ 300 ms per rerun. Each page is run through Streamlit's AppTest (the real
script, in process; the time includes AppTest's own overhead, so it is an upper bound on the
server's script time). "cold" is the first run of the page in a fresh process state (caches
empty); "rerun" is the median of the next runs (what a user waits for after each click);
"after a save" is the first run after a new survey version (the cached workspace and needs
are rebuilt). Run: ``.venv/bin/python benchmarks/app.py``; it writes the "## Web app" section
of ``benchmarks/RESULTS.md`` and keeps the other sections.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

from _results import write_section  # benchmarks/ is on sys.path (script, or __main__)

ROOT = Path(__file__).resolve().parent.parent
RERUNS = 15
TARGET_MS = 300


def timed_run(at) -> float:
    start = time.perf_counter()
    at.run()
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    return (time.perf_counter() - start) * 1000


def measure_page(actor, page: str, engine, centre: str) -> dict:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from planner.auth import SYSTEM
    from planner.models import SurveySource
    from planner.services.surveys import history, save_survey

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    at.session_state["actor"] = actor
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    st.cache_data.clear()  # the first run above (the role's default page) filled them
    st.cache_resource.clear()
    cold = timed_run(at)
    reruns = [timed_run(at) for _ in range(RERUNS)]
    current = history(engine, SYSTEM, centre)[-1]
    save_survey(
        engine, SYSTEM, current.survey, base_version=current.version, source=SurveySource.FORM
    )
    after_save = timed_run(at)
    return {
        "page": page,
        "role": actor.role.value,
        "cold": cold,
        "rerun": statistics.median(reruns),
        "worst": max(reruns),
        "after_save": after_save,
    }


def main() -> None:
    from planner.auth import Actor, Role
    from planner.demo.accounts import ensure_demo_accounts
    from planner.demo.data import load_demo
    from planner.store.db import make_engine, shared_engine

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        os.environ["PLANNER_DATABASE_URL"] = url
        engine = make_engine(url)
        load_demo(engine, "thanh-hoa-2025")
        accounts = ensure_demo_accounts(engine)
        district = next(a for a in accounts if a.role == Role.DISTRICT)
        shared_engine.cache_clear()
        planner = Actor("kehoach", Role.PLANNER)
        officer = Actor(district.name, Role.DISTRICT, district.centre)
        rows = [
            measure_page(planner, p, engine, district.centre)
            for p in ("overview", "needs", "scenario")
        ]
        rows += [measure_page(officer, p, engine, district.centre) for p in ("survey", "needs")]
        engine.dispose()
    table = "\n".join(
        f"| {r['page']} | {r['role']} | {r['cold']:.0f} ms | {r['rerun']:.0f} ms | {r['worst']:.0f} ms | "
        f"{r['after_save']:.0f} ms | {'yes' if r['rerun'] <= TARGET_MS else 'NO'} |"
        for r in rows
    )
    section = (
        "## Web app\n\n"
        f"Measured {dt.date.today().isoformat()} with `benchmarks/app.py`: thanh-hoa-2025 demo (167 centres), "
        f"AppTest runs of `streamlit_app.py` in one process (AppTest overhead included); rerun = median of "
        f"{RERUNS} reruns without solving. Target: rerun ≤ {TARGET_MS} ms.\n\n"
        "| page | role | cold (empty caches) | rerun (median) | rerun (worst) | first run after a survey save | "
        "within target |\n|---|---|---|---|---|---|---|\n" + table + "\n"
    )
    print(section)
    write_section("Web app", section)


if __name__ == "__main__":
    main()
