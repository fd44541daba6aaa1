"""Many processes saving at once, and a process killed mid-save, on SQLite and PostgreSQL.

27 district processes save 10 versions each at the same moment (a barrier releases them
together): all 270 versions must be there, numbered 1..11 per centre with the demo's version 1,
with no "database is locked". Then several processes fight over ONE centre, retrying on stale
versions: every accepted save is a distinct version, none silently overwritten. Finally a
process is killed with SIGKILL while its write transaction is open: no partial version is left,
the database is intact, and the next save goes through.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
import traceback

from sqlalchemy import func, select, text

from planner.auth import SYSTEM, Actor, Role
from planner.models import Survey, SurveySource
from planner.services.surveys import history, save_survey
from planner.store.centres import list_centres
from planner.store.db import make_engine, reading
from planner.store.surveys import StaleVersion, latest_version_number
from planner.store.tables import SurveyRow

PROCESSES = 27
ROUNDS = 10
UPLOAD = os.urandom(20_000)


def _save_rounds(url, centre, survey_json, rounds, barrier, results) -> None:
    """One district office: wait for the others, then save ``rounds`` versions one after another."""
    started = time.monotonic()
    try:
        engine = make_engine(url)
        actor = Actor(f"dv{centre}", Role.DISTRICT, centre)
        survey = Survey.model_validate_json(survey_json)
        barrier.wait(timeout=60)
        started = time.monotonic()
        for round_ in range(ROUNDS if rounds is None else rounds):
            with reading(engine) as session:
                base = latest_version_number(session, centre)
            marked = survey.model_copy(update={"surveyed_by": f"{centre}-r{round_}"})
            save_survey(engine, actor, marked, base_version=base, source=SurveySource.UPLOAD,
                        original=UPLOAD, original_name=f"{centre}-{round_}.xlsx")  # fmt: skip
        engine.dispose()
        results.put((centre, os.getpid(), started, time.monotonic(), None))
    except Exception:
        results.put((centre, os.getpid(), started, time.monotonic(), traceback.format_exc()))


def _run_processes(
    engine, jobs: list[tuple[str, str]], rounds: int, target=_save_rounds
) -> list[tuple]:
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()  # children must not share the parent's pooled connections
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(jobs))
    results = context.Queue()
    processes = [
        context.Process(target=target, args=(url, c, s, rounds, barrier, results)) for c, s in jobs
    ]
    for process in processes:
        process.start()
    outcome = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    return outcome


def _surveys(engine) -> dict[str, str]:
    with reading(engine) as session:
        centres = [c.code for c in list_centres(session)]
    return {code: history(engine, SYSTEM, code)[-1].survey.model_dump_json() for code in centres}


def test_27_processes_save_10_rounds_at_once_and_nothing_is_lost(demo_store):
    surveys = _surveys(demo_store)
    districts = [code for code in surveys if code != "38"]
    assert len(districts) == PROCESSES
    outcome = _run_processes(demo_store, [(c, surveys[c]) for c in districts], ROUNDS)
    errors = [error for *_, error in outcome if error]
    assert not errors, errors[0]
    assert len({pid for _, pid, *_ in outcome}) == PROCESSES
    with reading(demo_store) as session:
        saved = session.scalar(
            select(func.count()).select_from(SurveyRow).where(SurveyRow.source == "upload")
        )
        rows = session.execute(select(SurveyRow.centre_code, SurveyRow.version, SurveyRow.data)
                               .order_by(SurveyRow.id)).all()  # fmt: skip
    assert saved == PROCESSES * ROUNDS
    # really concurrent: all 27 passed the barrier together, and their saves interleave (run one
    # after another they would form 27 blocks of 10, with 26 switches between centres)
    uploads = [c for c, v, _ in rows if v > 1]
    switches = sum(a != b for a, b in itertools.pairwise(uploads))
    assert switches > 2 * PROCESSES, switches
    for code in districts:
        mine = sorted((v, d["surveyed_by"]) for c, v, d in rows if c == code)
        assert [v for v, _ in mine] == list(range(1, ROUNDS + 2))
        assert [by for _, by in mine[1:]] == [f"{code}-r{r}" for r in range(ROUNDS)]


def _contend(url, name, survey_json, saves, barrier, results) -> None:
    """Several officers of ONE centre: read, save on that base; on a stale refusal re-read and retry."""
    started = time.monotonic()
    try:
        engine = make_engine(url)
        survey = Survey.model_validate_json(survey_json)
        actor = Actor(name, Role.DISTRICT, survey.centre)
        barrier.wait(timeout=60)
        started, stale = time.monotonic(), 0
        for n in range(saves):
            while True:
                with reading(engine) as session:
                    base = latest_version_number(session, survey.centre)
                try:
                    marked = survey.model_copy(update={"surveyed_by": f"{name}-{n}"})
                    save_survey(engine, actor, marked, base_version=base, source=SurveySource.FORM)
                    break
                except StaleVersion:
                    stale += 1
        engine.dispose()
        results.put((name, stale, started, time.monotonic(), None))
    except Exception:
        results.put((name, 0, started, time.monotonic(), traceback.format_exc()))


def test_officers_of_one_centre_never_overwrite_each_other(demo_store):
    survey = _surveys(demo_store)["380"]
    officers, saves = 8, 5
    outcome = _run_processes(
        demo_store, [(f"o{i}", survey) for i in range(officers)], saves, target=_contend
    )
    errors = [error for *_, error in outcome if error]
    assert not errors, errors[0]
    versions = history(demo_store, SYSTEM, "380")
    assert [v.version for v in versions] == list(range(1, officers * saves + 2))
    markers = sorted(v.survey.surveyed_by for v in versions[1:])
    assert markers == sorted(f"o{i}-{n}" for i in range(officers) for n in range(saves))
    # each officer's own saves are in its order (each was based on the one before it)
    for i in range(officers):
        mine = [v.survey.surveyed_by for v in versions if v.survey.surveyed_by.startswith(f"o{i}-")]
        assert mine == [f"o{i}-{n}" for n in range(saves)]


KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    import planner.services.surveys as surveys
    from planner.auth import SYSTEM
    from planner.models import Survey, SurveySource
    from planner.store.db import make_engine

    original_add = surveys.add_survey_version

    def add_then_hang(session, *args, **kwargs):
        version = original_add(session, *args, **kwargs)  # inserted and flushed, not committed
        print("FLUSHED", version, flush=True)
        time.sleep(120)

    surveys.add_survey_version = add_then_hang
    engine = make_engine(sys.argv[1])
    survey = Survey.model_validate_json(sys.stdin.read())
    surveys.save_survey(engine, SYSTEM, survey, base_version=1, source=SurveySource.UPLOAD,
                        original=b"x" * 3_000_000, original_name="big.xlsx")
    """
)


