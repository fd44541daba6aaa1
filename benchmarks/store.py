"""Store benchmark: 27 district processes saving 10 survey versions each at once, and logins.

Run: ``.venv/bin/python benchmarks/store.py``; writes the "## Store" section of
``benchmarks/RESULTS.md`` and keeps the other sections. PostgreSQL is the test suite's own
throw-away server (``tests/pg.py``); each save carries a 20 KB "uploaded file".
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

from _results import write_section  # benchmarks/ is on sys.path (script, or __main__)

from planner.auth import Actor, Role, hash_password, verify_password
from planner.demo.data import load_demo
from planner.models import Survey, SurveySource
from planner.services.surveys import save_survey
from planner.store.db import make_engine, reading
from planner.store.surveys import latest_surveys, latest_version_number

PROCESSES, ROUNDS = 27, 10
UPLOAD = os.urandom(20_000)


def _district(url: str, centre: str, survey_json: str, barrier) -> None:
    engine = make_engine(url)
    survey = Survey.model_validate_json(survey_json)
    actor = Actor(f"dv{centre}", Role.DISTRICT, centre)
    barrier.wait()
    for _ in range(ROUNDS):
        with reading(engine) as session:
            base = latest_version_number(session, centre)
        save_survey(
            engine, actor, survey, base_version=base, source=SurveySource.UPLOAD, original=UPLOAD
        )


def concurrent_saves(url: str) -> float:
    """Seconds from the barrier's release until all 270 saves are committed."""
    engine = make_engine(url)
    load_demo(engine, "thanh-hoa-2017")
    with reading(engine) as session:
        surveys = {
            c: s.model_dump_json() for c, (_, s) in latest_surveys(session).items() if c != "38"
        }
    engine.dispose()
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(PROCESSES + 1)
    workers = [
        context.Process(target=_district, args=(url, c, s, barrier)) for c, s in surveys.items()
    ]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    assert all(w.exitcode == 0 for w in workers), "a district process failed"
    return elapsed


def login_cost() -> tuple[float, float]:
    started = time.perf_counter()
    stored = hash_password("mat-khau-du-dai")
    hashed = time.perf_counter() - started
    started = time.perf_counter()
    verify_password(stored, "mat-khau-du-dai")
    return hashed, time.perf_counter() - started


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    import pg

    with tempfile.TemporaryDirectory() as folder:
        sqlite_s = concurrent_saves(f"sqlite:///{folder}/bench.sqlite3")
    server = pg.start_server()
    try:
        postgres_s = concurrent_saves(server.create_database())
    finally:
        server.stop()
    hashed, verified = login_cost()
    saves = PROCESSES * ROUNDS
    section = (
        "## Store\n\n"
        f"Measured {dt.date.today().isoformat()} with `benchmarks/store.py` on {os.cpu_count()} CPU(s).\n\n"
        "| task | time | per save |\n|---|---|---|\n"
        f"| {PROCESSES} processes × {ROUNDS} saves at once, SQLite (WAL, BEGIN IMMEDIATE) | {sqlite_s:.2f} s "
        f"| {1000 * sqlite_s / saves:.1f} ms |\n"
        f"| {PROCESSES} processes × {ROUNDS} saves at once, PostgreSQL 15 | {postgres_s:.2f} s "
        f"| {1000 * postgres_s / saves:.1f} ms |\n"
        f"| argon2id hash / verify (argon2-cffi defaults) | {hashed * 1000:.0f} ms / {verified * 1000:.0f} ms | |\n"
    )
    print(section)
    write_section("Store", section)


if __name__ == "__main__":
    main()