def test_kill_9_during_a_save_leaves_no_partial_version(demo_store):
    survey = _surveys(demo_store)["380"]
    url = demo_store.url.render_as_string(hide_password=False)
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, url],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    writer.stdin.write(survey)
    writer.stdin.close()
    line = writer.stdout.readline()
    assert line.startswith("FLUSHED 2"), writer.stderr.read()
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    demo_store.dispose()
    assert [v.version for v in history(demo_store, SYSTEM, "380")] == [1]
    if demo_store.dialect.name == "sqlite":
        with demo_store.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    # the lock died with the process: the next save goes straight through as version 2
    started = time.monotonic()
    again = Survey.model_validate_json(survey)
    assert save_survey(demo_store, SYSTEM, again, base_version=1, source=SurveySource.FORM) == 2
    assert time.monotonic() - started < 10
    with reading(demo_store) as session:
        assert (
            session.scalar(
                select(func.count())
                .select_from(SurveyRow)
                .where(SurveyRow.original_file.is_not(None))
            )
            == 0
        )


def test_a_database_server_that_is_gone_is_a_clear_error(tmp_path, capsys):
    from planner.cli import main

    url = f"postgresql://nobody@/planner?host={tmp_path}"  # no server listens there
    assert main(["history", "--centre", "38", "--db", url]) == 2  # the contract: nothing saved
    assert "cơ sở dữ liệu" in capsys.readouterr().err.lower()
